import type { Db } from './db';

/** Advisory lock class of background jobs (turns use 4242, submissions 4243). */
const JOB_LOCK_CLASS = 4244;

/**
 * Runs a periodic job on one replica per period: the replica that gets the job's advisory lock
 * runs it if it has not run within `everyMs`, and records the run; the others skip it. True when
 * this call ran the job.
 */
export async function runOncePerPeriod(db: Pick<Db, 'session'>, name: string, everyMs: number, now: Date, work: () => Promise<void>): Promise<boolean> {
  // The embedded store has one connection, on which an advisory lock is taken again freely: keep
  // this process from running the job twice at once first.
  const running = runningJobs.get(db) ?? new Set<string>();
  runningJobs.set(db, running);
  if (running.has(name)) return false;
  running.add(name);
  try {
    return await runIfDue(db, name, everyMs, now, work);
  } finally {
    running.delete(name);
  }
}

const runningJobs = new WeakMap<object, Set<string>>();

function runIfDue(db: Pick<Db, 'session'>, name: string, everyMs: number, now: Date, work: () => Promise<void>): Promise<boolean> {
  return db.session(async (session) => {
    const { rows } = await session.query<{ got: boolean }>('SELECT pg_try_advisory_lock($1, hashtext($2)) AS got', [JOB_LOCK_CLASS, name]);
    if (!rows[0]?.got) return false;
    try {
      const last = await session.query<{ last_run_at: Date }>('SELECT last_run_at FROM background_jobs WHERE name = $1', [name]);
      const ranAt = last.rows[0]?.last_run_at;
      // A little slack, so a replica whose timer fires just early does not skip a whole period.
      if (ranAt && now.getTime() - new Date(ranAt).getTime() < everyMs * 0.9) return false;
      await work();
      await session.query(
        `INSERT INTO background_jobs (name, last_run_at) VALUES ($1, $2)
         ON CONFLICT (name) DO UPDATE SET last_run_at = EXCLUDED.last_run_at`,
        [name, now]
      );
      return true;
    } finally {
      await session.query('SELECT pg_advisory_unlock($1, hashtext($2))', [JOB_LOCK_CLASS, name]).catch(() => undefined);
    }
  });
}
