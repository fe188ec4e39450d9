import { setup } from 'xstate';
import type { IntakeEvent, IntakeOutput } from './events';
import { conversationActions } from './intake.actions';
import { intakeActors } from './intake.actors';
import { answerActions } from './intake.answers';
import { intakeGuards } from './intake.guards';
import { resultActions } from './intake.results';
import { safetyActions } from './intake.safety';
import type { IntakeContext, IntakeInput, IntakeMachineOptions } from './intake.context';

export type { IntakeContext, IntakeInput, IntakeMachineOptions } from './intake.context';

/**
 * Everything the intake chart refers to by name: guards, actions and actors. A function,
 * because guards such as `isInScope` read the agency and the actors call its services.
 */
export function intakeSetup({ agency, services, narrate }: IntakeMachineOptions) {
  return setup({
    types: {
      context: {} as IntakeContext,
      events: {} as IntakeEvent,
      input: {} as IntakeInput,
      emitted: {} as IntakeOutput
    },
    actors: intakeActors(services, narrate),
    guards: intakeGuards(agency),
    actions: { ...conversationActions(agency), ...answerActions(agency), ...resultActions(), ...safetyActions() }
  });
}

export type IntakeSetup = ReturnType<typeof intakeSetup>;
