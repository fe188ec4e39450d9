import { and } from 'xstate';
import { LOCALES, type AgencyInfo } from '../../types';
import type { IntakeSetup } from '../intake.setup';
import { searchingSlots } from './slot-search';
import { chose, choseFrom, enterStage, say } from './transitions';

/** How to meet, with what help, which slot, and how to reach the person. */
export function bookingState(s: IntakeSetup, agency: AgencyInfo) {
  return s.createStateConfig({
    initial: 'modality',
    entry: enterStage('booking'),
    states: { ...meetingQuestions(s, agency), ...slotChoice(s), ...contactQuestions(s) }
  });
}

function meetingQuestions(s: IntakeSetup, agency: AgencyInfo) {
  return {
    modality: s.createStateConfig({
      meta: { question: 'booking.askModality', choices: agency.modalities.map((modality) => `modality.${modality}`) },
      on: { CHOOSE: { guard: choseFrom('modality.'), actions: 'rememberModality', target: 'interpreter' } }
    }),
    interpreter: s.createStateConfig({
      meta: {
        question: 'booking.askInterpreter',
        choices: ['interpreter.none', ...LOCALES.map((locale) => `interpreter.${locale}`)],
        freeText: true,
        no: 'interpreter.none'
      },
      on: {
        CHOOSE: { guard: choseFrom('interpreter.'), actions: 'recordInterpreter', target: 'accessibility' },
        TEXT: { actions: 'recordInterpreter', target: 'accessibility' }
      }
    }),
    accessibility: s.createStateConfig({
      meta: { question: 'booking.askAccessibility', choices: ['access.none'], freeText: true, no: 'access.none' },
      on: {
        CHOOSE: { guard: chose('access.none'), actions: 'recordAccessibility', target: 'searching' },
        TEXT: { actions: 'recordAccessibility', target: 'searching' }
      }
    })
  };
}

function slotChoice(s: IntakeSetup) {
  return {
    searching: searchingSlots(s, {
      input: (context) => ({ modality: context.modality ?? 'in_person', urgency: context.record.request.urgency }),
      fallback: 'noSlots',
      forgetSlots: true
    }),
    slots: s.createStateConfig({
      entry: 'saySlotsIntro',
      meta: { question: 'booking.askSlot', choices: 'slots' },
      on: {
        CHOOSE: [
          { guard: 'isOfferedSlot', actions: 'chooseSlot', target: 'afterSlot' },
          { guard: chose('booking.otherModality'), target: 'modality' },
          { guard: choseFrom('slot:'), actions: say('booking.slotGone'), target: 'searching' }
        ]
      }
    }),
    noSlots: s.createStateConfig({
      meta: { question: 'booking.askNoSlots', choices: ['booking.otherModality', 'booking.referInstead'] },
      on: {
        CHOOSE: [
          { guard: chose('booking.otherModality'), target: 'modality' },
          { guard: chose('booking.referInstead'), target: '#intake.flow.referral' }
        ]
      }
    }),
    /** A slot changed from the summary keeps the contact details already given. */
    afterSlot: s.createStateConfig({
      always: [{ guard: and(['isEditing', 'hasContactDetail']), target: '#intake.flow.summary' }, { target: 'name' }]
    })
  };
}

function contactQuestions(s: IntakeSetup) {
  return {
    name: s.createStateConfig({
      meta: { question: 'booking.askName', choices: ['name.skip'], freeText: true },
      on: {
        CHOOSE: { guard: chose('name.skip'), actions: 'recordName', target: 'contactMethod' },
        TEXT: { actions: 'recordName', target: 'contactMethod' }
      }
    }),
    contactMethod: s.createStateConfig({
      meta: { question: 'booking.askContactMethod', choices: ['contact.phone', 'contact.email'] },
      on: { CHOOSE: { guard: choseFrom('contact.'), actions: 'recordContactMethod', target: 'contactDetail' } }
    }),
    contactDetail: s.createStateConfig({
      meta: { question: 'booking.askContactDetail', freeText: true, choices: ['contact.otherMethod'] },
      on: {
        CHOOSE: { guard: chose('contact.otherMethod'), target: 'contactMethod' },
        TEXT: [{ guard: 'isValidContactDetail', actions: 'recordContactDetail', target: '#intake.flow.summary' }, { actions: 'sayBadContactDetail' }]
      }
    })
  };
}
