import type {
  BookingSummary,
  Category,
  CrisisType,
  DirectoryMatch,
  IntakeRecord,
  Locale,
  Modality,
  Slot,
  Urgency
} from './types';

/**
 * What the conversation asks of the world. `bot/` implements these; the intake machine invokes
 * them as actors, so it never does I/O itself and tests can hand it fakes.
 */
export interface IntakeServices {
  /** The next free intake slots for a modality; urgent requests get the earliest first. */
  findSlots(input: { modality: Modality; urgency?: Urgency; limit: number }): Promise<Slot[]>;

  /** Services from the referral directory that match; at most `limit`. */
  findReferrals(input: {
    category: Category;
    area?: string;
    locale: Locale;
    limit: number;
  }): Promise<DirectoryMatch[]>;

  /** Resolves a typed postcode or district against the service area, forgivingly. */
  checkArea(input: { text: string }): Promise<AreaCheck>;

  /**
   * Stores the finished intake record and, when a slot is given, books it in the same
   * transaction (capacity enforced by the database). Also queues the staff summary.
   */
  submitIntake(input: {
    conversationId: string;
    record: IntakeRecord;
    slotId?: string;
    modality?: Modality;
  }): Promise<SubmitResult>;

  /** Finds a booking by its reference code (case and spacing forgiven). */
  findBooking(input: { reference: string }): Promise<FoundBooking | undefined>;

  /** Cancels a booking; false when it was not found or already cancelled. */
  cancelBooking(input: { reference: string; conversationId: string }): Promise<boolean>;

  /** Moves a booking to another slot; `slot_taken` when the new slot filled up meanwhile. */
  rebook(input: {
    reference: string;
    slotId: string;
    conversationId: string;
  }): Promise<{ ok: true; booking: BookingSummary } | { ok: false; reason: 'slot_taken' | 'not_found' }>;

  /** Tells on-call staff at once: a crisis, or a request to talk to a person. */
  alertStaff(input: StaffAlert): Promise<void>;

  /** Keeps the person's rating and comment of the chat, with their record when there is one. */
  saveFeedback(input: { conversationId: string; reference?: string; rating?: number; comment?: string }): Promise<void>;

  /** Erases everything stored about this conversation. */
  deleteData(input: { conversationId: string }): Promise<void>;
}

export type AreaCheck =
  | { kind: 'in_area'; matched: string }
  | { kind: 'out_of_area'; matched: string }
  | { kind: 'unrecognised' };

export type SubmitResult =
  | { ok: true; reference: string; booking?: BookingSummary; calendar?: string }
  | { ok: false; reason: 'slot_taken' };

export interface FoundBooking {
  reference: string;
  booking: BookingSummary;
  calendar?: string;
}

export interface StaffAlert {
  kind: 'crisis' | 'human';
  conversationId: string;
  locale: Locale;
  crisisType?: CrisisType;
  /** Which tier of the crisis guard raised it (crisis alerts only). */
  tier?: 'explicit' | 'check-in';
  stage: string;
  at: string;
  /** Message ids the person was shown, so staff know what they saw. */
  shown: string[];
}
