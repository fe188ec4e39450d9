import { DateTime } from 'luxon';

/** A weekly opening period: weekdays 1 (Monday) … 7 (Sunday), local times "HH:mm" ("24:00" = midnight). */
export interface WeeklyHours {
  days: number[];
  opens: string;
  closes: string;
}

/** An instant as a Date, an ISO string or a luxon DateTime. */
export type Instant = Date | string | DateTime;

function toZone(instant: Instant, timeZone: string): DateTime {
  const dt =
    instant instanceof Date
      ? DateTime.fromJSDate(instant)
      : typeof instant === 'string'
        ? DateTime.fromISO(instant, { setZone: true })
        : instant;
  return dt.setZone(timeZone);
}

/**
 * Whether the weekly hours say "open" at an instant, judged on the local clock of `timeZone`.
 * `holidays` are local dates "YYYY-MM-DD" that are closed all day.
 */
export function isOpenAt(
  hours: readonly WeeklyHours[],
  holidays: readonly string[],
  timeZone: string,
  instant: Instant
): boolean {
  const local = toZone(instant, timeZone);
  if (!local.isValid || holidays.includes(local.toISODate() ?? '')) return false;
  const clock = local.toFormat('HH:mm');
  // "HH:mm" strings of equal length sort like times, and "24:00" sorts after every real time.
  return hours.some((range) => range.days.includes(local.weekday) && range.opens <= clock && clock < range.closes);
}

/**
 * When the office is next open: `from` itself when it is open then, otherwise the start of the
 * next opening period, as ISO with the zone's offset. Undefined when nothing opens within
 * `searchDays` (e.g. no hours at all).
 */
export function nextOpening(
  hours: readonly WeeklyHours[],
  holidays: readonly string[],
  timeZone: string,
  from: Instant,
  searchDays = 60
): string | undefined {
  const start = toZone(from, timeZone);
  if (!start.isValid) return undefined;
  if (isOpenAt(hours, holidays, timeZone, start)) return start.toISO({ suppressMilliseconds: true }) ?? undefined;
  for (let offset = 0; offset <= searchDays; offset++) {
    const day = start.startOf('day').plus({ days: offset });
    if (holidays.includes(day.toISODate() ?? '')) continue;
    const opens = hours
      .filter((range) => range.days.includes(day.weekday))
      .map((range) => atLocalTime(day, range.opens))
      .filter((at) => at > start)
      .sort((a, b) => a.toMillis() - b.toMillis());
    if (opens.length > 0) return opens[0].toISO({ suppressMilliseconds: true }) ?? undefined;
  }
  return undefined;
}

/** The local day at "HH:mm"; a time skipped by a clock change moves to the first valid minute. */
export function atLocalTime(day: DateTime, time: string): DateTime {
  const [hour, minute] = time.split(':').map(Number);
  return day.set({ hour, minute, second: 0, millisecond: 0 });
}
