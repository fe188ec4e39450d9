import { createOperationsMetrics } from '../bot/http/operations';
import { chatWith, startDoorway, type RunningDoorway } from './helpers/test-server';

/** The value of one sample line of the Prometheus text, e.g. `doorway_turns_total{channel="test"}`. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((entry) => entry.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

const metricsOf = async (url: string) => {
  const response = await fetch(`${url}/metrics`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return response.text();
};

interface Readiness {
  status: string;
  store: { status: string; kind: string };
  outbox?: { pending: number; parked: number; failing: number };
  crisisAlerts?: { pending: number; parked: number; failing: number };
}

const readiness = async (url: string) => {
  const response = await fetch(`${url}/readyz`);
  return { status: response.status, body: (await response.json()) as Readiness };
};

describe('operations endpoints', () => {
  let running: RunningDoorway;
  beforeAll(async () => {
    running = await startDoorway({ env: { OUTBOX_POLL_MS: '20' } });
  });
  afterAll(async () => {
    await running.close();
  });

  it('should answer /healthz with the process up and the staff side\'s details', async () => {
    const response = await fetch(`${running.url}/healthz`);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const body = (await response.json()) as { status: string; uptimeSeconds: number; details: { teams: { outbox: { pending: number } } } };
    expect(body).toMatchObject({ status: 'ok', details: { store: { status: 'up', kind: 'pglite' }, teams: { staffChannels: [], outbox: { pending: 0 } } } });
    expect(body.uptimeSeconds).toBeGreaterThanOrEqual(0);
  });

  it('should answer /readyz 200 ok while the store answers and no crisis alert is stuck', async () => {
    const { status, body } = await readiness(running.url);
    expect(status).toBe(200);
    expect(body).toEqual({
      status: 'ok',
      store: { status: 'up', kind: 'pglite' },
      outbox: { pending: 0, parked: 0, failing: 0 },
      crisisAlerts: { pending: 0, parked: 0, failing: 0 }
    });
  });

  it('should serve the process, turn, store and outbox metrics', async () => {
    const text = await metricsOf(running.url);
    for (const name of [
      'process_cpu_user_seconds_total', 'nodejs_heap_size_used_bytes', 'doorway_turns_total', 'doorway_turn_duration_seconds',
      'doorway_crisis_events_total', 'doorway_store_up', 'doorway_conversations', 'doorway_intakes', 'doorway_bookings',
      'doorway_outbox_backlog', 'doorway_outbox_oldest_pending_seconds', 'doorway_crisis_alerts_parked', 'doorway_crisis_alerts_failing'
    ]) {
      expect(text).toContain(`# TYPE ${name} `);
    }
    expect(sample(text, 'doorway_store_up')).toBe(1);
  });

  it('should count a turn by channel, time it, and count its conversation by stage', async () => {
    const before = await metricsOf(running.url);
    const turnsBefore = sample(before, 'doorway_turns_total{channel="test"}') ?? 0;
    await chatWith(running.url, 'metrics-1').say('hello');
    const after = await metricsOf(running.url);
    expect(sample(after, 'doorway_turns_total{channel="test"}')).toBe(turnsBefore + 1);
    expect(sample(after, 'doorway_turn_duration_seconds_count{channel="test"}')).toBe(turnsBefore + 1);
    expect(sample(after, 'doorway_turn_duration_seconds_sum{channel="test"}')).toBeGreaterThan(0);
    expect(sample(after, 'doorway_conversations{stage="welcome"}')).toBeGreaterThanOrEqual(1);
  });

  it('should count a crisis alert and report readiness degraded while no staff channel can take it', async () => {
    const chat = chatWith(running.url, 'metrics-crisis');
    await chat.say('hello');
    await chat.say('I want to kill myself');
    expect(sample(await metricsOf(running.url), 'doorway_crisis_events_total')).toBe(1);

    // No staff channel is installed: the outbox worker parks the alert.
    let ready = await readiness(running.url);
    for (let i = 0; i < 100 && ready.body.status !== 'degraded'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      ready = await readiness(running.url);
    }
    expect(ready.status).toBe(200);
    expect(ready.body).toMatchObject({ status: 'degraded', crisisAlerts: { pending: 1, parked: 1 } });
    const text = await metricsOf(running.url);
    expect(sample(text, 'doorway_crisis_alerts_parked')).toBe(1);
    expect(sample(text, 'doorway_outbox_backlog{kind="crisis.alert"}')).toBe(1);
  });

  it('should keep channel labels few, whatever channel ids requests carry', async () => {
    // A second set of metrics in the same process: each server has its own registry.
    const metrics = createOperationsMetrics({ db: running.doorway.db });
    for (let i = 0; i < 50; i++) metrics.observeTurn(`Channel ${i}`, 0.01);
    const text = await metrics.registry.metrics();
    const labels = [...text.matchAll(/^doorway_turns_total\{channel="([^"]*)"\} /gm)].map((match) => match[1]);
    expect(labels.length).toBe(21);
    expect(labels).toEqual(expect.arrayContaining(['channel_0', 'channel_19', 'other']));
    expect(sample(text, 'doorway_turns_total{channel="other"}')).toBe(30);
  });
});

describe('operations endpoints when the store does not answer', () => {
  let running: RunningDoorway;
  beforeAll(async () => {
    running = await startDoorway();
    await running.doorway.db.close();
  });
  afterAll(async () => {
    // The store is already closed; closing it again may fail, which is not what this suite tests.
    await running.close().catch(() => undefined);
  });

  it('should answer /readyz 503 and keep /healthz and /metrics answering', async () => {
    const { status, body } = await readiness(running.url);
    expect(status).toBe(503);
    expect(body).toEqual({ status: 'unavailable', store: { status: 'down', kind: 'pglite' } });

    const health = await fetch(`${running.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', details: { store: { status: 'down' }, teams: { error: 'unavailable' } } });

    const text = await metricsOf(running.url);
    expect(sample(text, 'doorway_store_up')).toBe(0);
    expect(text).toContain('process_cpu_user_seconds_total');
  });
});
