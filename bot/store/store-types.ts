import type { BookingSummary, IntakeRecord, Modality } from '../../dialogs/types';
import type { Db } from './db';

/** What `createIntakeStore` needs besides the database. */
export interface IntakeStoreOptions {
  /** Seats in a slot, from the agency's slot pattern; undefined for a slot that does not exist. */
  slotCapacity(slotId: string): number | undefined;
  /** The clock for every stored timestamp; tests pass a fixed one. */
  now?: () => Date;
  /** Makes a reference code; tests replace it to force collisions. */
  newReference?: () => string;
}

/** Shared by the store's parts. */
export interface StoreContext {
  db: Db;
  now: () => Date;
  slotCapacity(slotId: string): number | undefined;
  newReference(): string;
}

/** A persisted conversation: the statechart snapshot and what is needed to resume it. */
export interface StoredConversation {
  snapshot: unknown;
  locale: string;
  channel: string;
  stage: string;
  updatedAt: Date;
}

/** The conversation fields written on every turn. */
export type ConversationInput = Omit<StoredConversation, 'updatedAt'>;

/** The slot a person chose, with the modality and place they will be seen in. */
export interface BookableSlot {
  id: string;
  start: string;
  end: string;
  modality: Modality;
  place: string;
}

export type SubmitOutcome =
  | { ok: true; reference: string; booking?: BookingSummary }
  | { ok: false; reason: 'slot_taken' };

export type RebookOutcome =
  | { ok: true; booking: BookingSummary }
  | { ok: false; reason: 'slot_taken' | 'not_found' };

/** A booking found by its reference, cancelled or not. */
export interface StoredBooking {
  reference: string;
  conversationId: string;
  booking: BookingSummary;
  record: IntakeRecord;
}

/** One queued event for the delivery worker. */
export interface OutboxMessage {
  /** A bigint, kept as a string so it never loses precision. */
  id: string;
  kind: string;
  payload: unknown;
  dedupeKey?: string;
  createdAt: Date;
  attempts: number;
  nextAttemptAt: Date;
  deliveredAt?: Date;
  lastError?: string;
}

export interface FeedbackInput {
  rating?: number;
  comment?: string;
}

/** Where feedback belongs: a submitted intake, or a conversation that ended without one. */
export type FeedbackTarget = { reference: string } | { conversationId: string };
