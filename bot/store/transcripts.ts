import type { Queryable } from './db';

/**
 * The web chat's stored transcript (the Direct Line tables) holds everything a person typed, so
 * it is erased with the rest of their data and purged by the same retention period.
 */
export function createTranscriptStore(db: Queryable) {
  return {
    async deleteTranscript(conversationId: string): Promise<number> {
      const { rows } = await db.query('DELETE FROM directline_activities WHERE conversation_id = $1 RETURNING seq', [conversationId]);
      return rows.length;
    },
    async purgeTranscripts(before: Date): Promise<number> {
      await db.query('DELETE FROM directline_activities WHERE created_at < $1', [before]);
      const { rows } = await db.query(
        'DELETE FROM directline_conversations c WHERE created_at < $1 AND NOT EXISTS (SELECT 1 FROM directline_activities a WHERE a.conversation_id = c.id) RETURNING id',
        [before]
      );
      return rows.length;
    }
  };
}
