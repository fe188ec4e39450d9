import { Router, type Response } from 'express';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Logger } from '../logger';
import { PARKED_PREFIX } from '../staff/store/teams-installations';
import type { StaffHealth } from '../staff/teams/health';
import type { Db } from '../store/db';

/*
 * The operations endpoints: `/healthz` (liveness), `/readyz` (readiness) and `/metrics`
 * (Prometheus). Counters that only this process sees (turns, their latency, crisis alerts raised)
 * are kept in memory; everything that lives in the store (conversations by stage, intakes, the
 * outbox) is read from it on each scrape, so every replica reports the same shared figures.
 */

/** What the agent reports as it works. */
export interface TurnMetrics {
  /** One turn taken on `channel` (the activity's channelId), and how long it took. */
  observeTurn(channel: string, seconds: number): void;
  /** A crisis alert was raised for on-call staff. */
  crisisRaised(): void;
}

export interface OperationsMetrics extends TurnMetrics {
  /** This server's own registry (not prom-client's global one), so several servers in one process don't clash. */
  readonly registry: Registry;
  /** Reads the store's figures into their gauges, then renders every metric in the text format. */
  render(): Promise<string>;
}

/** Undelivered outbox events: all of them, those failing and being retried, and those parked for want of a staff channel. */
export interface OutboxState {
  pending: number;
  failing: number;
  parked: number;
  oldestPendingAt?: string;
}

interface OutboxByKind extends OutboxState {
  kind: string;
}

const CRISIS_ALERT = 'crisis.alert';
/** Queries of the operations endpoints give up after this long; a hung store is a down store. */
const STORE_TIMEOUT_MS = 3_000;
/** channelId comes from the request: only so many distinct labels, the rest count as `other`. */
const MAX_CHANNEL_LABELS = 20;
const TURN_BUCKETS = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

function withTimeout<T>(work: Promise<T>, ms = STORE_TIMEOUT_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`the store did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/** Undelivered outbox events by kind, counted as `/healthz` counts them for the staff side. */
async function outboxByKind(db: Db): Promise<OutboxByKind[]> {
  const { rows } = await db.query<{ kind: string; pending: number; parked: number; failing: number; oldest: Date | string | null }>(
    `SELECT kind,
            count(*)::int AS pending,
            count(*) FILTER (WHERE last_error LIKE $1)::int AS parked,
            count(*) FILTER (WHERE attempts > 0 AND (last_error IS NULL OR last_error NOT LIKE $1))::int AS failing,
            min(created_at) AS oldest
     FROM outbox WHERE delivered_at IS NULL GROUP BY kind`,
    [`${PARKED_PREFIX}%`]
  );
  return rows.map((row) => ({
    kind: row.kind,
    pending: Number(row.pending),
    parked: Number(row.parked),
    failing: Number(row.failing),
    oldestPendingAt: row.oldest ? new Date(row.oldest).toISOString() : undefined
  }));
}

function total(rows: OutboxState[]): OutboxState {
  const oldest = rows.map((row) => row.oldestPendingAt).filter((at): at is string => at !== undefined).sort()[0];
  return {
    pending: rows.reduce((sum, row) => sum + row.pending, 0),
    failing: rows.reduce((sum, row) => sum + row.failing, 0),
    parked: rows.reduce((sum, row) => sum + row.parked, 0),
    oldestPendingAt: oldest
  };
}

async function countsBy(db: Db, sql: string): Promise<Array<{ key: string; count: number }>> {
  const { rows } = await db.query<{ key: string | null; count: number }>(sql);
  return rows.map((row) => ({ key: row.key ?? 'none', count: Number(row.count) }));
}

/** The gauges read from the store on each scrape; `refresh` empties them all when the store does not answer. */
function storeGauges(registry: Registry, db: Db, now: () => Date) {
  const registers = [registry];
  const up = new Gauge({ name: 'doorway_store_up', help: 'Whether the store answered the last scrape (1) or not (0).', registers });
  const stages = new Gauge({ name: 'doorway_conversations', help: 'Stored conversations by current stage.', labelNames: ['stage'], registers });
  const intakes = new Gauge({ name: 'doorway_intakes', help: 'Stored intake records by outcome (booked, referred, info, crisis, left_early).', labelNames: ['outcome'], registers });
  const bookings = new Gauge({ name: 'doorway_bookings', help: 'Stored bookings by status (booked, cancelled).', labelNames: ['status'], registers });
  const backlog = new Gauge({ name: 'doorway_outbox_backlog', help: 'Undelivered outbox events (staff cards and alerts) by kind.', labelNames: ['kind'], registers });
  const oldest = new Gauge({ name: 'doorway_outbox_oldest_pending_seconds', help: 'Age of the oldest undelivered outbox event (0 when none).', registers });
  const crisisParked = new Gauge({ name: 'doorway_crisis_alerts_parked', help: 'Crisis alerts parked because no staff channel can take them.', registers });
  const crisisFailing = new Gauge({ name: 'doorway_crisis_alerts_failing', help: 'Crisis alerts whose delivery failed and is being retried.', registers });
  const byKey = (gauge: Gauge<string>, label: string, rows: Array<{ key: string; count: number }>) => {
    gauge.reset();
    for (const row of rows) gauge.set({ [label]: row.key }, row.count);
  };

  return async (): Promise<void> => {
    const gauges = [stages, intakes, bookings, backlog, oldest, crisisParked, crisisFailing];
    try {
      const [stageRows, outcomeRows, bookingRows, outbox] = await withTimeout(
        Promise.all([
          countsBy(db, 'SELECT stage AS key, count(*)::int AS count FROM conversations GROUP BY stage'),
          countsBy(db, 'SELECT outcome AS key, count(*)::int AS count FROM intake_records GROUP BY outcome'),
          countsBy(db, 'SELECT status AS key, count(*)::int AS count FROM bookings GROUP BY status'),
          outboxByKind(db)
        ])
      );
      byKey(stages, 'stage', stageRows);
      byKey(intakes, 'outcome', outcomeRows);
      byKey(bookings, 'status', bookingRows);
      byKey(backlog, 'kind', outbox.map((row) => ({ key: row.kind, count: row.pending })));
      const oldestAt = total(outbox).oldestPendingAt;
      oldest.set(oldestAt ? Math.max(0, (now().getTime() - Date.parse(oldestAt)) / 1000) : 0);
      const crisis = total(outbox.filter((row) => row.kind === CRISIS_ALERT));
      crisisParked.set(crisis.parked);
      crisisFailing.set(crisis.failing);
      up.set(1);
    } catch (error) {
      for (const gauge of gauges) gauge.reset();
      up.set(0);
      throw error;
    }
  };
}

/** A bounded label for a channel id that came with the request. */
function channelLabels(): (channel: string) => string {
  const seen = new Set<string>();
  return (channel) => {
    const label = channel.toLowerCase().replace(/[^a-z0-9_.-]/g, '_').slice(0, 32) || 'unknown';
    if (seen.has(label)) return label;
    if (seen.size >= MAX_CHANNEL_LABELS) return 'other';
    seen.add(label);
    return label;
  };
}

/** One server's metrics: Node's process metrics, turns, crisis alerts, and the store's figures. */
export function createOperationsMetrics({ db, now = () => new Date(), logger }: { db: Db; now?: () => Date; logger?: Logger }): OperationsMetrics {
  const registry = new Registry();
  const registers = [registry];
  collectDefaultMetrics({ register: registry });
  const turns = new Counter({ name: 'doorway_turns_total', help: 'Turns taken, by channel.', labelNames: ['channel'], registers });
  const latency = new Histogram({ name: 'doorway_turn_duration_seconds', help: 'Time a turn takes, from the activity to the replies sent, by channel.', labelNames: ['channel'], buckets: TURN_BUCKETS, registers });
  const crises = new Counter({ name: 'doorway_crisis_events_total', help: 'Crisis alerts raised for on-call staff by this process.', registers });
  const refresh = storeGauges(registry, db, now);
  const label = channelLabels();

  return {
    registry,
    observeTurn: (channel, seconds) => {
      const labels = { channel: label(channel) };
      turns.inc(labels);
      latency.observe(labels, seconds);
    },
    crisisRaised: () => crises.inc(),
    render: async () => {
      // Without the store's figures the process metrics still say something; doorway_store_up says why the rest is missing.
      await refresh().catch((error: unknown) => logger?.warn({ err: error }, 'metrics: the store did not answer'));
      return registry.metrics();
    }
  };
}

export interface OperationsRoutesOptions {
  db: Db;
  metrics: OperationsMetrics;
  /** The staff side's details for `/healthz`. */
  staffHealth?: () => Promise<StaffHealth>;
  logger?: Logger;
}

const noStore = (res: Response) => res.set('Cache-Control', 'no-store');

/**
 * `/healthz`: liveness. 200 whenever the process answers, with what the staff side reports (or that
 * it could not be read): a store outage is not cured by restarting the process.
 * `/readyz`: readiness. 200 `{status: 'ok' | 'degraded'}` while the store answers, 'degraded' when
 * crisis alerts cannot reach staff (parked, or failing and being retried); 503 when it does not answer.
 * `/metrics`: Prometheus text format.
 */
export function operationsRoutes({ db, metrics, staffHealth, logger }: OperationsRoutesOptions): Router {
  const router = Router();

  router.get('/healthz', async (_req, res) => {
    const teams = staffHealth
      ? await withTimeout(staffHealth()).catch((error: unknown) => {
          logger?.warn({ err: error }, 'healthz: the staff side could not be read');
          return { error: 'unavailable' };
        })
      : undefined;
    // The database's state is reported, not judged: a restart of the process would not bring it back.
    const store = await withTimeout(db.query('SELECT 1')).then(() => 'up', () => 'down');
    noStore(res).json({ status: 'ok', uptimeSeconds: Math.round(process.uptime()), details: { store: { status: store, kind: db.kind }, teams } });
  });

  router.get('/readyz', async (_req, res) => {
    noStore(res);
    let outbox: OutboxByKind[];
    try {
      await withTimeout(db.query('SELECT 1'));
      outbox = await withTimeout(outboxByKind(db));
    } catch (error) {
      logger?.warn({ err: error }, 'readyz: the store does not answer');
      return void res.status(503).json({ status: 'unavailable', store: { status: 'down', kind: db.kind } });
    }
    const crisisAlerts = total(outbox.filter((row) => row.kind === CRISIS_ALERT));
    const degraded = crisisAlerts.parked > 0 || crisisAlerts.failing > 0;
    res.json({ status: degraded ? 'degraded' : 'ok', store: { status: 'up', kind: db.kind }, outbox: total(outbox), crisisAlerts });
  });

  router.get('/metrics', async (_req, res, next) => {
    try {
      const text = await metrics.render();
      noStore(res).set('Content-Type', metrics.registry.contentType).send(text);
    } catch (error) {
      next(error);
    }
  });

  return router;
}
