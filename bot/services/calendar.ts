import { createEvent, type DateArray } from 'ics';
import { DateTime } from 'luxon';
import type { BookingSummary } from '../../dialogs/types';

export interface BookingCalendarInput {
  reference: string;
  booking: BookingSummary;
  agencyName: string;
  agencyPhone: string;
  /** The event title in the person's language, e.g. "Intake interview at Riverside". */
  title: string;
  /**
   * Where it happens as the person should read it, e.g. a localized "Phone" or "Video".
   * Defaults to the booking's place for in-person interviews, and to nothing otherwise.
   */
  location?: string;
  /** Extra text in the person's language; the reference and agency phone are always included. */
  description?: string;
}

/**
 * An iCalendar file for a booking. It carries only what the person needs to turn up: time,
 * place, the agency and the reference code; nothing about why they come. The UID derives from
 * the reference, so a re-sent file updates the same calendar entry.
 */
export function bookingCalendar(input: BookingCalendarInput): string {
  const { reference, booking } = input;
  const location = input.location ?? (booking.modality === 'in_person' ? booking.place : undefined);
  // Language-neutral lines only; words come localized from the caller's description.
  const details = [input.description, `${input.agencyName} · ${input.agencyPhone}`, reference].filter(Boolean);
  const { error, value } = createEvent({
    uid: `${reference.replace(/[^A-Za-z0-9-]/g, '').toLowerCase()}@doorway`,
    productId: 'doorway/intake',
    method: 'PUBLISH',
    title: input.title,
    description: details.join('\n'),
    location,
    start: utcParts(booking.start),
    startInputType: 'utc',
    startOutputType: 'utc',
    end: utcParts(booking.end),
    endInputType: 'utc',
    endOutputType: 'utc',
    status: booking.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED',
    busyStatus: 'BUSY'
  });
  if (error || !value) throw new Error(`Could not build the calendar file for ${reference}: ${error?.message ?? 'no output'}`);
  return value;
}

function utcParts(iso: string): DateArray {
  const at = DateTime.fromISO(iso, { setZone: true });
  if (!at.isValid) throw new Error(`Not an ISO date-time: ${iso}`);
  const utc = at.toUTC();
  return [utc.year, utc.month, utc.day, utc.hour, utc.minute];
}
