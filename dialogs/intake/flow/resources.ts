import type { IntakeSetup } from '../intake.setup';
import { chose, choseFrom, enterStage, returnUnlessEditing, say } from './transitions';

const RELATIONS = ['relation.family', 'relation.friend', 'relation.neighbour', 'relation.community', 'relation.work_school', 'relation.professional'];

/** The person's network: who helps, with what, and how close they are; one resource per round. */
export function resourcesState(s: IntakeSetup) {
  return s.createStateConfig({
    initial: 'who',
    entry: enterStage('resources'),
    states: {
      who: {
        meta: { question: 'resources.askWho', choices: [...RELATIONS, 'resources.none'], freeText: true },
        on: {
          CHOOSE: [
            { guard: chose('resources.none'), actions: say('resources.noneAcknowledged'), target: 'leave' },
            { guard: choseFrom('relation.'), actions: 'startResource', target: 'kind' }
          ],
          TEXT: [
            { guard: 'saidNo', actions: say('resources.noneAcknowledged'), target: 'leave' },
            { actions: 'startResource', target: 'kind' }
          ]
        }
      },
      kind: {
        // A kind of support is one of four values: a typed answer is read as one of them (or asked
        // back), never recorded as a guess.
        meta: { question: 'resources.askKind', choices: ['support.practical', 'support.emotional', 'support.financial', 'support.information'] },
        on: {
          CHOOSE: { guard: choseFrom('support.'), actions: 'recordSupportKind', target: 'tie' }
        }
      },
      tie: {
        meta: { question: 'resources.askTie', choices: ['tie.strong', 'tie.weak', 'tie.strained'] },
        on: { CHOOSE: { guard: choseFrom('tie.'), actions: 'recordTie', target: 'more' } }
      },
      more: {
        meta: { question: 'resources.askMore', choices: ['resources.add', 'resources.done'], yes: 'resources.add', no: 'resources.done' },
        on: {
          CHOOSE: [
            { guard: chose('resources.done'), target: 'leave' },
            { guard: 'isAtResourceLimit', target: 'leave' },
            { guard: chose('resources.add'), target: 'who' }
          ],
          TEXT: [
            { guard: 'isAtResourceLimit', target: 'leave' },
            { actions: 'startResource', target: 'kind' }
          ]
        }
      },
      leave: returnUnlessEditing('#intake.flow.assess')
    }
  });
}
