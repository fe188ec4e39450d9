import type { IntakeSetup } from '../intake.setup';
import { chose, choseOneOf, say } from './transitions';

/** Back to wherever the person was in the flow, deep history included. */
const RESUME = '#intake.flow.hist';
/** What a person in crisis is shown, so staff know what they saw. */
const SHOWN = ['crisis.intro', 'emergency.intro', 'crisis.askSafe'];

/**
 * The crisis guard's two tiers. `crisis`: explicit danger interrupts at once with the emergency
 * numbers, alerts staff and asks whether the person is safe. `checkIn`: after an answer with a
 * weaker signal (the answer is kept), a gentle "are you safe right now?"; only "not safe" or an
 * unclear answer becomes a crisis, alerts staff, and goes straight to what to do now.
 */
export function safetyStates(s: IntakeSetup) {
  return {
    crisis: s.createStateConfig({
      initial: 'alerting',
      entry: ['recordCrisis', 'sayCrisisIntro'],
      on: {
        // A new signal while the crisis is open is part of it: recorded, answered, not alerted again.
        CRISIS: { actions: ['recordCrisis', say('crisis.intro'), 'emitEmergency'], target: '.ask' },
        CONCERN: {}
      },
      states: {
        alerting: {
          tags: ['busy'],
          invoke: {
            id: 'alertStaff',
            src: 'alertStaff',
            input: ({ context }) => {
              const signal = context.record.risk[context.record.risk.length - 1];
              return {
                kind: 'crisis' as const,
                conversationId: context.conversationId,
                locale: context.locale,
                crisisType: signal?.type,
                tier: signal?.tier,
                stage: context.stage,
                at: signal?.at ?? context.record.updatedAt,
                shown: signal?.tier === 'check-in' ? ['crisis.checkIn', 'crisis.callNow', 'emergency.intro'] : SHOWN
              };
            },
            onDone: [{ guard: 'cameFromCheckIn', actions: 'markStaffAlerted', target: 'unsafe' }, { actions: 'markStaffAlerted', target: 'ask' }],
            onError: [{ guard: 'cameFromCheckIn', target: 'unsafe' }, { target: 'ask' }]
          }
        },
        ask: {
          meta: { question: 'crisis.askSafe', choices: ['crisis.safe', 'crisis.unsafe'], yes: 'crisis.safe', no: 'crisis.unsafe' },
          on: {
            CHOOSE: [
              { guard: chose('crisis.safe'), actions: say('crisis.gladSafe'), target: RESUME },
              { guard: chose('crisis.unsafe'), target: 'unsafe' }
            ],
            TEXT: { target: 'unsafe' }
          }
        },
        unsafe: {
          entry: [say('crisis.callNow'), 'emitEmergency'],
          meta: { question: 'crisis.askContinue', choices: ['crisis.continue', 'crisis.safe'] },
          on: {
            CHOOSE: [{ guard: choseOneOf('crisis.continue', 'crisis.safe'), actions: say('crisis.continuing'), target: RESUME }],
            TEXT: { actions: 'emitEmergency', target: 'unsafe' }
          }
        }
      }
    }),
    checkIn: s.createStateConfig({
      meta: { question: 'crisis.checkIn', choices: ['crisis.safe', 'crisis.unsafe'], yes: 'crisis.safe', no: 'crisis.unsafe' },
      on: {
        CHOOSE: [
          { guard: chose('crisis.safe'), actions: ['forgetConcern', say('crisis.checkInSafe')], target: RESUME },
          { target: 'crisis' }
        ],
        TEXT: { target: 'crisis' },
        CONCERN: {}
      }
    })
  };
}
