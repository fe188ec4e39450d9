import { toJsonb } from './jsonb';
import type { Queryable } from './db';
import type { OutboxMessage, StoreContext } from './store-types';

/** Options for queueing an event. */
export interface EnqueueOptions {
  /** Same key, same event: a second enqueue is ignored. */
  dedupeKey?: string;
  /** Queue inside a transaction that is already open, so the event commits with the change. */
  tx?: Queryable;
}

interface OutboxRow {
  id: string;
  kind: string;
  payload: unknown;
  dedupe_key: string | null;
  created_at: Date;
  attempts: number;
  next_attempt_at: Date;
  delivered_at: Date | null;
  last_error: string | null;
}

const COLUMNS =
  'id::text AS id, kind, payload, dedupe_key, created_at, attempts, next_attempt_at, delivered_at, last_error';

/** Inserts one event; returns its id, or undefined when the dedupe key was already queued. */
/** The NOTIFY channel on which a queued event wakes the outbox workers of every replica. */
export const OUTBOX_CHANNEL = 'doorway_outbox';

export async function insertOutbox(
  q: Queryable,
  at: Date,
  kind: string,
  payload: unknown,
  dedupeKey?: string
): Promise<string | undefined> {
  const { rows } = await q.query<{ id: string }>(
    `INSERT INTO outbox (kind, payload, dedupe_key, created_at, next_attempt_at)
     VALUES ($1, $2::jsonb, $3, $4, $4)
     ON CONFLICT (dedupe_key) DO NOTHING
     RETURNING id::text AS id`,
    [kind, toJsonb(payload), dedupeKey ?? null, at]
  );
  // Delivered at commit, so a worker that wakes finds the event.
  if (rows[0]) await q.query('SELECT pg_notify($1, $2)', [OUTBOX_CHANNEL, rows[0].id]);
  return rows[0]?.id;
}

/** The outbox operations of the store; a delivery worker builds on them. */
export function createOutbox(ctx: StoreContext) {
  return {
    /** Queues an event such as 'crisis.alert' or 'human.requested'. */
    enqueue(kind: string, payload: unknown, options: EnqueueOptions = {}): Promise<string | undefined> {
      return insertOutbox(options.tx ?? ctx.db, ctx.now(), kind, payload, options.dedupeKey);
    },

    /** Undelivered events due now, oldest first. Reads only; see `claimOutbox` for workers. */
    async pendingOutbox(limit: number): Promise<OutboxMessage[]> {
      const { rows } = await ctx.db.query<OutboxRow>(
        `SELECT ${COLUMNS} FROM outbox
         WHERE delivered_at IS NULL AND next_attempt_at <= $1
         ORDER BY next_attempt_at, id LIMIT $2`,
        [ctx.now(), limit]
      );
      return rows.map(toMessage);
    },

    /**
     * Like `pendingOutbox`, but hides the returned events from other callers for `leaseMs`, so
     * several replicas can deliver without sending one event twice. An event whose worker dies
     * comes back when the lease ends.
     */
    async claimOutbox(limit: number, leaseMs: number): Promise<OutboxMessage[]> {
      const now = ctx.now();
      const { rows } = await ctx.db.query<OutboxRow>(
        `UPDATE outbox SET next_attempt_at = $3
         WHERE id IN (
           SELECT id FROM outbox WHERE delivered_at IS NULL AND next_attempt_at <= $1
           ORDER BY next_attempt_at, id LIMIT $2 FOR UPDATE SKIP LOCKED)
         RETURNING ${COLUMNS}`,
        [now, limit, new Date(now.getTime() + leaseMs)]
      );
      return rows.map(toMessage).sort((a, b) => Number(BigInt(a.id) - BigInt(b.id)));
    },

    /** Marks an event delivered; false when it was unknown or already delivered. */
    async markDelivered(id: string): Promise<boolean> {
      const { rows } = await ctx.db.query(
        'UPDATE outbox SET delivered_at = $2 WHERE id = $1::bigint AND delivered_at IS NULL RETURNING id',
        [id, ctx.now()]
      );
      return rows.length === 1;
    },

    /** Records a failed attempt and when to try again. */
    async markFailed(id: string, error: string, nextAttemptAt: Date): Promise<boolean> {
      const { rows } = await ctx.db.query(
        `UPDATE outbox SET attempts = attempts + 1, last_error = $2, next_attempt_at = $3
         WHERE id = $1::bigint AND delivered_at IS NULL RETURNING id`,
        [id, error, nextAttemptAt]
      );
      return rows.length === 1;
    }
  };
}

function toMessage(row: OutboxRow): OutboxMessage {
  return {
    id: row.id,
    kind: row.kind,
    payload: row.payload,
    dedupeKey: row.dedupe_key ?? undefined,
    createdAt: row.created_at,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    deliveredAt: row.delivered_at ?? undefined,
    lastError: row.last_error ?? undefined
  };
}
