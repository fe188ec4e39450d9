import type { BookingSummary, IntakeRecord } from '../../dialogs/types';
import type { Queryable } from './db';
import { toJsonb } from './jsonb';
import { insertOutbox } from './outbox';
import { normalizeReference } from './reference-code';
import { freeSeat, lockSeats, takeSeat } from './seats';
import type { BookableSlot, RebookOutcome, StoreContext, StoredBooking, SubmitOutcome } from './store-types';

/** A finished intake to store, with the slot the person chose if any. */
export interface SubmitInput {
  conversationId: string;
  record: IntakeRecord;
  slot?: BookableSlot;
}

interface BookingRow {
  reference: string;
  conversation_id: string;
  slot_id: string;
  start_iso: string;
  end_iso: string;
  modality: BookingSummary['modality'];
  place: string;
  status: BookingSummary['status'];
  record: IntakeRecord;
}

const SLOT_TAKEN = { ok: false, reason: 'slot_taken' } as const;
/** Advisory lock class of intake submissions (turns use 4242). */
const SUBMIT_LOCK_CLASS = 4243;
// 31^6 codes make a collision rare; a handful of retries makes giving up practically impossible.
const REFERENCE_ATTEMPTS = 8;

/** Intake submission and booking changes; each call is one transaction. */
export function createBookings(ctx: StoreContext) {
  const seatFor = async (tx: Queryable, slotId: string): Promise<boolean> => {
    const capacity = ctx.slotCapacity(slotId);
    return capacity !== undefined && takeSeat(tx, slotId, capacity);
  };

  return {
    /**
     * Stores the record, books the slot and queues the staff summary, all or nothing. The seat
     * is taken first so a full slot leaves no trace.
     */
    submitIntake(input: SubmitInput): Promise<SubmitOutcome> {
      return ctx.db.transaction(async (tx) => {
        const now = ctx.now();
        const { conversationId, slot } = input;
        const submissionKey = `${conversationId}|${input.record.createdAt}`;
        // Submissions of one intake queue here; a retried one finds the first and books nothing more.
        await tx.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [SUBMIT_LOCK_CLASS, submissionKey]);
        const earlier = await submittedBefore(tx, submissionKey);
        if (earlier) return earlier;
        if (slot && !(await seatFor(tx, slot.id))) return SLOT_TAKEN;
        const booking = slot ? toSummary(slot, 'booked') : undefined;
        const reference = await insertRecord(tx, ctx, { conversationId, submissionKey }, { ...input.record, booking }, now);
        if (slot) {
          await tx.query(
            `INSERT INTO bookings (reference, slot_id, start_iso, end_iso, starts_at, modality, place, status, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5::timestamptz, $6, $7, 'booked', $8, $8)`,
            [reference, slot.id, slot.start, slot.end, slot.start, slot.modality, slot.place, now]
          );
        }
        const kind = booking ? 'intake.booked' : `intake.${input.record.outcome ?? 'info'}`;
        await insertOutbox(tx, now, kind, { reference, conversationId });
        return booking ? { ok: true, reference, booking } : { ok: true, reference };
      });
    },

    /** The booking for a reference as typed (case, spaces and dashes forgiven). */
    findBooking: (reference: string) => findBooking(ctx, reference),

    /** Cancels a booking and frees its seat; false when unknown or already cancelled. */
    cancelBooking(reference: string): Promise<boolean> {
      const canonical = normalizeReference(reference);
      if (!canonical) return Promise.resolve(false);
      return ctx.db.transaction(async (tx) => {
        const now = ctx.now();
        const { rows } = await tx.query<BookingRow>(
          `UPDATE bookings SET status = 'cancelled', updated_at = $2 WHERE reference = $1 AND status = 'booked'
           RETURNING reference, slot_id, start_iso, end_iso, modality, place, status`,
          [canonical, now]
        );
        const row = rows[0];
        if (!row) return false;
        await freeSeat(tx, row.slot_id);
        const conversationId = await syncRecordBooking(tx, canonical, rowSummary(row), now);
        await insertOutbox(tx, now, 'intake.cancelled', { reference: canonical, conversationId, slotId: row.slot_id });
        return true;
      });
    },

    /** Moves a booking to another slot; the old seat is freed only if the new one is taken. */
    rebook(reference: string, slot: BookableSlot): Promise<RebookOutcome> {
      const canonical = normalizeReference(reference);
      if (!canonical) return Promise.resolve({ ok: false, reason: 'not_found' });
      return ctx.db.transaction(async (tx): Promise<RebookOutcome> => {
        const now = ctx.now();
        const { rows } = await tx.query<{ slot_id: string }>(
          `SELECT slot_id FROM bookings WHERE reference = $1 AND status = 'booked' FOR UPDATE`,
          [canonical]
        );
        const from = rows[0]?.slot_id;
        if (from === undefined) return { ok: false, reason: 'not_found' };
        if (from !== slot.id) {
          await lockSeats(tx, [from, slot.id]);
          if (!(await seatFor(tx, slot.id))) return SLOT_TAKEN;
          await freeSeat(tx, from);
        }
        await tx.query(
          `UPDATE bookings SET slot_id = $2, start_iso = $3, end_iso = $4, starts_at = $5::timestamptz,
             modality = $6, place = $7, updated_at = $8 WHERE reference = $1`,
          [canonical, slot.id, slot.start, slot.end, slot.start, slot.modality, slot.place, now]
        );
        const booking = toSummary(slot, 'booked');
        const conversationId = await syncRecordBooking(tx, canonical, booking, now);
        await insertOutbox(tx, now, 'intake.changed', { reference: canonical, conversationId, fromSlotId: from, slotId: slot.id });
        return { ok: true, booking };
      });
    }
  };
}

/** The booking for a reference as typed (case, spaces and dashes forgiven). */
async function findBooking(ctx: StoreContext, reference: string): Promise<StoredBooking | undefined> {
  const canonical = normalizeReference(reference);
  if (!canonical) return undefined;
  const { rows } = await ctx.db.query<BookingRow>(
    `SELECT b.reference, r.conversation_id, b.slot_id, b.start_iso, b.end_iso, b.modality, b.place, b.status, r.record
     FROM bookings b JOIN intake_records r ON r.reference = b.reference WHERE b.reference = $1`,
    [canonical]
  );
  const row = rows[0];
  if (!row) return undefined;
  return { reference: row.reference, conversationId: row.conversation_id, booking: rowSummary(row), record: row.record };
}

/** Inserts the record under a fresh reference, drawing again if the code is already in use. */
async function insertRecord(
  tx: Queryable,
  ctx: StoreContext,
  { conversationId, submissionKey }: { conversationId: string; submissionKey: string },
  record: IntakeRecord,
  now: Date
): Promise<string> {
  for (let attempt = 0; attempt < REFERENCE_ATTEMPTS; attempt += 1) {
    const reference = ctx.newReference();
    // ON CONFLICT instead of catching the unique violation: an error would abort the transaction.
    const { rows } = await tx.query(
      `INSERT INTO intake_records (reference, conversation_id, channel, locale, category, urgency, outcome, record, created_at, updated_at, submission_key)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9, $9, $10)
       ON CONFLICT (reference) DO NOTHING RETURNING reference`,
      [
        reference,
        conversationId,
        record.channel,
        record.locale,
        record.request.category ?? null,
        record.request.urgency ?? null,
        record.outcome ?? null,
        toJsonb({ ...record, reference }),
        now,
        submissionKey
      ]
    );
    if (rows.length === 1) return reference;
  }
  throw new Error(`No free reference code after ${REFERENCE_ATTEMPTS} attempts (conversation ${conversationId})`);
}

/** The outcome of an earlier submission of the same intake, if there was one. */
async function submittedBefore(tx: Queryable, submissionKey: string): Promise<SubmitOutcome | undefined> {
  const { rows } = await tx.query<{ reference: string; booking: BookingSummary | null }>(
    `SELECT reference, record -> 'booking' AS booking FROM intake_records WHERE submission_key = $1`,
    [submissionKey]
  );
  const row = rows[0];
  if (!row) return undefined;
  return row.booking ? { ok: true, reference: row.reference, booking: row.booking } : { ok: true, reference: row.reference };
}

/** Keeps the booking inside the stored record in step with the bookings table. */
async function syncRecordBooking(tx: Queryable, reference: string, booking: BookingSummary, now: Date): Promise<string> {
  const { rows } = await tx.query<{ conversation_id: string }>(
    `UPDATE intake_records SET record = record || jsonb_build_object('booking', $2::jsonb), updated_at = $3
     WHERE reference = $1 RETURNING conversation_id`,
    [reference, toJsonb(booking), now]
  );
  return rows[0]?.conversation_id ?? '';
}

function toSummary(slot: BookableSlot, status: BookingSummary['status']): BookingSummary {
  return { slotId: slot.id, start: slot.start, end: slot.end, modality: slot.modality, place: slot.place, status };
}

function rowSummary(row: Omit<BookingRow, 'conversation_id' | 'record'>): BookingSummary {
  return {
    slotId: row.slot_id,
    start: row.start_iso,
    end: row.end_iso,
    modality: row.modality,
    place: row.place,
    status: row.status
  };
}
