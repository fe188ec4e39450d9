import { DateTime, IANAZone } from 'luxon';
import { z } from 'zod';
import { CATEGORIES, LOCALES, MODALITIES } from '../../dialogs/types';

/*
 * The agency file's schema. Messages are written for the person editing the YAML file: they
 * follow the field path in the error, e.g. "slots.capacity: must be a positive whole number".
 */

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const CLOSING_TIME = /^(([01]\d|2[0-3]):[0-5]\d|24:00)$/;
const POSTCODE_OR_RANGE = /^\d{4}(-\d{4})?$/;

const text = (what: string) => z.string({ error: `must be ${what}` }).trim().min(1, { error: `must be ${what}` });

const positiveWhole = () =>
  z.int({ error: 'must be a positive whole number' }).positive({ error: 'must be a positive whole number' });

const time = z.string({ error: 'must be a time of day in quotes, e.g. "08:30"' }).regex(TIME, {
  error: 'must be a time of day as HH:mm, e.g. "08:30"'
});

const closingTime = z.string({ error: 'must be a time of day in quotes, e.g. "15:30"' }).regex(CLOSING_TIME, {
  error: 'must be a time of day as HH:mm, e.g. "15:30" (or "24:00" for midnight)'
});

const WEEKDAY_PROBLEM = 'must be weekday numbers from 1 (Monday) to 7 (Sunday)';

const weekdayList = z
  .array(z.int({ error: WEEKDAY_PROBLEM }).min(1, { error: WEEKDAY_PROBLEM }).max(7, { error: WEEKDAY_PROBLEM }), {
    error: 'must be a list of weekday numbers, e.g. [1, 2, 3, 4, 5]'
  })
  .min(1, { error: 'must list at least one weekday' })
  .describe('Weekdays as numbers: 1 = Monday … 7 = Sunday.');

const locale = z.enum(LOCALES, { error: `must be one of ${LOCALES.join(', ')}` });

const phoneNumber = z
  .string({ error: 'must be a phone number in quotes, e.g. "+47 22 00 00 00"' })
  .regex(/^\+?[0-9][0-9 ()-]{1,}$/, { error: 'must be a phone number: digits, spaces and an optional leading +' });

const isoDate = z
  .string({ error: 'must be a date in quotes, e.g. "2026-12-25"' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'must be a date as YYYY-MM-DD' })
  .refine((value) => DateTime.fromISO(value).isValid, { error: 'is not a real calendar date' });

/** A weekly opening period; the shape `isOpenAt` in bot/services/hours.ts works with. */
export const weeklyHoursSchema = z
  .strictObject({
    days: weekdayList,
    opens: time.describe('Opening time, local to the agency, "HH:mm".'),
    closes: closingTime.describe('Closing time, local to the agency, "HH:mm"; must be after opens.')
  })
  .refine((range) => range.opens < range.closes, { error: 'must be after opens', path: ['closes'] });

const postcodeEntry = z
  .string({ error: 'must be a 4-digit postcode in quotes, e.g. "0150", or a range like "0150-0190"' })
  .trim()
  .regex(POSTCODE_OR_RANGE, { error: 'must be a 4-digit postcode, e.g. "0150", or a range like "0150-0190"' })
  .refine((entry) => !entry.includes('-') || entry.slice(0, 4) <= entry.slice(5), {
    error: 'a range must go from the lower postcode to the higher one'
  });

/** A named place, with other names people use for it. */
const place = z
  .union([text('a place name'), z.strictObject({ name: text('a place name'), aliases: z.array(text('a place name')).default([]) })], {
    error: 'must be a place name, or { name, aliases }'
  })
  .transform((value) => (typeof value === 'string' ? { name: value, aliases: [] as string[] } : value));

/** A phone number to show with a label in each locale. */
const labelledNumber = z.strictObject({
  label: z
    .partialRecord(locale, text('a label'), { error: 'must be a label per locale, e.g. { en: Police, nb: Politi }' })
    .describe('What the number is for, in each locale the agency offers.'),
  number: phoneNumber.describe('The number to call, as it should be shown and dialled.')
});

/** The agency YAML file. See `deploy/agency/demo.yaml` for a complete example. */
export const agencySchema = z
  .strictObject({
    name: text('the agency name').describe("The agency's name, as shown to help-seekers."),
    phone: phoneNumber.describe('Main phone number, given whenever a person should call.'),
    email: z.email({ error: 'must be an email address' }).optional().describe('Public contact email address.'),
    address: text('a postal address').describe('Visiting address of the office.'),
    website: z.url({ error: 'must be a web address starting with https://' }).optional().describe('Public website.'),
    defaultLocale: locale.describe('Locale used until the person picks or shows another; must be in locales.'),
    staffLocale: locale.describe('Locale in which staff read the structured parts of the summary.'),
    locales: z
      .array(locale, { error: 'must be a list of locales' })
      .min(1, { error: 'must list at least one locale' })
      .describe('Locales offered to help-seekers.'),
    timeZone: z
      .string({ error: 'must be an IANA time zone in quotes, e.g. "Europe/Oslo"' })
      .refine((zone) => IANAZone.isValidZone(zone), { error: 'must be an IANA time zone, e.g. "Europe/Oslo"' })
      .describe('IANA time zone of the office; all hours and slots are local to it.'),
    openingHours: z
      .array(weeklyHoursSchema, { error: 'must be a list of { days, opens, closes }' })
      .describe('When the office is open, as weekly periods.'),
    holidays: z
      .array(isoDate, { error: 'must be a list of dates' })
      .default([])
      .describe('Dates (YYYY-MM-DD) the office is closed all day; no slots are offered on them.'),
    serviceArea: z
      .strictObject({
        postcodes: z
          .array(postcodeEntry, { error: 'must be a list of postcodes' })
          .default([])
          .describe('Postcodes served: "0150" or inclusive ranges "0150-0190".'),
        districts: z.array(place, { error: 'must be a list of districts' }).default([]).describe('Districts served, with aliases.'),
        outside: z
          .array(place, { error: 'must be a list of places' })
          .default([])
          .describe('Optional: places people may name that are known to be outside the service area.')
      })
      .describe('Where the agency serves people; matched forgivingly against what the person types.'),
    categories: z
      .array(z.enum(CATEGORIES, { error: `must be one of ${CATEGORIES.join(', ')}` }), { error: 'must be a list of categories' })
      .min(1, { error: 'must list at least one category' })
      .describe('Service categories in the agency catalogue; requests in other categories are referred.'),
    slots: z
      .strictObject({
        days: weekdayList.describe('Weekdays with intake slots (1 = Monday … 7 = Sunday).'),
        times: z
          .array(time, { error: 'must be a list of start times' })
          .min(1, { error: 'must list at least one start time' })
          .describe('Start times, local to the agency, "HH:mm".'),
        lengthMinutes: positiveWhole().describe('Length of an intake interview in minutes.'),
        capacity: positiveWhole().describe('How many interviews can run in parallel in one slot.'),
        modalities: z
          .array(z.enum(MODALITIES, { error: `must be one of ${MODALITIES.join(', ')}` }), { error: 'must be a list of modalities' })
          .min(1, { error: 'must list at least one modality' })
          .describe('How interviews can take place.'),
        place: text('an address').describe('Where in-person interviews take place.'),
        leadTimeHours: z
          .number({ error: 'must be a number of hours' })
          .min(0, { error: 'must be zero or more hours' })
          .describe('Minimum notice: slots starting sooner than this are not offered.'),
        horizonDays: positiveWhole().describe('How many days ahead slots are offered.')
      })
      .describe('The weekly pattern of intake interview slots.'),
    emergency: z
      .array(labelledNumber, { error: 'must be a list of { label, number }' })
      .min(1, { error: 'must list at least one emergency number' })
      .describe('Emergency numbers for the region, shown in a crisis and outside opening hours.'),
    helplines: z.array(labelledNumber, { error: 'must be a list of { label, number }' }).default([]).describe('Helplines shown with emergency numbers.'),
    retentionDays: positiveWhole().describe('Days an intake record is kept before it is erased.'),
    consentVersion: text('a version label').describe('Version of the consent notice; stored with each consent.'),
    directory: text('a file path').describe('Referral directory (Open Referral HSDS 3.0 JSON), relative to this file.'),
    staffChannel: z
      .strictObject({
        teamId: text('a Teams team id').describe('Teams team id.'),
        channelId: text('a Teams channel id').describe('Teams channel id that receives summaries and alerts.'),
        serviceUrl: z.url({ error: 'must be a web address' }).describe('Bot Framework service URL for the tenant.'),
        tenantId: text('a tenant id').describe('Microsoft Entra tenant id.')
      })
      .optional()
      .describe('Staff Teams channel; without it summaries stay in the store only.')
  })
  .superRefine((agency, ctx) => {
    if (!agency.locales.includes(agency.defaultLocale)) {
      ctx.addIssue({ code: 'custom', path: ['defaultLocale'], message: `must be one of the locales listed (${agency.locales.join(', ')})` });
    }
    // Nothing a person reads may fall back to another language, numbers' labels included.
    for (const key of ['emergency', 'helplines'] as const) {
      agency[key].forEach((entry, index) => {
        const missing = agency.locales.filter((l) => !entry.label[l]);
        if (missing.length > 0) {
          ctx.addIssue({ code: 'custom', path: [key, index, 'label'], message: `needs a label for ${missing.join(', ')}` });
        }
      });
    }
  });

/** The validated agency file, as `loadAgency` returns it. */
export type AgencyFile = z.output<typeof agencySchema>;

/**
 * Turns validation issues into lines "path: problem". `input` is the unparsed data, used to say
 * "is required" rather than "must be …" when a key is simply missing.
 */
export function issueLines(error: z.ZodError, input: unknown): string[] {
  return error.issues.map((issue) => {
    const where = formatPath(issue.path);
    let problem = issue.message;
    if (issue.code === 'unrecognized_keys') {
      problem = `unknown ${issue.keys.length === 1 ? 'key' : 'keys'} ${issue.keys.map((k) => `"${k}"`).join(', ')} (check the spelling)`;
    } else if (issue.code === 'invalid_type' && valueAt(input, issue.path) === undefined) {
      problem = 'is required';
    }
    return where ? `${where}: ${problem}` : problem;
  });
}

function formatPath(path: ReadonlyArray<PropertyKey>): string {
  return path.reduce<string>((out, key) => {
    if (typeof key === 'number') return `${out}[${key}]`;
    return out ? `${out}.${String(key)}` : String(key);
  }, '');
}

function valueAt(input: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let current = input;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}
