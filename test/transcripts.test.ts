import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freshPostgresUrl } from './helpers/databases';
import { tellTheStory } from './helpers/stories';
import { AFTER_HOURS, chatWith, startDoorway, type RunningDoorway } from './helpers/test-server';

describe('transcripts through the real agent over HTTP', () => {
  let running: RunningDoorway;
  beforeAll(async () => {
    running = await startDoorway();
  });
  afterAll(async () => {
    await running.close();
  });

  it('should book an intake interview with a reference and a calendar file', async () => {
    const chat = chatWith(running.url, 'booking-1');
    await tellTheStory(chat);
    await chat.say('0150');
    expect(chat.lastText).toContain('can help with');
    expect(chat.intake).toMatchObject({ stage: 'booking' });
    await chat.press('By phone');
    await chat.press('No interpreter needed');
    await chat.press('Nothing needed');
    const slot = chat.buttons.find((button) => button.value.startsWith('slot:'));
    expect(slot).toBeDefined();
    await chat.press(slot!.value);
    await chat.say('Amira');
    await chat.press('Phone');
    await chat.say('412 34 567');
    expect(chat.intake).toMatchObject({ stage: 'summary' });
    expect(chat.lastText).toContain('Keep a roof over my kids');
    await chat.press('Yes, send it');

    const confirmation = chat.last.find((reply) => reply.channelData?.intake?.reference);
    expect(confirmation?.text).toMatch(/You're booked.*DW-[A-HJ-NP-Z2-9]{6}/s);
    expect(confirmation?.attachments?.[0]).toMatchObject({ contentType: 'text/calendar' });
    const ics = Buffer.from(confirmation!.attachments![0]!.contentUrl!.split(',')[1]!, 'base64').toString('utf8');
    expect(ics).toContain('BEGIN:VEVENT');
    expect(ics).not.toContain('rent');
    expect(chat.intake).toMatchObject({ stage: 'done', progress: 1 });

    const reference = confirmation!.channelData!.intake!.reference!;
    const stored = await running.doorway.store.findBooking(reference);
    expect(stored?.record).toMatchObject({ outcome: 'booked', contact: { name: 'Amira', detail: '41234567' }, request: { urgency: 'this_week' } });
    expect(stored?.record.strengths).toEqual(['I am a caring mum and I never give up']);
  });

  it('should change and then cancel a booking with its reference in a later chat', async () => {
    const chat = chatWith(running.url, 'manage-booked');
    await tellTheStory(chat);
    await chat.say('0150');
    await chat.press('By phone');
    await chat.press('No interpreter needed');
    await chat.press('Nothing needed');
    const [first, second] = chat.buttons.filter((button) => button.value.startsWith('slot:'));
    await chat.press(first!.value);
    await chat.press('Skip');
    await chat.press('Phone');
    await chat.say('41234567');
    await chat.press('Yes, send it');
    const reference = chat.intake!.reference!;

    const later = chatWith(running.url, 'manage-later');
    await later.say('hi');
    await later.say('I want to change my appointment');
    expect(later.lastText).toContain('booking reference');
    await later.say(reference.toLowerCase().replace('-', ' '));
    expect(later.lastText).toContain(reference);
    await later.press('Change the time');
    await later.press(second!.value);
    expect(later.lastText).toContain('Your booking is moved');
    expect((await running.doorway.store.findBooking(reference))?.booking.slotId).toBe(second!.value.slice('slot:'.length));

    const last = chatWith(running.url, 'manage-cancel');
    await last.say('hi');
    await last.press('I have a booking');
    await last.say(reference);
    await last.press('Cancel it');
    await last.press('Yes, cancel');
    expect(last.lastText).toContain('Your booking is cancelled');
    expect((await running.doorway.store.findBooking(reference))?.booking.status).toBe('cancelled');
  });

  it('should refer a person whose postcode is outside the service area', async () => {
    const chat = chatWith(running.url, 'referral-1');
    await tellTheStory(chat);
    await chat.say('9990');
    expect(chat.lastText).toContain('outside the area');
    expect(chat.intake).toMatchObject({ stage: 'referral' });
    expect(chat.lastText).toMatch(/\*\*1\. .+\*\*/);
    expect(chat.lastText).toMatch(/Why: .*helps with this kind of situation/);
    expect(chat.lastText).toMatch(/Open now|Closed now/);
    await chat.press('Continue');
    await chat.press('Yes, send it');
    expect(chat.intake?.reference).toMatch(/^DW-/);
    expect(chat.lastText).toContain('contact the services above');
  });

  it('should answer a crisis at once, then continue where the person was', async () => {
    const chat = chatWith(running.url, 'crisis-1');
    await chat.say('hi');
    await chat.press('Ask for help');
    await chat.press("Yes, that's OK");
    await chat.press('For myself');
    await chat.press('It was my own idea');
    await chat.say('I lost my job');
    const crisis = await chat.say("honestly I don't want to live anymore");
    expect(chat.lastText).toContain('112');
    expect(chat.lastText).toContain('116 123');
    expect(chat.lastText).toContain('Are you safe right now?');
    expect(crisis.at(-1)?.suggestedActions?.actions.map((action) => action.value)).toEqual(['crisis.safe', 'crisis.unsafe']);
    const alerts = await running.doorway.db.query<{ kind: string; payload: { conversationId: string; crisisType: string } }>(
      "SELECT kind, payload FROM outbox WHERE kind = 'crisis.alert'"
    );
    expect(alerts.rows).toContainEqual({ kind: 'crisis.alert', payload: expect.objectContaining({ conversationId: 'crisis-1', crisisType: 'self_harm' }) });

    await chat.say("yes I'm safe");
    expect(chat.lastText).toContain('Is that right?');
    expect(chat.buttons.map((button) => button.value)).toEqual(['category.confirm', 'category.change']);
  });

  it('should let the person correct an answer in the summary before sending', async () => {
    const chat = chatWith(running.url, 'correct-1');
    await tellTheStory(chat);
    await chat.say('Riverside');
    await chat.press('In person');
    await chat.press('No interpreter needed');
    await chat.say('I use a wheelchair');
    await chat.press(chat.buttons.find((button) => button.value.startsWith('slot:'))!.value);
    await chat.press('Skip');
    await chat.press('E-mail');
    await chat.say('amira@example.org');
    await chat.press('I want to change something');
    await chat.press('My goal');
    await chat.say('Find a flat we can afford');
    expect(chat.intake).toMatchObject({ stage: 'summary' });
    expect(chat.lastText).toContain('Find a flat we can afford');
    expect(chat.lastText).not.toContain('Keep a roof over my kids');
    await chat.press('Yes, send it');
    const stored = await running.doorway.store.findBooking(chat.intake!.reference!);
    expect(stored?.record.request.goal).toBe('Find a flat we can afford');
    expect(stored?.record.contact).toMatchObject({ accessibility: 'I use a wheelchair', method: 'email' });
  });

  it('should answer every kind of bad input kindly and keep the question', async () => {
    const chat = chatWith(running.url, 'bad-1');
    await chat.say('hi');
    await chat.press('Ask for help');
    await chat.press("Yes, that's OK");
    await chat.press('For myself');
    await chat.press('It was my own idea');
    const asked = chat.lastText;

    await chat.send({ type: 'message', text: '' });
    expect(chat.lastText).toContain("didn't receive any text");
    await chat.send({ type: 'message', attachments: [{ contentType: 'image/png', contentUrl: 'data:image/png;base64,AAAA' }] });
    expect(chat.lastText).toContain("can't read files");
    await chat.say('🙂🙂🙂');
    expect(chat.lastText).toContain('emoji');
    await chat.say('a'.repeat(50_000));
    expect(chat.lastText).toContain('too long');
    await chat.send({ type: 'message', text: 'old button', value: 'slot:20200101T0800Z' });
    expect(chat.lastText).toContain("didn't quite get that");
    expect(chat.lastText).toContain('main thing you would like help with');
    expect(asked).toContain('main thing you would like help with');

    await chat.say('<script>alert(1)</script> my <b>landlord</b> wants me out');
    await chat.say('yes');
    await chat.press('A few days');
    await chat.say('to stay');
    await chat.press('Nothing yet');
    await chat.press('I need help today');
    await chat.press("I'm not sure");
    await chat.press('No one right now');
    await chat.say('0150');
    await chat.press('By video');
    await chat.press('No interpreter needed');
    await chat.press('Nothing needed');
    await chat.press(chat.buttons.find((button) => button.value.startsWith('slot:'))!.value);
    await chat.press('Skip');
    await chat.press('Phone');
    await chat.say('41234567');
    expect(chat.lastText).toContain('&lt;script&gt;');
    expect(chat.lastText).not.toContain('<script>');
  });

  it('should refuse malformed requests with a JSON error', async () => {
    const post = (body: string) => fetch(`${running.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    const malformed = await post('{"type": "message", ');
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toEqual({ error: { code: 'BadJson', message: expect.any(String) } });
    const unknownType = await post(JSON.stringify({ type: 'banana', conversation: { id: 'x' } }));
    expect(unknownType.status).toBe(400);
    expect(await unknownType.json()).toMatchObject({ error: { code: 'UnknownActivityType' } });
    const noConversation = await post(JSON.stringify({ type: 'message', text: 'hi' }));
    expect(noConversation.status).toBe(400);
    expect(await noConversation.json()).toMatchObject({ error: { code: 'MissingConversation' } });
    const noChannel = await post(JSON.stringify({ type: 'message', text: 'hi', conversation: { id: 'x' } }));
    expect(noChannel.status).toBe(400);
    expect(await noChannel.json()).toMatchObject({ error: { code: 'MissingChannel', message: expect.stringContaining('channelId') } });
    const emptyLocale = await post(JSON.stringify({ type: 'message', text: 'hi', channelId: 'test', conversation: { id: 'x' }, locale: '' }));
    expect(emptyLocale.status).toBe(400);
    expect(await emptyLocale.json()).toMatchObject({ error: { code: 'BadActivity', message: expect.stringContaining('locale') } });
    const notAnObject = await post('[1,2,3]');
    expect(notAnObject.status).toBe(400);
    const huge = await post(JSON.stringify({ type: 'message', conversation: { id: 'x' }, text: 'x'.repeat(2_000_000) }));
    expect(huge.status).toBe(413);
    expect(await huge.json()).toMatchObject({ error: { code: 'TooLarge' } });
  });

  it('should say the health is ok once ready', async () => {
    const response = await fetch(`${running.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ok' });
  });
});

describe('after hours', () => {
  let running: RunningDoorway;
  beforeAll(async () => {
    running = await startDoorway({ now: AFTER_HOURS });
  });
  afterAll(async () => {
    await running.close();
  });

  it('should say the office is closed, give the emergency numbers, and answer a question', async () => {
    const chat = chatWith(running.url, 'night-1');
    await chat.say('hello?');
    expect(chat.lastText).toContain('The office is closed right now');
    expect(chat.lastText).toContain('112');
    expect(chat.intake).toMatchObject({ stage: 'welcome' });
    await chat.say('what are your opening hours?');
    expect(chat.lastText).toMatch(/08:00/);
    expect(chat.intake).toMatchObject({ stage: 'info' });
    await chat.press('No, thank you');
    expect(chat.intake).toMatchObject({ stage: 'done' });
  });
});

describe('a restart of the server mid-conversation', () => {
  const continueAfterRestart = async (start: () => Promise<RunningDoorway>) => {
    const first = await start();
    const before = chatWith(first.url, 'restart-1');
    await before.say('hello');
    await before.press('Ask for help');
    await before.press("Yes, that's OK");
    await before.press('For myself');
    await before.press('It was my own idea');
    await before.say('My landlord wants to evict me');
    await first.close();

    const second = await start();
    try {
      const after = chatWith(second.url, 'restart-1');
      await after.say('yes');
      expect(after.intake).toMatchObject({ stage: 'clarify' });
      expect(after.lastText).toContain('How long has this been going on');
      await after.press('Some months');
      await after.say('stay in my home');
      await after.press('Nothing yet');
      await after.press('This week');
      await after.say('I keep going');
      await after.press("That's all");
      await after.press('No one right now');
      await after.say('0150');
      await after.press('By phone');
      await after.press('No interpreter needed');
      await after.press('Nothing needed');
      await after.press(after.buttons.find((button) => button.value.startsWith('slot:'))!.value);
      await after.press('Skip');
      await after.press('Phone');
      await after.say('41234567');
      expect(after.lastText).toContain('My landlord wants to evict me');
    } finally {
      await second.close();
    }
  };

  it('should continue where it stood on the embedded store', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'doorway-restart-'));
    try {
      await continueAfterRestart(() => startDoorway({ dataDir }));
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('should continue where it stood on PostgreSQL', async () => {
    const schema = await freshPostgresUrl();
    try {
      await continueAfterRestart(() => startDoorway({ databaseUrl: schema.url }));
    } finally {
      await schema.drop();
    }
  });
});
