import { resolve } from 'node:path';
import { loadAgency, type AgencyConfig } from '../bot/config/agency';
import { createSlotFinder, slotById } from '../bot/services/slots';

const agency = loadAgency(resolve(__dirname, '../deploy/agency/demo.yaml'));

const noBookings = async () => new Map<string, number>();

const finder = (now: string, options: { agency?: AgencyConfig; booked?: Record<string, number> } = {}) =>
  createSlotFinder({
    agency: options.agency ?? agency,
    bookedCounts: async () => new Map(Object.entries(options.booked ?? {})),
    now: () => new Date(now)
  });

describe('findSlots', () => {
  it('should offer slots in ascending order, no more than the limit', async () => {
    const slots = await finder('2026-11-23T08:00:00Z').findSlots({ modality: 'in_person', limit: 7 });
    expect(slots).toHaveLength(7);
    const starts = slots.map((s) => Date.parse(s.start));
    expect([...starts].sort((a, b) => a - b)).toEqual(starts);
  });

  it('should not offer a slot sooner than the lead time', async () => {
    // Monday 16:00 in Oslo; 18 hours later is Tuesday 10:00.
    const [first] = await finder('2026-11-23T15:00:00Z').findSlots({ modality: 'phone', limit: 1 });
    expect(first.start).toBe('2026-11-24T10:00:00+01:00');
    expect(first.id).toBe('20261124T0900Z');
  });

  it('should show times on the agency clock with its offset, and end after the interview length', async () => {
    const [first] = await finder('2026-11-23T08:00:00Z').findSlots({ modality: 'video', limit: 1 });
    expect(first).toEqual({
      id: '20261124T0800Z',
      start: '2026-11-24T09:00:00+01:00',
      end: '2026-11-24T10:00:00+01:00',
      modalities: ['in_person', 'phone', 'video'],
      place: agency.slots.place,
      seatsLeft: 2
    });
  });

  it('should never offer a weekend or a holiday', async () => {
    const slots = await finder('2026-12-18T12:00:00Z').findSlots({ modality: 'in_person', limit: 100 });
    const dates = new Set(slots.map((s) => s.start.slice(0, 10)));
    for (const holiday of ['2026-12-24', '2026-12-25', '2026-12-31', '2027-01-01']) expect(dates.has(holiday)).toBe(false);
    expect(dates.has('2026-12-26')).toBe(false);
    expect(dates.has('2026-12-27')).toBe(false);
    expect(dates.has('2026-12-28')).toBe(true);
  });

  it('should not offer slots beyond the horizon', async () => {
    const slots = await finder('2026-11-23T08:00:00Z').findSlots({ modality: 'in_person', limit: 1000 });
    const last = slots[slots.length - 1];
    expect(Date.parse(last.start)).toBeLessThan(Date.parse('2026-12-15T00:00:00+01:00'));
    expect(slots.length).toBeGreaterThan(50);
  });

  it('should count the seats already booked and hide full slots', async () => {
    const slots = await finder('2026-11-23T08:00:00Z', {
      booked: { '20261124T0800Z': 2, '20261124T0900Z': 1 }
    }).findSlots({ modality: 'in_person', limit: 2 });
    expect(slots.map((s) => [s.id, s.seatsLeft])).toEqual([
      ['20261124T0900Z', 1],
      ['20261124T1000Z', 2]
    ]);
  });

  it('should ask the store about the slots it considers', async () => {
    const asked: string[][] = [];
    const slotFinder = createSlotFinder({
      agency,
      bookedCounts: async (ids) => {
        asked.push(ids);
        return new Map();
      },
      now: () => new Date('2026-11-23T08:00:00Z')
    });
    await slotFinder.findSlots({ modality: 'in_person', limit: 3 });
    expect(asked).toHaveLength(1);
    expect(asked[0]).toContain('20261124T0800Z');
  });

  it('should keep local times across the spring clock change', async () => {
    const slots = await finder('2027-03-23T06:00:00Z').findSlots({ modality: 'in_person', limit: 100 });
    const before = slots.find((s) => s.start.startsWith('2027-03-24T09:00'));
    const after = slots.find((s) => s.start.startsWith('2027-03-30T09:00'));
    expect(before).toMatchObject({ id: '20270324T0800Z', start: '2027-03-24T09:00:00+01:00' });
    expect(after).toMatchObject({ id: '20270330T0700Z', start: '2027-03-30T09:00:00+02:00' });
    // Maundy Thursday, Good Friday and Easter Monday fall around the change in 2027.
    expect(slots.some((s) => s.start.startsWith('2027-03-29'))).toBe(false);
  });

  it('should keep local times across the autumn clock change', async () => {
    const slots = await finder('2027-10-27T06:00:00Z').findSlots({ modality: 'in_person', limit: 100 });
    expect(slots.find((s) => s.id === '20271029T0700Z')?.start).toBe('2027-10-29T09:00:00+02:00');
    expect(slots.find((s) => s.id === '20271101T0800Z')?.start).toBe('2027-11-01T09:00:00+01:00');
  });

  it('should give the same slot the same id whenever it is asked', async () => {
    const early = await finder('2026-11-23T08:00:00Z').findSlots({ modality: 'in_person', limit: 100 });
    const later = await finder('2026-11-26T13:00:00Z').findSlots({ modality: 'in_person', limit: 100 });
    const shared = later.filter((slot) => early.some((e) => e.id === slot.id));
    expect(shared.length).toBeGreaterThan(20);
    for (const slot of shared) expect(early.find((e) => e.id === slot.id)?.start).toBe(slot.start);
  });

  it('should offer nothing for a modality the agency does not offer', async () => {
    const inPersonOnly = { ...agency, slots: { ...agency.slots, modalities: ['in_person' as const] } };
    const slotFinder = createSlotFinder({ agency: inPersonOnly, bookedCounts: noBookings, now: () => new Date('2026-11-23T08:00:00Z') });
    await expect(slotFinder.findSlots({ modality: 'video', limit: 5 })).resolves.toEqual([]);
  });

  it('should only offer slots that end within opening hours', async () => {
    const late = { ...agency, slots: { ...agency.slots, times: ['15:00'] } };
    const slots = await finder('2026-11-23T08:00:00Z', { agency: late }).findSlots({ modality: 'phone', limit: 10 });
    // Only Thursday is open past 15:30.
    expect(slots.length).toBeGreaterThan(0);
    for (const slot of slots) expect(new Date(slot.start).getUTCDay()).toBe(4);
  });
});

describe('slotById', () => {
  it('should turn an offered id back into the same slot', async () => {
    const [offered] = await finder('2026-11-23T08:00:00Z').findSlots({ modality: 'in_person', limit: 1 });
    expect(slotById(agency, offered.id)).toEqual({ ...offered, seatsLeft: agency.slots.capacity });
  });

  it('should reject ids that are not in the pattern', () => {
    expect(slotById(agency, '20261124T0830Z')).toBeUndefined(); // 09:30 local, not a start time
    expect(slotById(agency, '20261128T0800Z')).toBeUndefined(); // a Saturday
    expect(slotById(agency, '20261225T0800Z')).toBeUndefined(); // Christmas Day
    expect(slotById(agency, 'tomorrow')).toBeUndefined();
    expect(slotById(agency, '20261399T0800Z')).toBeUndefined();
  });

  it('should reject a slot that can no longer be booked when told the time', () => {
    expect(slotById(agency, '20261124T0800Z', new Date('2026-11-23T08:00:00Z'))).toBeDefined();
    expect(slotById(agency, '20261124T0800Z', new Date('2026-11-24T07:00:00Z'))).toBeUndefined();
  });
});
