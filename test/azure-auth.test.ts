import express from 'express';
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AgentApplication, TurnContext, TurnState } from '@microsoft/agents-hosting';
import { loadEnv } from '../bot/config/env';
import { createAdapter } from '../bot/http/auth-config';
import { jsonErrorHandler } from '../bot/http/errors';
import { messagesRoute } from '../bot/http/messages-route';
import { createLogger } from '../bot/logger';
import { startConnectorStandIn, type ConnectorStandIn } from './helpers/connector-stand-in';
import {
  discoveryRedirect,
  makeTestCertificates,
  startDoorwayProcess,
  startEntraStandIn,
  type DoorwayProcess,
  type EntraStandIn,
  type TestCertificates
} from './helpers/entra-standin';

/*
 * /api/messages as Azure Bot Service and Teams reach it. With app credentials, Doorway runs as
 * `npm start` runs it — in its own process under NODE_ENV=production — against a local Entra ID
 * stand-in (HTTPS, a throwaway CA) and a Bot Connector stand-in: requests must carry a token the
 * tenant signed for the app, and replies go out with a token from the tenant's token endpoint.
 * Without credentials, unsigned requests are served only where that is safe.
 */

const TENANT = '3f6b1a52-8c1e-4d4b-9a7e-2b5c0d9e7f10';
const APP_ID = '9c2e4f61-0d3a-4b7e-8f15-6a2d9b0c4e83';
const SECRET = 'stand-in-client-secret';
const PRODUCTION = { NODE_ENV: 'production', DATA_DIR: 'memory://', TOKEN_SECRET: 'azure-auth-test-token-secret-0123', LOG_LEVEL: 'warn' };

let scratch: string;
let certificates: TestCertificates;
let entra: EntraStandIn;
let connector: ConnectorStandIn;
/** Doorway with app credentials, against the stand-ins. */
let withCredentials: DoorwayProcess;
/** Doorway without app credentials. */
let webChatOnly: DoorwayProcess;
/** Doorway told to allow anonymous access in production: it should not get as far as listening. */
let anonymousInProduction: DoorwayProcess;

// The three processes start side by side (one each for the suites below), which halves the wait on two idle cores.
beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'doorway-azure-auth-'));
  certificates = makeTestCertificates(scratch);
  entra = await startEntraStandIn({ tls: certificates, tenantId: TENANT, clientId: APP_ID, clientSecret: SECRET });
  connector = await startConnectorStandIn();
  const starting = await Promise.allSettled([
    startDoorwayProcess({
      cwd: scratch,
      imports: [discoveryRedirect(scratch, entra.url)],
      env: { ...PRODUCTION, clientId: APP_ID, clientSecret: SECRET, tenantId: TENANT, authorityEndpoint: entra.url, NODE_EXTRA_CA_CERTS: certificates.caFile }
    }),
    startDoorwayProcess({ cwd: scratch, env: { ...PRODUCTION } }),
    startDoorwayProcess({ cwd: scratch, env: { ...PRODUCTION, ALLOW_ANONYMOUS: 'true' }, expectExit: true })
  ]);
  const started = starting.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  const failed = starting.find((result) => result.status === 'rejected');
  if (failed) {
    await Promise.all(started.map((doorway) => doorway.stop()));
    throw failed.reason;
  }
  [withCredentials, webChatOnly, anonymousInProduction] = started as [DoorwayProcess, DoorwayProcess, DoorwayProcess];
}, 90_000);
afterAll(async () => {
  await Promise.all([withCredentials, webChatOnly, anonymousInProduction].map((doorway) => doorway?.stop()));
  await connector?.close();
  await entra?.close();
  rmSync(scratch, { recursive: true, force: true });
});

/** A message from a person in a Teams personal chat, as Azure Bot Service delivers it. */
function teamsMessage(conversationId: string, serviceUrl: string): Record<string, unknown> {
  return {
    type: 'message',
    id: `${conversationId}-m1`,
    text: 'hello',
    channelId: 'msteams',
    serviceUrl,
    conversation: { id: conversationId, conversationType: 'personal', tenantId: TENANT },
    from: { id: `29:${conversationId}`, aadObjectId: 'aad-person' },
    recipient: { id: `28:${APP_ID}`, name: 'Doorway' },
    locale: 'en-GB',
    channelData: { tenant: { id: TENANT } }
  };
}

async function postMessage(baseUrl: string, activity: Record<string, unknown>, headers: Record<string, string> = {}) {
  const response = await fetch(`${baseUrl}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(activity)
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as { error?: { code: string; message: string }; activities?: unknown[] }) : undefined };
}

describe('/api/messages with app credentials (production, own process)', () => {
  it('should serve a request the tenant signed for the app, and reply with a token from the tenant', async () => {
    const token = await entra.token({ serviceurl: connector.url });
    const response = await postMessage(withCredentials.url, teamsMessage('a:teams-signed', connector.url), { authorization: `Bearer ${token}` });
    expect([response.status, withCredentials.output()]).toEqual([200, expect.anything()]);

    const replies = connector.posts().filter((post) => post.conversationId === 'a:teams-signed');
    expect(replies.length).toBeGreaterThanOrEqual(1);
    expect(JSON.stringify(replies.map((reply) => reply.body))).toContain('What would you like to do?');
    expect(entra.issued).toHaveLength(1);
    for (const reply of replies) expect(reply.authorization).toBe(`Bearer ${entra.issued[0]}`);

    const tokenRequests = entra.requests.filter((request) => request.form);
    expect(tokenRequests).toHaveLength(1);
    expect(tokenRequests[0]).toMatchObject({
      path: `/${TENANT}/oauth2/v2.0/token`,
      form: { grant_type: 'client_credentials', client_id: APP_ID, client_secret: SECRET, scope: 'https://api.botframework.com/.default' }
    });
    // The incoming token was checked against the tenant's published keys.
    expect(entra.requests.map((request) => request.path)).toContain(`/${TENANT}/discovery/v2.0/keys`);
  }, 45_000);

  it('should refuse with 401 what the tenant did not sign for this app, and run no turn', async () => {
    const before = connector.requests.length;
    const cases: Array<[string, string | undefined]> = [
      ['no token', undefined],
      ['not a bearer token', 'Basic YXBwOnNlY3JldA=='],
      ['unsigned (alg none)', `Bearer ${entra.unsignedToken({ serviceurl: connector.url })}`],
      ['signed with another key', `Bearer ${await entra.token({ serviceurl: connector.url }, { foreignKey: true })}`],
      ['for another audience', `Bearer ${await entra.token({ serviceurl: connector.url }, { audience: '0b7d3e58-1111-4222-8333-944455556666' })}`],
      ['expired', `Bearer ${await entra.token({ serviceurl: connector.url }, { expiresIn: -15 * 60 })}`],
      ['from another issuer', `Bearer ${await entra.token({ serviceurl: connector.url }, { issuer: `${entra.url}/another-tenant/v2.0` })}`]
    ];
    for (const [what, authorization] of cases) {
      const response = await postMessage(withCredentials.url, teamsMessage(`a:refused-${what}`, connector.url), authorization ? { authorization } : {});
      expect([what, response.status, response.body?.error?.code]).toEqual([what, 401, 'Unauthorized']);
    }
    expect(connector.requests.slice(before)).toEqual([]);
  });

  it('should not serve an unsigned request from this machine either', async () => {
    const response = await postMessage(withCredentials.url, { ...teamsMessage('a:local', connector.url), serviceUrl: undefined, channelId: 'test' });
    expect(response.status).toBe(401);
  });
});

describe('production without app credentials (a web-chat-only agency)', () => {
  it('should start and serve the web chat', async () => {
    expect((await fetch(`${webChatOnly.url}/healthz`)).status).toBe(200);
    const { token } = (await (await fetch(`${webChatOnly.url}/v3/directline/tokens/generate`, { method: 'POST' })).json()) as { token: string };
    const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const started = await fetch(`${webChatOnly.url}/v3/directline/conversations`, { method: 'POST', headers: auth, body: JSON.stringify({ user: { id: 'dl_person' } }) });
    expect(started.status).toBe(201);
    const { conversationId } = (await started.json()) as { conversationId: string };
    const posted = await fetch(`${webChatOnly.url}/v3/directline/conversations/${conversationId}/activities`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ type: 'message', text: 'hello', from: { id: 'dl_person' }, locale: 'en-GB' })
    });
    expect(posted.status).toBe(200);
    const activities = (await (await fetch(`${webChatOnly.url}/v3/directline/conversations/${conversationId}/activities`, { headers: auth })).json()) as {
      activities: Array<{ from: { id: string }; text?: string }>;
    };
    const fromBot = activities.activities.filter((activity) => activity.from.id !== 'dl_person');
    expect(fromBot.map((activity) => activity.text).join('\n')).toContain('What would you like to do?');
  });

  it('should keep /api/messages closed to unsigned requests, even from this machine', async () => {
    const response = await postMessage(webChatOnly.url, { type: 'message', text: 'hi', channelId: 'test', conversation: { id: 'local-1' }, from: { id: 'u' } });
    expect(response.status).toBe(401);
    expect(response.body?.error).toMatchObject({ code: 'Unauthorized', message: expect.stringContaining('anonymous access is off') });
  });

  it('should refuse to start when anonymous access is turned on', async () => {
    expect(await anonymousInProduction.exited).toBe(1);
    expect(anonymousInProduction.output()).toContain('Environment variable ALLOW_ANONYMOUS: must not be true when NODE_ENV=production');
  });
});

describe('anonymous /api/messages in development', () => {
  // The route itself, on the SDK's adapter, with an agent that only echoes: what is under test is who gets in.
  let open: LocalApp;
  let closed: LocalApp;
  beforeAll(async () => {
    open = await startRoute(loadEnv({}).allowAnonymous);
    closed = await startRoute(loadEnv({ ALLOW_ANONYMOUS: 'false' }).allowAnonymous);
  });
  afterAll(async () => {
    await open?.close();
    await closed?.close();
  });

  const local = (conversationId: string) => ({
    type: 'message', text: 'hi', channelId: 'test', conversation: { id: conversationId }, from: { id: 'u' }, recipient: { id: 'doorway' }, locale: 'en-GB'
  });

  it('should serve this machine by default', async () => {
    const response = await postMessage(open.url, local('dev-1'));
    expect(response.status).toBe(200);
    expect(response.body?.activities).toEqual([expect.objectContaining({ text: 'echo: hi' })]);
    expect(open.turns).toEqual(['dev-1']);
  });

  it('should refuse a request that a proxy on this machine forwarded from elsewhere', async () => {
    const forwarded: Array<Record<string, string>> = [
      { 'x-forwarded-for': '203.0.113.7' },
      { 'x-forwarded-for': '127.0.0.1, 198.51.100.23' },
      { forwarded: 'for=198.51.100.23;proto=https' },
      { forwarded: 'for="[2001:db8::17]:4711"' },
      { forwarded: 'for=127.0.0.1, for=unknown' },
      { forwarded: 'proto=https' },
      { 'x-real-ip': '192.0.2.44' }
    ];
    for (const headers of forwarded) {
      const response = await postMessage(open.url, local('dev-forwarded'), headers);
      expect([headers, response.status, response.body?.error?.code]).toEqual([headers, 401, 'Unauthorized']);
    }
    expect(open.turns).not.toContain('dev-forwarded');
  });

  it('should still serve a request forwarded from this machine itself', async () => {
    const fromHere: Array<Record<string, string>> = [{ 'x-forwarded-for': '127.0.0.1' }, { forwarded: 'for="[::1]:5000"' }, { 'x-real-ip': '::ffff:127.0.0.1' }];
    for (const headers of fromHere) {
      expect([headers, (await postMessage(open.url, local('dev-local-proxy'), headers)).status]).toEqual([headers, 200]);
    }
  });

  it('should refuse everyone when ALLOW_ANONYMOUS=false', async () => {
    const response = await postMessage(closed.url, local('dev-closed'));
    expect(response.status).toBe(401);
    expect(response.body?.error?.message).toContain('anonymous access is off');
    expect(closed.turns).toEqual([]);
  });
});

interface LocalApp {
  url: string;
  /** The conversation ids of the turns the agent ran. */
  turns: string[];
  close(): Promise<void>;
}

/** `POST /api/messages` without app credentials, as bot/server.ts mounts it, on a loopback port. */
async function startRoute(allowAnonymous: boolean): Promise<LocalApp> {
  const turns: string[] = [];
  const agent = {
    run: async (context: TurnContext) => {
      turns.push(context.activity.conversation?.id ?? '');
      await context.sendActivity(`echo: ${context.activity.text ?? ''}`);
    }
  } as unknown as AgentApplication<TurnState>;
  const app = express();
  app.post('/api/messages', express.json(), messagesRoute({ adapter: createAdapter(undefined), agent, authConfig: undefined, allowAnonymous }));
  app.use(jsonErrorHandler(createLogger('silent')));
  const server: Server = app.listen(0, '127.0.0.1');
  await new Promise<void>((done) => server.once('listening', () => done()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    turns,
    close: () => new Promise<void>((done) => server.close(() => done()))
  };
}
