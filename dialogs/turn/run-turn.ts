import { createActor, waitFor, type Snapshot } from 'xstate';
import type { IntakeEvent, IntakeOutput } from '../intake/events';
import type { IntakeInput, IntakeMachine, IntakeSnapshot } from '../intake/intake.machine';

export interface TurnResult {
  snapshot: IntakeSnapshot;
  /** What to save: the machine's persisted snapshot, plain JSON. */
  persisted: Snapshot<unknown>;
  outputs: IntakeOutput[];
}

/** A started conversation: send events one at a time, each run until no service call is under way. */
export interface RunningConversation {
  snapshot(): IntakeSnapshot;
  send(event: IntakeEvent): Promise<void>;
  /** Stops the actor and returns what was said since it started, and what to save. */
  finish(): TurnResult;
  /** Stops the actor without a result (after an error). */
  stop(): void;
}

/** How long a service (booking, directory, …) may take before the turn gives up on it. */
const SETTLE_TIMEOUT_MS = 15_000;

/** Restores the conversation (or starts it) and waits until it is at rest. */
export async function startConversation(machine: IntakeMachine, start: { input: IntakeInput; persisted?: Snapshot<unknown> }): Promise<RunningConversation> {
  const actor = createActor(machine, { input: start.input, snapshot: start.persisted });
  const outputs: IntakeOutput[] = [];
  const subscription = actor.on('*', (output) => outputs.push(output));
  const failed = new Promise<never>((_, reject) => {
    actor.subscribe({ error: (error) => reject(error) });
  });
  // Handled where each settle is awaited; this keeps an unobserved rejection from crashing the process.
  failed.catch(() => undefined);
  const settle = () => Promise.race([waitFor(actor, (snapshot) => !snapshot.hasTag('busy'), { timeout: SETTLE_TIMEOUT_MS }), failed]);
  const stop = () => {
    subscription.unsubscribe();
    actor.stop();
  };
  try {
    actor.start();
    await settle();
  } catch (error) {
    stop();
    throw error;
  }
  return {
    snapshot: () => actor.getSnapshot(),
    async send(event) {
      actor.send(event);
      await settle();
    },
    finish() {
      const result = { snapshot: actor.getSnapshot(), persisted: actor.getPersistedSnapshot(), outputs };
      stop();
      return result;
    },
    stop
  };
}

/** One turn: restore the conversation (or start it), send the events, and return what was said and what to save. */
export async function runTurn(machine: IntakeMachine, start: { input: IntakeInput; persisted?: Snapshot<unknown> }, events: IntakeEvent[]): Promise<TurnResult> {
  const conversation = await startConversation(machine, start);
  try {
    for (const event of events) await conversation.send(event);
  } catch (error) {
    conversation.stop();
    throw error;
  }
  return conversation.finish();
}
