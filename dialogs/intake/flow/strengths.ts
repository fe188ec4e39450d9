import type { IntakeSetup } from '../intake.setup';
import { chose, choseFrom, enterStage, returnUnlessEditing, say } from './transitions';

const STRENGTH_CHIPS = ['strength.keep_going', 'strength.caring', 'strength.job', 'strength.asks_for_help', 'strength.practical'];

/** What the person is good at or draws on; up to a limit, so the list stays readable for staff. */
export function strengthsState(s: IntakeSetup) {
  return s.createStateConfig({
    initial: 'ask',
    entry: enterStage('strengths'),
    states: {
      ask: {
        meta: { question: 'strengths.ask', choices: [...STRENGTH_CHIPS, 'strength.none'], freeText: true },
        on: {
          CHOOSE: [
            { guard: chose('strength.none'), actions: say('strengths.noneAcknowledged'), target: 'leave' },
            { guard: choseFrom('strength.'), actions: ['recordStrength', say('strengths.thanks')], target: 'more' }
          ],
          TEXT: { actions: ['recordStrength', say('strengths.thanks')], target: 'more' }
        }
      },
      more: {
        meta: { question: 'strengths.askMore', choices: ['strengths.done', ...STRENGTH_CHIPS], freeText: true, no: 'strengths.done' },
        on: {
          CHOOSE: [
            { guard: chose('strengths.done'), target: 'leave' },
            { guard: 'isAtStrengthLimit', target: 'leave' },
            { guard: choseFrom('strength.'), actions: 'recordStrength', target: 'more', reenter: true }
          ],
          TEXT: [
            { guard: 'isAtStrengthLimit', target: 'leave' },
            { actions: 'recordStrength', target: 'more', reenter: true }
          ]
        }
      },
      leave: returnUnlessEditing('#intake.flow.resources')
    }
  });
}
