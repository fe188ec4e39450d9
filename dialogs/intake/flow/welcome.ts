import type { IntakeSetup } from '../intake.setup';
import { chose, enterStage } from './transitions';

export function welcomeState(s: IntakeSetup) {
  return s.createStateConfig({
    entry: [enterStage('welcome'), 'sayGreeting', 'sayOfferOrEmergency'],
    meta: { question: 'welcome.ask', choices: ['welcome.start', 'welcome.question', 'welcome.booking'] },
    on: {
      CHOOSE: [
        { guard: chose('welcome.start'), target: 'consent' },
        { guard: chose('welcome.question'), target: 'info' },
        { guard: chose('welcome.booking'), target: 'manage' }
      ],
      TEXT: [
        { guard: 'hasFaqAnswer', actions: 'answerFaq', target: 'info.answered' },
        { guard: 'saidNo', target: 'info' },
        { target: 'consent' }
      ]
    }
  });
}
