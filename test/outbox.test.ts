import { retryDelay } from '../bot/staff/outbox/backoff';
import { startOutboxWorker, type Outcome } from '../bot/staff/outbox/worker';
import { createLogger } from '../bot/logger';
import type { OutboxMessage } from '../bot/store/intake-store';

const NOW = new Date('2026-11-24T09:00:00Z');

function message(id: string, attempts = 0): OutboxMessage {
  return { id, kind: 'intake.booked', payload: { reference: 'DW-ABC234' }, createdAt: NOW, attempts, nextAttemptAt: NOW };
}

/** An outbox that hands out its messages once and records what the worker said about each. */
function fakeOutbox(messages: OutboxMessage[]) {
  const delivered: string[] = [];
  const failed: Array<{ id: string; error: string; at: Date }> = [];
  let queue = [...messages];
  return {
    delivered,
    failed,
    store: {
      claimOutbox: async (limit: number) => {
        const batch = queue.slice(0, limit);
        queue = queue.slice(limit);
        return batch;
      },
      markDelivered: async (id: string) => {
        delivered.push(id);
        return true;
      },
      markFailed: async (id: string, error: string, at: Date) => {
        failed.push({ id, error, at });
        return true;
      }
    }
  };
}

describe('retryDelay', () => {
  it('should double with each attempt and stop at the cap', () => {
    const options = { baseMs: 1000, maxMs: 60_000, jitter: 0 };
    expect([0, 1, 2, 3, 6, 7, 50].map((attempts) => retryDelay(attempts, options))).toEqual([1000, 2000, 4000, 8000, 60_000, 60_000, 60_000]);
  });

  it('should spread retries by the jitter and never go below zero', () => {
    const options = { baseMs: 1000, maxMs: 60_000, jitter: 0.2 };
    expect(retryDelay(0, options, () => 0)).toBe(800);
    expect(retryDelay(0, options, () => 1)).toBe(1200);
  });
});

describe('outbox worker', () => {
  const run = async (messages: OutboxMessage[], handle: (m: OutboxMessage) => Promise<Outcome>) => {
    const outbox = fakeOutbox(messages);
    const worker = startOutboxWorker({
      store: outbox.store,
      handle,
      logger: createLogger('silent'),
      now: () => NOW,
      pollMs: 60_000,
      backoff: { baseMs: 1000, maxMs: 8000, jitter: 0 }
    });
    await worker.stop();
    await worker.runOnce();
    return outbox;
  };

  it('should schedule a failed delivery for later, further out the more it failed', async () => {
    const outbox = await run([message('1', 0), message('2', 5)], async () => {
      throw new Error('connector down');
    });
    expect(outbox.failed.map((f) => [f.id, f.error, f.at.getTime() - NOW.getTime()])).toEqual([
      ['1', 'connector down', 1000],
      ['2', 'connector down', 8000]
    ]);
    expect(outbox.delivered).toEqual([]);
  });

  it('should mark skipped events done and park events that cannot be sent yet', async () => {
    const outbox = await run([message('1'), message('2'), message('3')], async (m) =>
      m.id === '1' ? { status: 'skipped', reason: 'erased' } : m.id === '2' ? { status: 'parked', reason: 'no channel' } : { status: 'delivered' }
    );
    expect(outbox.delivered).toEqual(['1']);
    expect(outbox.failed).toEqual([{ id: '2', error: 'parked: no channel', at: new Date(NOW.getTime() + 3_600_000) }]);
  });

  it('should deliver in the order events were queued', async () => {
    const seen: string[] = [];
    await run([message('1'), message('2'), message('3')], async (m) => {
      seen.push(m.id);
      return { status: 'delivered' };
    });
    expect(seen).toEqual(['1', '2', '3']);
  });
});
