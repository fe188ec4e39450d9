import { readdirSync, readFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Pool, type PoolClient } from 'pg';

/** The part of a SQL connection the store needs; PGlite and node-postgres both provide it. */
export interface Queryable {
  query<Row extends object = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<{ rows: Row[] }>;
}

/**
 * One PostgreSQL database, embedded (PGlite) or a real server (node-postgres). The same SQL runs
 * on both; `transaction` gives a connection that commits when the callback resolves.
 */
export interface Db extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface OpenDbOptions {
  /** `postgres://…`; when absent the embedded PGlite database is used. */
  databaseUrl?: string;
  /** PGlite data directory; `memory://` for an in-memory database (tests). */
  dataDir?: string;
}

export async function openDb(options: OpenDbOptions): Promise<Db> {
  const db = options.databaseUrl ? openPostgres(options.databaseUrl) : await openPglite(options.dataDir ?? './data');
  await migrate(db);
  return db;
}

async function openPglite(dataDir: string): Promise<Db> {
  if (!dataDir.startsWith('memory://')) mkdirSync(dataDir, { recursive: true });
  const lite = await PGlite.create(dataDir);
  return {
    kind: 'pglite',
    query: async <Row extends object>(sql: string, params?: unknown[]) => {
      const result = await lite.query<Row>(sql, params);
      return { rows: result.rows };
    },
    transaction: (work) =>
      lite.transaction((tx) =>
        work({
          query: async <Row extends object>(sql: string, params?: unknown[]) => ({
            rows: (await tx.query<Row>(sql, params)).rows
          })
        })
      ),
    close: () => lite.close()
  };
}

function openPostgres(connectionString: string): Db {
  const pool = new Pool({ connectionString, max: 10 });
  const viaClient = (client: PoolClient): Queryable => ({
    query: async <Row extends object>(sql: string, params?: unknown[]) => {
      const result = await client.query(sql, params);
      return { rows: result.rows as Row[] };
    }
  });
  return {
    kind: 'postgres',
    query: async <Row extends object>(sql: string, params?: unknown[]) => {
      const result = await pool.query(sql, params);
      return { rows: result.rows as Row[] };
    },
    transaction: async (work) => {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await work(viaClient(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end()
  };
}

/**
 * The core tables' migrations live here, the staff side's next to its code (`bot/staff/store/`).
 * Their file names form one numbered sequence across both folders, and the name is what
 * `schema_migrations` records, so a file moved between the folders is never applied twice.
 */
const MIGRATION_DIRS = [join(__dirname, 'migrations'), join(__dirname, '..', 'staff', 'store', 'migrations')];

interface MigrationFile {
  name: string;
  path: string;
}

/** Every `NNN_name.sql` in the migration folders, in name order; a name in two folders is a mistake. */
function migrationFiles(): MigrationFile[] {
  const files = MIGRATION_DIRS.flatMap((dir) =>
    readdirSync(dir)
      .filter((name) => /^\d{3}_[a-z0-9_]+\.sql$/.test(name))
      .map((name) => ({ name, path: join(dir, name) }))
  );
  const names = new Set<string>();
  for (const { name, path } of files) {
    if (names.has(name)) throw new Error(`Migration ${name} exists twice (again at ${path}); names must be unique`);
    names.add(name);
  }
  return files.sort((a, b) => (a.name < b.name ? -1 : 1));
}

/**
 * Applies the migrations in name order, each once, in its own transaction. An advisory lock keeps
 * two replicas starting together from applying the same file twice.
 */
export async function migrate(db: Db): Promise<void> {
  const files = migrationFiles();
  await db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(4242001)');
    await tx.query(
      'CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())'
    );
    const applied = new Set(
      (await tx.query<{ name: string }>('SELECT name FROM schema_migrations')).rows.map((row) => row.name)
    );
    for (const { name, path } of files) {
      if (applied.has(name)) continue;
      for (const statement of splitStatements(readFileSync(path, 'utf8'))) {
        await tx.query(statement);
      }
      await tx.query('INSERT INTO schema_migrations (name) VALUES ($1)', [name]);
    }
  });
}

/** Migrations hold plain DDL; statements end with `;` at the end of a line. */
function splitStatements(sql: string): string[] {
  return sql
    .split(/;\s*$/m)
    .map((statement) => statement.replace(/^\s*--.*$/gm, '').trim())
    .filter((statement) => statement.length > 0);
}
