import { createIntakeMachine, type IntakeMachineOptions } from '../intake/intake.machine';
import { buildNarrative } from '../render/narrative';

/** The intake statechart as conversations run it: with the intake note written, in the staff language, when the record is submitted. */
export function createConversationMachine({ agency, services }: Omit<IntakeMachineOptions, 'narrate'>) {
  return createIntakeMachine({ agency, services, narrate: (record) => buildNarrative(record, agency.staffLocale) });
}
