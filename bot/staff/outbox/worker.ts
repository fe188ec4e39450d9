import type { Logger } from '../../logger';
import type { IntakeStore, OutboxMessage } from '../../store/intake-store';
import { PARKED_PREFIX } from '../store/teams-installations';
import { DEFAULT_BACKOFF, retryDelay, type BackoffOptions } from './backoff';

/** What a handler did with one event. */
export type Outcome =
  /** Sent, and the handler already marked the event delivered with what it sent. */
  | { status: 'delivered' }
  /** Nothing to send (e.g. the intake was erased meanwhile): the event is done. */
  | { status: 'skipped'; reason: string }
  /** Cannot be sent for now (no channel, or the channel refused us): wait for a reinstall. */
  | { status: 'parked'; reason: string };

export type OutboxHandler = (message: OutboxMessage) => Promise<Outcome>;

export interface OutboxWorkerOptions {
  store: Pick<IntakeStore, 'claimOutbox' | 'markDelivered' | 'markFailed'>;
  handle: OutboxHandler;
  logger: Logger;
  now?: () => Date;
  /** How often to look for due events; crisis alerts wait at most this long. */
  pollMs?: number;
  batchSize?: number;
  /** An event claimed by a worker that died is retried after this long. */
  leaseMs?: number;
  /** How long a parked event waits before it is looked at again (an install releases it sooner). */
  parkMs?: number;
  backoff?: BackoffOptions;
}

export interface OutboxWorker {
  /** Delivers what is due now, once; resolves with how many events were handled. */
  runOnce(): Promise<number>;
  /** Looks for events at once instead of at the next poll. */
  wake(): void;
  /** Stops polling and waits for the batch in flight. */
  stop(): Promise<void>;
}

/**
 * Delivers outbox events. Events are claimed with a lease, so replicas share the work without
 * sending one twice; every failure is recorded with the next attempt time, so a restart simply
 * picks up where the last process stopped.
 */
export function startOutboxWorker(options: OutboxWorkerOptions): OutboxWorker {
  const { store, handle, logger } = options;
  const now = options.now ?? (() => new Date());
  const pollMs = options.pollMs ?? 1_000;
  const batchSize = options.batchSize ?? 10;
  const leaseMs = options.leaseMs ?? 60_000;
  const parkMs = options.parkMs ?? 3_600_000;
  const backoff = options.backoff ?? DEFAULT_BACKOFF;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<number> = Promise.resolve(0);

  const deliver = async (message: OutboxMessage): Promise<void> => {
    try {
      const outcome = await handle(message);
      if (outcome.status === 'skipped') {
        await store.markDelivered(message.id);
        logger.info({ outboxId: message.id, kind: message.kind, reason: outcome.reason }, 'outbox event needs no card');
      } else if (outcome.status === 'parked') {
        await store.markFailed(message.id, `${PARKED_PREFIX}${outcome.reason}`, new Date(now().getTime() + parkMs));
        logger.warn({ outboxId: message.id, kind: message.kind, reason: outcome.reason }, 'outbox event parked until the staff channel is reachable');
      }
    } catch (error) {
      const delay = retryDelay(message.attempts, backoff);
      const text = error instanceof Error ? error.message : String(error);
      await store.markFailed(message.id, text.slice(0, 500), new Date(now().getTime() + delay));
      logger.warn({ outboxId: message.id, kind: message.kind, attempts: message.attempts + 1, retryInMs: delay, err: text }, 'outbox delivery failed; will retry');
    }
  };

  const runOnce = async (): Promise<number> => {
    const batch = await store.claimOutbox(batchSize, leaseMs);
    // In order, one by one: a crisis alert queued first is posted first.
    for (const message of batch) await deliver(message);
    return batch.length;
  };

  const tick = () => {
    timer = undefined;
    if (stopped) return;
    running = runOnce()
      .catch((error: unknown) => {
        logger.error({ err: error }, 'outbox worker could not read the outbox');
        return 0;
      })
      .then((handled) => {
        // A full batch means more may be waiting: go again at once.
        if (!stopped) timer = setTimeout(tick, handled >= batchSize ? 0 : pollMs);
        return handled;
      });
  };
  timer = setTimeout(tick, 0);

  return {
    runOnce,
    wake: () => {
      if (stopped || !timer) return;
      clearTimeout(timer);
      timer = setTimeout(tick, 0);
    },
    stop: async () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    }
  };
}
