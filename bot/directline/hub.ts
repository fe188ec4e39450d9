import { randomBytes } from 'node:crypto';
import type { Db } from '../store/db';
import type { DirectLineLogger } from './types';

/** Wakes open streams when an activity is stored for their conversation, on any replica. */
export interface ActivityHub {
  /** Returns the function that stops listening. */
  subscribe(conversationId: string, listener: () => void): () => void;
  notify(conversationId: string): void;
  close(): Promise<void>;
}

/** The NOTIFY channel every replica listens on; the payload is `<origin>|<conversation id>`. */
export const ACTIVITY_CHANNEL = 'doorway_directline';

/**
 * Streams on this process are woken at once; other replicas hear of the write through PostgreSQL's
 * LISTEN/NOTIFY, so no stream polls the database. After the listening connection was lost and
 * came back (an empty payload), every stream looks again for what it missed.
 */
export function createActivityHub(db: Pick<Db, 'listen' | 'query'>, logger: DirectLineLogger): ActivityHub {
  const listeners = new Map<string, Set<() => void>>();
  const origin = randomBytes(6).toString('hex');
  const wake = (conversationId: string) => {
    for (const listener of listeners.get(conversationId) ?? []) listener();
  };
  const heard = (payload: string) => {
    if (payload === '') {
      for (const id of listeners.keys()) wake(id);
      return;
    }
    const bar = payload.indexOf('|');
    if (payload.slice(0, bar) !== origin) wake(payload.slice(bar + 1));
  };
  const stopListening = db.listen(ACTIVITY_CHANNEL, heard).catch((error: unknown) => {
    logger.error({ err: error }, 'directline: cannot listen for other replicas; their replies reach streams on this replica late');
    return () => undefined;
  });

  return {
    subscribe(conversationId, listener) {
      const set = listeners.get(conversationId) ?? new Set<() => void>();
      set.add(listener);
      listeners.set(conversationId, set);
      return () => {
        set.delete(listener);
        if (set.size === 0 && listeners.get(conversationId) === set) listeners.delete(conversationId);
      };
    },
    notify(conversationId) {
      wake(conversationId);
      db.query('SELECT pg_notify($1, $2)', [ACTIVITY_CHANNEL, `${origin}|${conversationId}`]).catch((error: unknown) => {
        logger.warn({ err: error, conversationId }, 'directline: could not tell other replicas of a new activity');
      });
    },
    async close() {
      (await stopListening)();
    }
  };
}
