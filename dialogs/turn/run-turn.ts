import { createActor, waitFor, type Snapshot } from 'xstate';
import type { IntakeEvent, IntakeOutput } from './events';
import type { IntakeInput, IntakeMachine, IntakeSnapshot } from './intake.machine';

export interface TurnResult {
  snapshot: IntakeSnapshot;
  /** What to save: the machine's persisted snapshot, plain JSON. */
  persisted: Snapshot<unknown>;
  outputs: IntakeOutput[];
}

/** How long a service (booking, directory, …) may take before the turn gives up on it. */
const SETTLE_TIMEOUT_MS = 15_000;

/**
 * One turn: restore the conversation (or start it), send the person's event, wait until no
 * service call is under way, and return what was said and what to save.
 */
export async function runTurn(
  machine: IntakeMachine,
  start: { input: IntakeInput; persisted?: Snapshot<unknown> },
  events: IntakeEvent[]
): Promise<TurnResult> {
  const actor = createActor(machine, { input: start.input, snapshot: start.persisted });
  const outputs: IntakeOutput[] = [];
  const subscription = actor.on('*', (output) => outputs.push(output));
  const failed = new Promise<never>((_, reject) => {
    actor.subscribe({ error: (error) => reject(error) });
  });
  try {
    actor.start();
    await Promise.race([settle(actor), failed]);
    for (const event of events) {
      actor.send(event);
      await Promise.race([settle(actor), failed]);
    }
    const snapshot = actor.getSnapshot();
    return { snapshot, persisted: actor.getPersistedSnapshot(), outputs };
  } finally {
    subscription.unsubscribe();
    actor.stop();
  }
}

function settle(actor: ReturnType<typeof createActor<IntakeMachine>>) {
  return waitFor(actor, (snapshot) => !snapshot.hasTag('busy'), { timeout: SETTLE_TIMEOUT_MS });
}
