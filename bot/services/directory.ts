import { readFileSync } from 'node:fs';
import { DateTime } from 'luxon';
import { z } from 'zod';
import type { IntakeServices } from '../../dialogs/services';
import type { DirectoryMatch, Locale, MatchReason } from '../../dialogs/types';
import { issueLines } from '../config/agency-schema';
import type { AgencyConfig } from '../config/agency';
import { createAreaChecker, findPostcode, postcodeIn, tokens, type AreaChecker } from './area';
import { isOpenAt, type WeeklyHours } from './hours';

/*
 * The referral directory is Open Referral HSDS 3.0 JSON: an array of services in the nested form.
 * Only the fields Doorway uses are checked; everything else HSDS allows passes through.
 * Conventions this module relies on:
 * - categories are attributes whose taxonomy_term has taxonomy "doorway-category" and a code from
 *   CATEGORIES;
 * - a service area with extent_type "text" lists postcodes in `extent` ("9990-9991, 9995"), or
 *   says "national" to serve the whole country; otherwise its `name` is compared with place names.
 */

export const CATEGORY_TAXONOMY = 'doorway-category';

const nullable = <T extends z.ZodType>(schema: T) => schema.nullish().transform((value) => value ?? undefined);
const list = <T extends z.ZodType>(item: T) => z.array(item).nullish().transform((value) => value ?? []);
const TIME = /^(([01]\d|2[0-3]):[0-5]\d|24:00)(:[0-5]\d)?$/;
const time = z.string().regex(TIME, { error: 'must be a time as HH:MM or HH:MM:SS' });

const scheduleSchema = z.looseObject({
  freq: nullable(z.string()),
  byday: nullable(z.string()),
  opens_at: nullable(time),
  closes_at: nullable(time),
  valid_from: nullable(z.iso.date({ error: 'must be a date as YYYY-MM-DD' })),
  valid_to: nullable(z.iso.date({ error: 'must be a date as YYYY-MM-DD' }))
});

const serviceSchema = z.looseObject({
  id: z.uuid({ error: 'must be a UUID' }),
  name: z.string({ error: 'must be text' }).min(1, { error: 'must not be empty' }),
  description: nullable(z.string()).transform((value) => value ?? ''),
  status: z.enum(['active', 'inactive', 'defunct', 'temporarily closed'], {
    error: 'must be active, inactive, defunct or temporarily closed'
  }),
  email: nullable(z.email({ error: 'must be an email address' })),
  url: nullable(z.url({ error: 'must be a web address' })),
  organization: z.looseObject({ id: z.uuid({ error: 'must be a UUID' }), name: z.string().min(1, { error: 'must not be empty' }) }),
  phones: list(z.looseObject({ number: z.string().min(1, { error: 'must not be empty' }) })),
  languages: list(z.looseObject({ code: nullable(z.string()), name: nullable(z.string()) })),
  service_areas: list(
    z.looseObject({
      name: nullable(z.string()),
      extent: nullable(z.string()),
      extent_type: nullable(z.string()),
      description: nullable(z.string())
    })
  ),
  schedules: list(scheduleSchema),
  service_at_locations: list(
    z.looseObject({
      location: z.looseObject({
        name: nullable(z.string()),
        addresses: list(
          z.looseObject({
            address_1: z.string(),
            city: z.string(),
            postal_code: nullable(z.string()),
            country: nullable(z.string())
          })
        )
      })
    })
  ),
  attributes: list(
    z.looseObject({ taxonomy_term: nullable(z.looseObject({ code: nullable(z.string()), taxonomy: nullable(z.string()) })) })
  )
});

const directorySchema = z.array(serviceSchema, { error: 'must be a JSON array of HSDS service objects' });

/** One validated HSDS service. */
export type HsdsService = z.output<typeof serviceSchema>;
/** The validated referral directory. */
export type Directory = HsdsService[];

/** Reads and validates the HSDS JSON file; throws an Error naming each bad field. */
export function loadDirectory(path: string): Directory {
  const fail = (lines: string[]): never => {
    throw new Error(lines.map((line) => `Directory file ${path}: ${line}`).join('\n'));
  };
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    return fail([error instanceof SyntaxError ? `not valid JSON: ${error.message}` : `cannot be read (${String(error)})`]);
  }
  const result = directorySchema.safeParse(data);
  if (!result.success) return fail(issueLines(result.error, data));
  return result.data;
}

export interface ReferralFinderDeps {
  directory: Directory;
  agency: Pick<AgencyConfig, 'timeZone' | 'serviceArea'>;
  /** Defaults to a checker over the agency's own service area. */
  areaChecker?: AreaChecker;
  now: () => Date;
}

/** The part of IntakeServices this module provides. */
export type ReferralFinder = Pick<IntakeServices, 'findReferrals'>;

/** Where the person is, as far as we can tell from what they typed. */
interface Whereabouts {
  known: boolean;
  inAgencyArea?: boolean;
  postcode?: string;
  place?: string;
}

/**
 * Suggests directory services for a category. Only services in that category are returned; when
 * the person's area is known, only services serving it (national ones always do). Ranked by how
 * many reasons match (category, area, language).
 */
export function createReferralFinder({ directory, agency, areaChecker, now }: ReferralFinderDeps): ReferralFinder {
  const checker = areaChecker ?? createAreaChecker(agency.serviceArea);
  const agencyPlaces = new Set(
    agency.serviceArea.districts.flatMap((d) => [d.name, ...d.aliases]).map((name) => tokens(name).join(' '))
  );

  const locate = async (area: string | undefined): Promise<Whereabouts> => {
    if (!area?.trim()) return { known: false };
    const postcode = findPostcode(area);
    const check = await checker.checkArea({ text: area });
    if (check.kind !== 'unrecognised') {
      return { known: true, inAgencyArea: check.kind === 'in_area', postcode, place: postcode ? undefined : check.matched };
    }
    // Not a place the agency knows; it may still be one a service names.
    const named = directory.some((s) => s.service_areas.some((a) => a.name && samePlace(a.name, area)));
    return named ? { known: true, place: area } : { known: false };
  };

  const serves = (service: HsdsService, where: Whereabouts): boolean =>
    service.service_areas.some((area) => {
      const extent = area.extent_type?.toLowerCase() === 'text' ? area.extent?.trim() : undefined;
      if (extent?.toLowerCase() === 'national') return true;
      if (!where.known) return false;
      if (where.postcode && extent && postcodeIn(where.postcode, extent.split(','))) return true;
      if (!area.name) return false;
      if (where.place && samePlace(area.name, where.place)) return true;
      // The agency file does not map postcodes to districts, so any of its districts covers its area.
      return where.inAgencyArea === true && agencyPlaces.has(tokens(area.name).join(' '));
    });

  return {
    findReferrals: async ({ category, area, locale, limit }) => {
      if (limit <= 0) return [];
      const where = await locate(area);
      const at = now();
      const ranked = directory
        .filter((service) => service.status === 'active' && inCategory(service, category))
        .flatMap((service) => {
          const areaMatch = serves(service, where);
          if (where.known && !areaMatch) return [];
          const reasons: MatchReason[] = ['category'];
          if (areaMatch) reasons.push('area');
          if (speaks(service, locale)) reasons.push('language');
          return [{ match: toMatch(service, reasons, agency.timeZone, at), national: isNational(service) }];
        });
      ranked.sort(
        (a, b) =>
          b.match.reasons.length - a.match.reasons.length ||
          // Among equals a local service is the more personal suggestion, and an open one can help now.
          Number(a.national) - Number(b.national) ||
          Number(b.match.openNow) - Number(a.match.openNow) ||
          a.match.name.localeCompare(b.match.name)
      );
      return ranked.slice(0, limit).map((entry) => entry.match);
    }
  };
}

/** Weekly opening hours from a service's HSDS schedules that apply at `at`. */
export function scheduleHours(service: HsdsService, timeZone: string, at: Date): WeeklyHours[] {
  const today = DateTime.fromJSDate(at).setZone(timeZone).toISODate() ?? '';
  return service.schedules.flatMap((schedule) => {
    if ((schedule.freq ?? 'WEEKLY').toUpperCase() !== 'WEEKLY') return [];
    if ((schedule.valid_from && today < schedule.valid_from) || (schedule.valid_to && today > schedule.valid_to)) return [];
    const days = parseByDay(schedule.byday);
    if (days.length === 0 || !schedule.opens_at || !schedule.closes_at) return [];
    const opens = schedule.opens_at.slice(0, 5);
    // HSDS data often writes "until midnight" as 23:59; treat it as the end of the day.
    const closes = schedule.closes_at.startsWith('23:59') ? '24:00' : schedule.closes_at.slice(0, 5);
    return opens < closes ? [{ days, opens, closes }] : [];
  });
}

const WEEKDAY_CODES = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];

function parseByDay(byday: string | undefined): number[] {
  if (!byday) return [];
  const days = byday
    .split(',')
    .map((code) => WEEKDAY_CODES.indexOf(code.trim().toUpperCase()) + 1)
    .filter((day) => day > 0);
  return [...new Set(days)].sort((a, b) => a - b);
}

function inCategory(service: HsdsService, category: string): boolean {
  return service.attributes.some(
    (attribute) => attribute.taxonomy_term?.taxonomy === CATEGORY_TAXONOMY && attribute.taxonomy_term.code === category
  );
}

function isNational(service: HsdsService): boolean {
  return service.service_areas.some((area) => area.extent_type?.toLowerCase() === 'text' && area.extent?.trim().toLowerCase() === 'national');
}

function samePlace(a: string, b: string): boolean {
  const left = tokens(a).join(' ');
  return left.length > 0 && left === tokens(b).join(' ');
}

// Codes that mean the same spoken language; HSDS allows ISO 639-1 and 639-3 codes.
const LANGUAGE_FAMILIES: Record<string, string> = {
  nb: 'no', nob: 'no', no: 'no', nor: 'no', nn: 'no', nno: 'no',
  en: 'en', eng: 'en',
  de: 'de', deu: 'de', ger: 'de',
  zh: 'zh', zho: 'zh', chi: 'zh', cmn: 'zh', yue: 'zh'
};

/** Whether the service speaks the locale's language; scripts and regions are ignored (zh-Hant ~ zh). */
function speaks(service: HsdsService, locale: Locale): boolean {
  const family = (code: string) => {
    const primary = code.toLowerCase().split(/[-_]/)[0];
    return LANGUAGE_FAMILIES[primary] ?? primary;
  };
  const wanted = family(locale);
  return service.languages.some((language) => language.code !== undefined && family(language.code) === wanted);
}

function toMatch(service: HsdsService, reasons: MatchReason[], timeZone: string, at: Date): DirectoryMatch {
  const hours = scheduleHours(service, timeZone, at);
  return {
    serviceId: service.id,
    name: service.name,
    reasons,
    organization: service.organization.name,
    description: service.description,
    phone: service.phones[0]?.number,
    email: service.email,
    url: service.url,
    address: formatAddress(service),
    // Public holidays are not in HSDS schedules, so this is the weekly pattern only.
    openNow: isOpenAt(hours, [], timeZone, at),
    hours
  };
}

function formatAddress(service: HsdsService): string | undefined {
  const location = service.service_at_locations[0]?.location;
  const address = location?.addresses[0];
  if (!address) return undefined;
  const city = [address.postal_code, address.city].filter(Boolean).join(' ');
  return [location.name, address.address_1, city].filter(Boolean).join(', ');
}
