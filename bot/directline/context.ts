import type { LimitStores } from '../http/shared-limits';
import type { Account } from './activities';
import { createActivityHub, type ActivityHub } from './hub';
import { createActivityStore, type ActivityStore } from './store';
import { createTokenService, type TokenService } from './tokens';
import type { ActivityJson, DirectLineLimits, DirectLineLogger, DirectLineOptions } from './types';
import { connectorKey } from './urls';

/** Limits used where `options.limits` leaves a figure out. */
export const DEFAULT_LIMITS: DirectLineLimits = {
  // A 50,000-character message is still allowed; the agent answers it kindly.
  bodyBytes: 256 * 1024,
  agentBodyBytes: 1024 * 1024,
  windowMs: 10_000,
  postsPerWindow: 30,
  readsPerWindow: 120,
  startsPerWindow: 20
};

/** What the routes and the stream share. */
export interface DirectLineContext {
  store: ActivityStore;
  hub: ActivityHub;
  tokens: TokenService;
  /** Runs an activity through the agent; replies it returns are stored at once (others arrive through the connector routes). */
  deliverToAgent: (activity: ActivityJson) => Promise<unknown[] | void>;
  publicUrl: string | undefined;
  connectorKey: string;
  limits: DirectLineLimits;
  /** Shared rate-limit counts for replicas; in memory when absent. */
  limitStores?: LimitStores;
  tokenTtlSeconds: number;
  bot: Account;
  logger: DirectLineLogger;
  now: () => Date;
}

const consoleLogger: DirectLineLogger = {
  warn: (detail, message) => console.warn(message, detail),
  error: (detail, message) => console.error(message, detail)
};

/** Validates the options and fills in defaults. */
export function createContext(options: DirectLineOptions): DirectLineContext {
  // Matches TOKEN_SECRET's own check in bot/config/env.ts.
  if (options.tokenSecret.length < 16) throw new Error('Direct Line tokenSecret must be at least 16 characters.');
  const now = options.clock ?? (() => new Date());
  return {
    store: createActivityStore(options.db, now),
    hub: createActivityHub(options.db, options.logger ?? consoleLogger),
    tokens: createTokenService(options.tokenSecret, now),
    deliverToAgent: options.deliverToAgent,
    publicUrl: options.publicUrl?.replace(/\/+$/, ''),
    connectorKey: connectorKey(options.tokenSecret),
    limits: { ...DEFAULT_LIMITS, ...options.limits },
    limitStores: options.limitStores,
    tokenTtlSeconds: options.tokenTtlSeconds ?? 3600,
    bot: options.bot ?? { id: 'doorway', name: 'Doorway' },
    logger: options.logger ?? consoleLogger,
    now
  };
}
