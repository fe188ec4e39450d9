import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import request from 'supertest';
import WebSocket from 'ws';
import { createDirectLine, type ActivityJson, type DirectLineRouter } from '../bot/directline';
import { createActivityStore } from '../bot/directline/store';
import { describeEachDatabase } from './helpers/databases';

const SECRET = 'r'.repeat(40);

describeEachDatabase('directline store', (getDb) => {
  it('should number a conversation’s activities in order even when written at once', async () => {
    const store = createActivityStore(getDb(), () => new Date());
    expect(await store.createConversation('conv-a')).toBe(true);
    expect(await store.createConversation('conv-a')).toBe(false);
    await Promise.all(Array.from({ length: 12 }, (_, i) => store.append('conv-a', { type: 'message', text: `m${i}` })));
    const rows = await store.listAfter('conv-a', 0, 100);
    expect(rows.map((row) => row.seq)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    expect(rows[0].activity.id).toBe('conv-a|0000001');
    expect((await store.listAfter('conv-a', 10, 100)).map((row) => row.seq)).toEqual([11, 12]);
  });

  it('should refuse an unknown conversation and store text PostgreSQL would otherwise reject', async () => {
    const store = createActivityStore(getDb(), () => new Date());
    expect(await store.append('nobody', { type: 'message' })).toBeUndefined();
    await store.createConversation('conv-b');
    const stored = await store.append('conv-b', { type: 'message', text: 'a\u0000b' });
    expect(stored?.activity.text).toBe('a\uFFFDb');
  });
});

describeEachDatabase('directline replicas', (getDb) => {
  let server: Server;
  const routers: DirectLineRouter[] = [];
  const delivered: ActivityJson[] = [];

  const replica = () => {
    const router = createDirectLine({
      db: getDb(),
      tokenSecret: SECRET,
      deliverToAgent: async (activity) => {
        delivered.push(activity);
      }
    });
    routers.push(router);
    return router;
  };

  afterAll(async () => {
    for (const router of routers) await router.close();
    if (server) await new Promise((resolve) => server.close(resolve));
  });

  it('should reach a stream held by one replica when another replica stores the reply', async () => {
    const holder = replica();
    server = createServer(express().use(holder));
    holder.attach(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const other = express().use(replica());

    const origin = `127.0.0.1:${(server.address() as AddressInfo).port}`;
    const started = (await request(`http://${origin}`).post('/v3/directline/conversations').expect(201)).body as {
      conversationId: string;
      streamUrl: string;
    };
    const socket = new WebSocket(started.streamUrl);
    const received = new Promise<ActivityJson[]>((resolve) =>
      socket.on('message', (data: WebSocket.RawData) => resolve((JSON.parse(String(data)) as { activities: ActivityJson[] }).activities))
    );
    await new Promise((resolve) => socket.once('open', resolve));

    const connector = new URL(String(delivered[0].serviceUrl)).pathname;
    await request(other)
      .post(`${connector}/v3/conversations/${started.conversationId}/activities`)
      .send({ type: 'message', text: 'from the other replica' })
      .expect(200);
    expect((await received).map((activity) => activity.text)).toEqual(['from the other replica']);
    socket.close();
  });
});
