import type { IntakeSetup } from '../intake.setup';
import { searchingSlots } from './slot-search';
import { chose, choseFrom, say } from './transitions';

const FINISHED = '#intake.flow.done.finished';

/** Changing or cancelling a booking by its reference; a few wrong references end the attempt. */
export function manageState(s: IntakeSetup) {
  return s.createStateConfig({
    initial: 'gate',
    states: { ...findingTheBooking(s), ...cancelling(s), ...rebooking(s) }
  });
}

function findingTheBooking(s: IntakeSetup) {
  return {
    gate: s.createStateConfig({
      always: [{ guard: 'isOutOfReferenceTries', actions: say('manage.tooManyTries'), target: FINISHED }, { target: 'reference' }]
    }),
    reference: s.createStateConfig({
      meta: { question: 'manage.askReference', choices: ['manage.back'], freeText: true },
      on: {
        CHOOSE: { guard: chose('manage.back'), target: '#intake.flow.welcome' },
        TEXT: { actions: 'rememberReference', target: 'looking' }
      }
    }),
    looking: s.createStateConfig({
      tags: ['busy'],
      invoke: {
        id: 'findBooking',
        src: 'findBooking',
        input: ({ context }) => ({ reference: context.managedReference ?? '' }),
        onDone: [
          {
            guard: { type: 'isNoActiveBooking', params: ({ event }) => ({ found: event.output }) },
            actions: ['countReferenceMiss', say('manage.notFound')],
            target: 'gate'
          },
          { actions: { type: 'rememberBooking', params: ({ event }) => ({ found: event.output }) }, target: 'found' }
        ],
        onError: { actions: say('common.serviceTrouble'), target: 'reference' }
      }
    }),
    found: s.createStateConfig({
      entry: 'showManagedBooking',
      meta: { question: 'manage.askAction', choices: ['manage.change', 'manage.cancel', 'manage.keep'] },
      on: {
        CHOOSE: [
          { guard: chose('manage.keep'), actions: say('manage.kept'), target: FINISHED },
          { guard: chose('manage.cancel'), target: 'confirmCancel' },
          { guard: chose('manage.change'), target: 'searching' }
        ]
      }
    })
  };
}

function cancelling(s: IntakeSetup) {
  return {
    confirmCancel: s.createStateConfig({
      meta: { question: 'manage.confirmCancel', choices: ['manage.cancelYes', 'manage.keep'], yes: 'manage.cancelYes', no: 'manage.keep' },
      on: {
        CHOOSE: [
          { guard: chose('manage.cancelYes'), target: 'cancelling' },
          { guard: chose('manage.keep'), actions: say('manage.kept'), target: FINISHED }
        ]
      }
    }),
    cancelling: s.createStateConfig({
      tags: ['busy'],
      invoke: {
        id: 'cancelBooking',
        src: 'cancelBooking',
        input: ({ context }) => ({ reference: context.managed?.reference ?? '', conversationId: context.conversationId }),
        onDone: { actions: { type: 'sayCancellation', params: ({ event }) => ({ cancelled: event.output }) }, target: FINISHED },
        onError: { actions: say('common.serviceTrouble'), target: 'found' }
      }
    })
  };
}

function rebooking(s: IntakeSetup) {
  return {
    searching: searchingSlots(s, {
      input: (context) => ({ modality: context.managed?.booking.modality ?? 'in_person' }),
      fallback: 'found',
      forgetSlots: false
    }),
    slots: s.createStateConfig({
      meta: { question: 'booking.askSlot', choices: 'slots' },
      on: {
        CHOOSE: [
          { guard: 'isOfferedSlot', actions: 'chooseSlot', target: 'rebooking' },
          { guard: choseFrom('slot:'), actions: say('booking.slotGone'), target: 'searching' }
        ]
      }
    }),
    rebooking: s.createStateConfig({
      tags: ['busy'],
      invoke: {
        id: 'rebook',
        src: 'rebook',
        input: ({ context }) => ({ reference: context.managed?.reference ?? '', slotId: context.chosenSlot?.id ?? '', conversationId: context.conversationId }),
        onDone: [
          {
            guard: { type: 'hasFailed', params: ({ event }) => ({ result: event.output }) },
            actions: ['forgetChosenSlot', say('booking.slotTaken')],
            target: 'searching'
          },
          {
            actions: [{ type: 'recordRebooking', params: ({ event }) => ({ result: event.output }) }, 'showManagedBooking', say('manage.changed')],
            target: FINISHED
          }
        ],
        onError: { actions: say('common.serviceTrouble'), target: 'found' }
      }
    })
  };
}
