import { and } from 'xstate';
import type { IntakeSetup } from '../intake.setup';
import { chose, choseFrom, enterStage, say } from './transitions';

const FAQ_CHOICES = ['faq:hours', 'faq:address', 'faq:bring', 'faq:offer', 'faq:social_assistance', 'faq:intake_interview'];

/** Answers to frequent questions, for people who only want to know something. */
export function infoState(s: IntakeSetup) {
  return s.createStateConfig({
    initial: 'ask',
    entry: enterStage('info'),
    states: {
      ask: {
        meta: { question: 'info.ask', choices: FAQ_CHOICES, freeText: true },
        on: {
          CHOOSE: { guard: choseFrom('faq:'), actions: 'answerFaq', target: 'answered' },
          TEXT: [
            { guard: 'hasFaqAnswer', actions: 'answerFaq', target: 'answered' },
            { actions: say('info.noAnswer'), target: 'answered' }
          ]
        }
      },
      answered: {
        meta: { question: 'info.askNext', choices: ['info.another', 'info.book', 'info.done'] },
        on: {
          CHOOSE: [
            { guard: chose('info.another'), target: 'ask' },
            { guard: and([chose('info.book'), 'hasConsent']), target: '#intake.flow.route' },
            { guard: chose('info.book'), target: '#intake.flow.consent' },
            { guard: chose('info.done'), target: '#intake.flow.done' },
            { guard: choseFrom('faq:'), actions: 'answerFaq', target: 'answered', reenter: true }
          ],
          TEXT: [{ guard: 'hasFaqAnswer', actions: 'answerFaq', target: 'answered', reenter: true }, { actions: say('info.noAnswer') }]
        }
      }
    }
  });
}
