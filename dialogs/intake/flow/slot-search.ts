import type { FindSlotsInput } from '../intake.actors';
import type { IntakeContext, IntakeSetup } from '../intake.setup';
import { say } from './transitions';

interface SlotSearch {
  input: (context: IntakeContext) => FindSlotsInput;
  /** Where to go when there is nothing to offer; `slots` is where the offer is made. */
  fallback: string;
  /** Whether slots found earlier are forgotten when the search comes back empty or fails. */
  forgetSlots: boolean;
}

/** The slot search, written once for booking and for changing a booking. */
export function searchingSlots(s: IntakeSetup, { input, fallback, forgetSlots }: SlotSearch) {
  const nothingToOffer = (id: string) => (forgetSlots ? ['clearSlots' as const, say(id)] : [say(id)]);
  return s.createStateConfig({
    tags: ['busy'],
    invoke: {
      id: 'findSlots',
      src: 'findSlots',
      input: ({ context }) => input(context),
      onDone: [
        { guard: { type: 'foundNone', params: ({ event }) => ({ found: event.output }) }, actions: nothingToOffer('booking.noSlots'), target: fallback },
        { actions: { type: 'rememberSlots', params: ({ event }) => ({ slots: event.output }) }, target: 'slots' }
      ],
      onError: { actions: nothingToOffer('common.serviceTrouble'), target: fallback }
    }
  });
}
