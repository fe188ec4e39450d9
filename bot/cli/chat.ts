import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline/promises';
import { stdin, stdout } from 'node:process';
import { loadEnv } from '../config/env';

interface ReplyActivity {
  type: string;
  text?: string;
  suggestedActions?: { actions: Array<{ title: string; value: string }> };
  attachments?: Array<{ name?: string; contentType: string }>;
  channelData?: { intake?: { stage: string; progress: number; reference?: string } };
}

/**
 * `npm run chat`: a terminal chat against the running assistant, over plain HTTP with
 * `deliveryMode: "expectReplies"`. Buttons are numbered; type a number or anything else.
 */
async function main(): Promise<void> {
  const base = argument('--url') ?? `http://localhost:${loadEnv().port}`;
  const locale = argument('--locale') ?? Intl.DateTimeFormat().resolvedOptions().locale;
  const conversation = { id: `chat-${randomUUID()}` };
  const user = { id: `user-${randomUUID()}`, name: 'You' };
  const rl = createInterface({ input: stdin, output: stdout, terminal: stdin.isTTY });
  // Made before the first request, so lines typed (or piped) meanwhile are kept, not dropped.
  const lines = rl[Symbol.asyncIterator]();
  let buttons: Array<{ title: string; value: string }> = [];

  const send = async (activity: Record<string, unknown>) => {
    const response = await fetch(`${base}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ channelId: 'terminal', conversation, from: user, recipient: { id: 'doorway' }, locale, deliveryMode: 'expectReplies', ...activity })
    });
    if (!response.ok) throw new Error(`The assistant answered ${response.status}: ${await response.text()}`);
    const body = (await response.json()) as { activities?: ReplyActivity[] };
    for (const reply of body.activities ?? []) show(reply);
  };

  const show = (reply: ReplyActivity) => {
    if (reply.type !== 'message') return;
    const intake = reply.channelData?.intake;
    if (intake) stdout.write(`\x1b[2m[${intake.stage} · ${Math.round(intake.progress * 100)}%${intake.reference ? ` · ${intake.reference}` : ''}]\x1b[0m\n`);
    stdout.write(`${plain(reply.text ?? '')}\n`);
    for (const attachment of reply.attachments ?? []) stdout.write(`  📎 ${attachment.name ?? attachment.contentType}\n`);
    buttons = reply.suggestedActions?.actions ?? buttons;
    if (reply.suggestedActions) {
      reply.suggestedActions.actions.forEach((action, index) => stdout.write(`  ${index + 1}) ${action.title}\n`));
    }
  };

  try {
    await send({ type: 'conversationUpdate', membersAdded: [user] });
    stdout.write('> ');
    // Reading lines as they come (not rl.question) also works when the input is piped in.
    for (let next = await lines.next(); !next.done; next = await lines.next()) {
      const line = next.value.trim();
      if (line === '/quit') break;
      const picked = /^\d+$/.test(line) ? buttons[Number(line) - 1] : undefined;
      buttons = [];
      await send(picked ? { type: 'message', text: picked.title, value: picked.value } : { type: 'message', text: line });
      stdout.write('> ');
    }
  } catch (error) {
    console.error(`Could not reach the assistant at ${base}: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  } finally {
    rl.close();
  }
}

/** Markdown as a terminal shows it: links shown as their text, bold markers dropped, escapes undone. */
function plain(text: string): string {
  return text.replace(/\[([^\]]+)\]\((?:tel|https?):[^)]*\)/g, '$1').replace(/\*\*(.+?)\*\*/g, '$1').replace(/\\([\\`*_[\]#|~])/g, '$1').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

function argument(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

void main();
