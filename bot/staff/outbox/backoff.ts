/** How long to wait before retrying a failed delivery. */
export interface BackoffOptions {
  baseMs: number;
  maxMs: number;
  /** 0.2 spreads retries ±20%, so replicas that failed together do not retry together. */
  jitter: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 2_000, maxMs: 60_000, jitter: 0.2 };

/**
 * Exponential backoff capped at `maxMs`: a connector that is down for minutes is retried at
 * least once a minute, so cards arrive soon after it is back, and never hammered meanwhile.
 */
export function retryDelay(attempts: number, options: BackoffOptions = DEFAULT_BACKOFF, random: () => number = Math.random): number {
  const exponential = options.baseMs * 2 ** Math.min(attempts, 30);
  const capped = Math.min(options.maxMs, exponential);
  const spread = 1 + options.jitter * (2 * random() - 1);
  return Math.max(0, Math.round(capped * spread));
}
