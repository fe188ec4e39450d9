import { Client } from 'pg';
import WebSocket from 'ws';
import { cardOf, cardPosts, FAST_OUTBOX, settle, startConnectorStandIn, teamActivity, type ConnectorStandIn } from './helpers/connector-stand-in';
import { freshPostgresUrl } from './helpers/databases';
import { startReplica, type Replica } from './helpers/replicas';
import { answerTheRoute, chooseAPhoneInterview, startAnIntake, tellTheRest, tellTheStory } from './helpers/stories';
import { chatWith } from './helpers/test-server';

// Two (and for a while three) server processes started as an operator starts them, on one
// PostgreSQL database. Each process takes some seconds to start, so they are shared.
jest.setTimeout(180_000);

const TOKEN_SECRET = 'replica-test-secret-replica-test-secret';

describe('several replicas on one PostgreSQL database', () => {
  let database: { url: string; drop(): Promise<void> };
  let appName: string;
  let a: Replica;
  let b: Replica;
  let standIn: ConnectorStandIn;
  const admin = new Client({ connectionString: process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test' });

  const env = () => {
    const url = new URL(database.url);
    url.searchParams.set('application_name', appName);
    // No PUBLIC_URL: each replica's stream URL names the replica itself.
    return { ...FAST_OUTBOX, PUBLIC_URL: '', DATABASE_URL: url.toString(), TOKEN_SECRET };
  };

  const rows = async <Row,>(sql: string, params: unknown[] = []): Promise<Row[]> => {
    const schema = new URL(database.url).searchParams.get('options')!.replace('-c search_path=', '');
    await admin.query(`SET search_path TO ${schema}`);
    return (await admin.query(sql, params)).rows as Row[];
  };

  beforeAll(async () => {
    database = await freshPostgresUrl();
    appName = `replicas_${Math.random().toString(36).slice(2, 10)}`;
    await admin.connect();
    standIn = await startConnectorStandIn();
    [a, b] = await Promise.all([startReplica(env()), startReplica(env())]);
    // The staff channel is installed through one replica; both replicas' outbox workers run.
    const installed = await fetch(`${a.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(teamActivity(standIn, { type: 'conversationUpdate', membersAdded: [{ id: '28:doorway' }] }))
    });
    expect(installed.status).toBeLessThan(300);
  });

  afterAll(async () => {
    await Promise.all([a?.stop('SIGKILL'), b?.stop('SIGKILL')]);
    await standIn?.close();
    await admin.end();
    await database?.drop();
  });

  it('should serve one conversation alternating between the replicas turn by turn, and post its card once', async () => {
    let turn = 0;
    const chat = chatWith(() => (turn++ % 2 === 0 ? a.url : b.url), 'alternating');
    await tellTheStory(chat);
    await chooseAPhoneInterview(chat);
    await chat.press('Yes, send it');
    const reference = chat.intake?.reference;
    expect(reference).toMatch(/^DW-/);

    const [record] = await rows<{ record: { request: { goal: string }; strengths: string[]; contact: { name: string } } }>(
      'SELECT record FROM intake_records WHERE conversation_id = $1',
      ['alternating']
    );
    expect(record?.record).toMatchObject({ request: { goal: 'Keep a roof over my kids' }, strengths: ['I am a caring mum and I never give up'], contact: { name: 'Amira' } });

    // Both replicas' outbox workers are running; the summary card reaches the channel once.
    await standIn.waitFor(() => cardPosts(standIn).some((post) => JSON.stringify(cardOf(post)).includes(reference!)));
    await settle(1_000);
    expect(cardPosts(standIn).filter((post) => JSON.stringify(cardOf(post)).includes(reference!))).toHaveLength(1);
  });

  it('should book once when "Send" reaches both replicas at the same moment', async () => {
    const chat = chatWith(a.url, 'double-send');
    await tellTheStory(chat);
    await chooseAPhoneInterview(chat);
    const send = chat.buttons.find((button) => button.title === 'Yes, send it')!;
    const twice = await Promise.all([a.url, b.url].map((url) => chatWith(url, 'double-send').send({ type: 'message', text: send.title, value: send.value })));

    // One confirmation with its calendar file; the other press is answered from the finished intake.
    expect(twice.flat().filter((reply) => reply.attachments?.some((file) => file.contentType === 'text/calendar'))).toHaveLength(1);
    expect(new Set(twice.flat().map((reply) => reply.channelData?.intake?.reference))).toEqual(new Set([expect.stringMatching(/^DW-/)]));
    expect(await rows('SELECT reference FROM intake_records WHERE conversation_id = $1', ['double-send'])).toHaveLength(1);
    const bookings = await rows<{ n: number }>(
      `SELECT count(*)::int AS n FROM bookings JOIN intake_records USING (reference) WHERE conversation_id = $1`,
      ['double-send']
    );
    expect(bookings[0]!.n).toBe(1);
  });

  it('should bring a reply produced on one replica to a web chat stream held by the other', async () => {
    const started = (await (await fetch(`${a.url}/v3/directline/conversations`, { method: 'POST' })).json()) as {
      conversationId: string;
      token: string;
      streamUrl: string;
    };
    expect(new URL(started.streamUrl).port).toBe(new URL(a.url).port);
    const socket = new WebSocket(started.streamUrl);
    const texts: string[] = [];
    socket.on('message', (data: WebSocket.RawData) => {
      if (String(data).length === 0) return;
      for (const activity of (JSON.parse(String(data)) as { activities: Array<{ from: { id: string }; text?: string }> }).activities) {
        if (activity.from.id !== 'user-on-b' && activity.text) texts.push(activity.text);
      }
    });
    await new Promise((resolve) => socket.once('open', resolve));
    const before = texts.length;

    const posted = await fetch(`${b.url}/v3/directline/conversations/${started.conversationId}/activities`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${started.token}` },
      body: JSON.stringify({ type: 'message', from: { id: 'user-on-b' }, text: 'hello', locale: 'en-GB' })
    });
    expect(posted.status).toBe(200);
    await waitUntil(() => texts.length > before, 10_000);
    expect(texts.slice(before).join('\n')).toMatch(/Doorway|help/i);
    socket.close();
  });

  it('should survive losing every database connection mid-conversation', async () => {
    const chat = chatWith(a.url, 'connection-loss');
    await chat.say('hello');
    await chat.press('Ask for help');
    const terminated = await admin.query<{ ok: boolean }>(
      "SELECT pg_terminate_backend(pid) AS ok FROM pg_stat_activity WHERE application_name LIKE $1 || '-%'",
      [appName]
    );
    expect(terminated.rows.length).toBeGreaterThan(2);
    await chat.press("Yes, that's OK");
    expect(chat.intake).toMatchObject({ stage: 'route' });
    await answerTheRoute(chat);
    await tellTheRest(chat);
    // The listening connection came back too: streams still hear of other replicas' writes.
    const health = await fetch(`${b.url}/healthz`);
    expect(health.status).toBe(200);
  });

  it('should finish a conversation on one replica after the other was killed mid-conversation', async () => {
    const chat = chatWith(() => (b.process.exitCode === null && b.process.signalCode === null ? b.url : a.url), 'killed-replica');
    await startAnIntake(chat);
    await answerTheRoute(chat);
    expect(await b.stop('SIGKILL')).toBe('SIGKILL');

    await tellTheRest(chat);
    await chooseAPhoneInterview(chat);
    await chat.press('Yes, send it');
    const [record] = await rows<{ record: { route: { initiative: string }; request: { goal: string } } }>(
      'SELECT record FROM intake_records WHERE conversation_id = $1',
      ['killed-replica']
    );
    // The answer given to the killed replica is in the record.
    expect(record?.record).toMatchObject({ route: { initiative: 'own' }, request: { goal: 'Keep a roof over my kids' } });
  });

  it('should stop gracefully on SIGTERM: finish the turn in progress and its reply, close streams with 1001, exit 0', async () => {
    const c = await startReplica(env());
    const started = (await (await fetch(`${c.url}/v3/directline/conversations`, { method: 'POST' })).json()) as { streamUrl: string };
    const socket = new WebSocket(started.streamUrl);
    await new Promise((resolve) => socket.once('open', resolve));
    const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));

    // A Teams turn whose reply the (slow) connector is still receiving when the signal comes.
    standIn.delayMs = 1_500;
    const conversation = 'a:graceful-shutdown';
    const turn = fetch(`${c.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'message', text: 'hello', channelId: 'msteams', serviceUrl: standIn.url, locale: 'en-GB',
        conversation: { id: conversation, conversationType: 'personal', tenantId: 'tenant-agency' },
        from: { id: '29:person', aadObjectId: 'aad-person' }, recipient: { id: '28:doorway' }
      })
    });
    await standIn.waitFor(() => standIn.requests.some((request) => request.conversationId === conversation));
    const exit = c.stop('SIGTERM');
    await settle(100);
    const refused = await fetch(`${c.url}/healthz`).then(() => 'served', () => 'refused');

    expect((await turn).status).toBe(200);
    expect(await closed).toBe(1001);
    expect(await exit).toBe(0);
    standIn.delayMs = 0;
    expect(refused).toBe('refused');
    expect(standIn.requests.filter((request) => request.conversationId === conversation).every((request) => request.status === 200)).toBe(true);
    expect(await rows('SELECT id FROM conversations WHERE id = $1', [conversation])).toHaveLength(1);
  });
});

async function waitUntil(done: () => boolean, timeoutMs: number): Promise<void> {
  const started = Date.now();
  while (!done()) {
    if (Date.now() - started > timeoutMs) throw new Error('timed out');
    await settle(20);
  }
}
