import type { Db } from '../store/db';
import { isConnectionError } from '../store/db-postgres';

/** Runs work for one conversation at a time, in arrival order; different conversations run concurrently. */
export interface ConversationLock {
  run<T>(conversationId: string, work: () => Promise<T>): Promise<T>;
  /** Resolves when no work is running or waiting (for a graceful shutdown). */
  idle(): Promise<void>;
}

/** Advisory lock class of conversation turns; the key is the conversation id's hash. */
const TURN_LOCK_CLASS = 4242;
/** Tries to take the lock through lost connections: 0.1 + 0.2 + … + 3.2 s covers a quick restart. */
const LOCK_TRIES = 6;

/**
 * The one per-conversation lock: two quick messages to one conversation would otherwise be two
 * overlapping turns over the same saved snapshot. The agent takes it around each turn, whichever
 * channel the message came from. Within the process, turns queue on a promise chain; on a real
 * PostgreSQL server the turn also holds a session advisory lock, so replicas take turns too (and a
 * replica that dies releases it with its connection).
 */
export function createConversationLock(db?: Pick<Db, 'kind' | 'session'>): ConversationLock {
  const tails = new Map<string, Promise<unknown>>();
  const crossProcess = db?.kind === 'postgres';
  const idleWaiters: Array<() => void> = [];

  const locked = async <T>(conversationId: string, work: () => Promise<T>): Promise<T> => {
    let working = false;
    const attempt = () =>
      db!.session(async (session) => {
        await session.query('SELECT pg_advisory_lock($1, hashtext($2))', [TURN_LOCK_CLASS, conversationId]);
        working = true;
        try {
          return await work();
        } finally {
          await session.query('SELECT pg_advisory_unlock($1, hashtext($2))', [TURN_LOCK_CLASS, conversationId]).catch(() => undefined);
        }
      });
    // A pooled connection the server dropped fails at the first statement; the turn has not begun, so take another.
    for (let tries = 0; ; tries += 1) {
      try {
        return await attempt();
      } catch (error) {
        if (working || tries >= LOCK_TRIES || !isConnectionError(error)) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100 * 2 ** tries));
      }
    }
  };

  return {
    run(conversationId, work) {
      const previous = tails.get(conversationId) ?? Promise.resolve();
      const result = previous.then(() => (crossProcess ? locked(conversationId, work) : work()));
      const tail = result.catch(() => undefined);
      tails.set(conversationId, tail);
      void tail.then(() => {
        if (tails.get(conversationId) === tail) tails.delete(conversationId);
        if (tails.size === 0) for (const wake of idleWaiters.splice(0)) wake();
      });
      return result;
    },
    idle: () => (tails.size === 0 ? Promise.resolve() : new Promise<void>((resolve) => idleWaiters.push(resolve)))
  };
}
