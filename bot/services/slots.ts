import { DateTime } from 'luxon';
import type { IntakeServices } from '../../dialogs/services';
import type { Slot } from '../../dialogs/types';
import type { AgencyConfig } from '../config/agency';
import { atLocalTime } from './hours';

/** The parts of the agency file that decide which slots exist. */
export type SlotAgency = Pick<AgencyConfig, 'timeZone' | 'holidays' | 'openingHours' | 'slots'>;

export interface SlotFinderDeps {
  agency: SlotAgency;
  /** How many seats are taken per slot id; ids missing from the map count as 0. */
  bookedCounts: (slotIds: string[]) => Promise<Map<string, number>>;
  now: () => Date;
}

const ID_FORMAT = "yyyyMMdd'T'HHmm'Z'";

/** The part of IntakeServices this module provides. */
export type SlotFinder = Pick<IntakeServices, 'findSlots'>;

/**
 * Offers free intake slots from the agency's weekly pattern: within the horizon, not sooner than
 * the lead time, never on a holiday or outside opening hours, with seats left. Earliest first.
 */
export function createSlotFinder({ agency, bookedCounts, now }: SlotFinderDeps): SlotFinder {
  return {
    findSlots: async ({ modality, limit }) => {
      if (!agency.slots.modalities.includes(modality) || limit <= 0) return [];
      const candidates = upcomingSlots(agency, now());
      if (candidates.length === 0) return [];
      const booked = await bookedCounts(candidates.map((slot) => slot.id));
      return candidates
        .map((slot) => ({ ...slot, seatsLeft: agency.slots.capacity - (booked.get(slot.id) ?? 0) }))
        .filter((slot) => slot.seatsLeft > 0)
        .slice(0, limit);
    }
  };
}

/**
 * Parses a slot id back into its slot, with the full capacity as `seatsLeft`. Undefined when the id
 * is malformed or not in the pattern. With `now`, also undefined when the slot is no longer
 * bookable (inside the lead time or beyond the horizon).
 */
export function slotById(agency: SlotAgency, id: string, now?: Date): Slot | undefined {
  const utc = DateTime.fromFormat(id, ID_FORMAT, { zone: 'utc' });
  if (!/^\d{8}T\d{4}Z$/.test(id) || !utc.isValid) return undefined;
  const local = utc.setZone(agency.timeZone);
  const slot = patternSlot(agency, local.startOf('day'), local.toFormat('HH:mm'));
  if (!slot || slot.id !== id) return undefined;
  if (now && !upcomingSlots(agency, now).some((candidate) => candidate.id === id)) return undefined;
  return slot;
}

/** The slot id for a start instant: the instant in UTC, e.g. `20261124T0800Z`. */
export function toSlotId(start: DateTime): string {
  return start.toUTC().toFormat(ID_FORMAT);
}

/** Every pattern slot from the lead time to the end of the horizon, ascending, seats not yet counted. */
function upcomingSlots(agency: SlotAgency, now: Date): Slot[] {
  const from = DateTime.fromJSDate(now).setZone(agency.timeZone);
  const earliest = from.plus({ hours: agency.slots.leadTimeHours });
  const today = from.startOf('day');
  const times = [...agency.slots.times].sort();
  const slots: Slot[] = [];
  for (let offset = 0; offset <= agency.slots.horizonDays; offset++) {
    const day = today.plus({ days: offset });
    for (const time of times) {
      const slot = patternSlot(agency, day, time);
      if (slot && DateTime.fromISO(slot.start) >= earliest) slots.push(slot);
    }
  }
  return slots;
}

/** The slot at a local day and time if the pattern, holidays and opening hours allow one there. */
function patternSlot(agency: SlotAgency, day: DateTime, time: string): Slot | undefined {
  const { slots } = agency;
  if (!slots.days.includes(day.weekday) || !slots.times.includes(time)) return undefined;
  if (agency.holidays.includes(day.toISODate() ?? '')) return undefined;
  const start = atLocalTime(day, time);
  // A start time skipped by the spring clock change does not exist that day.
  if (start.toFormat('HH:mm') !== time) return undefined;
  const end = start.plus({ minutes: slots.lengthMinutes });
  const endClock = end.hasSame(start, 'day') ? end.toFormat('HH:mm') : end.equals(start.plus({ days: 1 }).startOf('day')) ? '24:00' : undefined;
  if (!endClock) return undefined;
  const withinHours = agency.openingHours.some(
    (range) => range.days.includes(day.weekday) && range.opens <= time && endClock <= range.closes
  );
  if (!withinHours) return undefined;
  return {
    id: toSlotId(start),
    start: start.toISO({ suppressMilliseconds: true }) ?? '',
    end: end.toISO({ suppressMilliseconds: true }) ?? '',
    modalities: [...slots.modalities],
    place: slots.place,
    seatsLeft: slots.capacity
  };
}
