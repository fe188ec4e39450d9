import { Client } from 'pg';
import { startOwnPostgres, type OwnPostgres } from './helpers/own-postgres';
import { startReplica, type Replica } from './helpers/replicas';
import { tellTheStory } from './helpers/stories';
import { chatWith } from './helpers/test-server';

// A server process on a PostgreSQL server of the test's own, which the test restarts mid-conversation.
jest.setTimeout(120_000);

describe('a PostgreSQL restart in the middle of conversations', () => {
  let postgres: OwnPostgres;
  let replica: Replica;

  beforeAll(async () => {
    postgres = await startOwnPostgres();
    replica = await startReplica({ DATABASE_URL: postgres.url, TOKEN_SECRET: 'restart-test-secret-restart-test-secret' });
  });
  afterAll(async () => {
    await replica?.stop('SIGKILL');
    postgres?.stop();
  });

  it('should lose no turn and no booking, and report the store in readiness again', async () => {
    const chat = chatWith(replica.url, 'through-a-restart');
    await tellTheStory(chat);
    postgres.restart();
    // The pool's connections all died with the old server; the next turn gets new ones.
    await chat.say('0150');
    expect(chat.intake).toMatchObject({ stage: 'booking' });
    await chat.press('By phone');
    await chat.press('No interpreter needed');

    // This time the server restarts while the turn is running.
    const turn = chat.press('Nothing needed');
    await new Promise((resolve) => setTimeout(resolve, 5));
    postgres.restart();
    await turn;
    expect(chat.buttons.some((button) => button.value.startsWith('slot:'))).toBe(true);
    await chat.press(chat.buttons.find((button) => button.value.startsWith('slot:'))!.value);
    await chat.say('Amira');
    await chat.press('Phone');
    await chat.say('412 34 567');
    postgres.restart();
    await chat.press('Yes, send it');
    expect(chat.lastText).toMatch(/You're booked/);

    const client = new Client({ connectionString: postgres.url });
    await client.connect();
    const { rows } = await client.query<{ goal: string; slot_id: string | null }>(
      `SELECT record -> 'request' ->> 'goal' AS goal, b.slot_id FROM intake_records r LEFT JOIN bookings b USING (reference) WHERE conversation_id = $1`,
      ['through-a-restart']
    );
    await client.end();
    expect(rows).toEqual([{ goal: 'Keep a roof over my kids', slot_id: expect.any(String) }]);

    const ready = await fetch(`${replica.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ store: expect.anything() });
    expect(replica.process.exitCode).toBeNull();
  });
});
