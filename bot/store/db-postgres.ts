import { randomBytes } from 'node:crypto';
import { Client, Pool, type PoolClient } from 'pg';
import type { Db, DbEvents, Queryable } from './db-types';

/** How long a query keeps trying through a lost connection (a restart, a failover) before it fails. */
const RETRY_FOR_MS = 15_000;
const FIRST_DELAY_MS = 100;
const LONGEST_DELAY_MS = 2_000;

/**
 * Errors that say the connection, not the statement, failed: the server shut down or restarted
 * (57P01–57P03), the connection broke (08xxx), or the socket did. The same work can run again.
 */
export function isConnectionError(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (typeof code === 'string' && (/^57P0[123]$/.test(code) || /^08/.test(code) || /^E(CONNREFUSED|CONNRESET|PIPE|TIMEDOUT|HOSTUNREACH|AI_AGAIN)$/.test(code))) {
    return true;
  }
  return typeof message === 'string' && /Connection terminated|connection error|timeout exceeded when trying to connect|Client was closed/i.test(message);
}

/** Runs `work`, again after a short wait while the failure is a lost connection, for up to RETRY_FOR_MS. */
export async function retryingConnection<T>(work: () => Promise<T>, events: DbEvents, retryForMs = RETRY_FOR_MS): Promise<T> {
  const started = Date.now();
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await work();
    } catch (error) {
      if (!isConnectionError(error) || Date.now() - started > retryForMs) throw error;
      events.onRetry?.(error, attempt);
      await new Promise((resolve) => setTimeout(resolve, Math.min(LONGEST_DELAY_MS, FIRST_DELAY_MS * 2 ** attempt)));
    }
  }
}

const viaClient = (client: PoolClient | Client): Queryable => ({
  query: async <Row extends object>(sql: string, params?: unknown[]) => {
    const result = await client.query(sql, params);
    return { rows: result.rows as Row[] };
  }
});

/**
 * A PostgreSQL server through node-postgres. Two pools: one for statements and transactions, one
 * for sessions that hold an advisory lock while a turn runs (so lock holders never starve the
 * statements they wait for). One more connection LISTENs, reconnecting when it is lost.
 */
export function openPostgres(url: string, events: DbEvents = {}): Db {
  // Each process's connections carry one name (after the URL's application_name, if it has one), so an operator can tell replicas apart.
  const parsed = new URL(url);
  const name = `${parsed.searchParams.get('application_name') ?? 'doorway'}-${randomBytes(4).toString('hex')}`;
  parsed.searchParams.delete('application_name');
  const connectionString = parsed.toString();
  const pool = new Pool({ connectionString, max: 10, application_name: name });
  const sessions = new Pool({ connectionString, max: 20, application_name: name });
  // An idle connection the server closes (a restart) is an `error` event; unhandled, it would end the process.
  for (const p of [pool, sessions]) p.on('error', (error) => events.onConnectionError?.(error));
  const listener = createListener(connectionString, name, events);

  const transaction = async <T>(work: (tx: Queryable) => Promise<T>): Promise<T> => {
    const client = await pool.connect();
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      const result = await work(viaClient(client));
      await client.query('COMMIT');
      return result;
    } catch (error) {
      if (isConnectionError(error)) broken = error as Error;
      else await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release(broken);
    }
  };

  return {
    kind: 'postgres',
    applicationName: name,
    query: <Row extends object>(sql: string, params?: unknown[]) =>
      retryingConnection(async () => ({ rows: (await pool.query(sql, params)).rows as Row[] }), events),
    transaction: (work) => retryingConnection(() => transaction(work), events),
    async session(work) {
      const client = await retryingConnection(() => sessions.connect(), events);
      let broken = false;
      const onError = () => (broken = true);
      client.on('error', onError);
      try {
        return await work(viaClient(client));
      } catch (error) {
        if (isConnectionError(error)) broken = true;
        throw error;
      } finally {
        client.off('error', onError);
        // A session that may still hold a lock, or whose connection broke, is not reused.
        client.release(broken ? true : undefined);
      }
    },
    listen: listener.listen,
    async close() {
      await listener.close();
      await Promise.all([pool.end(), sessions.end()]);
    }
  };
}

type Handler = (payload: string) => void;

/** One LISTEN connection for the process; after a lost connection it reconnects and says so. */
function createListener(connectionString: string, name: string, events: DbEvents) {
  const handlers = new Map<string, Set<Handler>>();
  let client: Client | undefined;
  let connecting: Promise<Client> | undefined;
  let closed = false;
  let delay = FIRST_DELAY_MS;

  const connect = async (): Promise<Client> => {
    const next = new Client({ connectionString, application_name: `${name}-listen` });
    next.on('notification', (message) => {
      for (const handler of handlers.get(message.channel) ?? []) handler(message.payload ?? '');
    });
    next.on('error', (error) => events.onConnectionError?.(error));
    next.on('end', () => {
      if (client !== next || closed) return;
      client = undefined;
      connecting = undefined;
      setTimeout(() => void reconnect(), delay).unref();
      delay = Math.min(LONGEST_DELAY_MS, delay * 2);
    });
    await next.connect();
    for (const channel of handlers.keys()) await next.query(`LISTEN ${channel}`);
    client = next;
    delay = FIRST_DELAY_MS;
    return next;
  };

  const reconnect = async () => {
    if (closed) return;
    try {
      connecting = connect();
      await connecting;
      // Notifications sent while we were away are lost; every listener looks again.
      for (const set of handlers.values()) for (const handler of set) handler('');
    } catch (error) {
      connecting = undefined;
      events.onConnectionError?.(error as Error);
      setTimeout(() => void reconnect(), delay).unref();
      delay = Math.min(LONGEST_DELAY_MS, delay * 2);
    }
  };

  return {
    async listen(channel: string, handler: Handler): Promise<() => void> {
      if (!/^[a-z_]+$/.test(channel)) throw new Error(`Bad channel name ${channel}`);
      const set = handlers.get(channel) ?? new Set<Handler>();
      const isNew = !handlers.has(channel);
      set.add(handler);
      handlers.set(channel, set);
      if (isNew) {
        connecting ??= connect().catch((error: unknown) => {
          connecting = undefined;
          throw error;
        });
        const live = client ?? (await connecting);
        await live.query(`LISTEN ${channel}`);
      }
      return () => set.delete(handler);
    },
    async close() {
      closed = true;
      await client?.end().catch(() => undefined);
    }
  };
}
