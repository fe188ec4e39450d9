import { readdirSync, readFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { openPostgres } from './db-postgres';
import type { Db, DbEvents, Queryable } from './db-types';

export type { Db, DbEvents, Queryable } from './db-types';

export interface OpenDbOptions {
  /** `postgres://…`; when absent the embedded PGlite database is used. */
  databaseUrl?: string;
  /** PGlite data directory; `memory://` for an in-memory database (tests). */
  dataDir?: string;
  events?: DbEvents;
}

export async function openDb(options: OpenDbOptions): Promise<Db> {
  const db = options.databaseUrl ? openPostgres(options.databaseUrl, options.events) : await openPglite(options.dataDir ?? './data');
  try {
    await migrate(db);
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}

async function openPglite(dataDir: string): Promise<Db> {
  if (!dataDir.startsWith('memory://')) mkdirSync(dataDir, { recursive: true });
  const lite = await PGlite.create(dataDir);
  const queryable: Queryable = {
    query: async <Row extends object>(sql: string, params?: unknown[]) => ({ rows: (await lite.query<Row>(sql, params)).rows })
  };
  return {
    kind: 'pglite',
    query: queryable.query,
    transaction: (work) =>
      lite.transaction((tx) =>
        work({
          query: async <Row extends object>(sql: string, params?: unknown[]) => ({
            rows: (await tx.query<Row>(sql, params)).rows
          })
        })
      ),
    // One embedded connection, one process: the in-process lock already serialises its turns.
    session: (work) => work(queryable),
    listen: async (channel, handler) => {
      const stop = await lite.listen(channel, handler);
      // After close there is nothing left to stop listening to.
      return () => void stop().catch(() => undefined);
    },
    close: () => lite.close()
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
