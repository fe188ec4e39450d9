import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import request from 'supertest';
import WebSocket from 'ws';
import { createDirectLine, type ActivityJson, type DirectLineRouter } from '../bot/directline';
import { openTestPglite } from './helpers/databases';

const SECRET = 's'.repeat(40);

interface Started {
  conversationId: string;
  token: string;
  streamUrl: string;
}

describe('directline errors', () => {
  let dispose: () => Promise<void>;
  let directLine: DirectLineRouter;
  let app: express.Express;
  let nowMs = Date.parse('2026-03-02T09:00:00Z');
  const deliverToAgent = jest.fn<Promise<void>, [ActivityJson]>(async () => undefined);
  const logger = { warn: jest.fn(), error: jest.fn() };

  const start = async (): Promise<Started> => (await request(app).post('/v3/directline/conversations').expect(201)).body as Started;
  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
  const expectError = (body: unknown, code: string) => expect(body).toEqual({ error: { code, message: expect.any(String) } });

  beforeAll(async () => {
    const opened = await openTestPglite();
    dispose = opened.dispose;
    directLine = createDirectLine({
      db: opened.db,
      deliverToAgent,
      tokenSecret: SECRET,
      clock: () => new Date(nowMs),
      logger,
      limits: { postsPerWindow: 5, windowMs: 60_000 }
    });
    app = express();
    app.use(directLine);
  });

  afterAll(async () => {
    await directLine.close();
    await dispose();
  });

  it('should answer 401 JSON with no token, a forged token or an expired token', async () => {
    const { conversationId, token } = await start();
    const path = `/v3/directline/conversations/${conversationId}/activities`;
    expectError((await request(app).get(path).expect(401)).body, 'TokenInvalid');
    expectError((await request(app).get(path).set(bearer(`${token.slice(0, -4)}AAAA`)).expect(401)).body, 'TokenInvalid');
    expectError((await request(app).get(path).set(bearer('not-a-token')).expect(401)).body, 'TokenInvalid');
    nowMs += 2 * 3600 * 1000;
    expectError((await request(app).get(path).set(bearer(token)).expect(401)).body, 'TokenInvalid');
  });

  it('should answer 403 JSON when a token is used on another conversation', async () => {
    const mine = await start();
    const theirs = await start();
    const path = `/v3/directline/conversations/${theirs.conversationId}`;
    expectError((await request(app).get(`${path}/activities`).set(bearer(mine.token)).expect(403)).body, 'Forbidden');
    const posted = await request(app).post(`${path}/activities`).set(bearer(mine.token)).send({ type: 'message', text: 'hi' });
    expect(posted.status).toBe(403);
    expectError((await request(app).get(path).set(bearer(mine.token)).expect(403)).body, 'Forbidden');
  });

  it('should answer 400 JSON for malformed JSON, a bad activity and a non-numeric watermark', async () => {
    const { conversationId, token } = await start();
    const path = `/v3/directline/conversations/${conversationId}`;
    const malformed = await request(app)
      .post(`${path}/activities`)
      .set(bearer(token))
      .set('Content-Type', 'application/json')
      .send('{"type": "message", "text": ');
    expect(malformed.status).toBe(400);
    expect(malformed.headers['content-type']).toMatch(/json/);
    expectError(malformed.body, 'BadArgument');
    expectError((await request(app).post(`${path}/activities`).set(bearer(token)).send({ type: 'conversationUpdate' }).expect(400)).body, 'BadArgument');
    expectError((await request(app).post(`${path}/activities`).set(bearer(token)).send({ type: 'message', text: 5 }).expect(400)).body, 'BadArgument');
    expectError((await request(app).get(`${path}/activities?watermark=abc`).set(bearer(token)).expect(400)).body, 'BadArgument');
    expectError((await request(app).get(`${path}?watermark=1e3`).set(bearer(token)).expect(400)).body, 'BadArgument');
  });

  it('should answer 413 JSON for an oversized body yet take a 50,000-character message', async () => {
    const { conversationId, token } = await start();
    const path = `/v3/directline/conversations/${conversationId}/activities`;
    const huge = await request(app).post(path).set(bearer(token)).send({ type: 'message', text: 'x'.repeat(300_000) });
    expect(huge.status).toBe(413);
    expectError(huge.body, 'MessageSizeTooBig');
    const long = 'ø'.repeat(50_000);
    const taken = await request(app).post(path).set(bearer(token)).send({ type: 'message', from: { id: 'u' }, text: long }).expect(200);
    expect(deliverToAgent).toHaveBeenLastCalledWith(expect.objectContaining({ id: taken.body.id, text: long }));
  });

  it('should answer 429 with Retry-After when one conversation floods, and leave the others alone', async () => {
    const flooder = await start();
    const other = await start();
    const send = (started: Started) =>
      request(app)
        .post(`/v3/directline/conversations/${started.conversationId}/activities`)
        .set(bearer(started.token))
        .send({ type: 'message', from: { id: 'u' }, text: 'again' });
    for (let i = 0; i < 5; i += 1) await send(flooder).expect(200);
    const refused = await send(flooder).expect(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expectError(refused.body, 'TooManyRequests');
    await send(other).expect(200);
  });

  it('should answer 502 JSON when the agent cannot take the message, keeping the message', async () => {
    const { conversationId, token } = await start();
    deliverToAgent.mockRejectedValueOnce(new Error('agent down'));
    const path = `/v3/directline/conversations/${conversationId}/activities`;
    const failed = await request(app).post(path).set(bearer(token)).send({ type: 'message', from: { id: 'u' }, text: 'hello?' });
    expect(failed.status).toBe(502);
    expectError(failed.body, 'BotError');
    expect(logger.error).toHaveBeenCalledWith(expect.objectContaining({ conversationId }), expect.any(String));
    const polled = await request(app).get(path).set(bearer(token)).expect(200);
    expect(polled.body.activities.map((activity: ActivityJson) => activity.text)).toEqual(['hello?']);
  });

  it('should answer JSON 404 for unknown Direct Line paths and 426 for a plain GET on the stream', async () => {
    expectError((await request(app).get('/v3/directline/nothing-here').expect(404)).body, 'NotFound');
    const { conversationId } = await start();
    expectError((await request(app).get(`/v3/directline/conversations/${conversationId}/stream`).expect(426)).body, 'UpgradeRequired');
  });

  it('should refuse a WebSocket with a bad or foreign stream token', async () => {
    const server = createServer(app);
    directLine.attach(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const mine = await start();
    const theirs = await start();
    const statusOf = (url: string) =>
      new Promise<number>((resolve, reject) => {
        const socket = new WebSocket(url);
        socket.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
        socket.on('open', () => reject(new Error('the stream opened')));
        socket.on('error', () => undefined);
      });
    const local = (streamUrl: string) => streamUrl.replace(/^ws:\/\/[^/]+/, `ws://127.0.0.1:${port}`);
    const foreign = local(mine.streamUrl).replace(mine.conversationId, theirs.conversationId);
    try {
      expect(await statusOf(local(mine.streamUrl).replace(/t=[^&]+/, 't=forged'))).toBe(401);
      expect(await statusOf(foreign)).toBe(403);
      expect(await statusOf(`${local(mine.streamUrl)}&watermark=x`)).toBe(400);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
