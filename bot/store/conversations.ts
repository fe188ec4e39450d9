import { toJsonb } from './jsonb';
import type { ConversationInput, StoreContext, StoredConversation } from './store-types';

interface ConversationRow {
  snapshot: unknown;
  locale: string;
  channel: string;
  stage: string;
  updated_at: Date;
}

/** Snapshot persistence for the intake statechart, one row per conversation. */
export function createConversations(ctx: StoreContext) {
  return {
    /** The saved conversation, or undefined when there is none. */
    async loadConversation(id: string): Promise<StoredConversation | undefined> {
      const { rows } = await ctx.db.query<ConversationRow>(
        'SELECT snapshot, locale, channel, stage, updated_at FROM conversations WHERE id = $1',
        [id]
      );
      const row = rows[0];
      if (!row) return undefined;
      return { snapshot: row.snapshot, locale: row.locale, channel: row.channel, stage: row.stage, updatedAt: row.updated_at };
    },

    /** Saves the conversation after a turn, replacing the previous snapshot. */
    async saveConversation(id: string, input: ConversationInput): Promise<void> {
      await ctx.db.query(
        `INSERT INTO conversations (id, snapshot, locale, channel, stage, created_at, updated_at)
         VALUES ($1, $2::jsonb, $3, $4, $5, $6, $6)
         ON CONFLICT (id) DO UPDATE SET snapshot = EXCLUDED.snapshot, locale = EXCLUDED.locale,
           channel = EXCLUDED.channel, stage = EXCLUDED.stage, updated_at = EXCLUDED.updated_at`,
        [id, toJsonb(input.snapshot), input.locale, input.channel, input.stage, ctx.now()]
      );
    },

    /** Forgets the conversation's snapshot; true when there was one. */
    async deleteConversation(id: string): Promise<boolean> {
      const { rows } = await ctx.db.query('DELETE FROM conversations WHERE id = $1 RETURNING id', [id]);
      return rows.length === 1;
    }
  };
}
