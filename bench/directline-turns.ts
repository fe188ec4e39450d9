import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { loadEnv } from '../bot/config/env';
import { createLogger } from '../bot/logger';
import { createServer } from '../bot/server';

/** Tuesday 10:00 in Oslo, so opening hours are those of an ordinary morning. */
const NOW = new Date('2026-11-24T09:00:00Z');
const CONVERSATIONS = 5;
const MESSAGES = ['hello', 'Ask for help', "Yes, that's OK", 'For myself', 'It was my own idea', "I can't pay my rent", 'yes', 'Some months', 'keep our home', 'Nothing yet'];
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

/**
 * The time from posting a message to Direct Line until the post is answered (the agent's
 * replies are stored by then), and the same messages over `/api/messages` with expectReplies.
 */
export async function runDirectLineTurns(): Promise<{ directLineMedianMs: number; messagesMedianMs: number; count: number }> {
  const doorway = await createServer({ env: loadEnv({ DATA_DIR: 'memory://', LOG_LEVEL: 'silent', TOKEN_SECRET: 'bench-secret-bench-secret' }), now: () => NOW, logger: createLogger('silent') });
  const server = doorway.app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const directLine: number[] = [];
  const messages: number[] = [];
  try {
    for (let conversation = 0; conversation < CONVERSATIONS; conversation += 1) {
      const started = (await (await fetch(`${base}/v3/directline/conversations`, { method: 'POST' })).json()) as { conversationId: string; token: string };
      const headers = { 'content-type': 'application/json', authorization: `Bearer ${started.token}` };
      for (const text of MESSAGES) {
        const at = performance.now();
        const response = await fetch(`${base}/v3/directline/conversations/${started.conversationId}/activities`, {
          method: 'POST',
          headers,
          body: JSON.stringify({ type: 'message', from: { id: 'bench-user' }, text, locale: 'en' })
        });
        await response.json();
        directLine.push(performance.now() - at);
      }
      for (const text of MESSAGES) {
        const at = performance.now();
        const response = await fetch(`${base}/api/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ type: 'message', channelId: 'bench', deliveryMode: 'expectReplies', conversation: { id: `api-${conversation}` }, from: { id: 'u' }, recipient: { id: 'b' }, locale: 'en', text })
        });
        await response.json();
        messages.push(performance.now() - at);
      }
    }
  } finally {
    await doorway.stopStreams();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await doorway.close();
  }
  return { directLineMedianMs: median(directLine), messagesMedianMs: median(messages), count: directLine.length };
}

if (require.main === module) {
  void runDirectLineTurns().then((result) => console.log(JSON.stringify(result)));
}
