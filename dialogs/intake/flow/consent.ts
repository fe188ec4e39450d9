import type { IntakeSetup } from '../intake.setup';
import { chose, enterStage, say } from './transitions';

export function consentState(s: IntakeSetup) {
  return s.createStateConfig({
    entry: enterStage('consent'),
    meta: { question: 'consent.ask', choices: ['consent.yes', 'consent.no', 'consent.more'], yes: 'consent.yes', no: 'consent.no' },
    on: {
      CHOOSE: [
        { guard: chose('consent.yes'), actions: 'recordConsent', target: 'route' },
        { guard: chose('consent.no'), actions: ['recordNoConsent', say('consent.declined')], target: 'info' },
        { guard: chose('consent.more'), actions: say('consent.details') }
      ],
      TEXT: [{ guard: 'saidUnsure', actions: say('consent.details') }, { actions: 'sayNotUnderstood' }]
    }
  });
}
