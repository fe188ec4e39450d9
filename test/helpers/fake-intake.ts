import type { IntakeServices, StaffAlert } from '../../dialogs/services';
import type { AgencyInfo, Slot } from '../../dialogs/types';

/** A small agency for machine tests; the real demo agency is tested through the server. */
export const testAgency: AgencyInfo = {
  name: 'Test Welfare Office',
  phone: '+47 400 00 000',
  address: 'Main Street 1, 0150 Testby',
  defaultLocale: 'en',
  staffLocale: 'en',
  locales: ['en'],
  timeZone: 'Europe/Oslo',
  categories: ['financial', 'housing', 'employment', 'family', 'mental_health', 'substance_use', 'other'],
  modalities: ['in_person', 'phone', 'video'],
  emergency: [{ label: { en: 'Police' }, number: '112' }],
  helplines: [{ label: { en: 'Mental health helpline' }, number: '116 123' }],
  openingHours: [{ days: [1, 2, 3, 4, 5], opens: '08:00', closes: '15:30' }],
  retentionDays: 365,
  consentVersion: 'test-1'
};

export const testSlots: Slot[] = [
  { id: '20261124T0800Z', start: '2026-11-24T09:00:00+01:00', end: '2026-11-24T10:00:00+01:00', modalities: ['in_person', 'phone', 'video'], place: 'Main Street 1', seatsLeft: 2 },
  { id: '20261124T0900Z', start: '2026-11-24T10:00:00+01:00', end: '2026-11-24T11:00:00+01:00', modalities: ['in_person', 'phone', 'video'], place: 'Main Street 1', seatsLeft: 1 }
];

/** In-memory services that record what the machine asked of them. */
export function fakeServices(overrides: Partial<IntakeServices> = {}) {
  const alerts: StaffAlert[] = [];
  const submitted: Parameters<IntakeServices['submitIntake']>[0][] = [];
  const services: IntakeServices = {
    findSlots: async () => testSlots,
    findReferrals: async ({ category }) => [
      {
        serviceId: 's1',
        name: 'Legal Aid Clinic',
        organization: 'Aid Org',
        description: 'Free legal advice.',
        reasons: ['category'],
        phone: '+47 400 00 001',
        openNow: true,
        hours: [{ days: [1, 2, 3], opens: '09:00', closes: '15:00' }],
        ...(category === 'other' ? { name: 'General Help Line' } : {})
      }
    ],
    checkArea: async ({ text }) =>
      /0150|riverside/i.test(text) ? { kind: 'in_area', matched: '0150' } : /^\d{4}$/.test(text.trim()) ? { kind: 'out_of_area', matched: text.trim() } : { kind: 'unrecognised' },
    submitIntake: async (input) => {
      submitted.push(input);
      const slot = testSlots.find((candidate) => candidate.id === input.slotId);
      return {
        ok: true,
        reference: 'DW-ABC234',
        booking: slot ? { slotId: slot.id, start: slot.start, end: slot.end, modality: input.modality ?? 'in_person', place: slot.place, status: 'booked' } : undefined,
        calendar: slot ? 'BEGIN:VCALENDAR\r\nEND:VCALENDAR' : undefined
      };
    },
    findBooking: async ({ reference }) =>
      reference.replace(/[\s-]/g, '').toUpperCase() === 'DWABC234'
        ? { reference: 'DW-ABC234', booking: { slotId: testSlots[0]!.id, start: testSlots[0]!.start, end: testSlots[0]!.end, modality: 'phone', place: 'Main Street 1', status: 'booked' } }
        : undefined,
    cancelBooking: async () => true,
    rebook: async ({ slotId }) => {
      const slot = testSlots.find((candidate) => candidate.id === slotId)!;
      return { ok: true, booking: { slotId, start: slot.start, end: slot.end, modality: 'phone', place: slot.place, status: 'booked' } };
    },
    alertStaff: async (alert) => {
      alerts.push(alert);
    },
    deleteData: async () => undefined,
    saveFeedback: async () => undefined,
    ...overrides
  };
  return { services, alerts, submitted };
}
