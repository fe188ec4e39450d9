import type { ClientRateLimitInfo, Options, Store } from 'express-rate-limit';
import type { Queryable } from '../store/db';

/** Makes the store of one named limiter; undefined keeps express-rate-limit's in-memory store. */
export type LimitStores = (name: string) => Store | undefined;

// One window per key: a hit after the window restarts it. The database clock is the one every replica shares.
const INCREMENT = `
  INSERT INTO rate_limits (key, hits, reset_at) VALUES ($1, 1, now() + $2 * interval '1 millisecond')
  ON CONFLICT (key) DO UPDATE SET
    hits = CASE WHEN rate_limits.reset_at <= now() THEN 1 ELSE rate_limits.hits + 1 END,
    reset_at = CASE WHEN rate_limits.reset_at <= now() THEN EXCLUDED.reset_at ELSE rate_limits.reset_at END
  RETURNING hits, reset_at`;

/** Counts that lapsed are cleared now and then, by whichever request draws it. */
const SWEEP_CHANCE = 0.001;

/** Rate-limit counts in PostgreSQL, so a client's requests count the same on whichever replica they land. */
export function sharedLimitStores(db: Queryable): LimitStores {
  return (name) => new SharedLimitStore(db, name);
}

class SharedLimitStore implements Store {
  readonly localKeys = false;
  readonly prefix: string;
  private windowMs = 60_000;

  constructor(
    private readonly db: Queryable,
    name: string
  ) {
    this.prefix = `${name}:`;
  }

  init(options: Options): void {
    this.windowMs = options.windowMs;
  }

  async increment(key: string): Promise<ClientRateLimitInfo> {
    if (Math.random() < SWEEP_CHANCE) void this.db.query('DELETE FROM rate_limits WHERE reset_at < now()').catch(() => undefined);
    const { rows } = await this.db.query<{ hits: number; reset_at: Date }>(INCREMENT, [this.prefix + key, this.windowMs]);
    return { totalHits: Number(rows[0]!.hits), resetTime: new Date(rows[0]!.reset_at) };
  }

  async decrement(key: string): Promise<void> {
    await this.db.query('UPDATE rate_limits SET hits = greatest(hits - 1, 0) WHERE key = $1', [this.prefix + key]);
  }

  async resetKey(key: string): Promise<void> {
    await this.db.query('DELETE FROM rate_limits WHERE key = $1', [this.prefix + key]);
  }
}
