import { createBookings } from './bookings';
import { createConversations } from './conversations';
import type { Db } from './db';
import { createFeedback } from './feedback';
import { createOutbox } from './outbox';
import { createPrivacy } from './privacy';
import { generateReference } from './reference-code';
import { readBookedCounts } from './seats';
import type { IntakeStoreOptions, StoreContext } from './store-types';

/**
 * Everything Doorway keeps: conversation snapshots, intake records, bookings, feedback and the
 * outbox. Writes that belong together share one transaction; slot capacity is enforced by the
 * database, so any number of replicas may book at once.
 */
export function createIntakeStore(db: Db, options: IntakeStoreOptions) {
  const ctx: StoreContext = {
    db,
    now: options.now ?? (() => new Date()),
    slotCapacity: (slotId) => options.slotCapacity(slotId),
    newReference: options.newReference ?? (() => generateReference())
  };
  return {
    ...createConversations(ctx),
    ...createBookings(ctx),
    ...createOutbox(ctx),
    ...createPrivacy(ctx),
    ...createFeedback(ctx),
    /** Seats taken per slot id; slots never booked count 0. */
    bookedCounts: (slotIds: string[]): Promise<Map<string, number>> => readBookedCounts(db, slotIds)
  };
}

/** The store's operations, for constructors that take it as a dependency. */
export type IntakeStore = ReturnType<typeof createIntakeStore>;

export type {
  BookableSlot,
  ConversationInput,
  FeedbackInput,
  FeedbackTarget,
  IntakeStoreOptions,
  OutboxMessage,
  RebookOutcome,
  StoredBooking,
  StoredConversation,
  SubmitOutcome
} from './store-types';
export type { SubmitInput } from './bookings';
export type { EnqueueOptions } from './outbox';
export type { ErasureCounts } from './privacy';
