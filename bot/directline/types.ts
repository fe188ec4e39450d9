import type { LimitStores } from '../http/shared-limits';
import type { Db } from '../store/db';

/** A Bot Framework activity as plain JSON, the shape that crosses the wire. */
export interface ActivityJson {
  type: string;
  [field: string]: unknown;
}

/** A stored activity and its place in the conversation (the watermark). */
export interface StoredActivity {
  seq: number;
  activity: ActivityJson;
}

/** Flood and size limits; every figure is per window of `windowMs`. */
export interface DirectLineLimits {
  /** Largest request body a web chat client may post, in bytes. */
  bodyBytes: number;
  /** Largest activity the agent may send through the connector, in bytes. */
  agentBodyBytes: number;
  windowMs: number;
  /** Activities one conversation may post. */
  postsPerWindow: number;
  /** Polls and reconnects one conversation may make. */
  readsPerWindow: number;
  /** Tokens and conversations one client address may create. */
  startsPerWindow: number;
}

/** Where log lines go; a pino logger fits. */
export interface DirectLineLogger {
  warn(detail: object, message: string): void;
  error(detail: object, message: string): void;
}

/** Everything `createDirectLine` needs from the server. */
export interface DirectLineOptions {
  db: Db;
  /** Runs one activity through the agent in-process; replies come back through the connector. */
  /** Runs an activity through the agent; replies it returns are stored at once (others arrive through the connector routes). */
  deliverToAgent: (activity: ActivityJson) => Promise<unknown[] | void>;
  /** Signs client tokens and derives the connector path key; at least 16 characters. */
  tokenSecret: string;
  /** Public origin such as `https://chat.example.org`; needed when several replicas share a database. */
  publicUrl?: string;
  limits?: Partial<DirectLineLimits>;
  /** Rate-limit counts shared by replicas (see `bot/http/shared-limits.ts`); in memory when absent. */
  limitStores?: LimitStores;
  /** Lifetime of a client token; refresh extends it. Default one hour. */
  tokenTtlSeconds?: number;
  /** The agent as it appears in activities. */
  bot?: { id: string; name: string };
  logger?: DirectLineLogger;
  clock?: () => Date;
}
