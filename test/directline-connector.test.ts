import express from 'express';
import request from 'supertest';
import { createDirectLine, type ActivityJson, type DirectLineRouter } from '../bot/directline';
import type { Db } from '../bot/store/db';
import { openTestPglite } from './helpers/databases';

const SECRET = 'c'.repeat(40);

interface Started {
  conversationId: string;
  token: string;
  expires_in: number;
  streamUrl: string;
  referenceGrammarId: string;
}

describe('directline connector and tokens', () => {
  let db: Db;
  let dispose: () => Promise<void>;
  const routers: DirectLineRouter[] = [];
  const delivered: ActivityJson[] = [];
  let app: express.Express;

  const build = (publicUrl?: string) => {
    const router = createDirectLine({
      db,
      tokenSecret: SECRET,
      publicUrl,
      deliverToAgent: async (activity) => {
        delivered.push(activity);
      }
    });
    routers.push(router);
    return express().use(router);
  };
  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
  const start = async (): Promise<Started> => (await request(app).post('/v3/directline/conversations').expect(201)).body as Started;
  const poll = async (started: Started, watermark = '') =>
    (await request(app).get(`/v3/directline/conversations/${started.conversationId}/activities?watermark=${watermark}`).set(bearer(started.token)).expect(200))
      .body as { activities: ActivityJson[]; watermark: string };
  /** The connector base path the agent was handed, from the last delivered activity. */
  const connectorPath = () => new URL(String(delivered[delivered.length - 1].serviceUrl)).pathname;

  beforeAll(async () => {
    ({ db, dispose } = await openTestPglite());
    app = build();
  });

  afterAll(async () => {
    for (const router of routers) await router.close();
    await dispose();
  });

  it('should start without a token, tell the agent, and hand it a loopback connector serviceUrl', async () => {
    const started = (
      await request(app).post('/v3/directline/conversations').set(bearer('undefined')).send({ user: { id: 'visitor' }, locale: 'nb' }).expect(201)
    ).body as Started;
    expect(started).toMatchObject({ conversationId: expect.any(String), token: expect.any(String), expires_in: 3600 });
    expect(started.streamUrl).toMatch(new RegExp(`^ws://127\\.0\\.0\\.1:\\d+/v3/directline/conversations/${started.conversationId}/stream\\?t=`));
    const update = delivered[delivered.length - 1];
    expect(update).toMatchObject({ type: 'conversationUpdate', locale: 'nb', conversation: { id: started.conversationId } });
    expect(update.membersAdded).toEqual([expect.objectContaining({ role: 'bot' }), { id: 'visitor', role: 'user' }]);
    expect(update.serviceUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/directline-connector\/[\w-]{20,}$/);
    // Starting again with the token returns the same conversation and tells the agent nothing new.
    const again = await request(app).post('/v3/directline/conversations').set(bearer(started.token)).expect(200);
    expect(again.body).toMatchObject({ conversationId: started.conversationId, token: started.token });
    expect(delivered[delivered.length - 1]).toBe(update);
  });

  it('should store what the agent sends, replies to, updates and deletes through the connector', async () => {
    const started = await start();
    const base = `${connectorPath()}/v3/conversations/${started.conversationId}/activities`;
    const sent = await request(app).post(base).send({ type: 'message', text: 'first', serviceUrl: 'http://x' }).expect(200);
    const replied = await request(app).post(`${base}/${encodeURIComponent('abc|1')}`).send({ type: 'message', text: 'second' }).expect(200);
    const after = await poll(started);
    expect(after.activities.map((a) => [a.id, a.text, a.replyToId])).toEqual([
      [sent.body.id, 'first', undefined],
      [replied.body.id, 'second', 'abc|1']
    ]);
    expect(after.activities[0]).not.toHaveProperty('serviceUrl');

    await request(app).put(`${base}/${encodeURIComponent(sent.body.id)}`).send({ type: 'message', text: 'first, edited' }).expect(200);
    const update = await poll(started, after.watermark);
    expect(update.activities.map((a) => [a.id, a.text])).toEqual([[sent.body.id, 'first, edited']]);
    await request(app).delete(`${base}/${encodeURIComponent(replied.body.id)}`).expect(200);
    expect((await poll(started)).activities.map((a) => a.text)).toEqual(['first, edited']);
  });

  it('should refuse connector calls with a wrong key and 404 an unknown conversation', async () => {
    await start();
    const wrong = await request(app).post('/directline-connector/guess/v3/conversations/x/activities').send({ type: 'message' });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.code).toBe('Unauthorized');
    const unknown = await request(app).post(`${connectorPath()}/v3/conversations/nobody/activities`).send({ type: 'message' });
    expect(unknown.status).toBe(404);
  });

  it('should never let a client choose the serviceUrl or ask for expectReplies', async () => {
    const started = await start();
    await request(app)
      .post(`/v3/directline/conversations/${started.conversationId}/activities`)
      .set(bearer(started.token))
      .send({ type: 'message', text: 'hi', serviceUrl: 'http://evil.example', deliveryMode: 'expectReplies', from: { id: 'u', role: 'bot' } })
      .expect(200);
    const given = delivered[delivered.length - 1];
    expect(given.serviceUrl).toMatch(/^http:\/\/127\.0\.0\.1:/);
    expect(given).not.toHaveProperty('deliveryMode');
    expect(given.from).toEqual({ id: 'u', role: 'user' });
    expect((await poll(started)).activities[0]).not.toHaveProperty('serviceUrl');
  });

  it('should refresh a token for the same conversation and reconnect from a watermark', async () => {
    const started = await start();
    const refreshed = await request(app).post('/v3/directline/tokens/refresh').set(bearer(started.token)).expect(200);
    expect(refreshed.body).toMatchObject({ conversationId: started.conversationId, expires_in: 3600 });
    const reconnect = await request(app).get(`/v3/directline/conversations/${started.conversationId}?watermark=7`).set(bearer(refreshed.body.token)).expect(200);
    expect(reconnect.body).toMatchObject({ conversationId: started.conversationId, token: refreshed.body.token });
    expect(reconnect.body.streamUrl).toContain('watermark=7');
  });

  it('should use publicUrl for the serviceUrl and the streamUrl when it is set', async () => {
    const publicApp = build('https://chat.example.org/');
    const started = (await request(publicApp).post('/v3/directline/conversations').expect(201)).body as Started;
    expect(started.streamUrl).toMatch(/^wss:\/\/chat\.example\.org\/v3\/directline\/conversations\//);
    expect(delivered[delivered.length - 1].serviceUrl).toMatch(/^https:\/\/chat\.example\.org\/directline-connector\//);
  });
});
