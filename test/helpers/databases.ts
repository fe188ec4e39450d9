import { randomBytes } from 'node:crypto';
import * as vm from 'node:vm';
import { Client } from 'pg';
import { openDb, type Db } from '../../bot/store/db';

/** The real server the suites also run on; `TEST_DATABASE_URL=none` leaves it out. */
const POSTGRES_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Which database a suite runs on. */
export type DatabaseKind = Db['kind'];

/** A database opened for one test file, and how to throw it away. */
interface TestDatabase {
  db: Db;
  dispose(): Promise<void>;
}

/** A fresh in-memory PGlite database with the migrations applied. */
export async function openTestPglite(): Promise<TestDatabase> {
  // PGlite loads Node built-ins with dynamic import(), which Jest's sandbox only allows when Node
  // runs with --experimental-vm-modules; without it PGlite fails with a puzzling error.
  if (typeof vm.SyntheticModule !== 'function') {
    throw new Error('PGlite under Jest needs Node started with --experimental-vm-modules (NODE_OPTIONS=--experimental-vm-modules npx jest …)');
  }
  const db = await openDb({ dataDir: 'memory://' });
  return { db, dispose: () => db.close() };
}

/**
 * A fresh schema on the real PostgreSQL server, made the connection's search path, so test files
 * running in parallel never see each other's tables. Dropped on dispose.
 */
export async function openTestPostgres(): Promise<TestDatabase> {
  const schema = `doorway_test_${randomBytes(6).toString('hex')}`;
  await withAdmin((admin) => admin.query(`CREATE SCHEMA ${schema}`));
  const url = new URL(POSTGRES_URL);
  url.searchParams.set('options', `-c search_path=${schema}`);
  try {
    const db = await openDb({ databaseUrl: url.toString() });
    return {
      db,
      dispose: async () => {
        await db.close();
        await dropSchema(schema);
      }
    };
  } catch (error) {
    await dropSchema(schema);
    throw error;
  }
}

/**
 * Declares the same suite once per database: embedded PGlite and the real PostgreSQL server.
 * Each run gets its own database, opened before its tests and closed after them.
 */
export function describeEachDatabase(name: string, suite: (getDb: () => Db, kind: DatabaseKind) => void): void {
  const runs: Array<[DatabaseKind, () => Promise<TestDatabase>]> = [['pglite', openTestPglite]];
  if (POSTGRES_URL !== 'none') runs.push(['postgres', openTestPostgres]);
  for (const [kind, open] of runs) {
    describe(`${name} on ${kind}`, () => {
      let opened: TestDatabase | undefined;
      beforeAll(async () => {
        opened = await open();
      });
      afterAll(async () => {
        await opened?.dispose();
      });
      suite(() => {
        if (!opened) throw new Error(`The ${kind} test database did not open`);
        return opened.db;
      }, kind);
    });
  }
}

async function withAdmin<T>(work: (admin: Client) => Promise<T>): Promise<T> {
  const admin = new Client({ connectionString: POSTGRES_URL });
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.end();
  }
}

function dropSchema(schema: string): Promise<unknown> {
  return withAdmin((admin) => admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`));
}

/** A connection URL to a fresh, empty schema on the real server, for tests that start a whole app. */
export async function freshPostgresUrl(): Promise<{ url: string; drop(): Promise<void> }> {
  const schema = `doorway_test_${randomBytes(6).toString('hex')}`;
  await withAdmin((admin) => admin.query(`CREATE SCHEMA ${schema}`));
  const url = new URL(POSTGRES_URL);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return { url: url.toString(), drop: () => dropSchema(schema).then(() => undefined) };
}
