import { bookingCalendar } from '../bot/services/calendar';
import type { BookingSummary } from '../dialogs/types';

const booking: BookingSummary = {
  slotId: '20261124T0800Z',
  start: '2026-11-24T09:00:00+01:00',
  end: '2026-11-24T10:00:00+01:00',
  modality: 'in_person',
  place: 'Elvegata 12, 0152 Fjordholm',
  status: 'booked'
};

const base = {
  reference: 'RF-7K2P',
  booking,
  agencyName: 'Riverside Family and Welfare Services',
  agencyPhone: '+47 400 00 100',
  title: 'Intake interview'
};

/** The VEVENT's properties by name, with folded lines joined and escapes undone. */
function eventProperties(ics: string): Map<string, string> {
  const lines = ics.replace(/\r?\n[ \t]/g, '').split(/\r?\n/);
  const start = lines.indexOf('BEGIN:VEVENT');
  const end = lines.indexOf('END:VEVENT');
  const props = new Map<string, string>();
  for (const line of lines.slice(start + 1, end)) {
    const colon = line.indexOf(':');
    props.set(line.slice(0, colon).split(';')[0], line.slice(colon + 1).replace(/\\([,;\\])/g, '$1').replace(/\\n/g, '\n'));
  }
  return props;
}

describe('bookingCalendar', () => {
  it('should produce one event a calendar can import', () => {
    const ics = bookingCalendar(base);
    expect(ics).toMatch(/^BEGIN:VCALENDAR\r?\n/);
    expect(ics).toContain('BEGIN:VEVENT');
    expect(ics.match(/BEGIN:VEVENT/g)).toHaveLength(1);
    expect(ics.trim().endsWith('END:VCALENDAR')).toBe(true);
  });

  it('should give the start and end in UTC', () => {
    const props = eventProperties(bookingCalendar(base));
    expect(props.get('DTSTART')).toBe('20261124T080000Z');
    expect(props.get('DTEND')).toBe('20261124T090000Z');
  });

  it('should carry the title, the place and a UID from the reference', () => {
    const props = eventProperties(bookingCalendar(base));
    expect(props.get('SUMMARY')).toBe('Intake interview');
    expect(props.get('LOCATION')).toBe('Elvegata 12, 0152 Fjordholm');
    expect(props.get('UID')).toContain('rf-7k2p');
    expect(props.get('DESCRIPTION')).toContain('+47 400 00 100');
    expect(props.get('DESCRIPTION')).toContain('RF-7K2P');
  });

  it('should keep the same UID when the booking moves, so the entry is updated', () => {
    const moved = { ...booking, start: '2026-11-25T13:00:00+01:00', end: '2026-11-25T14:00:00+01:00' };
    expect(eventProperties(bookingCalendar({ ...base, booking: moved })).get('UID')).toBe(
      eventProperties(bookingCalendar(base)).get('UID')
    );
  });

  it('should use the location the caller gives for phone interviews', () => {
    const phone = { ...booking, modality: 'phone' as const };
    expect(eventProperties(bookingCalendar({ ...base, booking: phone, location: 'Telefon' })).get('LOCATION')).toBe('Telefon');
    expect(eventProperties(bookingCalendar({ ...base, booking: phone })).has('LOCATION')).toBe(false);
  });

  it('should mark a cancelled booking as cancelled', () => {
    const cancelled = { ...booking, status: 'cancelled' as const };
    expect(eventProperties(bookingCalendar({ ...base, booking: cancelled })).get('STATUS')).toBe('CANCELLED');
  });

  it('should not invite anyone or name the person', () => {
    const ics = bookingCalendar(base);
    expect(ics).not.toContain('ATTENDEE');
    expect(ics).not.toContain('ORGANIZER');
  });
});
