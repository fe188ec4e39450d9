import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { loadEnv } from '../../bot/config/env';
import { createLogger } from '../../bot/logger';
import { createServer, type DoorwayServer } from '../../bot/server';

/** Tuesday 24 November 2026, 10:00 in Oslo: the office is open. */
export const OPEN_HOURS = new Date('2026-11-24T09:00:00Z');
/** Sunday 22 November 2026, 22:00 in Oslo: the office is closed. */
export const AFTER_HOURS = new Date('2026-11-22T21:00:00Z');

export interface RunningDoorway {
  url: string;
  doorway: DoorwayServer;
  server: Server;
  close(): Promise<void>;
}

/** Starts the real app on a loopback port, with a fixed clock and its own store. */
export async function startDoorway(options: { now?: Date | (() => Date); dataDir?: string; databaseUrl?: string; env?: Record<string, string> } = {}): Promise<RunningDoorway> {
  const env = loadEnv({
    DATA_DIR: options.dataDir ?? 'memory://',
    TOKEN_SECRET: 'test-secret-test-secret-test-secret',
    ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {}),
    ...options.env
  });
  const clock = options.now ?? OPEN_HOURS;
  const now = typeof clock === 'function' ? clock : () => clock;
  const doorway = await createServer({ env, now, logger: createLogger('silent') });
  const server = doorway.app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  doorway.attach(server);
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    doorway,
    server,
    close: async () => {
      await doorway.stopStreams();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await doorway.close();
    }
  };
}

export interface BotReply {
  type: string;
  text?: string;
  suggestedActions?: { actions: Array<{ type: string; title: string; value: string }> };
  attachments?: Array<{ contentType: string; name?: string; contentUrl?: string }>;
  channelData?: { intake?: { stage: string; progress: number; reference?: string } };
}

/**
 * A person chatting over plain HTTP with `expectReplies` (to one server, or to whichever
 * `baseUrl()` names for each message), keeping a transcript that reads like
 * the conversation (`user: …` / `bot: …`) for failure messages.
 */
export function chatWith(baseUrl: string | (() => string), conversationId: string, locale = 'en-GB') {
  const urlOf = typeof baseUrl === 'string' ? () => baseUrl : baseUrl;
  const transcript: string[] = [];
  let last: BotReply[] = [];

  const post = async (activity: Record<string, unknown>): Promise<BotReply[]> => {
    const response = await fetch(`${urlOf()}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        channelId: 'test',
        conversation: { id: conversationId },
        from: { id: `user-${conversationId}` },
        recipient: { id: 'doorway' },
        ...(locale ? { locale } : {}),
        deliveryMode: 'expectReplies',
        ...activity
      })
    });
    if (response.status !== 200) throw new Error(`HTTP ${response.status}: ${await response.text()}\n${transcript.join('\n')}`);
    const body = (await response.json()) as { activities?: BotReply[] };
    last = (body.activities ?? []).filter((reply) => reply.type === 'message');
    for (const reply of last) transcript.push(`bot: ${reply.text ?? ''}${buttonsOf(reply).length ? ` [${buttonsOf(reply).map((b) => b.title).join(' | ')}]` : ''}`);
    return last;
  };

  const buttonsOf = (reply: BotReply) => reply.suggestedActions?.actions ?? [];

  return {
    transcript,
    /** The person types text. */
    say: (text: string) => {
      transcript.push(`user: ${text}`);
      return post({ type: 'message', text });
    },
    /** The person presses the button whose title or value matches. */
    press: (titleOrValue: string) => {
      const button = last.flatMap(buttonsOf).find((action) => action.title === titleOrValue || action.value === titleOrValue);
      if (!button) throw new Error(`No button "${titleOrValue}" in the last replies.\n${transcript.join('\n')}`);
      transcript.push(`user: [${button.title}]`);
      return post({ type: 'message', text: button.title, value: button.value });
    },
    send: (activity: Record<string, unknown>) => post(activity),
    get last() {
      return last;
    },
    /** All text of the last replies, one string, for `toContain` checks. */
    get lastText() {
      return last.map((reply) => reply.text ?? '').join('\n');
    },
    get buttons() {
      return last.flatMap(buttonsOf);
    },
    get intake() {
      return [...last].reverse().find((reply) => reply.channelData?.intake)?.channelData?.intake;
    }
  };
}
