import type { AreaCheck, FoundBooking } from '../services';
import type { AgencyInfo } from '../types';
import type { IntakeEvent } from './events';
import type { IntakeContext } from './intake.context';
import { readContactDetail } from './record';
import { cameFromCheckIn } from './intake.safety';

const MAX_STRENGTHS = 12;
const MAX_RESOURCES = 12;
const MAX_REFERENCE_TRIES = 3;

interface GuardArgs {
  context: IntakeContext;
  event: IntakeEvent;
}

/**
 * The chart's conditions, named as predicates. Those about a service's answer take it as a
 * parameter, since a named guard only sees the person's events in its types.
 */
export function intakeGuards(agency: AgencyInfo) {
  return {
    /** The person pressed the button `value`. */
    chose: ({ event }: GuardArgs, params: { value: string }) => event.type === 'CHOOSE' && event.value === params.value,
    choseOneOf: ({ event }: GuardArgs, params: { values: readonly string[] }) => event.type === 'CHOOSE' && params.values.includes(event.value),
    /** The person pressed one of a family of buttons, such as `urgency.today`. */
    choseFrom: ({ event }: GuardArgs, params: { prefix: string }) => event.type === 'CHOOSE' && event.value.startsWith(params.prefix),
    isOfferedSlot: ({ context, event }: GuardArgs) => event.type === 'CHOOSE' && context.slots.some((slot) => `slot:${slot.id}` === event.value),
    saidNo: ({ event }: GuardArgs) => event.type === 'TEXT' && event.yesNo === 'no',
    saidUnsure: ({ event }: GuardArgs) => event.type === 'TEXT' && event.yesNo === 'unsure',
    hasFaqAnswer: ({ event }: GuardArgs) => event.type === 'TEXT' && event.faq !== undefined,
    /** A category other than "other" is worth proposing; "other" means the NLU was unsure. */
    hasProposedCategory: ({ event }: GuardArgs) => event.type === 'TEXT' && event.category !== undefined && event.category !== 'other',
    isTypedRating: ({ event }: GuardArgs) => event.type === 'TEXT' && /^[1-5]$/.test(event.text.trim()),
    isValidContactDetail: ({ context, event }: GuardArgs) =>
      event.type === 'TEXT' && readContactDetail(context.record.contact.method ?? 'phone', event.text) !== undefined,
    namesLocale: ({ event }: GuardArgs) => event.type === 'LANGUAGE' && event.locale !== undefined,
    isEditing: ({ context }: GuardArgs) => context.editing,
    cameFromCheckIn: ({ context }: GuardArgs) => cameFromCheckIn(context),
    isInScope: ({ context }: GuardArgs) =>
      context.record.area.inArea !== false &&
      context.record.request.category !== undefined &&
      agency.categories.includes(context.record.request.category),
    isOutOfArea: ({ context }: GuardArgs) => context.record.area.inArea === false,
    isUrgent: ({ context }: GuardArgs) => context.record.request.urgency === 'today',
    isAtResourceLimit: ({ context }: GuardArgs) => context.record.resources.length >= MAX_RESOURCES,
    isAtStrengthLimit: ({ context }: GuardArgs) => context.record.strengths.length >= MAX_STRENGTHS,
    hasConsent: ({ context }: GuardArgs) => context.record.consent?.given === true,
    hasContactDetail: ({ context }: GuardArgs) => context.record.contact.detail !== undefined,
    isOutOfReferenceTries: ({ context }: GuardArgs) => (context.referenceMisses ?? 0) >= MAX_REFERENCE_TRIES,
    foundNone: (_: GuardArgs, params: { found: readonly unknown[] }) => params.found.length === 0,
    hasFailed: (_: GuardArgs, params: { result: { ok: boolean } }) => !params.result.ok,
    isUnrecognisedArea: (_: GuardArgs, params: { check: AreaCheck }) => params.check.kind === 'unrecognised',
    /** No booking under that reference, or one that is no longer booked. */
    isNoActiveBooking: (_: GuardArgs, params: { found: FoundBooking | undefined }) =>
      params.found === undefined || params.found.booking.status !== 'booked'
  };
}
