import { t } from '../../dialogs/render/catalogue';
import type { IntakeServices } from '../../dialogs/services';
import type { BookingSummary, Locale } from '../../dialogs/types';
import type { AgencyConfig } from '../config/agency';
import type { IntakeStore } from '../store/intake-store';
import type { createTranscriptStore } from '../store/transcripts';
import { createAreaChecker } from './area';
import { bookingCalendar } from './calendar';
import { createReferralFinder, type Directory } from './directory';
import { createSlotFinder, slotById } from './slots';

export interface IntakeServicesDeps {
  agency: AgencyConfig;
  directory: Directory;
  store: IntakeStore;
  transcripts: ReturnType<typeof createTranscriptStore>;
  now: () => Date;
}

/** The world as the intake machine sees it: slots, directory, area, bookings and staff alerts. */
export function createIntakeServices({ agency, directory, store, transcripts, now }: IntakeServicesDeps): IntakeServices {
  const areaChecker = createAreaChecker(agency.serviceArea);
  const slotFinder = createSlotFinder({ agency, bookedCounts: (ids) => store.bookedCounts(ids), now });
  const referralFinder = createReferralFinder({ directory, agency, areaChecker, now });

  const calendarFor = (reference: string, booking: BookingSummary, locale: Locale) =>
    bookingCalendar({
      reference,
      booking,
      agencyName: agency.name,
      agencyPhone: agency.phone,
      title: t(locale, 'calendar.title', { agencyName: agency.name }),
      location: booking.modality === 'in_person' ? booking.place : t(locale, `choice.modality.${booking.modality}`),
      description: t(locale, 'calendar.description', { reference, phone: agency.phone })
    });

  const bookable = (slotId: string, modality: BookingSummary['modality'] = 'in_person') => {
    const slot = slotById(agency, slotId, now());
    return slot && { id: slot.id, start: slot.start, end: slot.end, modality, place: slot.place };
  };

  return {
    findSlots: (input) => slotFinder.findSlots(input),
    findReferrals: (input) => referralFinder.findReferrals(input),
    checkArea: (input) => areaChecker.checkArea(input),

    submitIntake: async ({ conversationId, record, slotId, modality }) => {
      const slot = slotId ? bookable(slotId, modality) : undefined;
      if (slotId && !slot) return { ok: false, reason: 'slot_taken' };
      const result = await store.submitIntake({ conversationId, record, slot });
      if (!result.ok) return result;
      return {
        ...result,
        calendar: result.booking ? calendarFor(result.reference, result.booking, record.locale) : undefined
      };
    },

    findBooking: async ({ reference }) => {
      const found = await store.findBooking(reference);
      return found && { reference: found.reference, booking: found.booking, calendar: calendarFor(found.reference, found.booking, found.record.locale) };
    },

    cancelBooking: ({ reference }) => store.cancelBooking(reference),

    rebook: async ({ reference, slotId }) => {
      const found = await store.findBooking(reference);
      const slot = found && bookable(slotId, found.booking.modality);
      if (!found || !slot) return { ok: false, reason: found ? 'slot_taken' : 'not_found' };
      return store.rebook(reference, slot);
    },

    alertStaff: async (alert) => {
      await store.enqueue(alert.kind === 'crisis' ? 'crisis.alert' : 'human.requested', { ...alert }, {
        dedupeKey: `${alert.kind}:${alert.conversationId}:${alert.at}`
      });
    },

    saveFeedback: async ({ conversationId, reference, rating, comment }) => {
      await store.saveFeedback(reference ? { reference } : { conversationId }, { rating, comment });
    },

    deleteData: async ({ conversationId }) => {
      await store.deleteConversationData(conversationId);
      await transcripts.deleteTranscript(conversationId);
    }
  };
}
