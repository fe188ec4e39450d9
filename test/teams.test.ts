import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  book, cardOf, cardPosts, CHANNEL, FAST_OUTBOX, install, postActivity, runningClock, settle, startConnectorStandIn, TEAM, teamActivity,
  type ConnectorStandIn
} from './helpers/connector-stand-in';
import { chatWith, startDoorway, type RunningDoorway } from './helpers/test-server';

// The SDK's JWT middleware loads jwks-rsa; these tests run without app credentials.
jest.mock('jwks-rsa', () => ({ __esModule: true, default: () => ({}) }));

describe('staff side in Teams', () => {
  let standIn: ConnectorStandIn;
  let running: RunningDoorway;

  beforeEach(async () => {
    standIn = await startConnectorStandIn();
    running = await startDoorway({ now: runningClock(), env: FAST_OUTBOX });
  });
  afterEach(async () => {
    await running.close();
    await standIn.close();
  });

  it('should store an install event, say hello in the channel and report it in /healthz', async () => {
    await install(running, standIn);
    await standIn.waitFor(() => standIn.posts().length === 1);
    const hello = standIn.posts()[0]!;
    expect(hello.conversationId).toBe(CHANNEL);
    expect(String(hello.body.text)).toContain(running.doorway.info.name);
    const health = (await (await fetch(`${running.url}/healthz`)).json()) as { status: string; details: { teams: { staffChannels: Array<{ id: string; status: string }> } } };
    expect(health.status).toBe('ok');
    expect(health.details.teams.staffChannels).toEqual([expect.objectContaining({ id: TEAM, status: 'active' })]);
  });

  it('should record an uninstall, show it in /healthz and hold cards until the app is back', async () => {
    await install(running, standIn);
    await standIn.waitFor(() => standIn.posts().length === 1);
    const removed = await postActivity(running, teamActivity(standIn, { type: 'installationUpdate', action: 'remove' }));
    expect(removed.status).toBeLessThan(300);
    const reference = await book(running, 'conv-uninstalled', 'while uninstalled');
    await settle(300);
    expect(cardPosts(standIn)).toHaveLength(0);
    const health = (await (await fetch(`${running.url}/healthz`)).json()) as { details: { teams: { staffChannels: Array<{ status: string }>; outbox: { parked: number } } } };
    expect(health.details.teams.staffChannels[0]).toMatchObject({ status: 'uninstalled' });
    expect(health.details.teams.outbox.parked).toBe(1);
    await postActivity(running, teamActivity(standIn, { type: 'installationUpdate', action: 'add' }));
    await standIn.waitFor(() => cardPosts(standIn).length === 1);
    expect(JSON.stringify(cardOf(cardPosts(standIn)[0]!)!.content)).toContain(reference);
  });

  it('should post exactly one summary card for a booking, with the fields staff need and the text inert', async () => {
    await install(running, standIn);
    const words = 'Rent **overdue** <b>help</b> ${secret} {{DATE(2026-01-01T00:00:00Z, SHORT)}}';
    const reference = await book(running, 'conv-booking', words);
    await standIn.waitFor(() => cardPosts(standIn).length === 1);
    await settle();
    expect(cardPosts(standIn)).toHaveLength(1);
    const card = cardOf(cardPosts(standIn)[0]!)!;
    expect(card.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(card.content).toMatchObject({ type: 'AdaptiveCard', version: '1.5' });
    const json = JSON.stringify(card.content);
    for (const expected of [reference, 'New intake: interview booked', 'This week', 'housing', 'keep my flat', 'called the landlord', 'I keep going', 'my sister Anna', 'Kari', 'Purpose note.', 'Norwegian', 'the court', 'Riverside']) {
      expect(json).toContain(expected);
    }
    // The person's words are quoted as typed in a TextRun (no Markdown there); Teams' date functions are broken up.
    const quotes = JSON.stringify(card.content).match(/"type":"TextRun","text":"Rent[^"]*"/)?.[0] ?? '';
    expect(quotes).toContain('Rent **overdue** <b>help</b> ${secret}');
    expect(quotes).not.toContain('{{DATE');
    expect(json).toContain(`/teams/eco-map/${reference}.png?sig=`);
    expect(json).toContain('"verb":"case.take"');
  });

  it('should alert staff at once when a help-seeker in a personal Teams chat mentions a crisis', async () => {
    await install(running, standIn);
    const chat = chatWith(running.url, 'a:personal-crisis');
    await chat.send({ type: 'message', text: 'hello', channelId: 'msteams' });
    expect(chat.buttons.every((button) => button.type === 'imBack')).toBe(true);
    expect(chat.buttons.length).toBeGreaterThan(0);
    await chat.send({ type: 'message', text: 'I want to kill myself', channelId: 'msteams' });
    await standIn.waitFor(() => cardPosts(standIn).length === 1, 5_000);
    const json = JSON.stringify(cardOf(cardPosts(standIn)[0]!)!.content);
    expect(json).toContain('Crisis alert');
    expect(json).toContain('thoughts of suicide or self-harm');
    expect(json).toContain('English');
  });

  it('should deliver every card exactly once after a connector outage', async () => {
    await install(running, standIn);
    await standIn.waitFor(() => standIn.posts().length === 1);
    standIn.mode = 'fail';
    const references = [await book(running, 'conv-o1', 'one', 0), await book(running, 'conv-o2', 'two', 1), await book(running, 'conv-o3', 'three', 2)];
    await standIn.waitFor(() => standIn.requests.filter((r) => r.status === 500).length >= 6);
    expect(cardPosts(standIn)).toHaveLength(0);
    standIn.mode = 'ok';
    await standIn.waitFor(() => cardPosts(standIn).length === 3);
    await settle(400);
    const posted = cardPosts(standIn).map((request) => JSON.stringify(cardOf(request)!.content));
    expect(posted).toHaveLength(3);
    for (const reference of references) expect(posted.filter((json) => json.includes(`"${reference}"`))).toHaveLength(1);
  });

  it('should stop posting to a channel that answers 403, show it in /healthz, and deliver after a reinstall', async () => {
    await install(running, standIn);
    await standIn.waitFor(() => standIn.posts().length === 1);
    standIn.mode = 'forbidden';
    const reference = await book(running, 'conv-403', 'blocked');
    await standIn.waitFor(() => standIn.requests.some((r) => r.status === 403));
    await settle(400);
    expect(standIn.requests.filter((r) => r.status === 403)).toHaveLength(1);
    const health = (await (await fetch(`${running.url}/healthz`)).json()) as { details: { teams: { staffChannels: Array<{ status: string; reason: string }>; outbox: { parked: number } } } };
    expect(health.details.teams.staffChannels[0]).toMatchObject({ status: 'blocked', reason: expect.stringContaining('403') });
    expect(health.details.teams.outbox.parked).toBe(1);
    standIn.mode = 'ok';
    await install(running, standIn);
    await standIn.waitFor(() => cardPosts(standIn).length === 1);
    expect(JSON.stringify(cardOf(cardPosts(standIn)[0]!)!.content)).toContain(reference);
  });
});

describe('staff side in Teams across a restart', () => {
  it('should deliver cards left undelivered by a stopped server exactly once after it starts again', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'doorway-teams-'));
    const standIn = await startConnectorStandIn();
    try {
      let running = await startDoorway({ now: runningClock(), dataDir, env: FAST_OUTBOX });
      await install(running, standIn);
      await standIn.waitFor(() => standIn.posts().length === 1);
      standIn.mode = 'fail';
      const first = await book(running, 'conv-r1', 'before restart one', 0);
      const second = await book(running, 'conv-r2', 'before restart two', 1);
      await standIn.waitFor(() => standIn.requests.filter((r) => r.status === 500).length >= 2);
      await running.close();
      standIn.mode = 'ok';
      running = await startDoorway({ now: runningClock(), dataDir, env: FAST_OUTBOX });
      try {
        await standIn.waitFor(() => cardPosts(standIn).length === 2);
        await settle(400);
        const posted = cardPosts(standIn).map((request) => JSON.stringify(cardOf(request)!.content));
        expect(posted).toHaveLength(2);
        expect(posted.some((json) => json.includes(first))).toBe(true);
        expect(posted.some((json) => json.includes(second))).toBe(true);
      } finally {
        await running.close();
      }
    } finally {
      await standIn.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
