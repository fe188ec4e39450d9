import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import type { Snapshot } from 'xstate';
import { loadEnv } from '../bot/config/env';
import { createLogger } from '../bot/logger';
import { createServer } from '../bot/server';
import type { IntakeEvent } from '../dialogs/intake/events';
import { createConversationMachine } from '../dialogs/turn/conversation-machine';
import { runTurn } from '../dialogs/turn/run-turn';
import type { IntakeServices } from '../dialogs/services';

const CONVERSATIONS = 5;
/** Tuesday 10:00 in Oslo, so slots and opening hours are those of an ordinary morning. */
const NOW = new Date('2026-11-24T09:00:00Z');

/** One booking, as a person would do it: typed words or pressed buttons (`slot:` takes the first offered). */
const SCRIPT: Array<{ text?: string; value?: string }> = [
  { text: 'hello' },
  { value: 'welcome.start' },
  { value: 'consent.yes' },
  { value: 'route.self' },
  { value: 'route.own' },
  { text: "I can't pay my rent and I'm afraid we lose the flat" },
  { value: 'category.confirm' },
  { value: 'since.months' },
  { text: 'keep our home' },
  { value: 'tried.nothing' },
  { value: 'urgency.this_week' },
  { value: 'strength.caring' },
  { value: 'strengths.done' },
  { value: 'resources.none' },
  { text: '0150' },
  { value: 'modality.phone' },
  { value: 'interpreter.none' },
  { value: 'access.none' },
  { value: 'slot:' },
  { value: 'name.skip' },
  { value: 'contact.phone' },
  { text: '41234567' },
  { value: 'summary.send' }
];

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

export async function runBookingTurns(): Promise<{ httpMedianMs: number; machineMedianMs: number; count: number }> {
  const doorway = await createServer({ env: loadEnv({ DATA_DIR: 'memory://', LOG_LEVEL: 'silent' }), now: () => NOW, logger: createLogger('silent') });
  const server = doorway.app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/messages`;
  const http: number[] = [];
  try {
    for (let conversation = 0; conversation < CONVERSATIONS; conversation += 1) {
      let lastSlot = '';
      for (const step of SCRIPT) {
        const value = step.value === 'slot:' ? lastSlot : step.value;
        const started = performance.now();
        const response = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ type: 'message', channelId: 'bench', conversation: { id: `bench-${conversation}` }, from: { id: 'u' }, recipient: { id: 'b' }, locale: 'en', text: step.text ?? value, value })
        });
        const body = (await response.json()) as { activities?: Array<{ suggestedActions?: { actions: Array<{ value: string }> } }> };
        http.push(performance.now() - started);
        const slot = body.activities?.flatMap((activity) => activity.suggestedActions?.actions ?? []).find((action) => action.value.startsWith('slot:'));
        if (slot) lastSlot = slot.value;
      }
    }
  } finally {
    await doorway.stopStreams();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await doorway.close();
  }
  return { httpMedianMs: median(http), machineMedianMs: await machineBaseline(doorway.info), count: http.length };
}

/** The same booking through the bare statechart: restore, send, persist, with no I/O around it. */
async function machineBaseline(info: Parameters<typeof createConversationMachine>[0]['agency']): Promise<number> {
  const slot = { id: '20261125T0800Z', start: '2026-11-25T09:00:00+01:00', end: '2026-11-25T10:00:00+01:00', modalities: ['phone' as const], place: 'x', seatsLeft: 2 };
  const services: IntakeServices = {
    findSlots: async () => [slot],
    findReferrals: async () => [],
    checkArea: async () => ({ kind: 'in_area', matched: '0150' }),
    submitIntake: async () => ({ ok: true, reference: 'DW-BENCH2' }),
    findBooking: async () => undefined,
    cancelBooking: async () => true,
    rebook: async () => ({ ok: false, reason: 'not_found' }),
    alertStaff: async () => undefined,
    saveFeedback: async () => undefined,
    deleteData: async () => undefined
  };
  const machine = createConversationMachine({ agency: info, services });
  const at = NOW.toISOString();
  const input = { conversationId: 'bench', channel: 'bench', locale: 'en' as const, afterHours: false, at };
  const times: number[] = [];
  for (let conversation = 0; conversation < CONVERSATIONS; conversation += 1) {
    let persisted: Snapshot<unknown> | undefined;
    for (const step of SCRIPT.slice(1)) {
      const event: IntakeEvent = step.value
        ? { type: 'CHOOSE', value: step.value === 'slot:' ? `slot:${slot.id}` : step.value, at }
        : { type: 'TEXT', text: step.text ?? '', category: 'housing', at };
      const started = performance.now();
      const result = await runTurn(machine, { input, persisted }, [event]);
      persisted = JSON.parse(JSON.stringify(result.persisted)) as Snapshot<unknown>;
      times.push(performance.now() - started);
    }
  }
  return median(times);
}
