import type { IntakeSetup } from '../intake.setup';
import { chose, choseFrom, choseOneOf, enterStage, say } from './transitions';

const REFERRERS = ['referrer.court', 'referrer.school', 'referrer.employer', 'referrer.child_welfare', 'referrer.health', 'referrer.family', 'referrer.other'];

/** Who the help is for, whose idea it was, and who sent them. */
export function routeState(s: IntakeSetup) {
  return s.createStateConfig({
    initial: 'forWhom',
    entry: enterStage('route'),
    states: {
      forWhom: {
        meta: { question: 'route.askForWhom', choices: ['route.self', 'route.other', 'route.info'] },
        on: {
          CHOOSE: [
            { guard: chose('route.info'), target: '#intake.flow.info' },
            { guard: choseOneOf('route.self', 'route.other'), actions: 'recordForWhom', target: 'initiative' }
          ]
        }
      },
      initiative: {
        meta: { question: 'route.askInitiative', choices: ['route.own', 'route.suggested', 'route.required'] },
        on: {
          CHOOSE: [
            { guard: chose('route.own'), actions: 'recordInitiative', target: '#intake.flow.clarify' },
            { guard: choseOneOf('route.suggested', 'route.required'), actions: 'recordInitiative', target: 'referrer' }
          ]
        }
      },
      referrer: {
        meta: { question: 'route.askReferrer', choices: REFERRERS, freeText: true },
        on: {
          CHOOSE: { guard: choseFrom('referrer.'), actions: ['recordReferrer', say('route.thanksReferrer')], target: '#intake.flow.clarify' },
          TEXT: { actions: ['recordReferrer', say('route.thanksReferrer')], target: '#intake.flow.clarify' }
        }
      }
    }
  });
}
