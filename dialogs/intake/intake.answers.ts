import { CATEGORIES, MODALITIES, RELATIONS, SUPPORT_KINDS, TIE_STRENGTHS, URGENCIES, type AgencyInfo, type Resource } from '../types';
import { assignContext, chosen, chosenPrefix, isOneOf, stamp, typed } from './intake.actions';
import { clip, emptyRecord, guessRelation, readContactDetail } from './record';

/** Actions that write the person's answers into the record, stage by stage. */
export function answerActions(agency: AgencyInfo) {
  return { ...routeAnswers(agency), ...requestAnswers(), ...networkAnswers(), ...contactAnswers(), ...feedbackAnswers() };
}

function routeAnswers(agency: AgencyInfo) {
  return {
    recordConsent: assignContext(({ context, event }) => ({
      record: stamp({ ...context.record, consent: { given: true, at: event.at, version: agency.consentVersion } }, event)
    })),
    recordNoConsent: assignContext(({ context, event }) => ({
      record: stamp(
        {
          ...emptyRecord(context.record.channel, context.locale, context.record.createdAt),
          risk: context.record.risk,
          consent: { given: false, at: event.at, version: agency.consentVersion },
          outcome: 'info' as const
        },
        event
      )
    })),
    recordForWhom: assignContext(({ context, event }) => ({
      record: stamp({ ...context.record, route: { ...context.record.route, forWhom: chosen(event, 'route.other') ? ('other' as const) : ('self' as const) } }, event)
    })),
    recordInitiative: assignContext(({ context, event }) => {
      const value = chosenPrefix(event, 'route.');
      const initiative = value === 'suggested' || value === 'required' ? value : ('own' as const);
      return { record: stamp({ ...context.record, route: { ...context.record.route, initiative } }, event) };
    }),
    recordReferrer: assignContext(({ context, event }) => {
      const byWhom = event.type === 'CHOOSE' ? event.value : typed(event);
      return { record: stamp({ ...context.record, route: { ...context.record.route, byWhom } }, event) };
    })
  };
}

function requestAnswers() {
  return {
    recordDifficulty: assignContext(({ context, event }) => {
      if (event.type !== 'TEXT') return {};
      const request = { ...context.record.request, words: clip(event.text, 2000), proposedCategory: event.category, category: event.category, categoryConfirmed: false };
      return { record: stamp({ ...context.record, request }, event) };
    }),
    confirmCategory: assignContext(({ context, event }) => ({
      record: stamp({ ...context.record, request: { ...context.record.request, categoryConfirmed: true } }, event)
    })),
    recordCategory: assignContext(({ context, event }) => {
      const picked = chosenPrefix(event, 'category:');
      const category = isOneOf(CATEGORIES, picked) ? picked : event.type === 'TEXT' ? event.category : undefined;
      if (!category) return {};
      return { record: stamp({ ...context.record, request: { ...context.record.request, category, categoryConfirmed: true } }, event) };
    }),
    recordSince: assignContext(({ context, event }) => ({
      record: stamp({ ...context.record, request: { ...context.record.request, since: event.type === 'CHOOSE' ? event.value : typed(event) } }, event)
    })),
    recordGoal: assignContext(({ context, event }) => ({
      record: stamp({ ...context.record, request: { ...context.record.request, goal: typed(event) } }, event)
    })),
    recordTried: assignContext(({ context, event }) => ({
      record: stamp({ ...context.record, request: { ...context.record.request, triedBefore: event.type === 'CHOOSE' ? event.value : typed(event) } }, event)
    })),
    recordUrgency: assignContext(({ context, event }) => {
      const urgency = chosenPrefix(event, 'urgency.');
      if (!isOneOf(URGENCIES, urgency)) return {};
      return { record: stamp({ ...context.record, request: { ...context.record.request, urgency } }, event) };
    })
  };
}

function networkAnswers() {
  return {
    recordStrength: assignContext(({ context, event }) => {
      const chip = chosenPrefix(event, 'strength.');
      const strength = chip ? `strength.${chip}` : typed(event);
      if (!strength || context.record.strengths.includes(strength)) return {};
      return { record: stamp({ ...context.record, strengths: [...context.record.strengths, strength] }, event) };
    }),
    clearStrengths: assignContext(({ context, event }) => ({ record: stamp({ ...context.record, strengths: [] }, event) })),
    startResource: assignContext(({ event }) => {
      const relation = chosenPrefix(event, 'relation.');
      if (isOneOf(RELATIONS, relation)) return { pendingResource: { who: `relation.${relation}`, relation } };
      const who = typed(event) ?? '';
      const closest = event.type === 'TEXT' ? event.closest?.replace(/^relation\./, '') : undefined;
      return { pendingResource: { who, relation: isOneOf(RELATIONS, closest) ? closest : guessRelation(who) } };
    }),
    recordSupportKind: assignContext(({ context, event }) => {
      const kind = chosenPrefix(event, 'support.');
      return isOneOf(SUPPORT_KINDS, kind) ? { pendingResource: { ...context.pendingResource, kinds: [kind] } } : {};
    }),
    recordTie: assignContext(({ context, event }) => {
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
    clearResources: assignContext(({ context, event }) => ({ pendingResource: undefined, record: stamp({ ...context.record, resources: [] }, event) })),
    recordAreaInput: assignContext(({ context, event }) => ({
      record: stamp({ ...context.record, area: { input: typed(event) } }, event)
    })),
    recordAreaUnknown: assignContext(({ context, event }) => ({
      record: stamp({ ...context.record, area: { input: undefined, matched: undefined, inArea: undefined } }, event)
    }))
  };
}

function contactAnswers() {
  return {
    rememberModality: assignContext(({ event }) => {
      const modality = chosenPrefix(event, 'modality.');
      return isOneOf(MODALITIES, modality) ? { modality, chosenSlot: undefined } : {};
    }),
    recordInterpreter: assignContext(({ context, event }) => {
      const language = chosenPrefix(event, 'interpreter.');
      const interpreter = language === 'none' ? undefined : (language ?? typed(event));
      return { record: stamp({ ...context.record, contact: { ...context.record.contact, interpreter } }, event) };
    }),
    recordAccessibility: assignContext(({ context, event }) => ({
      record: stamp({ ...context.record, contact: { ...context.record.contact, accessibility: chosen(event, 'access.none') ? undefined : typed(event) } }, event)
    })),
    chooseSlot: assignContext(({ context, event }) => {
      const id = chosenPrefix(event, 'slot:');
      return { chosenSlot: context.slots.find((slot) => slot.id === id) };
    }),
    recordName: assignContext(({ context, event }) => ({
      record: stamp({ ...context.record, contact: { ...context.record.contact, name: chosen(event, 'name.skip') ? undefined : typed(event)?.slice(0, 80) } }, event)
    })),
    recordContactMethod: assignContext(({ context, event }) => {
      const method = chosen(event, 'contact.email') ? ('email' as const) : ('phone' as const);
      return { record: stamp({ ...context.record, contact: { ...context.record.contact, method, detail: undefined } }, event) };
    }),
    recordContactDetail: assignContext(({ context, event }) => {
      const detail = readContactDetail(context.record.contact.method ?? 'phone', typed(event) ?? '');
      return { record: stamp({ ...context.record, contact: { ...context.record.contact, detail } }, event) };
    }),
    rememberReference: assignContext(({ event }) => ({ managedReference: typed(event), managed: undefined }))
  };
}

function feedbackAnswers() {
  return {
    recordRating: assignContext(({ context, event }) => {
      const rating = Number(chosenPrefix(event, 'rating.'));
      return { record: stamp({ ...context.record, feedback: { ...context.record.feedback, rating: rating >= 1 && rating <= 5 ? rating : undefined } }, event) };
    }),
    recordTypedRating: assignContext(({ context, event }) => ({
      record: { ...context.record, feedback: { rating: event.type === 'TEXT' ? Number(event.text.trim()) : undefined } }
    })),
    recordComment: assignContext(({ context, event }) => ({
      record: stamp({ ...context.record, feedback: { ...context.record.feedback, comment: typed(event) } }, event)
    }))
  };
}
