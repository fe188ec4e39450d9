import { and, assign, emit, enqueueActions, fromPromise, setup, type ActorRefFrom, type SnapshotFrom } from 'xstate';
import type { IntakeServices, AreaCheck, FoundBooking, SubmitResult } from '../services';
import {
  CATEGORIES,
  LOCALES,
  MODALITIES,
  RELATIONS,
  SUPPORT_KINDS,
  TIE_STRENGTHS,
  URGENCIES,
  type AgencyInfo,
  type BookingSummary,
  type Category,
  type CrisisType,
  type DirectoryMatch,
  type IntakeRecord,
  type Locale,
  type Modality,
  type Resource,
  type Slot
} from '../types';
import type { IntakeEvent, IntakeOutput } from './events';
import { buildNarrative } from './narrative';
import { clip, emptyRecord, guessRelation, readContactDetail, restartedRecord } from './record';
import type { Stage } from './stages';

export interface IntakeContext {
  conversationId: string;
  locale: Locale;
  /** The stage of CONVERSATION.md the person is in; overlays such as crisis keep the last one. */
  stage: Stage;
  afterHours: boolean;
  record: IntakeRecord;
  /** True while the person corrects one answer from the summary; answering returns there. */
  editing: boolean;
  pendingResource?: Partial<Resource>;
  slots: Slot[];
  chosenSlot?: Slot;
  referrals: DirectoryMatch[];
  /** How the person wants to meet, chosen before the slots are offered. */
  modality?: Modality;
  /** The reference typed to change or cancel a booking, and the booking it found. */
  managedReference?: string;
  managed?: FoundBooking;
  /** How often the current question went unanswered; after a few, we offer a person. */
  misses: number;
  /** Booking references tried in vain; capped so references cannot be guessed by chatting. */
  referenceMisses?: number;
}

export interface IntakeInput {
  conversationId: string;
  channel: string;
  locale: Locale;
  afterHours: boolean;
  at: string;
}

export interface IntakeMachineOptions {
  agency: AgencyInfo;
  services: IntakeServices;
}

const SLOTS_SHOWN = 4;
const REFERRALS_SHOWN = 3;
const MAX_STRENGTHS = 12;
const MAX_RESOURCES = 12;
const MAX_REFERENCE_TRIES = 3;

const chosen = (event: IntakeEvent, value: string) => event.type === 'CHOOSE' && event.value === value;
const chosenPrefix = (event: IntakeEvent, prefix: string) =>
  event.type === 'CHOOSE' && event.value.startsWith(prefix) ? event.value.slice(prefix.length) : undefined;
const typed = (event: IntakeEvent) => (event.type === 'TEXT' ? clip(event.text, 2000) : undefined);
const stamp = (record: IntakeRecord, event: IntakeEvent): IntakeRecord => ({ ...record, updatedAt: event.at });
const isOneOf = <T extends string>(list: readonly T[], value: string | undefined): value is T =>
  value !== undefined && (list as readonly string[]).includes(value);

/** Builds the intake statechart for one agency; the services are invoked as actors. */
export function createIntakeMachine({ agency, services }: IntakeMachineOptions) {
  return setup({
    types: {
      context: {} as IntakeContext,
      events: {} as IntakeEvent,
      input: {} as IntakeInput,
      emitted: {} as IntakeOutput
    },
    actors: {
      checkArea: fromPromise<AreaCheck, { text: string }>(({ input }) => services.checkArea(input)),
      findSlots: fromPromise<Slot[], { modality: Modality; urgency?: IntakeRecord['request']['urgency'] }>(({ input }) =>
        services.findSlots({ ...input, limit: SLOTS_SHOWN })
      ),
      findReferrals: fromPromise<DirectoryMatch[], { category: Category; area?: string; locale: Locale }>(({ input }) =>
        services.findReferrals({ ...input, limit: REFERRALS_SHOWN })
      ),
      submitIntake: fromPromise<SubmitResult, { conversationId: string; record: IntakeRecord; slot?: Slot; modality?: Modality }>(
        ({ input }) =>
          services.submitIntake({
            conversationId: input.conversationId,
            record: input.record,
            slotId: input.slot?.id,
            modality: input.modality
          })
      ),
      findBooking: fromPromise<FoundBooking | undefined, { reference: string }>(({ input }) => services.findBooking(input)),
      cancelBooking: fromPromise<boolean, { reference: string; conversationId: string }>(({ input }) =>
        services.cancelBooking(input)
      ),
      rebook: fromPromise<
        { ok: true; booking: BookingSummary } | { ok: false; reason: 'slot_taken' | 'not_found' },
        { reference: string; slotId: string; conversationId: string }
      >(({ input }) => services.rebook(input)),
      alertStaff: fromPromise<void, Parameters<IntakeServices['alertStaff']>[0]>(({ input }) => services.alertStaff(input)),
      deleteData: fromPromise<void, { conversationId: string }>(({ input }) => services.deleteData(input)),
      saveFeedback: fromPromise<void, Parameters<IntakeServices['saveFeedback']>[0]>(({ input }) => services.saveFeedback(input))
    },
    guards: {
      isEditing: ({ context }) => context.editing,
      saidNo: ({ event }) => event.type === 'TEXT' && event.yesNo === 'no',
      saidUnsure: ({ event }) => event.type === 'TEXT' && event.yesNo === 'unsure',
      hasFaqAnswer: ({ event }) => event.type === 'TEXT' && event.faq !== undefined,
      /** A category other than "other" is worth proposing; "other" means the NLU was unsure. */
      hasProposedCategory: ({ event }) => event.type === 'TEXT' && event.category !== undefined && event.category !== 'other',
      isInScope: ({ context }) =>
        context.record.area.inArea !== false &&
        context.record.request.category !== undefined &&
        agency.categories.includes(context.record.request.category),
      isOutOfArea: ({ context }) => context.record.area.inArea === false,
      isUrgent: ({ context }) => context.record.request.urgency === 'today',
      isAtResourceLimit: ({ context }) => context.record.resources.length >= MAX_RESOURCES,
      isAtStrengthLimit: ({ context }) => context.record.strengths.length >= MAX_STRENGTHS,
      hasConsent: ({ context }) => context.record.consent?.given === true,
      isOfferedSlot: ({ context, event }) => event.type === 'CHOOSE' && context.slots.some((slot) => `slot:${slot.id}` === event.value),
      hasContactDetail: ({ context }) => context.record.contact.detail !== undefined,
      isOutOfReferenceTries: ({ context }) => (context.referenceMisses ?? 0) >= MAX_REFERENCE_TRIES,
      isValidContactDetail: ({ context, event }) =>
        event.type === 'TEXT' && readContactDetail(context.record.contact.method ?? 'phone', event.text) !== undefined
    },
    actions: {
      emitEmergency: emit({ type: 'emergency' as const }),
      answerFaq: emit(({ event }) => ({
        type: 'faq' as const,
        id: (event.type === 'TEXT' ? event.faq : chosenPrefix(event, 'faq:')) ?? 'offer'
      })),
      enterStage: assign((_, params: { stage: Stage }) => ({ stage: params.stage, misses: 0 })),
      say: emit((_, params: { id: string }) => ({ type: 'say' as const, id: params.id })),
      sayNotUnderstood: enqueueActions(({ context, enqueue }) => {
        enqueue.assign({ misses: context.misses + 1 });
        enqueue.emit({
          type: 'say',
          id: context.misses >= 2 ? 'common.notUnderstoodOfferPerson' : 'common.notUnderstood',
          params: { phone: agency.phone }
        });
      }),
      sayUnreadable: emit(({ event }) => ({
        type: 'say' as const,
        id: `common.unreadable.${event.type === 'UNREADABLE' ? event.reason : 'empty'}`
      })),
      sayHelp: emit(({ context }) => ({ type: 'say' as const, id: 'help.general', params: { phone: agency.phone, stage: context.stage } })),
      reflectBack: emit(({ context }) => ({
        type: 'say' as const,
        id: `clarify.reflect.${context.record.request.category ?? 'other'}`
      })),
      recordConsent: assign(({ context, event }) => ({
        record: stamp({ ...context.record, consent: { given: true, at: event.at, version: agency.consentVersion } }, event)
      })),
      recordNoConsent: assign(({ context, event }) => ({
        record: stamp({ ...emptyRecord(context.record.channel, context.locale, context.record.createdAt), risk: context.record.risk, consent: { given: false, at: event.at, version: agency.consentVersion }, outcome: 'info' as const }, event)
      })),
      recordForWhom: assign(({ context, event }) => ({
        record: stamp({ ...context.record, route: { ...context.record.route, forWhom: chosen(event, 'route.other') ? 'other' as const : 'self' as const } }, event)
      })),
      recordInitiative: assign(({ context, event }) => {
        const value = chosenPrefix(event, 'route.');
        const initiative = value === 'suggested' || value === 'required' ? value : ('own' as const);
        return { record: stamp({ ...context.record, route: { ...context.record.route, initiative } }, event) };
      }),
      recordReferrer: assign(({ context, event }) => {
        const byWhom = event.type === 'CHOOSE' ? event.value : typed(event);
        return { record: stamp({ ...context.record, route: { ...context.record.route, byWhom } }, event) };
      }),
      recordDifficulty: assign(({ context, event }) => {
        if (event.type !== 'TEXT') return {};
        return {
          record: stamp(
            {
              ...context.record,
              request: {
                ...context.record.request,
                words: clip(event.text, 2000),
                proposedCategory: event.category,
                category: event.category,
                categoryConfirmed: false
              }
            },
            event
          )
        };
      }),
      confirmCategory: assign(({ context, event }) => ({
        record: stamp({ ...context.record, request: { ...context.record.request, categoryConfirmed: true } }, event)
      })),
      recordCategory: assign(({ context, event }) => {
        const picked = chosenPrefix(event, 'category:');
        const category = isOneOf(CATEGORIES, picked) ? picked : (event.type === 'TEXT' ? event.category : undefined);
        if (!category) return {};
        return { record: stamp({ ...context.record, request: { ...context.record.request, category, categoryConfirmed: true } }, event) };
      }),
      recordSince: assign(({ context, event }) => ({
        record: stamp({ ...context.record, request: { ...context.record.request, since: event.type === 'CHOOSE' ? event.value : typed(event) } }, event)
      })),
      recordGoal: assign(({ context, event }) => ({
        record: stamp({ ...context.record, request: { ...context.record.request, goal: typed(event) } }, event)
      })),
      recordTried: assign(({ context, event }) => ({
        record: stamp({ ...context.record, request: { ...context.record.request, triedBefore: event.type === 'CHOOSE' ? event.value : typed(event) } }, event)
      })),
      recordUrgency: assign(({ context, event }) => {
        const urgency = chosenPrefix(event, 'urgency.');
        if (!isOneOf(URGENCIES, urgency)) return {};
        return { record: stamp({ ...context.record, request: { ...context.record.request, urgency } }, event) };
      }),
      recordStrength: assign(({ context, event }) => {
        const chip = chosenPrefix(event, 'strength.');
        const strength = chip ? `strength.${chip}` : typed(event);
        if (!strength || context.record.strengths.includes(strength)) return {};
        return { record: stamp({ ...context.record, strengths: [...context.record.strengths, strength] }, event) };
      }),
      clearStrengths: assign(({ context, event }) => ({ record: stamp({ ...context.record, strengths: [] }, event) })),
      startResource: assign(({ event }) => {
        const relation = chosenPrefix(event, 'relation.');
        if (isOneOf(RELATIONS, relation)) return { pendingResource: { who: `relation.${relation}`, relation } };
        const who = typed(event) ?? '';
        return { pendingResource: { who, relation: guessRelation(who) } };
      }),
      recordSupportKind: assign(({ context, event }) => {
        const kind = chosenPrefix(event, 'support.');
        const kinds = isOneOf(SUPPORT_KINDS, kind)
          ? [kind]
          : SUPPORT_KINDS.filter((candidate) => event.type === 'TEXT' && new RegExp(candidate, 'i').test(event.text));
        return { pendingResource: { ...context.pendingResource, kinds: kinds.length > 0 ? kinds : ['practical' as const] } };
      }),
      recordTie: assign(({ context, event }) => {
        const tie = chosenPrefix(event, 'tie.');
        const pending = context.pendingResource ?? {};
        const resource: Resource = {
          who: pending.who ?? '',
          relation: pending.relation ?? 'other',
          kinds: pending.kinds ?? ['practical'],
          tie: isOneOf(TIE_STRENGTHS, tie) ? tie : 'weak'
        };
        return { pendingResource: undefined, record: stamp({ ...context.record, resources: [...context.record.resources, resource] }, event) };
      }),
      clearResources: assign(({ context, event }) => ({ pendingResource: undefined, record: stamp({ ...context.record, resources: [] }, event) })),
      recordAreaInput: assign(({ context, event }) => ({
        record: stamp({ ...context.record, area: { input: typed(event) } }, event)
      })),
      recordAreaUnknown: assign(({ context, event }) => ({
        record: stamp({ ...context.record, area: { input: undefined, matched: undefined, inArea: undefined } }, event)
      })),
      rememberModality: assign(({ event }) => {
        const modality = chosenPrefix(event, 'modality.');
        return isOneOf(MODALITIES, modality) ? { modality, chosenSlot: undefined } : {};
      }),
      recordInterpreter: assign(({ context, event }) => {
        const language = chosenPrefix(event, 'interpreter.');
        const interpreter = language === 'none' ? undefined : (language ?? typed(event));
        return { record: stamp({ ...context.record, contact: { ...context.record.contact, interpreter } }, event) };
      }),
      recordAccessibility: assign(({ context, event }) => ({
        record: stamp({ ...context.record, contact: { ...context.record.contact, accessibility: chosen(event, 'access.none') ? undefined : typed(event) } }, event)
      })),
      chooseSlot: assign(({ context, event }) => {
        const id = chosenPrefix(event, 'slot:');
        return { chosenSlot: context.slots.find((slot) => slot.id === id) };
      }),
      recordName: assign(({ context, event }) => ({
        record: stamp({ ...context.record, contact: { ...context.record.contact, name: chosen(event, 'name.skip') ? undefined : typed(event)?.slice(0, 80) } }, event)
      })),
      recordContactMethod: assign(({ context, event }) => ({
        record: stamp({ ...context.record, contact: { ...context.record.contact, method: chosen(event, 'contact.email') ? 'email' as const : 'phone' as const, detail: undefined } }, event)
      })),
      recordContactDetail: assign(({ context, event }) => ({
        record: stamp({ ...context.record, contact: { ...context.record.contact, detail: readContactDetail(context.record.contact.method ?? 'phone', typed(event) ?? '') } }, event)
      })),
      startEditing: assign({ editing: true }),
      stopEditing: assign({ editing: false }),
      recordRating: assign(({ context, event }) => {
        const rating = Number(chosenPrefix(event, 'rating.'));
        return { record: stamp({ ...context.record, feedback: { ...context.record.feedback, rating: rating >= 1 && rating <= 5 ? rating : undefined } }, event) };
      }),
      recordComment: assign(({ context, event }) => ({
        record: stamp({ ...context.record, feedback: { ...context.record.feedback, comment: typed(event) } }, event)
      })),
      recordCrisis: assign(({ context, event }) => {
        const type: CrisisType = event.type === 'CRISIS' ? event.crisisType : 'self_harm';
        return {
          record: stamp({ ...context.record, risk: [...context.record.risk, { type, at: event.at, stage: context.stage, staffAlerted: false }] }, event)
        };
      }),
      markStaffAlerted: assign(({ context }) => ({
        record: { ...context.record, risk: context.record.risk.map((signal, index) => (index === context.record.risk.length - 1 ? { ...signal, staffAlerted: true } : signal)) }
      })),
      changeLocale: assign(({ context, event }) => {
        const picked = event.type === 'LANGUAGE' ? event.locale : chosenPrefix(event, 'lang:');
        if (!isOneOf(LOCALES, picked) || !agency.locales.includes(picked)) return {};
        return { locale: picked, record: { ...context.record, locale: picked } };
      }),
      restart: assign(({ context, event }) => ({
        record: restartedRecord(context.record, event.at),
        editing: false,
        pendingResource: undefined,
        slots: [],
        chosenSlot: undefined,
        referrals: [],
        managed: undefined,
        misses: 0
      })),
      forgetEverything: assign(({ context, event }) => ({
        record: emptyRecord(context.record.channel, context.locale, event.at),
        editing: false,
        pendingResource: undefined,
        slots: [],
        chosenSlot: undefined,
        referrals: [],
        managed: undefined,
        misses: 0
      })),
      writeNarrative: assign(({ context }) => ({
        record: { ...context.record, narrative: buildNarrative(context.record, agency.staffLocale) }
      }))
    }
  }).createMachine({
    id: 'intake',
    context: ({ input }) => ({
      conversationId: input.conversationId,
      locale: input.locale,
      stage: 'welcome',
      afterHours: input.afterHours,
      record: emptyRecord(input.channel, input.locale, input.at),
      editing: false,
      slots: [],
      referrals: [],
      misses: 0
    }),
    initial: 'flow',
    on: {
      TICK: { actions: assign(({ event }) => (event.type === 'TICK' ? { afterHours: event.afterHours } : {})) },
      CRISIS: { target: '.crisis' },
      HELP: { actions: 'sayHelp' },
      HUMAN: { target: '.human' },
      LANGUAGE: [
        { guard: ({ event }) => event.locale !== undefined, actions: ['changeLocale', { type: 'say', params: { id: 'language.changed' } }] },
        { target: '.language' }
      ],
      RESTART: { target: '.restartConfirm' },
      DELETE: { target: '.deleteConfirm' },
      PAUSE: { target: '.paused' },
      IDLE_RETURN: { target: '.resumeAsk' },
      UNREADABLE: { actions: 'sayUnreadable' },
      CHOOSE: { actions: 'sayNotUnderstood' },
      TEXT: { actions: 'sayNotUnderstood' }
    },
    states: {
      flow: {
        initial: 'welcome',
        on: {
          MANAGE_BOOKING: { target: '.manage' }
        },
        states: {
          hist: { type: 'history', history: 'deep' },
          welcome: {
            entry: [
              { type: 'enterStage', params: { stage: 'welcome' } },
              emit(({ context }) => ({ type: 'say' as const, id: context.afterHours ? 'welcome.greetingAfterHours' : 'welcome.greeting' })),
              emit(({ context }) => (context.afterHours ? { type: 'emergency' as const } : { type: 'say' as const, id: 'welcome.whatICanDo' }))
            ],
            meta: { question: 'welcome.ask', choices: ['welcome.start', 'welcome.question', 'welcome.booking'] },
            on: {
              CHOOSE: [
                { guard: ({ event }) => chosen(event, 'welcome.start'), target: 'consent' },
                { guard: ({ event }) => chosen(event, 'welcome.question'), target: 'info' },
                { guard: ({ event }) => chosen(event, 'welcome.booking'), target: 'manage' }
              ],
              TEXT: [
                { guard: 'hasFaqAnswer', actions: 'answerFaq', target: 'info.answered' },
                { guard: 'saidNo', target: 'info' },
                { target: 'consent' }
              ]
            }
          },
          consent: {
            entry: { type: 'enterStage', params: { stage: 'consent' } },
            meta: { question: 'consent.ask', choices: ['consent.yes', 'consent.no', 'consent.more'], yes: 'consent.yes', no: 'consent.no' },
            on: {
              CHOOSE: [
                { guard: ({ event }) => chosen(event, 'consent.yes'), actions: 'recordConsent', target: 'route' },
                { guard: ({ event }) => chosen(event, 'consent.no'), actions: ['recordNoConsent', { type: 'say', params: { id: 'consent.declined' } }], target: 'info' },
                { guard: ({ event }) => chosen(event, 'consent.more'), actions: { type: 'say', params: { id: 'consent.details' } } }
              ],
              TEXT: [
                { guard: 'saidUnsure', actions: { type: 'say', params: { id: 'consent.details' } } },
                { actions: 'sayNotUnderstood' }
              ]
            }
          },
          route: {
            initial: 'forWhom',
            entry: { type: 'enterStage', params: { stage: 'route' } },
            states: {
              forWhom: {
                meta: { question: 'route.askForWhom', choices: ['route.self', 'route.other', 'route.info'] },
                on: {
                  CHOOSE: [
                    { guard: ({ event }) => chosen(event, 'route.info'), target: '#intake.flow.info' },
                    { guard: ({ event }) => chosen(event, 'route.self') || chosen(event, 'route.other'), actions: 'recordForWhom', target: 'initiative' }
                  ]
                }
              },
              initiative: {
                meta: { question: 'route.askInitiative', choices: ['route.own', 'route.suggested', 'route.required'] },
                on: {
                  CHOOSE: [
                    { guard: ({ event }) => chosen(event, 'route.own'), actions: 'recordInitiative', target: '#intake.flow.clarify' },
                    {
                      guard: ({ event }) => chosen(event, 'route.suggested') || chosen(event, 'route.required'),
                      actions: 'recordInitiative',
                      target: 'referrer'
                    }
                  ]
                }
              },
              referrer: {
                meta: {
                  question: 'route.askReferrer',
                  choices: ['referrer.court', 'referrer.school', 'referrer.employer', 'referrer.child_welfare', 'referrer.health', 'referrer.family', 'referrer.other'],
                  freeText: true
                },
                on: {
                  CHOOSE: { guard: ({ event }) => event.value.startsWith('referrer.'), actions: ['recordReferrer', { type: 'say', params: { id: 'route.thanksReferrer' } }], target: '#intake.flow.clarify' },
                  TEXT: { actions: ['recordReferrer', { type: 'say', params: { id: 'route.thanksReferrer' } }], target: '#intake.flow.clarify' }
                }
              }
            }
          },
          clarify: {
            initial: 'difficulty',
            entry: { type: 'enterStage', params: { stage: 'clarify' } },
            states: {
              difficulty: {
                meta: { question: 'clarify.askDifficulty', freeText: true },
                on: {
                  TEXT: [
                    { guard: 'hasProposedCategory', actions: 'recordDifficulty', target: 'category' },
                    { actions: 'recordDifficulty', target: 'categoryPick' }
                  ]
                }
              },
              category: {
                meta: { question: 'clarify.confirmCategory', choices: ['category.confirm', 'category.change'], yes: 'category.confirm', no: 'category.change' },
                on: {
                  CHOOSE: [
                    { guard: ({ event }) => chosen(event, 'category.confirm'), actions: ['confirmCategory', 'reflectBack'], target: 'afterCategory' },
                    { guard: ({ event }) => chosen(event, 'category.change'), target: 'categoryPick' },
                    { guard: ({ event }) => event.value.startsWith('category:'), actions: ['recordCategory', 'reflectBack'], target: 'afterCategory' }
                  ]
                }
              },
              categoryPick: {
                meta: { question: 'clarify.pickCategory', choices: CATEGORIES.map((category) => `category:${category}`) },
                on: {
                  CHOOSE: { guard: ({ event }) => event.value.startsWith('category:'), actions: ['recordCategory', 'reflectBack'], target: 'afterCategory' },
                  TEXT: [
                    { guard: 'hasProposedCategory', actions: ['recordCategory', 'reflectBack'], target: 'afterCategory' },
                    { actions: 'sayNotUnderstood' }
                  ]
                }
              },
              afterCategory: {
                always: [{ guard: 'isEditing', target: '#intake.flow.summary' }, { target: 'since' }]
              },
              since: {
                meta: { question: 'clarify.askSince', choices: ['since.days', 'since.weeks', 'since.months', 'since.years'], freeText: true },
                on: {
                  CHOOSE: { guard: ({ event }) => event.value.startsWith('since.'), actions: 'recordSince', target: 'afterSince' },
                  TEXT: { actions: 'recordSince', target: 'afterSince' }
                }
              },
              afterSince: { always: [{ guard: 'isEditing', target: '#intake.flow.summary' }, { target: 'goal' }] },
              goal: {
                meta: { question: 'clarify.askGoal', freeText: true },
                on: { TEXT: { actions: ['recordGoal', { type: 'say', params: { id: 'clarify.thanksGoal' } }], target: 'afterGoal' } }
              },
              afterGoal: { always: [{ guard: 'isEditing', target: '#intake.flow.summary' }, { target: 'tried' }] },
              tried: {
                meta: { question: 'clarify.askTried', choices: ['tried.nothing'], freeText: true },
                on: {
                  CHOOSE: { guard: ({ event }) => chosen(event, 'tried.nothing'), actions: 'recordTried', target: 'afterTried' },
                  TEXT: { actions: 'recordTried', target: 'afterTried' }
                }
              },
              afterTried: { always: [{ guard: 'isEditing', target: '#intake.flow.summary' }, { target: 'urgency' }] },
              urgency: {
                meta: { question: 'clarify.askUrgency', choices: ['urgency.today', 'urgency.this_week', 'urgency.can_wait'] },
                on: {
                  CHOOSE: { guard: ({ event }) => event.value.startsWith('urgency.'), actions: 'recordUrgency', target: 'afterUrgency' }
                }
              },
              afterUrgency: {
                always: [
                  { guard: 'isEditing', target: '#intake.flow.summary' },
                  { guard: 'isUrgent', actions: { type: 'say', params: { id: 'clarify.urgentNote' } }, target: '#intake.flow.strengths' },
                  { target: '#intake.flow.strengths' }
                ]
              }
            }
          },
          strengths: {
            initial: 'ask',
            entry: { type: 'enterStage', params: { stage: 'strengths' } },
            states: {
              ask: {
                meta: {
                  question: 'strengths.ask',
                  choices: ['strength.keep_going', 'strength.caring', 'strength.job', 'strength.asks_for_help', 'strength.practical', 'strength.none'],
                  freeText: true
                },
                on: {
                  CHOOSE: [
                    { guard: ({ event }) => chosen(event, 'strength.none'), actions: { type: 'say', params: { id: 'strengths.noneAcknowledged' } }, target: 'leave' },
                    { guard: ({ event }) => event.value.startsWith('strength.'), actions: ['recordStrength', { type: 'say', params: { id: 'strengths.thanks' } }], target: 'more' }
                  ],
                  TEXT: { actions: ['recordStrength', { type: 'say', params: { id: 'strengths.thanks' } }], target: 'more' }
                }
              },
              more: {
                meta: {
                  question: 'strengths.askMore',
                  choices: ['strengths.done', 'strength.keep_going', 'strength.caring', 'strength.job', 'strength.asks_for_help', 'strength.practical'],
                  freeText: true,
                  no: 'strengths.done'
                },
                on: {
                  CHOOSE: [
                    { guard: ({ event }) => chosen(event, 'strengths.done'), target: 'leave' },
                    { guard: 'isAtStrengthLimit', target: 'leave' },
                    { guard: ({ event }) => event.value.startsWith('strength.'), actions: 'recordStrength', target: 'more', reenter: true }
                  ],
                  TEXT: [
                    { guard: 'isAtStrengthLimit', target: 'leave' },
                    { actions: 'recordStrength', target: 'more', reenter: true }
                  ]
                }
              },
              leave: { always: [{ guard: 'isEditing', target: '#intake.flow.summary' }, { target: '#intake.flow.resources' }] }
            }
          },
          resources: {
            initial: 'who',
            entry: { type: 'enterStage', params: { stage: 'resources' } },
            states: {
              who: {
                meta: {
                  question: 'resources.askWho',
                  choices: ['relation.family', 'relation.friend', 'relation.neighbour', 'relation.community', 'relation.work_school', 'relation.professional', 'resources.none'],
                  freeText: true
                },
                on: {
                  CHOOSE: [
                    { guard: ({ event }) => chosen(event, 'resources.none'), actions: { type: 'say', params: { id: 'resources.noneAcknowledged' } }, target: 'leave' },
                    { guard: ({ event }) => event.value.startsWith('relation.'), actions: 'startResource', target: 'kind' }
                  ],
                  TEXT: [
                    { guard: 'saidNo', actions: { type: 'say', params: { id: 'resources.noneAcknowledged' } }, target: 'leave' },
                    { actions: 'startResource', target: 'kind' }
                  ]
                }
              },
              kind: {
                meta: { question: 'resources.askKind', choices: ['support.practical', 'support.emotional', 'support.financial', 'support.information'], freeText: true },
                on: {
                  CHOOSE: { guard: ({ event }) => event.value.startsWith('support.'), actions: 'recordSupportKind', target: 'tie' },
                  TEXT: { actions: 'recordSupportKind', target: 'tie' }
                }
              },
              tie: {
                meta: { question: 'resources.askTie', choices: ['tie.strong', 'tie.weak', 'tie.strained'] },
                on: {
                  CHOOSE: { guard: ({ event }) => event.value.startsWith('tie.'), actions: 'recordTie', target: 'more' }
                }
              },
              more: {
                meta: { question: 'resources.askMore', choices: ['resources.add', 'resources.done'], yes: 'resources.add', no: 'resources.done' },
                on: {
                  CHOOSE: [
                    { guard: ({ event }) => chosen(event, 'resources.done'), target: 'leave' },
                    { guard: 'isAtResourceLimit', target: 'leave' },
                    { guard: ({ event }) => chosen(event, 'resources.add'), target: 'who' }
                  ],
                  TEXT: [
                    { guard: 'isAtResourceLimit', target: 'leave' },
                    { actions: 'startResource', target: 'kind' }
                  ]
                }
              },
              leave: { always: [{ guard: 'isEditing', target: '#intake.flow.summary' }, { target: '#intake.flow.assess' }] }
            }
          },
          assess: {
            initial: 'area',
            entry: { type: 'enterStage', params: { stage: 'assess' } },
            states: {
              area: {
                meta: { question: 'assess.askArea', choices: ['area.unknown'], freeText: true },
                on: {
                  CHOOSE: { guard: ({ event }) => chosen(event, 'area.unknown'), actions: 'recordAreaUnknown', target: 'decide' },
                  TEXT: { actions: 'recordAreaInput', target: 'checking' }
                }
              },
              checking: {
                tags: ['busy'],
                invoke: {
                  id: 'checkArea',
                  src: 'checkArea',
                  input: ({ context }) => ({ text: context.record.area.input ?? '' }),
                  onDone: [
                    {
                      guard: ({ event }) => event.output.kind === 'unrecognised',
                      actions: emit(({ context }) => ({ type: 'say' as const, id: 'assess.areaUnrecognised', params: { input: context.record.area.input ?? '' } })),
                      target: 'area'
                    },
                    {
                      actions: assign(({ context, event }) => ({
                        record: {
                          ...context.record,
                          area: {
                            input: context.record.area.input,
                            matched: event.output.kind === 'unrecognised' ? undefined : event.output.matched,
                            inArea: event.output.kind === 'in_area'
                          }
                        }
                      })),
                      target: 'decide'
                    }
                  ],
                  onError: { actions: { type: 'say', params: { id: 'common.serviceTrouble' } }, target: 'area' }
                }
              },
              decide: {
                always: [
                  { guard: 'isEditing', target: '#intake.flow.summary' },
                  { guard: 'isInScope', actions: { type: 'say', params: { id: 'assess.inScope' } }, target: '#intake.flow.booking' },
                  { guard: 'isOutOfArea', actions: { type: 'say', params: { id: 'assess.outOfArea' } }, target: '#intake.flow.referral' },
                  { actions: { type: 'say', params: { id: 'assess.notOffered' } }, target: '#intake.flow.referral' }
                ]
              }
            }
          },
          booking: {
            initial: 'modality',
            entry: { type: 'enterStage', params: { stage: 'booking' } },
            states: {
              modality: {
                meta: { question: 'booking.askModality', choices: agency.modalities.map((modality) => `modality.${modality}`) },
                on: {
                  CHOOSE: { guard: ({ event }) => event.value.startsWith('modality.'), actions: 'rememberModality', target: 'interpreter' }
                }
              },
              interpreter: {
                meta: { question: 'booking.askInterpreter', choices: ['interpreter.none', ...LOCALES.map((locale) => `interpreter.${locale}`)], freeText: true, no: 'interpreter.none' },
                on: {
                  CHOOSE: { guard: ({ event }) => event.value.startsWith('interpreter.'), actions: 'recordInterpreter', target: 'accessibility' },
                  TEXT: { actions: 'recordInterpreter', target: 'accessibility' }
                }
              },
              accessibility: {
                meta: { question: 'booking.askAccessibility', choices: ['access.none'], freeText: true, no: 'access.none' },
                on: {
                  CHOOSE: { guard: ({ event }) => chosen(event, 'access.none'), actions: 'recordAccessibility', target: 'searching' },
                  TEXT: { actions: 'recordAccessibility', target: 'searching' }
                }
              },
              searching: {
                tags: ['busy'],
                invoke: {
                  id: 'findSlots',
                  src: 'findSlots',
                  input: ({ context }) => ({ modality: context.modality ?? 'in_person', urgency: context.record.request.urgency }),
                  onDone: [
                    { guard: ({ event }) => event.output.length === 0, actions: [assign({ slots: [] }), { type: 'say', params: { id: 'booking.noSlots' } }], target: 'noSlots' },
                    { actions: assign(({ event }) => ({ slots: event.output })), target: 'slots' }
                  ],
                  onError: { actions: [assign({ slots: [] }), { type: 'say', params: { id: 'common.serviceTrouble' } }], target: 'noSlots' }
                }
              },
              slots: {
                entry: emit(({ context }) => ({ type: 'say' as const, id: context.record.request.urgency === 'today' ? 'booking.urgentSlots' : 'booking.slotsIntro', params: { phone: agency.phone } })),
                meta: { question: 'booking.askSlot', choices: 'slots' },
                on: {
                  CHOOSE: [
                    { guard: 'isOfferedSlot', actions: 'chooseSlot', target: 'afterSlot' },
                    { guard: ({ event }) => chosen(event, 'booking.otherModality'), target: 'modality' },
                    { guard: ({ event }) => event.value.startsWith('slot:'), actions: { type: 'say', params: { id: 'booking.slotGone' } }, target: 'searching' }
                  ]
                }
              },
              noSlots: {
                meta: { question: 'booking.askNoSlots', choices: ['booking.otherModality', 'booking.referInstead'] },
                on: {
                  CHOOSE: [
                    { guard: ({ event }) => chosen(event, 'booking.otherModality'), target: 'modality' },
                    { guard: ({ event }) => chosen(event, 'booking.referInstead'), target: '#intake.flow.referral' }
                  ]
                }
              },
              afterSlot: {
                always: [
                  { guard: and(['isEditing', 'hasContactDetail']), target: '#intake.flow.summary' },
                  { target: 'name' }
                ]
              },
              name: {
                meta: { question: 'booking.askName', choices: ['name.skip'], freeText: true },
                on: {
                  CHOOSE: { guard: ({ event }) => chosen(event, 'name.skip'), actions: 'recordName', target: 'contactMethod' },
                  TEXT: { actions: 'recordName', target: 'contactMethod' }
                }
              },
              contactMethod: {
                meta: { question: 'booking.askContactMethod', choices: ['contact.phone', 'contact.email'] },
                on: {
                  CHOOSE: { guard: ({ event }) => event.value.startsWith('contact.'), actions: 'recordContactMethod', target: 'contactDetail' }
                }
              },
              contactDetail: {
                meta: { question: 'booking.askContactDetail', freeText: true, choices: ['contact.otherMethod'] },
                on: {
                  CHOOSE: { guard: ({ event }) => chosen(event, 'contact.otherMethod'), target: 'contactMethod' },
                  TEXT: [
                    {
                      guard: 'isValidContactDetail',
                      actions: 'recordContactDetail',
                      target: '#intake.flow.summary'
                    },
                    { actions: emit(({ context }) => ({ type: 'say' as const, id: context.record.contact.method === 'email' ? 'booking.badEmail' : 'booking.badPhone' })) }
                  ]
                }
              }
            }
          },
          referral: {
            initial: 'searching',
            entry: { type: 'enterStage', params: { stage: 'referral' } },
            states: {
              searching: {
                tags: ['busy'],
                invoke: {
                  id: 'findReferrals',
                  src: 'findReferrals',
                  input: ({ context }) => ({
                    category: context.record.request.category ?? 'other',
                    area: context.record.area.matched ?? context.record.area.input,
                    locale: context.locale
                  }),
                  onDone: [
                    { guard: ({ event }) => event.output.length === 0, actions: [assign({ referrals: [] }), emit({ type: 'say', id: 'referral.none', params: { phone: agency.phone } })], target: 'showing' },
                    {
                      actions: [
                        assign(({ context, event }) => ({
                          referrals: event.output,
                          record: { ...context.record, referrals: event.output.map(({ serviceId, name, reasons }) => ({ serviceId, name, reasons })) }
                        })),
                        emit(({ event }) => ({ type: 'referrals' as const, matches: event.output }))
                      ],
                      target: 'showing'
                    }
                  ],
                  onError: { actions: [assign({ referrals: [] }), emit({ type: 'say', id: 'common.serviceTrouble', params: { phone: agency.phone } })], target: 'showing' }
                }
              },
              showing: {
                meta: { question: 'referral.askNext', choices: ['referral.continue', 'referral.book'] },
                on: {
                  CHOOSE: [
                    { guard: ({ event }) => chosen(event, 'referral.continue'), target: '#intake.flow.summary' },
                    { guard: ({ event }) => chosen(event, 'referral.book'), target: '#intake.flow.booking' }
                  ]
                }
              }
            }
          },
          info: {
            initial: 'ask',
            entry: { type: 'enterStage', params: { stage: 'info' } },
            states: {
              ask: {
                meta: { question: 'info.ask', choices: ['faq:hours', 'faq:address', 'faq:bring', 'faq:offer', 'faq:social_assistance', 'faq:intake_interview'], freeText: true },
                on: {
                  CHOOSE: { guard: ({ event }) => event.value.startsWith('faq:'), actions: 'answerFaq', target: 'answered' },
                  TEXT: [
                    { guard: 'hasFaqAnswer', actions: 'answerFaq', target: 'answered' },
                    { actions: emit({ type: 'say', id: 'info.noAnswer', params: { phone: agency.phone } }), target: 'answered' }
                  ]
                }
              },
              answered: {
                meta: { question: 'info.askNext', choices: ['info.another', 'info.book', 'info.done'] },
                on: {
                  CHOOSE: [
                    { guard: ({ event }) => chosen(event, 'info.another'), target: 'ask' },
                    { guard: and([({ event }) => chosen(event, 'info.book'), 'hasConsent']), target: '#intake.flow.route' },
                    { guard: ({ event }) => chosen(event, 'info.book'), target: '#intake.flow.consent' },
                    { guard: ({ event }) => chosen(event, 'info.done'), target: '#intake.flow.done' },
                    { guard: ({ event }) => event.value.startsWith('faq:'), actions: 'answerFaq', target: 'answered', reenter: true }
                  ],
                  TEXT: [
                    { guard: 'hasFaqAnswer', actions: 'answerFaq', target: 'answered', reenter: true },
                    { actions: emit({ type: 'say', id: 'info.noAnswer', params: { phone: agency.phone } }) }
                  ]
                }
              }
            }
          },
          summary: {
            initial: 'review',
            entry: [{ type: 'enterStage', params: { stage: 'summary' } }, 'stopEditing'],
            states: {
              review: {
                entry: emit({ type: 'summary' }),
                meta: { question: 'summary.ask', choices: ['summary.send', 'summary.edit'], yes: 'summary.send', no: 'summary.edit' },
                on: {
                  CHOOSE: [
                    { guard: ({ event }) => chosen(event, 'summary.send'), target: '#intake.flow.submitting' },
                    { guard: ({ event }) => chosen(event, 'summary.edit'), target: 'pickField' }
                  ]
                }
              },
              pickField: {
                meta: { question: 'summary.askField', choices: 'editFields' },
                on: {
                  CHOOSE: [
                    { guard: ({ event }) => chosen(event, 'edit.request'), actions: 'startEditing', target: '#intake.flow.clarify.difficulty' },
                    { guard: ({ event }) => chosen(event, 'edit.category'), actions: 'startEditing', target: '#intake.flow.clarify.categoryPick' },
                    { guard: ({ event }) => chosen(event, 'edit.since'), actions: 'startEditing', target: '#intake.flow.clarify.since' },
                    { guard: ({ event }) => chosen(event, 'edit.goal'), actions: 'startEditing', target: '#intake.flow.clarify.goal' },
                    { guard: ({ event }) => chosen(event, 'edit.tried'), actions: 'startEditing', target: '#intake.flow.clarify.tried' },
                    { guard: ({ event }) => chosen(event, 'edit.urgency'), actions: 'startEditing', target: '#intake.flow.clarify.urgency' },
                    { guard: ({ event }) => chosen(event, 'edit.strengths'), actions: ['startEditing', 'clearStrengths'], target: '#intake.flow.strengths.ask' },
                    { guard: ({ event }) => chosen(event, 'edit.resources'), actions: ['startEditing', 'clearResources'], target: '#intake.flow.resources.who' },
                    { guard: ({ event }) => chosen(event, 'edit.area'), actions: 'startEditing', target: '#intake.flow.assess.area' },
                    { guard: ({ event }) => chosen(event, 'edit.slot'), actions: 'startEditing', target: '#intake.flow.booking.searching' },
                    { guard: ({ event }) => chosen(event, 'edit.contact'), actions: 'startEditing', target: '#intake.flow.booking.name' },
                    { guard: ({ event }) => chosen(event, 'edit.nothing'), target: 'review' }
                  ]
                }
              }
            }
          },
          submitting: {
            tags: ['busy'],
            entry: 'writeNarrative',
            invoke: {
              id: 'submitIntake',
              src: 'submitIntake',
              input: ({ context }) => ({
                conversationId: context.conversationId,
                record: {
                  ...context.record,
                  outcome: context.chosenSlot ? ('booked' as const) : context.record.referrals.length > 0 ? ('referred' as const) : ('info' as const),
                  booking: context.chosenSlot
                    ? { slotId: context.chosenSlot.id, start: context.chosenSlot.start, end: context.chosenSlot.end, modality: context.modality ?? 'in_person', place: context.chosenSlot.place, status: 'booked' as const }
                    : undefined
                },
                slot: context.chosenSlot,
                modality: context.modality
              }),
              onDone: [
                {
                  guard: ({ event }) => !event.output.ok,
                  actions: [assign({ chosenSlot: undefined }), { type: 'say', params: { id: 'booking.slotTaken' } }],
                  target: '#intake.flow.booking.searching'
                },
                {
                  actions: [
                    assign(({ context, event }) => {
                      if (!event.output.ok) return {};
                      const booking = event.output.booking;
                      return {
                        record: {
                          ...context.record,
                          reference: event.output.reference,
                          outcome: booking ? ('booked' as const) : context.record.referrals.length > 0 ? ('referred' as const) : ('info' as const),
                          booking
                        }
                      };
                    }),
                    emit(({ event }) =>
                      event.output.ok
                        ? { type: 'confirmation' as const, reference: event.output.reference, calendar: event.output.calendar }
                        : { type: 'say' as const, id: 'booking.slotTaken' }
                    )
                  ],
                  target: '#intake.flow.done'
                }
              ],
              onError: { actions: { type: 'say', params: { id: 'summary.sendFailed' } }, target: '#intake.flow.summary' }
            }
          },
          done: {
            initial: 'rating',
            entry: { type: 'enterStage', params: { stage: 'done' } },
            states: {
              rating: {
                entry: emit(({ context }) => ({ type: 'say' as const, id: context.record.outcome === 'booked' ? 'done.nextStepsBooked' : context.record.outcome === 'referred' ? 'done.nextStepsReferred' : 'done.nextStepsInfo', params: { phone: agency.phone } })),
                meta: { question: 'done.askRating', choices: ['rating.1', 'rating.2', 'rating.3', 'rating.4', 'rating.5', 'rating.skip'] },
                on: {
                  CHOOSE: [
                    { guard: ({ event }) => chosen(event, 'rating.skip'), target: 'finished' },
                    { guard: ({ event }) => event.value.startsWith('rating.'), actions: 'recordRating', target: 'comment' }
                  ],
                  TEXT: { guard: ({ event }) => event.type === 'TEXT' && /^[1-5]$/.test(event.text.trim()), actions: assign(({ context, event }) => ({ record: { ...context.record, feedback: { rating: event.type === 'TEXT' ? Number(event.text.trim()) : undefined } } })), target: 'comment' }
                }
              },
              comment: {
                meta: { question: 'done.askComment', choices: ['comment.skip'], freeText: true },
                on: {
                  CHOOSE: { guard: ({ event }) => chosen(event, 'comment.skip'), target: 'saving' },
                  TEXT: { actions: 'recordComment', target: 'saving' }
                }
              },
              saving: {
                tags: ['busy'],
                invoke: {
                  id: 'saveFeedback',
                  src: 'saveFeedback',
                  input: ({ context }) => ({
                    conversationId: context.conversationId,
                    reference: context.record.reference,
                    rating: context.record.feedback?.rating,
                    comment: context.record.feedback?.comment
                  }),
                  onDone: { target: 'finished' },
                  onError: { target: 'finished' }
                }
              },
              finished: {
                entry: { type: 'say', params: { id: 'done.goodbye' } },
                meta: { question: 'done.askAgain', choices: ['done.restart'] },
                on: {
                  CHOOSE: { guard: ({ event }) => chosen(event, 'done.restart'), actions: 'restart', target: '#intake.flow.welcome' },
                  TEXT: { actions: { type: 'say', params: { id: 'done.alreadyDone' } } }
                }
              }
            }
          },
          manage: {
            initial: 'gate',
            states: {
              gate: {
                always: [
                  { guard: 'isOutOfReferenceTries', actions: emit({ type: 'say', id: 'manage.tooManyTries', params: { phone: agency.phone } }), target: '#intake.flow.done.finished' },
                  { target: 'reference' }
                ]
              },
              reference: {
                meta: { question: 'manage.askReference', choices: ['manage.back'], freeText: true },
                on: {
                  CHOOSE: { guard: ({ event }) => chosen(event, 'manage.back'), target: '#intake.flow.welcome' },
                  TEXT: { actions: assign(({ event }) => ({ managedReference: typed(event), managed: undefined })), target: 'looking' }
                }
              },
              looking: {
                tags: ['busy'],
                invoke: {
                  id: 'findBooking',
                  src: 'findBooking',
                  input: ({ context }) => ({ reference: context.managedReference ?? '' }),
                  onDone: [
                    {
                      guard: ({ event }) => event.output === undefined || event.output.booking.status !== 'booked',
                      actions: [assign(({ context }) => ({ managed: undefined, referenceMisses: (context.referenceMisses ?? 0) + 1 })), { type: 'say', params: { id: 'manage.notFound' } }],
                      target: 'gate'
                    },
                    { actions: assign(({ event }) => ({ managed: event.output })), target: 'found' }
                  ],
                  onError: { actions: { type: 'say', params: { id: 'common.serviceTrouble' } }, target: 'reference' }
                }
              },
              found: {
                entry: emit(({ context }) => ({ type: 'booking' as const, reference: context.managed?.reference ?? '' })),
                meta: { question: 'manage.askAction', choices: ['manage.change', 'manage.cancel', 'manage.keep'] },
                on: {
                  CHOOSE: [
                    { guard: ({ event }) => chosen(event, 'manage.keep'), actions: { type: 'say', params: { id: 'manage.kept' } }, target: '#intake.flow.done.finished' },
                    { guard: ({ event }) => chosen(event, 'manage.cancel'), target: 'confirmCancel' },
                    { guard: ({ event }) => chosen(event, 'manage.change'), target: 'searching' }
                  ]
                }
              },
              confirmCancel: {
                meta: { question: 'manage.confirmCancel', choices: ['manage.cancelYes', 'manage.keep'], yes: 'manage.cancelYes', no: 'manage.keep' },
                on: {
                  CHOOSE: [
                    { guard: ({ event }) => chosen(event, 'manage.cancelYes'), target: 'cancelling' },
                    { guard: ({ event }) => chosen(event, 'manage.keep'), actions: { type: 'say', params: { id: 'manage.kept' } }, target: '#intake.flow.done.finished' }
                  ]
                }
              },
              cancelling: {
                tags: ['busy'],
                invoke: {
                  id: 'cancelBooking',
                  src: 'cancelBooking',
                  input: ({ context }) => ({ reference: context.managed?.reference ?? '', conversationId: context.conversationId }),
                  onDone: { actions: emit(({ event }) => ({ type: 'say' as const, id: event.output ? 'manage.cancelled' : 'manage.notFound' })), target: '#intake.flow.done.finished' },
                  onError: { actions: { type: 'say', params: { id: 'common.serviceTrouble' } }, target: 'found' }
                }
              },
              searching: {
                tags: ['busy'],
                invoke: {
                  id: 'findSlots',
                  src: 'findSlots',
                  input: ({ context }) => ({ modality: context.managed?.booking.modality ?? 'in_person' }),
                  onDone: [
                    { guard: ({ event }) => event.output.length === 0, actions: { type: 'say', params: { id: 'booking.noSlots' } }, target: 'found' },
                    { actions: assign(({ event }) => ({ slots: event.output })), target: 'slots' }
                  ],
                  onError: { actions: { type: 'say', params: { id: 'common.serviceTrouble' } }, target: 'found' }
                }
              },
              slots: {
                meta: { question: 'booking.askSlot', choices: 'slots' },
                on: {
                  CHOOSE: [
                    { guard: 'isOfferedSlot', actions: 'chooseSlot', target: 'rebooking' },
                    { guard: ({ event }) => event.value.startsWith('slot:'), actions: { type: 'say', params: { id: 'booking.slotGone' } }, target: 'searching' }
                  ]
                }
              },
              rebooking: {
                tags: ['busy'],
                invoke: {
                  id: 'rebook',
                  src: 'rebook',
                  input: ({ context }) => ({ reference: context.managed?.reference ?? '', slotId: context.chosenSlot?.id ?? '', conversationId: context.conversationId }),
                  onDone: [
                    { guard: ({ event }) => !event.output.ok, actions: [assign({ chosenSlot: undefined }), { type: 'say', params: { id: 'booking.slotTaken' } }], target: 'searching' },
                    {
                      actions: [
                        assign(({ context, event }) => ({ managed: context.managed && event.output.ok ? { ...context.managed, booking: event.output.booking } : context.managed, chosenSlot: undefined })),
                        emit(({ context }) => ({ type: 'booking' as const, reference: context.managed?.reference ?? '' })),
                        { type: 'say', params: { id: 'manage.changed' } }
                      ],
                      target: '#intake.flow.done.finished'
                    }
                  ],
                  onError: { actions: { type: 'say', params: { id: 'common.serviceTrouble' } }, target: 'found' }
                }
              }
            }
          }
        }
      },
      crisis: {
        initial: 'alerting',
        entry: ['recordCrisis', { type: 'say', params: { id: 'crisis.intro' } }, 'emitEmergency'],
        on: {
          CRISIS: { actions: ['recordCrisis', { type: 'say', params: { id: 'crisis.intro' } }, 'emitEmergency'], target: '.ask' }
        },
        states: {
          alerting: {
            tags: ['busy'],
            invoke: {
              id: 'alertStaff',
              src: 'alertStaff',
              input: ({ context }) => {
                const signal = context.record.risk[context.record.risk.length - 1];
                return {
                  kind: 'crisis' as const,
                  conversationId: context.conversationId,
                  locale: context.locale,
                  crisisType: signal?.type,
                  stage: context.stage,
                  at: signal?.at ?? context.record.updatedAt,
                  shown: ['crisis.intro', 'emergency.intro', 'crisis.askSafe']
                };
              },
              onDone: { actions: 'markStaffAlerted', target: 'ask' },
              onError: { target: 'ask' }
            }
          },
          ask: {
            meta: { question: 'crisis.askSafe', choices: ['crisis.safe', 'crisis.unsafe'], yes: 'crisis.safe', no: 'crisis.unsafe' },
            on: {
              CHOOSE: [
                { guard: ({ event }) => chosen(event, 'crisis.safe'), actions: { type: 'say', params: { id: 'crisis.gladSafe' } }, target: '#intake.flow.hist' },
                { guard: ({ event }) => chosen(event, 'crisis.unsafe'), target: 'unsafe' }
              ],
              TEXT: [{ guard: 'saidUnsure', target: 'unsafe' }, { target: 'unsafe' }]
            }
          },
          unsafe: {
            entry: [{ type: 'say', params: { id: 'crisis.callNow' } }, 'emitEmergency'],
            meta: { question: 'crisis.askContinue', choices: ['crisis.continue', 'crisis.safe'] },
            on: {
              CHOOSE: [
                { guard: ({ event }) => chosen(event, 'crisis.continue') || chosen(event, 'crisis.safe'), actions: { type: 'say', params: { id: 'crisis.continuing' } }, target: '#intake.flow.hist' }
              ],
              TEXT: { actions: 'emitEmergency', target: 'unsafe' }
            }
          }
        }
      },
      human: {
        tags: ['busy'],
        invoke: {
          id: 'alertStaff',
          src: 'alertStaff',
          input: ({ context, event }) => ({
            kind: 'human' as const,
            conversationId: context.conversationId,
            locale: context.locale,
            stage: context.stage,
            at: event.at,
            shown: ['human.info']
          }),
          onDone: { actions: emit(({ context }) => ({ type: 'say' as const, id: context.afterHours ? 'human.infoAfterHours' : 'human.info', params: { phone: agency.phone } })), target: '#intake.flow.hist' },
          onError: { actions: emit({ type: 'say', id: 'human.infoAfterHours', params: { phone: agency.phone } }), target: '#intake.flow.hist' }
        }
      },
      language: {
        meta: { question: 'language.ask', choices: 'languages' },
        on: {
          CHOOSE: [
            { guard: ({ event }) => event.value.startsWith('lang:'), actions: ['changeLocale', { type: 'say', params: { id: 'language.changed' } }], target: '#intake.flow.hist' },
            { guard: ({ event }) => chosen(event, 'language.keep'), target: '#intake.flow.hist' }
          ]
        }
      },
      restartConfirm: {
        meta: { question: 'restart.confirm', choices: ['restart.yes', 'restart.no'], yes: 'restart.yes', no: 'restart.no' },
        on: {
          CHOOSE: [
            { guard: ({ event }) => chosen(event, 'restart.yes'), actions: ['restart', { type: 'say', params: { id: 'restart.done' } }], target: '#intake.flow.welcome' },
            { guard: ({ event }) => chosen(event, 'restart.no'), target: '#intake.flow.hist' }
          ]
        }
      },
      deleteConfirm: {
        meta: { question: 'delete.confirm', choices: ['delete.yes', 'delete.no'], yes: 'delete.yes', no: 'delete.no' },
        on: {
          CHOOSE: [
            { guard: ({ event }) => chosen(event, 'delete.yes'), target: 'deleting' },
            { guard: ({ event }) => chosen(event, 'delete.no'), target: '#intake.flow.hist' }
          ]
        }
      },
      deleting: {
        tags: ['busy'],
        invoke: {
          id: 'deleteData',
          src: 'deleteData',
          input: ({ context }) => ({ conversationId: context.conversationId }),
          onDone: { actions: ['forgetEverything', { type: 'say', params: { id: 'delete.done' } }], target: '#intake.flow.welcome' },
          onError: { actions: { type: 'say', params: { id: 'delete.failed' } }, target: '#intake.flow.hist' }
        }
      },
      paused: {
        entry: { type: 'say', params: { id: 'pause.saved' } },
        on: {
          CHOOSE: { target: 'resumeAsk' },
          TEXT: { target: 'resumeAsk' },
          IDLE_RETURN: { target: 'resumeAsk' }
        }
      },
      resumeAsk: {
        meta: { question: 'resume.ask', choices: ['resume.yes', 'resume.restart'], yes: 'resume.yes', no: 'resume.restart' },
        on: {
          CHOOSE: [
            { guard: ({ event }) => chosen(event, 'resume.yes'), target: '#intake.flow.hist' },
            { guard: ({ event }) => chosen(event, 'resume.restart'), target: 'restartConfirm' }
          ],
          IDLE_RETURN: {}
        }
      }
    }
  });
}

export type IntakeMachine = ReturnType<typeof createIntakeMachine>;
export type IntakeSnapshot = SnapshotFrom<IntakeMachine>;
export type IntakeActor = ActorRefFrom<IntakeMachine>;
