import type { IntakeSetup } from '../intake.setup';
import { chose, enterStage, say } from './transitions';

/** Other services from the directory, when the agency cannot help or the person prefers them. */
export function referralState(s: IntakeSetup) {
  return s.createStateConfig({
    initial: 'searching',
    entry: enterStage('referral'),
    states: {
      searching: {
        tags: ['busy'],
        invoke: {
          id: 'findReferrals',
          src: 'findReferrals',
          input: ({ context }) => ({
            category: context.record.request.category ?? 'other',
            area: context.record.area.matched ?? context.record.area.input,
            locale: context.locale
          }),
          onDone: [
            { guard: { type: 'foundNone', params: ({ event }) => ({ found: event.output }) }, actions: ['clearReferrals', say('referral.none')], target: 'showing' },
            {
              actions: [
                { type: 'recordReferrals', params: ({ event }) => ({ matches: event.output }) },
                { type: 'showReferrals', params: ({ event }) => ({ matches: event.output }) }
              ],
              target: 'showing'
            }
          ],
          onError: { actions: ['clearReferrals', say('common.serviceTrouble')], target: 'showing' }
        }
      },
      showing: {
        meta: { question: 'referral.askNext', choices: ['referral.continue', 'referral.book'] },
        on: {
          CHOOSE: [
            { guard: chose('referral.continue'), target: '#intake.flow.summary' },
            { guard: chose('referral.book'), target: '#intake.flow.booking' }
          ]
        }
      }
    }
  });
}
