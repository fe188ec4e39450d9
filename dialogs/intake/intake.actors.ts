import { fromPromise } from 'xstate';
import type { AreaCheck, FoundBooking, IntakeServices, SubmitResult } from '../services';
import type { BookingSummary, Category, DirectoryMatch, IntakeRecord, Locale, Modality, Narrative, Slot } from '../types';

const SLOTS_SHOWN = 4;
const REFERRALS_SHOWN = 3;

/** What the slot search is asked; changing a booking does not pass the urgency. */
export interface FindSlotsInput {
  modality: Modality;
  urgency?: IntakeRecord['request']['urgency'];
}

export type RebookResult = { ok: true; booking: BookingSummary } | { ok: false; reason: 'slot_taken' | 'not_found' };

/**
 * The machine does no I/O itself: each service becomes an actor it invokes. The intake note is
 * written where the record is submitted, by `narrate` (a renderer, in the staff language).
 */
export function intakeActors(services: IntakeServices, narrate?: (record: IntakeRecord) => Narrative) {
  return {
    checkArea: fromPromise<AreaCheck, { text: string }>(({ input }) => services.checkArea(input)),
    findSlots: fromPromise<Slot[], FindSlotsInput>(({ input }) => services.findSlots({ ...input, limit: SLOTS_SHOWN })),
    findReferrals: fromPromise<DirectoryMatch[], { category: Category; area?: string; locale: Locale }>(({ input }) =>
      services.findReferrals({ ...input, limit: REFERRALS_SHOWN })
    ),
    submitIntake: fromPromise<SubmitResult, { conversationId: string; record: IntakeRecord; slot?: Slot; modality?: Modality }>(
      ({ input }) =>
        services.submitIntake({
          conversationId: input.conversationId,
          record: narrate ? { ...input.record, narrative: narrate(input.record) } : input.record,
          slotId: input.slot?.id,
          modality: input.modality
        })
    ),
    findBooking: fromPromise<FoundBooking | undefined, { reference: string }>(({ input }) => services.findBooking(input)),
    cancelBooking: fromPromise<boolean, { reference: string; conversationId: string }>(({ input }) => services.cancelBooking(input)),
    rebook: fromPromise<RebookResult, { reference: string; slotId: string; conversationId: string }>(({ input }) => services.rebook(input)),
    alertStaff: fromPromise<void, Parameters<IntakeServices['alertStaff']>[0]>(({ input }) => services.alertStaff(input)),
    deleteData: fromPromise<void, { conversationId: string }>(({ input }) => services.deleteData(input)),
    saveFeedback: fromPromise<void, Parameters<IntakeServices['saveFeedback']>[0]>(({ input }) => services.saveFeedback(input))
  };
}
