import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { createConversationLock } from '../bot/agent/conversation-lock';
import { createDirectLine, type DirectLineRouter } from '../bot/directline';
import { sharedLimitStores } from '../bot/http/shared-limits';
import { runOncePerPeriod } from '../bot/store/background-jobs';
import { openDb, type Db } from '../bot/store/db';
import { describeEachDatabase, freshPostgresUrl } from './helpers/databases';

const DAY = 86_400_000;

describeEachDatabase('what replicas share through the database', (getDb) => {
  it('should run a periodic job once per period however many replicas try at once', async () => {
    let runs = 0;
    const job = async () => {
      runs += 1;
      await new Promise((resolve) => setTimeout(resolve, 50));
    };
    const at = new Date('2026-11-24T09:00:00Z');
    const tried = await Promise.all(Array.from({ length: 4 }, () => runOncePerPeriod(getDb(), 'test-job', DAY, at, job)));
    expect(tried.filter(Boolean)).toHaveLength(1);
    expect(runs).toBe(1);

    expect(await runOncePerPeriod(getDb(), 'test-job', DAY, new Date(at.getTime() + DAY / 2), job)).toBe(false);
    expect(await runOncePerPeriod(getDb(), 'test-job', DAY, new Date(at.getTime() + DAY), job)).toBe(true);
    expect(runs).toBe(2);
  });

  it('should count a client’s conversation starts across replicas against one limit', async () => {
    const routers: DirectLineRouter[] = [];
    const servers: Server[] = [];
    const replica = async () => {
      const router = createDirectLine({
        db: getDb(),
        tokenSecret: 's'.repeat(40),
        limits: { startsPerWindow: 3, windowMs: 60_000 },
        limitStores: sharedLimitStores(getDb()),
        deliverToAgent: async () => undefined
      });
      routers.push(router);
      const server = createServer(express().use(router));
      servers.push(server);
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    };
    const [one, two] = [await replica(), await replica()];
    const start = (url: string) => fetch(`${url}/v3/directline/conversations`, { method: 'POST' }).then((response) => response.status);

    expect([await start(one), await start(two), await start(one)]).toEqual([201, 201, 201]);
    expect(await start(two)).toBe(429);
    expect(await start(one)).toBe(429);

    for (const router of routers) await router.close();
    for (const server of servers) await new Promise((resolve) => server.close(resolve));
  });
});

describe('turns of one conversation on two replicas of a PostgreSQL server', () => {
  let database: { url: string; drop(): Promise<void> };
  let first: Db;
  let second: Db;
  beforeAll(async () => {
    database = await freshPostgresUrl();
    first = await openDb({ databaseUrl: database.url });
    second = await openDb({ databaseUrl: database.url });
  });
  afterAll(async () => {
    await first?.close();
    await second?.close();
    await database?.drop();
  });

  it('should never overlap, whichever replica each message reaches', async () => {
    const locks = [createConversationLock(first), createConversationLock(second)];
    const log: string[] = [];
    const turn = (i: number) =>
      locks[i % 2]!.run('one-conversation', async () => {
        log.push(`start ${i}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
        log.push(`end ${i}`);
      });
    const other = locks[1]!.run('another-conversation', async () => log.push('other'));
    await Promise.all([...Array.from({ length: 6 }, (_, i) => turn(i)), other]);

    const turns = log.filter((entry) => entry !== 'other');
    for (let i = 0; i < turns.length; i += 2) {
      expect(turns[i]!.replace('start', 'end')).toBe(turns[i + 1]);
    }
    expect(turns).toHaveLength(12);
    await Promise.all(locks.map((lock) => lock.idle()));
  });
});
