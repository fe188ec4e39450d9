import type { IntakeSetup } from '../intake.setup';
import { chose, enterStage, say } from './transitions';

/** Whether the agency can help: where the person lives, and whether it offers help with this. */
export function assessState(s: IntakeSetup) {
  return s.createStateConfig({
    initial: 'area',
    entry: enterStage('assess'),
    states: {
      area: {
        meta: { question: 'assess.askArea', choices: ['area.unknown'], freeText: true },
        on: {
          CHOOSE: { guard: chose('area.unknown'), actions: 'recordAreaUnknown', target: 'decide' },
          TEXT: { actions: 'recordAreaInput', target: 'checking' }
        }
      },
      checking: {
        tags: ['busy'],
        invoke: {
          id: 'checkArea',
          src: 'checkArea',
          input: ({ context }) => ({ text: context.record.area.input ?? '' }),
          onDone: [
            { guard: { type: 'isUnrecognisedArea', params: ({ event }) => ({ check: event.output }) }, actions: 'sayAreaUnrecognised', target: 'area' },
            { actions: { type: 'recordAreaCheck', params: ({ event }) => ({ check: event.output }) }, target: 'decide' }
          ],
          onError: { actions: say('common.serviceTrouble'), target: 'area' }
        }
      },
      decide: {
        always: [
          { guard: 'isEditing', target: '#intake.flow.summary' },
          { guard: 'isInScope', actions: say('assess.inScope'), target: '#intake.flow.booking' },
          { guard: 'isOutOfArea', actions: say('assess.outOfArea'), target: '#intake.flow.referral' },
          { actions: say('assess.notOffered'), target: '#intake.flow.referral' }
        ]
      }
    }
  });
}
