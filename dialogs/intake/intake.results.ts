import type { AreaCheck, FoundBooking, SubmitResult } from '../services';
import type { DirectoryMatch, Slot } from '../types';
import { assignContext, emitOutput } from './intake.actions';
import type { RebookResult } from './intake.actors';

/**
 * Actions that take in what a service answered. The answer comes as a parameter, mapped from
 * the actor's done event where the action is used.
 */
export function resultActions() {
  return { ...searchResults(), ...submissionResults(), ...managedBookingResults() };
}

function searchResults() {
  return {
    rememberSlots: assignContext((_, params: { slots: Slot[] }) => ({ slots: params.slots })),
    clearSlots: assignContext(() => ({ slots: [] })),
    forgetChosenSlot: assignContext(() => ({ chosenSlot: undefined })),
    recordAreaCheck: assignContext(({ context }, params: { check: AreaCheck }) => ({
      record: {
        ...context.record,
        area: {
          input: context.record.area.input,
          matched: params.check.kind === 'unrecognised' ? undefined : params.check.matched,
          inArea: params.check.kind === 'in_area'
        }
      }
    })),
    clearReferrals: assignContext(() => ({ referrals: [] })),
    recordReferrals: assignContext(({ context }, params: { matches: DirectoryMatch[] }) => ({
      referrals: params.matches,
      record: { ...context.record, referrals: params.matches.map(({ serviceId, name, reasons }) => ({ serviceId, name, reasons })) }
    })),
    showReferrals: emitOutput((_, params: { matches: DirectoryMatch[] }) => ({ type: 'referrals', matches: params.matches }))
  };
}

function submissionResults() {
  return {
    recordSubmission: assignContext(({ context }, params: { result: SubmitResult }) => {
      if (!params.result.ok) return {};
      const booking = params.result.booking;
      return {
        record: {
          ...context.record,
          reference: params.result.reference,
          outcome: booking ? ('booked' as const) : context.record.referrals.length > 0 ? ('referred' as const) : ('info' as const),
          booking
        }
      };
    }),
    confirmSubmission: emitOutput((_, params: { result: SubmitResult }) =>
      params.result.ok
        ? { type: 'confirmation', reference: params.result.reference, calendar: params.result.calendar }
        : { type: 'say', id: 'booking.slotTaken' }
    )
  };
}

function managedBookingResults() {
  return {
    rememberBooking: assignContext((_, params: { found: FoundBooking | undefined }) => ({ managed: params.found })),
    countReferenceMiss: assignContext(({ context }) => ({ managed: undefined, referenceMisses: (context.referenceMisses ?? 0) + 1 })),
    showManagedBooking: emitOutput(({ context }) => ({ type: 'booking', reference: context.managed?.reference ?? '' })),
    sayCancellation: emitOutput((_, params: { cancelled: boolean }) => ({ type: 'say', id: params.cancelled ? 'manage.cancelled' : 'manage.notFound' })),
    recordRebooking: assignContext(({ context }, params: { result: RebookResult }) => ({
      managed: context.managed && params.result.ok ? { ...context.managed, booking: params.result.booking } : context.managed,
      chosenSlot: undefined
    }))
  };
}
