import type { BookingSummary, Locale, Slot } from '../types';
import { t } from './catalogue';

/**
 * Dates and times in the agency's time zone, in the person's language (`Intl`, no word lists).
 * Times use the 24-hour clock, as the agency's own letters and signs do, whatever the language.
 */
export function formatSlot(slot: Pick<Slot, 'start'>, locale: Locale, timeZone: string): string {
  return new Intl.DateTimeFormat(locale, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone
  }).format(new Date(slot.start));
}

export function formatDate(iso: string, locale: Locale, timeZone: string): string {
  return new Intl.DateTimeFormat(locale, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone }).format(new Date(iso));
}

export function formatTime(iso: string, locale: Locale, timeZone: string): string {
  return new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone }).format(new Date(iso));
}

export function bookingParams(booking: BookingSummary, locale: Locale, timeZone: string) {
  return {
    date: formatDate(booking.start, locale, timeZone),
    time: formatTime(booking.start, locale, timeZone),
    endTime: formatTime(booking.end, locale, timeZone)
  };
}

/** A fixed Monday, so weekday numbers 1–7 can be named by `Intl` in any language. */
const MONDAY = Date.UTC(2024, 0, 1, 12);

export function weekdayName(day: number, locale: Locale, width: 'short' | 'long' = 'short'): string {
  return new Intl.DateTimeFormat(locale, { weekday: width, timeZone: 'UTC' }).format(new Date(MONDAY + (day - 1) * 86_400_000));
}

/** Opening hours as one line per range, e.g. "Mon–Fri 08:00–15:30". */
export function formatHours(hours: Array<{ days: number[]; opens: string; closes: string }>, locale: Locale): string {
  return hours
    .map(({ days, opens, closes }) => {
      const sorted = [...days].sort((a, b) => a - b);
      const first = sorted[0] ?? 1;
      const last = sorted[sorted.length - 1] ?? first;
      const consecutive = sorted.every((day, index) => day === first + index);
      const dayText =
        sorted.length === 1
          ? weekdayName(first, locale)
          : consecutive
            ? `${weekdayName(first, locale)}–${weekdayName(last, locale)}`
            : sorted.map((day) => weekdayName(day, locale)).join(', ');
      return `${dayText} ${opens}–${closes}`;
    })
    .join('\n');
}

/**
 * What a person typed, made safe to show in a Markdown message: HTML and Markdown characters are
 * escaped so the text reads exactly as typed and nothing in it is interpreted.
 */
export function escapeText(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_[\]#|~])/g, '\\$1');
}

/** Where the meeting is: the place for one in person, else the way to meet ("Phone"). */
export function placeOf(modality: string, place: string, locale: Locale): string {
  return modality === 'in_person' ? place : t(locale, `choice.modality.${modality}`);
}
