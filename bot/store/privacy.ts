import type { Queryable } from './db';
import { insertOutbox } from './outbox';
import { freeSeat } from './seats';
import type { StoreContext } from './store-types';

/** What an erasure or purge removed. */
export interface ErasureCounts {
  conversations: number;
  records: number;
}

/** Erasure on request and retention clean-up; each call is one transaction. */
export function createPrivacy(ctx: StoreContext) {
  return {
    /**
     * Erases a conversation: snapshot, intake records, bookings (seats freed), feedback and its
     * queued intake events. Staff who already received a summary get an 'intake.deleted'
     * notice so they can erase their copy. Crisis and human-request alerts are kept: they carry
     * no personal text and safety comes first.
     */
    deleteConversationData(conversationId: string): Promise<ErasureCounts> {
      return ctx.db.transaction(async (tx) => {
        const now = ctx.now();
        await releaseSeats(tx, 'r.conversation_id = $1', [conversationId]);
        const { rows: delivered } = await tx.query<{ reference: string }>(
          `DELETE FROM outbox WHERE payload ->> 'conversationId' = $1 AND kind LIKE 'intake.%'
           RETURNING CASE WHEN delivered_at IS NOT NULL THEN payload ->> 'reference' END AS reference`,
          [conversationId]
        );
        await tx.query('DELETE FROM feedback WHERE conversation_id = $1', [conversationId]);
        const records = await tx.query('DELETE FROM intake_records WHERE conversation_id = $1 RETURNING reference', [conversationId]);
        const conversations = await tx.query('DELETE FROM conversations WHERE id = $1 RETURNING id', [conversationId]);
        const told = new Set(delivered.map((row) => row.reference).filter((reference) => reference !== null));
        for (const reference of told) {
          await insertOutbox(tx, now, 'intake.deleted', { reference, conversationId }, `intake.deleted:${reference}`);
        }
        return { conversations: conversations.rows.length, records: records.rows.length };
      });
    },

    /** Deletes intake records, conversations, feedback and outbox rows older than the retention period. */
    purgeExpired(retentionDays: number): Promise<ErasureCounts> {
      const cutoff = new Date(ctx.now().getTime() - retentionDays * 86_400_000);
      return ctx.db.transaction(async (tx) => {
        await releaseSeats(tx, 'r.created_at < $1', [cutoff]);
        const records = await tx.query('DELETE FROM intake_records WHERE created_at < $1 RETURNING reference', [cutoff]);
        const conversations = await tx.query('DELETE FROM conversations WHERE updated_at < $1 RETURNING id', [cutoff]);
        await tx.query('DELETE FROM feedback WHERE created_at < $1', [cutoff]);
        await tx.query('DELETE FROM outbox WHERE created_at < $1', [cutoff]);
        await tx.query('DELETE FROM slot_seats WHERE booked = 0');
        return { conversations: conversations.rows.length, records: records.rows.length };
      });
    }
  };
}

/** Cancels the active bookings of the matching records and gives their seats back. */
async function releaseSeats(tx: Queryable, recordFilter: string, params: unknown[]): Promise<void> {
  const { rows } = await tx.query<{ slot_id: string }>(
    `UPDATE bookings b SET status = 'cancelled' FROM intake_records r
     WHERE r.reference = b.reference AND b.status = 'booked' AND ${recordFilter}
     RETURNING b.slot_id`,
    params
  );
  // Slot-id order keeps seat locks in the same order as every other writer.
  for (const { slot_id } of rows.sort((a, b) => (a.slot_id < b.slot_id ? -1 : a.slot_id > b.slot_id ? 1 : 0))) {
    await freeSeat(tx, slot_id);
  }
}
