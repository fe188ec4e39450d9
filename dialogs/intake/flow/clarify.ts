import { CATEGORIES } from '../../types';
import type { IntakeSetup } from '../intake.setup';
import { chose, choseFrom, enterStage, returnUnlessEditing, say } from './transitions';

/**
 * What the difficulty is, since when, what the person hopes for, what they tried and how
 * urgent it is. Each answer can be corrected from the summary, which the `after…` states return to.
 */
export function clarifyState(s: IntakeSetup) {
  return s.createStateConfig({
    initial: 'difficulty',
    entry: enterStage('clarify'),
    states: {
      difficulty: {
        meta: { question: 'clarify.askDifficulty', freeText: true },
        on: {
          TEXT: [
            { guard: 'hasProposedCategory', actions: 'recordDifficulty', target: 'category' },
            { actions: 'recordDifficulty', target: 'categoryPick' }
          ]
        }
      },
      category: {
        meta: { question: 'clarify.confirmCategory', choices: ['category.confirm', 'category.change'], yes: 'category.confirm', no: 'category.change' },
        on: {
          CHOOSE: [
            { guard: chose('category.confirm'), actions: ['confirmCategory', 'reflectBack'], target: 'afterCategory' },
            { guard: chose('category.change'), target: 'categoryPick' },
            { guard: choseFrom('category:'), actions: ['recordCategory', 'reflectBack'], target: 'afterCategory' }
          ]
        }
      },
      categoryPick: {
        meta: { question: 'clarify.pickCategory', choices: CATEGORIES.map((category) => `category:${category}`) },
        on: {
          CHOOSE: { guard: choseFrom('category:'), actions: ['recordCategory', 'reflectBack'], target: 'afterCategory' },
          TEXT: [{ guard: 'hasProposedCategory', actions: ['recordCategory', 'reflectBack'], target: 'afterCategory' }, { actions: 'sayNotUnderstood' }]
        }
      },
      afterCategory: returnUnlessEditing('since'),
      ...laterQuestions(s)
    }
  });
}

function laterQuestions(s: IntakeSetup) {
  return {
    since: s.createStateConfig({
      meta: { question: 'clarify.askSince', choices: ['since.days', 'since.weeks', 'since.months', 'since.years'], freeText: true },
      on: {
        CHOOSE: { guard: choseFrom('since.'), actions: 'recordSince', target: 'afterSince' },
        TEXT: { actions: 'recordSince', target: 'afterSince' }
      }
    }),
    afterSince: returnUnlessEditing('goal'),
    goal: s.createStateConfig({
      meta: { question: 'clarify.askGoal', freeText: true },
      on: { TEXT: { actions: ['recordGoal', say('clarify.thanksGoal')], target: 'afterGoal' } }
    }),
    afterGoal: returnUnlessEditing('tried'),
    tried: s.createStateConfig({
      meta: { question: 'clarify.askTried', choices: ['tried.nothing'], freeText: true },
      on: {
        CHOOSE: { guard: chose('tried.nothing'), actions: 'recordTried', target: 'afterTried' },
        TEXT: { actions: 'recordTried', target: 'afterTried' }
      }
    }),
    afterTried: returnUnlessEditing('urgency'),
    urgency: s.createStateConfig({
      meta: { question: 'clarify.askUrgency', choices: ['urgency.today', 'urgency.this_week', 'urgency.can_wait'] },
      on: { CHOOSE: { guard: choseFrom('urgency.'), actions: 'recordUrgency', target: 'afterUrgency' } }
    }),
    afterUrgency: s.createStateConfig({
      always: [
        { guard: 'isEditing', target: '#intake.flow.summary' },
        { guard: 'isUrgent', actions: say('clarify.urgentNote'), target: '#intake.flow.strengths' },
        { target: '#intake.flow.strengths' }
      ]
    })
  };
}
