import type { Logger } from '../logger';
import { runOncePerPeriod } from '../store/background-jobs';
import type { Db } from '../store/db';
import type { IntakeStore } from '../store/intake-store';
import type { createTranscriptStore } from '../store/transcripts';

export interface RetentionDeps {
  store: IntakeStore;
  transcripts: ReturnType<typeof createTranscriptStore>;
  retentionDays: number;
  now: () => Date;
  logger: Logger;
  /** With it, replicas sharing the database purge once per period between them. */
  db?: Pick<Db, 'session'>;
  /** How often to purge; once a day is plenty for a retention period counted in days. */
  everyMs?: number;
}

/** Deletes what is older than the agency's retention period: at start-up, then daily. */
export function startRetention({ store, transcripts, retentionDays, now, logger, db, everyMs = 86_400_000 }: RetentionDeps) {
  const purge = async () => {
    const erased = await store.purgeExpired(retentionDays);
    const chats = await transcripts.purgeTranscripts(new Date(now().getTime() - retentionDays * 86_400_000));
    if (erased.records + erased.conversations + chats > 0) logger.info({ ...erased, chats }, 'purged data past the retention period');
  };
  const run = () => {
    (db ? runOncePerPeriod(db, 'retention', everyMs, now(), purge) : purge()).catch((error: unknown) => logger.error({ err: error }, 'retention purge failed'));
  };
  const timer = setInterval(run, everyMs);
  timer.unref();
  run();
  return { purge, stop: () => clearInterval(timer) };
}
