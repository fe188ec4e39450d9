import { assign, emit, enqueueActions, type ParameterizedObject } from 'xstate';
import { LOCALES, type AgencyInfo, type IntakeRecord } from '../types';
import type { IntakeEvent, IntakeOutput } from './events';
import type { IntakeContext } from './intake.context';
import { clip, emptyRecord, restartedRecord } from './record';
import type { Stage } from './stages';

type ActionParams = ParameterizedObject['params'] | undefined;

interface ActionArgs {
  context: IntakeContext;
  event: IntakeEvent;
}

/** An `assign` action declared outside `setup()`, typed for the intake chart. */
export const assignContext = <P extends ActionParams = undefined>(assigner: (args: ActionArgs, params: P) => Partial<IntakeContext>) =>
  assign<IntakeContext, IntakeEvent, P, IntakeEvent, never>(assigner);

/** An `emit` action declared outside `setup()`: something the machine says this turn. */
export const emitOutput = <P extends ActionParams = undefined>(output: (args: ActionArgs, params: P) => IntakeOutput) =>
  emit<IntakeContext, IntakeEvent, P, IntakeEvent, IntakeOutput>(output);

export const chosen = (event: IntakeEvent, value: string) => event.type === 'CHOOSE' && event.value === value;
export const chosenPrefix = (event: IntakeEvent, prefix: string) =>
  event.type === 'CHOOSE' && event.value.startsWith(prefix) ? event.value.slice(prefix.length) : undefined;
export const typed = (event: IntakeEvent) => (event.type === 'TEXT' ? clip(event.text, 2000) : undefined);
export const stamp = (record: IntakeRecord, event: IntakeEvent): IntakeRecord => ({ ...record, updatedAt: event.at });
export const isOneOf = <T extends string>(list: readonly T[], value: string | undefined): value is T =>
  value !== undefined && (list as readonly string[]).includes(value);

/** What the machine says regardless of stage, and what it does to the whole conversation. */
export function conversationActions(agency: AgencyInfo) {
  return { ...sayingActions(), ...lifecycleActions(agency) };
}

function sayingActions() {
  return {
    say: emitOutput((_, params: { id: string }) => ({ type: 'say', id: params.id })),
    emitEmergency: emitOutput(() => ({ type: 'emergency' })),
    answerFaq: emitOutput(({ event }) => ({
      type: 'faq',
      id: (event.type === 'TEXT' ? event.faq : chosenPrefix(event, 'faq:')) ?? 'offer'
    })),
    sayNotUnderstood: enqueueActions<IntakeContext, IntakeEvent, undefined, IntakeEvent, never, never, never, never, IntakeOutput>(
      ({ context, enqueue }) => {
        enqueue.assign({ misses: context.misses + 1 });
        enqueue.emit({ type: 'say', id: context.misses >= 2 ? 'common.notUnderstoodOfferPerson' : 'common.notUnderstood' });
      }
    ),
    sayUnreadable: emitOutput(({ event }) => ({
      type: 'say',
      id: `common.unreadable.${event.type === 'UNREADABLE' ? event.reason : 'empty'}`
    })),
    sayHelp: emitOutput(({ context }) => ({ type: 'say', id: 'help.general', params: { stage: context.stage } })),
    sayGreeting: emitOutput(({ context }) => ({ type: 'say', id: context.afterHours ? 'welcome.greetingAfterHours' : 'welcome.greeting' })),
    /** Out of hours the emergency numbers come first; in hours, what the assistant can do. */
    sayOfferOrEmergency: emitOutput(({ context }) => (context.afterHours ? { type: 'emergency' } : { type: 'say', id: 'welcome.whatICanDo' })),
    sayHumanInfo: emitOutput(({ context }) => ({ type: 'say', id: context.afterHours ? 'human.infoAfterHours' : 'human.info' })),
    sayNextSteps: emitOutput(({ context }) => ({
      type: 'say',
      id:
        context.record.outcome === 'booked'
          ? 'done.nextStepsBooked'
          : context.record.outcome === 'referred'
            ? 'done.nextStepsReferred'
            : 'done.nextStepsInfo'
    })),
    reflectBack: emitOutput(({ context }) => ({ type: 'say', id: `clarify.reflect.${context.record.request.category ?? 'other'}` })),
    sayAreaUnrecognised: emitOutput(({ context }) => ({ type: 'say', id: 'assess.areaUnrecognised', params: { input: context.record.area.input ?? '' } })),
    saySlotsIntro: emitOutput(({ context }) => ({ type: 'say', id: context.record.request.urgency === 'today' ? 'booking.urgentSlots' : 'booking.slotsIntro' })),
    sayBadContactDetail: emitOutput(({ context }) => ({ type: 'say', id: context.record.contact.method === 'email' ? 'booking.badEmail' : 'booking.badPhone' })),
    showSummary: emitOutput(() => ({ type: 'summary' }))
  };
}

function lifecycleActions(agency: AgencyInfo) {
  return {
    enterStage: assignContext((_, params: { stage: Stage }) => ({ stage: params.stage, misses: 0, suggestion: undefined })),
    recordAfterHours: assignContext(({ event }) => (event.type === 'TICK' ? { afterHours: event.afterHours } : {})),
    startEditing: assignContext(() => ({ editing: true })),
    stopEditing: assignContext(() => ({ editing: false })),
    changeLocale: assignContext(({ context, event }) => {
      const picked = event.type === 'LANGUAGE' ? event.locale : chosenPrefix(event, 'lang:');
      if (!isOneOf(LOCALES, picked) || !agency.locales.includes(picked)) return {};
      return { locale: picked, record: { ...context.record, locale: picked } };
    }),
    restart: assignContext(({ context, event }) => ({ record: restartedRecord(context.record, event.at), ...freshConversation() })),
    forgetEverything: assignContext(({ context, event }) => ({
      record: emptyRecord(context.record.channel, context.locale, event.at),
      ...freshConversation()
    })),
  };
}

/** What "start over" and "delete my data" both reset, besides the record. */
function freshConversation(): Partial<IntakeContext> {
  return { editing: false, pendingResource: undefined, slots: [], chosenSlot: undefined, referrals: [], managed: undefined, misses: 0 };
}
