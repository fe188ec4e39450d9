import type { Snapshot } from 'xstate';
import type { IntakeEvent, IntakeOutput } from '../../dialogs/intake/events';
import type { IntakeSnapshot } from '../../dialogs/intake/intake.machine';
import { createConversationMachine } from '../../dialogs/turn/conversation-machine';
import { currentQuestion, type Question } from '../../dialogs/render/questions';
import { runTurn } from '../../dialogs/turn/run-turn';
import type { IntakeServices } from '../../dialogs/services';
import { testAgency } from './fake-intake';

const AT = '2026-11-22T10:00:00.000Z';

type Without<E> = E extends { at: string } ? Omit<E, 'at'> : never;
export type Step = Without<IntakeEvent>;

/**
 * Drives the intake machine turn by turn, as the agent does (restore, send, persist), so every
 * step also proves the conversation survives being saved and restored.
 */
export function machineDriver(services: IntakeServices, afterHours = false) {
  const machine = createConversationMachine({ agency: testAgency, services });
  const input = { conversationId: 'conv-1', channel: 'test', locale: 'en' as const, afterHours, at: AT };
  let persisted: Snapshot<unknown> | undefined;
  let snapshot: IntakeSnapshot | undefined;

  const turn = async (step?: Step) => {
    const events = step ? [{ ...step, at: AT } as IntakeEvent] : [];
    const result = await runTurn(machine, { input, persisted }, events);
    persisted = JSON.parse(JSON.stringify(result.persisted)) as Snapshot<unknown>;
    snapshot = result.snapshot;
    return { outputs: result.outputs, question: currentQuestion(result.snapshot, testAgency), snapshot: result.snapshot };
  };

  return {
    start: () => turn(),
    send: (step: Step) => turn(step),
    choose: (value: string) => turn({ type: 'CHOOSE', value }),
    text: (text: string, extra: Partial<Extract<Step, { type: 'TEXT' }>> = {}) => turn({ type: 'TEXT', text, ...extra }),
    get snapshot(): IntakeSnapshot {
      if (!snapshot) throw new Error('no turn yet');
      return snapshot;
    }
  };
}

export const said = (outputs: IntakeOutput[]) => outputs.flatMap((output) => (output.type === 'say' ? [output.id] : [output.type]));
export const values = (question: Question | undefined) => question?.choices.map((choice) => choice.value) ?? [];
