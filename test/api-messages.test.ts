import express from 'express';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { chatWith, startDoorway, type RunningDoorway } from './helpers/test-server';

/** A stand-in for the channel's connector (the Emulator, or Azure Bot Service): records replies. */
async function startConnector() {
  const received: Array<{ path: string; body: { type: string; text?: string; channelData?: { intake?: { stage: string } } } }> = [];
  const app = express();
  app.use(express.json());
  app.post(/^\/v3\/conversations\/.+\/activities(\/.+)?$/, (req, res) => {
    received.push({ path: req.path, body: req.body });
    res.json({ id: `reply-${received.length}` });
  });
  const server: Server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve()))
  };
}

describe('POST /api/messages', () => {
  let running: RunningDoorway;
  let clock = new Date('2026-11-24T09:00:00Z');
  beforeAll(async () => {
    running = await startDoorway({ now: () => clock });
  });
  afterAll(async () => {
    await running.close();
  });

  it('should send replies to the channel\'s service URL when replies are not expected in the response', async () => {
    const connector = await startConnector();
    try {
      const response = await fetch(`${running.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          type: 'message', id: 'm1', text: 'hello', channelId: 'emulator', serviceUrl: connector.url,
          conversation: { id: 'emulator-1' }, from: { id: 'user-1' }, recipient: { id: 'doorway' }, locale: 'en-US'
        })
      });
      expect(response.status).toBeLessThan(300);
      expect(connector.received.length).toBeGreaterThanOrEqual(1);
      expect(connector.received[0]!.path).toMatch(/^\/v3\/conversations\/emulator-1\/activities/);
      expect(connector.received.map((reply) => reply.body.text).join('\n')).toContain('What would you like to do?');
      expect(connector.received.at(-1)!.body.channelData?.intake).toMatchObject({ stage: 'welcome' });
    } finally {
      await connector.close();
    }
  });

  it('should not greet a group chat as if it were a help-seeker', async () => {
    const chat = chatWith(running.url, 'group-1');
    const replies = await chat.send({
      type: 'conversationUpdate',
      conversation: { id: 'group-1', conversationType: 'groupChat' },
      membersAdded: [{ id: 'staff-member' }],
      recipient: { id: 'doorway' }
    });
    expect(replies).toEqual([]);
    expect(await running.doorway.store.loadConversation('group-1')).toBeUndefined();

    const personal = chatWith(running.url, 'personal-1');
    const welcome = await personal.send({ type: 'conversationUpdate', conversation: { id: 'personal-1', conversationType: 'personal' }, membersAdded: [{ id: 'user-personal-1' }], recipient: { id: 'doorway' } });
    expect(welcome.map((reply) => reply.text).join('\n')).toContain('What would you like to do?');
  });

  it('should understand typed button labels with small mistakes', async () => {
    const chat = chatWith(running.url, 'typos-1');
    await chat.say('hi');
    await chat.say('ask for hlep');
    expect(chat.intake).toMatchObject({ stage: 'consent' });
    await chat.say("yes that's ok");
    expect(chat.intake).toMatchObject({ stage: 'route' });
    await chat.say('for myslef');
    expect(chat.lastText).toContain('What made you get in touch now?');
  });

  it('should ask a person who comes back after a long silence whether to continue', async () => {
    const chat = chatWith(running.url, 'idle-1');
    await chat.say('hi');
    await chat.press('Ask for help');
    await chat.press("Yes, that's OK");
    clock = new Date(clock.getTime() + 3 * 60 * 60_000);
    await chat.say('For myself');
    expect(chat.lastText).toContain('Welcome back');
    await chat.press('Yes, continue');
    expect(chat.lastText).toContain('Who are you looking for help for?');
  });

  it('should act on global commands written in words', async () => {
    const chat = chatWith(running.url, 'global-1');
    await chat.say('hi');
    await chat.press('Ask for help');
    await chat.press("Yes, that's OK");
    await chat.say('help');
    expect(chat.lastText).toContain('start over');
    expect(chat.lastText).toContain('Who are you looking for help for?');

    await chat.say('I want to talk to a person');
    expect(chat.lastText).toMatch(/let our staff know|closed/);
    const requested = await running.doorway.db.query("SELECT 1 FROM outbox WHERE kind = 'human.requested' AND payload->>'conversationId' = 'global-1'");
    expect(requested.rows).toHaveLength(1);

    await chat.say('change language');
    expect(chat.buttons.map((button) => button.value)).toContain('lang:en');
    await chat.press('Keep the current language');

    await chat.say('start over');
    expect(chat.lastText).toContain('Do you want to start over?');
    await chat.press('No, continue');
    expect(chat.lastText).toContain('Who are you looking for help for?');

    await chat.say('pause');
    expect(chat.lastText).toContain('Your answers are saved');
    await chat.say("I'm back");
    await chat.press('Yes, continue');
    expect(chat.lastText).toContain('Who are you looking for help for?');
  });

  it('should delete everything about the conversation when the person asks', async () => {
    const chat = chatWith(running.url, 'delete-1');
    await chat.say('hi');
    await chat.press('Ask for help');
    await chat.press("Yes, that's OK");
    await chat.press('For myself');
    await chat.press('It was my own idea');
    await chat.say('My neighbour is harassing me every night');
    await chat.say('delete my data');
    expect(chat.lastText).toContain("can't be undone");
    await chat.press('Yes, delete it');
    expect(chat.lastText).toContain('has been deleted');
    const stored = await running.doorway.store.loadConversation('delete-1');
    expect(JSON.stringify(stored?.snapshot ?? {})).not.toContain('harassing');
  });

  it('should change a booking by its reference in the chat', async () => {
    const chat = chatWith(running.url, 'manage-1');
    await chat.say('hi');
    await chat.press('I have a booking');
    await chat.say('DW-ZZZZZZ');
    expect(chat.lastText).toContain("couldn't find an active booking");
    expect(chat.intake).toMatchObject({ stage: 'welcome' });
  });
});

describe('POST /api/messages with app credentials configured', () => {
  let running: RunningDoorway;
  beforeAll(async () => {
    running = await startDoorway({ env: { clientId: '00000000-0000-0000-0000-000000000001', tenantId: '00000000-0000-0000-0000-000000000002' } });
  });
  afterAll(async () => {
    await running.close();
  });

  it('should refuse an unsigned request', async () => {
    const response = await fetch(`${running.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'message', text: 'hi', conversation: { id: 'c' }, from: { id: 'u' }, channelId: 'test', deliveryMode: 'expectReplies' })
    });
    expect(response.status).toBe(401);
    const stored = await running.doorway.store.loadConversation('c');
    expect(stored).toBeUndefined();
  });
});
