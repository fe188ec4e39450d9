import type { ActorRefFrom, SnapshotFrom } from 'xstate';
import { assessState } from './flow/assess';
import { bookingState } from './flow/booking';
import { clarifyState } from './flow/clarify';
import { consentState } from './flow/consent';
import { doneState } from './flow/done';
import { infoState } from './flow/info';
import { manageState } from './flow/manage';
import { overlayStates } from './flow/overlays';
import { referralState } from './flow/referral';
import { resourcesState } from './flow/resources';
import { routeState } from './flow/route';
import { strengthsState } from './flow/strengths';
import { submittingState, summaryState } from './flow/summary';
import { say } from './flow/transitions';
import { welcomeState } from './flow/welcome';
import { intakeSetup, type IntakeMachineOptions } from './intake.setup';
import { emptyRecord } from './record';

export type { IntakeContext, IntakeInput, IntakeMachineOptions } from './intake.setup';

/**
 * Builds the intake statechart for one agency; the services are invoked as actors. The flow
 * follows the stages of CONVERSATION.md; the overlays can interrupt it anywhere and return
 * to where the person was through the flow's deep history.
 */
export function createIntakeMachine(options: IntakeMachineOptions) {
  const s = intakeSetup(options);
  return s.createMachine({
    id: 'intake',
    context: ({ input }) => ({
      conversationId: input.conversationId,
      locale: input.locale,
      stage: 'welcome',
      afterHours: input.afterHours,
      record: emptyRecord(input.channel, input.locale, input.at),
      editing: false,
      slots: [],
      referrals: [],
      misses: 0
    }),
    initial: 'flow',
    on: {
      TICK: { actions: 'recordAfterHours' },
      CRISIS: { target: '.crisis' },
      CONCERN: { actions: 'noteConcern', target: '.checkIn' },
      UNSURE: { actions: 'askBack' },
      HELP: { actions: 'sayHelp' },
      HUMAN: { target: '.human' },
      LANGUAGE: [{ guard: 'namesLocale', actions: ['changeLocale', say('language.changed')] }, { target: '.language' }],
      RESTART: { target: '.restartConfirm' },
      DELETE: { target: '.deleteConfirm' },
      PAUSE: { target: '.paused' },
      IDLE_RETURN: { target: '.resumeAsk' },
      UNREADABLE: { actions: 'sayUnreadable' },
      CHOOSE: { actions: 'sayNotUnderstood' },
      TEXT: { actions: 'sayNotUnderstood' }
    },
    states: {
      flow: {
        initial: 'welcome',
        on: { MANAGE_BOOKING: { target: '.manage' } },
        states: {
          hist: { type: 'history', history: 'deep' },
          welcome: welcomeState(s),
          consent: consentState(s),
          route: routeState(s),
          clarify: clarifyState(s),
          strengths: strengthsState(s),
          resources: resourcesState(s),
          assess: assessState(s),
          booking: bookingState(s, options.agency),
          referral: referralState(s),
          info: infoState(s),
          summary: summaryState(s),
          submitting: submittingState(s),
          done: doneState(s),
          manage: manageState(s)
        }
      },
      ...overlayStates(s)
    }
  });
}

export type IntakeMachine = ReturnType<typeof createIntakeMachine>;
export type IntakeSnapshot = SnapshotFrom<IntakeMachine>;
export type IntakeActor = ActorRefFrom<IntakeMachine>;
