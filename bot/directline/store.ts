import type { Db } from '../store/db';
import { toJsonb } from '../store/jsonb';
import type { ActivityJson, StoredActivity } from './types';

/** Direct Line conversations and their activities in PostgreSQL, the one source of truth. */
export interface ActivityStore {
  /** True when the conversation is new, false when it already existed. */
  createConversation(id: string): Promise<boolean>;
  conversationExists(id: string): Promise<boolean>;
  /** Stores the activity with the next sequence number; undefined when the conversation is unknown. */
  append(conversationId: string, activity: ActivityJson): Promise<StoredActivity | undefined>;
  /** Activities after the watermark `afterSeq`, oldest first. */
  listAfter(conversationId: string, afterSeq: number, limit: number): Promise<StoredActivity[]>;
  /** Replaces every stored version of the activity with `activity` at a new sequence number. */
  replace(conversationId: string, activity: ActivityJson & { id: string }): Promise<StoredActivity | undefined>;
  /** Number of stored versions removed. */
  remove(conversationId: string, activityId: string): Promise<number>;
}

// The id is `<conversation>|<seq padded to 7>`, as the hosted Direct Line service writes it, unless
// the caller keeps one (an update). The UPDATE takes the conversation row lock until commit.
const APPEND = `
  WITH next AS (
    UPDATE directline_conversations SET last_seq = last_seq + 1 WHERE id = $1 RETURNING last_seq
  ), row AS (
    SELECT last_seq, COALESCE($3::text, $1::text || '|' || lpad(last_seq::text, 7, '0')) AS activity_id FROM next
  )
  INSERT INTO directline_activities (conversation_id, seq, activity_id, activity, created_at)
  SELECT $1, last_seq, activity_id, $2::jsonb || jsonb_build_object('id', activity_id), $4::timestamptz FROM row
  RETURNING seq::text AS seq, activity`;

interface Row {
  seq: string;
  activity: ActivityJson;
}

const toStored = (row: Row): StoredActivity => ({ seq: Number(row.seq), activity: row.activity });

/** Creates the store; `now` stamps `created_at` so retention follows the application clock. */
export function createActivityStore(db: Db, now: () => Date): ActivityStore {
  return {
    async createConversation(id) {
      const { rows } = await db.query(
        'INSERT INTO directline_conversations (id, created_at) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING RETURNING id',
        [id, now().toISOString()]
      );
      return rows.length === 1;
    },
    async conversationExists(id) {
      const { rows } = await db.query('SELECT 1 FROM directline_conversations WHERE id = $1', [id]);
      return rows.length === 1;
    },
    async append(conversationId, activity) {
      const { rows } = await db.query<Row>(APPEND, [conversationId, toJsonb(activity), null, now().toISOString()]);
      return rows[0] && toStored(rows[0]);
    },
    async listAfter(conversationId, afterSeq, limit) {
      const { rows } = await db.query<Row>(
        // Ordered by the bigint column, not by the text alias the driver-neutral select makes of it.
        `SELECT seq::text AS seq, activity FROM directline_activities
         WHERE conversation_id = $1 AND seq > $2 ORDER BY directline_activities.seq LIMIT $3`,
        [conversationId, afterSeq, limit]
      );
      return rows.map(toStored);
    },
    replace(conversationId, activity) {
      return db.transaction(async (tx) => {
        const removed = await tx.query(
          'DELETE FROM directline_activities WHERE conversation_id = $1 AND activity_id = $2 RETURNING seq',
          [conversationId, activity.id]
        );
        if (removed.rows.length === 0) return undefined;
        const { rows } = await tx.query<Row>(APPEND, [conversationId, toJsonb(activity), activity.id, now().toISOString()]);
        return rows[0] && toStored(rows[0]);
      });
    },
    async remove(conversationId, activityId) {
      const { rows } = await db.query(
        'DELETE FROM directline_activities WHERE conversation_id = $1 AND activity_id = $2 RETURNING seq',
        [conversationId, activityId]
      );
      return rows.length;
    }
  };
}
