import type { IntakeSetup } from '../intake.setup';
import { safetyStates } from './safety';
import { chose, choseFrom, say } from './transitions';

/** Back to wherever the person was in the flow, deep history included. */
const RESUME = '#intake.flow.hist';

/**
 * The states any moment of the conversation can be interrupted by: a crisis or a check-in on
 * safety, asking for a person, changing language, starting over, deleting, pausing and coming back.
 */
export function overlayStates(s: IntakeSetup) {
  return {
    ...safetyStates(s),
    human: humanState(s),
    language: s.createStateConfig({
      meta: { question: 'language.ask', choices: 'languages' },
      on: {
        CHOOSE: [
          { guard: choseFrom('lang:'), actions: ['changeLocale', say('language.changed')], target: RESUME },
          { guard: chose('language.keep'), target: RESUME }
        ]
      }
    }),
    restartConfirm: s.createStateConfig({
      meta: { question: 'restart.confirm', choices: ['restart.yes', 'restart.no'], yes: 'restart.yes', no: 'restart.no' },
      on: {
        CHOOSE: [
          { guard: chose('restart.yes'), actions: ['restart', say('restart.done')], target: '#intake.flow.welcome' },
          { guard: chose('restart.no'), target: RESUME }
        ]
      }
    }),
    ...deletionStates(s),
    ...pauseStates(s)
  };
}

function humanState(s: IntakeSetup) {
  return s.createStateConfig({
    tags: ['busy'],
    invoke: {
      id: 'alertStaff',
      src: 'alertStaff',
      input: ({ context, event }) => ({
        kind: 'human' as const,
        conversationId: context.conversationId,
        locale: context.locale,
        stage: context.stage,
        at: event.at,
        shown: ['human.info']
      }),
      onDone: { actions: 'sayHumanInfo', target: RESUME },
      onError: { actions: say('human.infoAfterHours'), target: RESUME }
    }
  });
}

function deletionStates(s: IntakeSetup) {
  return {
    deleteConfirm: s.createStateConfig({
      meta: { question: 'delete.confirm', choices: ['delete.yes', 'delete.no'], yes: 'delete.yes', no: 'delete.no' },
      on: {
        CHOOSE: [
          { guard: chose('delete.yes'), target: 'deleting' },
          { guard: chose('delete.no'), target: RESUME }
        ]
      }
    }),
    deleting: s.createStateConfig({
      tags: ['busy'],
      invoke: {
        id: 'deleteData',
        src: 'deleteData',
        input: ({ context }) => ({ conversationId: context.conversationId }),
        onDone: { actions: ['forgetEverything', say('delete.done')], target: '#intake.flow.welcome' },
        onError: { actions: say('delete.failed'), target: RESUME }
      }
    })
  };
}

function pauseStates(s: IntakeSetup) {
  return {
    paused: s.createStateConfig({
      entry: say('pause.saved'),
      on: {
        CHOOSE: { target: 'resumeAsk' },
        TEXT: { target: 'resumeAsk' },
        IDLE_RETURN: { target: 'resumeAsk' }
      }
    }),
    resumeAsk: s.createStateConfig({
      meta: { question: 'resume.ask', choices: ['resume.yes', 'resume.restart'], yes: 'resume.yes', no: 'resume.restart' },
      on: {
        CHOOSE: [
          { guard: chose('resume.yes'), target: RESUME },
          { guard: chose('resume.restart'), target: 'restartConfirm' }
        ],
        IDLE_RETURN: {}
      }
    })
  };
}
