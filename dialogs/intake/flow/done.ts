import type { IntakeSetup } from '../intake.setup';
import { chose, choseFrom, enterStage, say } from './transitions';

/** What happens next, a rating and a comment on the conversation, and the way to start again. */
export function doneState(s: IntakeSetup) {
  return s.createStateConfig({
    initial: 'rating',
    entry: enterStage('done'),
    states: {
      rating: {
        entry: 'sayNextSteps',
        meta: { question: 'done.askRating', choices: ['rating.1', 'rating.2', 'rating.3', 'rating.4', 'rating.5', 'rating.skip'] },
        on: {
          CHOOSE: [
            { guard: chose('rating.skip'), target: 'finished' },
            { guard: choseFrom('rating.'), actions: 'recordRating', target: 'comment' }
          ],
          TEXT: { guard: 'isTypedRating', actions: 'recordTypedRating', target: 'comment' }
        }
      },
      comment: {
        meta: { question: 'done.askComment', choices: ['comment.skip'], freeText: true },
        on: {
          CHOOSE: { guard: chose('comment.skip'), target: 'saving' },
          TEXT: { actions: 'recordComment', target: 'saving' }
        }
      },
      saving: {
        tags: ['busy'],
        invoke: {
          id: 'saveFeedback',
          src: 'saveFeedback',
          input: ({ context }) => ({
            conversationId: context.conversationId,
            reference: context.record.reference,
            rating: context.record.feedback?.rating,
            comment: context.record.feedback?.comment
          }),
          onDone: { target: 'finished' },
          onError: { target: 'finished' }
        }
      },
      finished: {
        entry: say('done.goodbye'),
        meta: { question: 'done.askAgain', choices: ['done.restart'] },
        on: {
          CHOOSE: { guard: chose('done.restart'), actions: 'restart', target: '#intake.flow.welcome' },
          TEXT: { actions: say('done.alreadyDone') }
        }
      }
    }
  });
}
