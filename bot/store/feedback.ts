import { toJsonb } from './jsonb';
import { normalizeReference } from './reference-code';
import type { FeedbackInput, FeedbackTarget, StoreContext } from './store-types';

/** The optional rating and comment from the done stage. */
export function createFeedback(ctx: StoreContext) {
  return {
    /**
     * Saves feedback for a submitted intake (also copied into its record) or for a
     * conversation that ended without one; false when the reference is unknown.
     */
    saveFeedback(target: FeedbackTarget, feedback: FeedbackInput): Promise<boolean> {
      const { rating, comment } = feedback;
      if (rating !== undefined && !(Number.isInteger(rating) && rating >= 1 && rating <= 5)) {
        return Promise.reject(new RangeError(`Feedback rating must be 1 to 5, got ${rating}`));
      }
      return ctx.db.transaction(async (tx) => {
        const now = ctx.now();
        let conversationId: string;
        let reference: string | null = null;
        if ('reference' in target) {
          reference = normalizeReference(target.reference) ?? null;
          const { rows } = await tx.query<{ conversation_id: string }>(
            `UPDATE intake_records SET record = record || jsonb_build_object('feedback', $2::jsonb), updated_at = $3
             WHERE reference = $1 RETURNING conversation_id`,
            [reference, toJsonb({ rating, comment }), now]
          );
          if (!rows[0]) return false;
          conversationId = rows[0].conversation_id;
        } else {
          conversationId = target.conversationId;
        }
        await tx.query(
          'INSERT INTO feedback (conversation_id, reference, rating, comment, created_at) VALUES ($1, $2, $3, $4, $5)',
          [conversationId, reference, rating ?? null, comment ?? null, now]
        );
        return true;
      });
    }
  };
}
