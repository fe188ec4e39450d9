import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import express from 'express';
import WebSocket from 'ws';
import { AgentApplication, CloudAdapter, MessageFactory, type TurnContext } from '@microsoft/agents-hosting';
import type { ConversationReference } from '@microsoft/agents-activity';
import { DirectLine, type Activity, type Message } from 'botframework-directlinejs';
import { inProcessDelivery } from '../bot/agent/in-process';
import type { Db } from '../bot/store/db';
import { createDirectLine, type DirectLineRouter } from '../bot/directline';
import { openTestPglite } from './helpers/databases';

// The SDK's JWT middleware loads jwks-rsa, which requires the ESM-only jose that this Jest config
// does not transform. These tests deliver in-process and never validate a JWT.
jest.mock('jwks-rsa', () => ({ __esModule: true, default: () => ({}) }));

// The unmodified browser client in Node: rxjs ajax needs an XMLHttpRequest, the stream a WebSocket.
Object.assign(globalThis, { XMLHttpRequest: createRequire(__filename)('xhr2') as unknown, WebSocket });

/** A tiny echo agent on the real SDK, delivered to in-process as the server will do it. */
function echoAgent() {
  const adapter = new CloudAdapter();
  const agent = new AgentApplication();
  const references = new Map<string, ConversationReference>();
  agent.onConversationUpdate('membersAdded', async (context: TurnContext) => {
    await context.sendActivity('Welcome to Doorway.');
  });
  agent.onActivity('message', async (context: TurnContext) => {
    references.set(context.activity.conversation?.id ?? '', context.activity.getConversationReference());
    const reply = MessageFactory.suggestedActions(
      [{ type: 'imBack', title: 'Yes', value: 'consent.yes' }],
      `echo: ${context.activity.text ?? ''}`
    );
    await context.sendActivity(reply);
  });
  return { adapter, references, deliverToAgent: inProcessDelivery(adapter, agent) };
}

/** Collects a client's activities until `done` holds for what arrived. */
function collect(client: DirectLine, done: (seen: Activity[]) => boolean, timeoutMs = 10_000): Promise<Activity[]> {
  return new Promise((resolve, reject) => {
    const seen: Activity[] = [];
    const timer = setTimeout(() => {
      subscription.unsubscribe();
      reject(new Error(`timed out with ${JSON.stringify(seen.map((a) => (a as Message).text ?? a.type))}`));
    }, timeoutMs);
    const subscription = client.activity$.subscribe((activity) => {
      seen.push(activity);
      if (!done(seen)) return;
      clearTimeout(timer);
      setImmediate(() => subscription.unsubscribe());
      resolve(seen);
    }, reject);
  });
}

function post(client: DirectLine, activity: Activity): Promise<string> {
  return new Promise((resolve, reject) => client.postActivity(activity).subscribe(resolve, reject));
}

const texts = (activities: Activity[]) => activities.map((activity) => (activity as Message).text);
const hasText = (text: string) => (seen: Activity[]) => texts(seen).includes(text);

describe('directline (botframework-directlinejs against the service)', () => {
  let db: Db;
  let disposeDb: () => Promise<void>;
  let server: Server;
  let directLine: DirectLineRouter;
  let domain: string;
  const agent = echoAgent();
  const clients: DirectLine[] = [];
  let upgrades = 0;

  const generateToken = async (): Promise<{ conversationId: string; token: string; expires_in: number }> => {
    const response = await fetch(`${domain}/tokens/generate`, { method: 'POST' });
    expect(response.status).toBe(200);
    return (await response.json()) as { conversationId: string; token: string; expires_in: number };
  };

  const connect = (options: ConstructorParameters<typeof DirectLine>[0]) => {
    const client = new DirectLine({ domain, ...options });
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    ({ db, dispose: disposeDb } = await openTestPglite());
    directLine = createDirectLine({ db, deliverToAgent: agent.deliverToAgent, tokenSecret: 'x'.repeat(40) });
    const app = express();
    app.use(directLine);
    server = createServer(app);
    directLine.attach(server);
    server.on('upgrade', () => (upgrades += 1));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    domain = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v3/directline`;
  });

  afterAll(async () => {
    for (const client of clients) client.end();
    await directLine.close();
    await new Promise((resolve) => server.close(resolve));
    await disposeDb();
  });

  it('should greet, echo the post with its id and deliver the reply with suggested actions by polling', async () => {
    const { token } = await generateToken();
    const client = connect({ token, webSocket: false, pollingInterval: 200 });
    const arrived = collect(client, hasText('echo: hello'));
    const id = await post(client, { type: 'message', from: { id: 'visitor-1', name: 'Ana' }, text: 'hello' });
    const seen = await arrived;

    expect(texts(seen)).toEqual(['Welcome to Doorway.', 'hello', 'echo: hello']);
    const [, echo, reply] = seen as Message[];
    expect(echo).toMatchObject({ id, channelId: 'directline', from: { id: 'visitor-1', role: 'user' } });
    expect(reply).toMatchObject({
      replyToId: id,
      suggestedActions: { actions: [{ type: 'imBack', title: 'Yes', value: 'consent.yes' }] }
    });
    expect(JSON.stringify(seen)).not.toContain('directline-connector');
  });

  it('should deliver over the WebSocket stream, show history on reconnect and carry proactive messages', async () => {
    const { token, conversationId } = await generateToken();
    const first = connect({ token, webSocket: true });
    const firstArrived = collect(first, hasText('echo: over the socket'));
    await post(first, { type: 'message', from: { id: 'visitor-2' }, text: 'over the socket' });
    await firstArrived;
    first.end();

    // A page reload: same token, new client, the conversation so far.
    const reloaded = connect({ token, webSocket: true });
    const history = await collect(reloaded, hasText('echo: over the socket'));
    expect(texts(history)).toEqual(['Welcome to Doorway.', 'over the socket', 'echo: over the socket']);
    expect(upgrades).toBe(2);

    const reference = agent.references.get(conversationId);
    if (!reference) throw new Error('the agent saw no message');
    const later = collect(reloaded, hasText('A seat opened up.'));
    await agent.adapter.continueConversation({}, reference, async (context) => {
      await context.sendActivity('A seat opened up.');
    });
    expect(texts(await later)).toEqual(['A seat opened up.']);
  });

  it('should resume from a watermark when reconnecting to a known conversation', async () => {
    const { token, conversationId } = await generateToken();
    const first = connect({ token, webSocket: false, pollingInterval: 200 });
    const arrived = collect(first, hasText('echo: one'));
    await post(first, { type: 'message', from: { id: 'visitor-3' }, text: 'one' });
    await arrived;
    first.end();

    const resumed = connect({ token, conversationId, watermark: '2', webSocket: true });
    const seen = await collect(resumed, hasText('echo: one'));
    expect(texts(seen)).toEqual(['echo: one']);
  });
});
