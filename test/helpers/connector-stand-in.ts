import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { IntakeRecord } from '../../dialogs/types';
import { createSlotFinder } from '../../bot/services/slots';
import { OPEN_HOURS, type RunningDoorway } from './test-server';

/** One request the stand-in received. */
export interface ConnectorRequest {
  method: string;
  path: string;
  /** The decoded conversation id of a /v3/conversations/{id}/… path. */
  conversationId?: string;
  activityId?: string;
  body: Record<string, unknown>;
  authorization?: string;
  /** What the stand-in answered, and the activity id it gave a successful post or update. */
  status: number;
  responseId?: string;
}

/** How the stand-in answers: normally, with 500s (an outage), or with 403 (the agent is blocked). */
export type ConnectorMode = 'ok' | 'fail' | 'forbidden';

/**
 * A local HTTP server standing in for the Bot Connector service. It records every request,
 * answers posts with fresh activity ids, and can fail or refuse on demand.
 */
export interface ConnectorStandIn {
  url: string;
  requests: ConnectorRequest[];
  mode: ConnectorMode;
  /** How long the stand-in takes to answer a successful post (a slow connector). */
  delayMs: number;
  /** Successful posts of new activities (cards and texts). */
  posts(): ConnectorRequest[];
  /** Successful updates of earlier activities. */
  updates(): ConnectorRequest[];
  /** Resolves when `done` holds, polling every 20 ms; rejects after `timeoutMs`. */
  waitFor(done: () => boolean, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export async function startConnectorStandIn(): Promise<ConnectorStandIn> {
  let counter = 0;
  const requests: ConnectorRequest[] = [];
  const state = { mode: 'ok' as ConnectorMode, delayMs: 0 };

  const handle = (req: IncomingMessage, res: ServerResponse, raw: string) => {
    const path = req.url ?? '';
    const match = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/?]+))?/.exec(path);
    const status = state.mode === 'fail' ? 500 : state.mode === 'forbidden' ? 403 : match ? 200 : 404;
    let body: Record<string, unknown> = {};
    try {
      body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
    } catch {
      body = { unparsable: raw };
    }
    requests.push({
      method: req.method ?? '',
      path,
      conversationId: match?.[1] && decodeURIComponent(match[1]),
      activityId: match?.[2] && decodeURIComponent(match[2]),
      body,
      authorization: req.headers.authorization,
      status
    });
    res.statusCode = status;
    res.setHeader('Content-Type', 'application/json');
    if (status !== 200) {
      res.end(JSON.stringify({ error: { code: status === 403 ? 'BotDisabledByAdmin' : 'ServiceError', message: 'stand-in says no' } }));
      return;
    }
    const id = req.method === 'PUT' ? match?.[2] : `activity-${++counter}`;
    requests[requests.length - 1]!.responseId = id;
    const answer = () => res.end(JSON.stringify({ id }));
    if (state.delayMs > 0) setTimeout(answer, state.delayMs);
    else answer();
  };

  const server: Server = createServer((req, res) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (raw += chunk));
    req.on('end', () => handle(req, res, raw));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    requests,
    get delayMs() {
      return state.delayMs;
    },
    set delayMs(ms: number) {
      state.delayMs = ms;
    },
    get mode() {
      return state.mode;
    },
    set mode(mode: ConnectorMode) {
      state.mode = mode;
    },
    posts: () => requests.filter((r) => r.method === 'POST' && r.status === 200),
    updates: () => requests.filter((r) => r.method === 'PUT' && r.status === 200),
    waitFor: async (done, timeoutMs = 10_000) => {
      const start = Date.now();
      while (!done()) {
        if (Date.now() - start > timeoutMs) throw new Error(`timed out; the stand-in saw ${JSON.stringify(requests.map((r) => `${r.method} ${r.path} ${r.status}`))}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      })
  };
}

// ---- Teams fixtures: activities as Teams sends them, and intakes to post cards about ----

export const TENANT = 'tenant-agency';
export const TEAM = '19:team-general@thread.tacv2';
export const CHANNEL = '19:staff-intake@thread.tacv2';

/** A clock that starts in opening hours and runs, so retry times come due. */
export function runningClock(): () => Date {
  const started = Date.now();
  return () => new Date(OPEN_HOURS.getTime() + (Date.now() - started));
}

export const FAST_OUTBOX = { OUTBOX_POLL_MS: '20', OUTBOX_RETRY_BASE_MS: '40', OUTBOX_RETRY_MAX_MS: '150', PUBLIC_URL: 'https://doorway.example.org' };

export function teamActivity(standIn: ConnectorStandIn, extra: Record<string, unknown>): Record<string, unknown> {
  return {
    channelId: 'msteams',
    serviceUrl: standIn.url,
    conversation: { id: CHANNEL, conversationType: 'channel', isGroup: true, tenantId: TENANT },
    recipient: { id: '28:doorway', name: 'Doorway' },
    from: { id: '29:admin', aadObjectId: 'aad-admin', name: 'Admin' },
    channelData: { team: { id: TEAM }, channel: { id: CHANNEL }, tenant: { id: TENANT } },
    ...extra
  };
}

export async function postActivity(running: RunningDoorway, activity: Record<string, unknown>): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${running.url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(activity)
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined };
}

export async function install(running: RunningDoorway, standIn: ConnectorStandIn): Promise<void> {
  const result = await postActivity(running, teamActivity(standIn, { type: 'conversationUpdate', membersAdded: [{ id: '28:doorway' }] }));
  expect(result.status).toBeLessThan(300);
}

export function record(words: string, overrides: Partial<IntakeRecord> = {}): IntakeRecord {
  const at = OPEN_HOURS.toISOString();
  return {
    channel: 'webchat',
    locale: 'nb',
    createdAt: at,
    updatedAt: at,
    consent: { given: true, at, version: 'v1' },
    route: { forWhom: 'self', initiative: 'required', byWhom: 'the court' },
    request: { category: 'housing', categoryConfirmed: true, words, since: 'months', goal: 'keep my flat', triedBefore: 'called the landlord', urgency: 'this_week' },
    strengths: ['I keep going'],
    resources: [
      { who: 'my sister Anna', relation: 'family', kinds: ['emotional', 'practical'], tie: 'strong' },
      { who: 'my ex', relation: 'family', kinds: ['financial'], tie: 'strained' }
    ],
    risk: [],
    area: { input: '0150', matched: '0150', inArea: true },
    contact: { name: 'Kari', method: 'phone', detail: '+47 400 00 000' },
    outcome: 'booked',
    referrals: [],
    narrative: { purpose: 'Purpose note.', course: 'Course note.', assessment: 'Assessment note.', suggestions: 'Suggestions note.' },
    ...overrides
  };
}

export async function book(running: RunningDoorway, conversationId: string, words: string, slotIndex = 0): Promise<string> {
  const finder = createSlotFinder({ agency: running.doorway.agency, bookedCounts: (ids) => running.doorway.store.bookedCounts(ids), now: () => OPEN_HOURS });
  const slots = await finder.findSlots({ modality: 'in_person', limit: 10 });
  const slot = slots[slotIndex]!;
  const result = await running.doorway.store.submitIntake({
    conversationId,
    record: record(words),
    slot: { id: slot.id, start: slot.start, end: slot.end, modality: 'in_person', place: slot.place }
  });
  if (!result.ok) throw new Error('slot taken');
  return result.reference;
}

export const cardOf = (request: ConnectorRequest) =>
  ((request.body.attachments as Array<{ contentType: string; content: Record<string, unknown> }> | undefined) ?? [])[0];
export const cardPosts = (standIn: ConnectorStandIn) => standIn.posts().filter((request) => cardOf(request) !== undefined);
export const settle = (ms = 250) => new Promise((resolve) => setTimeout(resolve, ms));

