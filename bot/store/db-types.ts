/** The part of a SQL connection the store needs; PGlite and node-postgres both provide it. */
export interface Queryable {
  query<Row extends object = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<{ rows: Row[] }>;
}

/**
 * One PostgreSQL database, embedded (PGlite) or a real server (node-postgres). The same SQL runs
 * on both; `transaction` gives a connection that commits when the callback resolves. On a real
 * server, statements and transactions are tried again through a lost connection.
 */
export interface Db extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** The name this process's connections carry (`application_name`), on a real server. */
  readonly applicationName?: string;
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  /** Runs `work` on one connection of its own, e.g. to hold a session advisory lock. */
  session<T>(work: (session: Queryable) => Promise<T>): Promise<T>;
  /** Calls `handler` on each NOTIFY on `channel` (and with '' after a lost listener reconnects). */
  listen(channel: string, handler: (payload: string) => void): Promise<() => void>;
  close(): Promise<void>;
}

/** What the database tells the application about its connections. */
export interface DbEvents {
  /** A pooled or listening connection failed (e.g. the server restarted); it is replaced. */
  onConnectionError?(error: Error): void;
  /** A statement is tried again after a lost connection. */
  onRetry?(error: unknown, attempt: number): void;
}
