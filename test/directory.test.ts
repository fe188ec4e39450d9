import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadAgency } from '../bot/config/agency';
import { createReferralFinder, loadDirectory, type HsdsService } from '../bot/services/directory';
import { CATEGORIES, type Category } from '../dialogs/types';

const agency = loadAgency(resolve(__dirname, '../deploy/agency/demo.yaml'));
const directory = loadDirectory(agency.directory);

/** A Wednesday, 10:00 in Oslo. */
const WEDNESDAY_MORNING = '2026-11-25T09:00:00Z';

const finderAt = (instant: string) => createReferralFinder({ directory, agency, now: () => new Date(instant) });
const { findReferrals } = finderAt(WEDNESDAY_MORNING);

const categoriesOf = (id: string): string[] =>
  (directory.find((s) => s.id === id)?.attributes ?? []).flatMap((a) => (a.taxonomy_term?.code ? [a.taxonomy_term.code] : []));
const areasOf = (id: string): string[] =>
  (directory.find((s) => s.id === id)?.service_areas ?? []).map((a) => a.name ?? '');

describe('the demo directory', () => {
  it('should offer at least one service in every category', () => {
    for (const category of CATEGORIES) {
      expect(directory.some((s: HsdsService) => categoriesOf(s.id).includes(category))).toBe(true);
    }
  });
});

describe('findReferrals', () => {
  it('should still help someone outside the service area', async () => {
    const matches = await findReferrals({ category: 'housing', area: '9990', locale: 'nb', limit: 3 });
    expect(matches.length).toBeGreaterThan(0);
    const names = matches.map((m) => m.name);
    expect(names).toContain('Stormvik Housing Support');
    expect(names).toContain("National Tenants' Advice Line");
    expect(names).not.toContain('Riverside Housing Office');
    for (const match of matches) expect(match.reasons).toContain('area');
  });

  it('should only suggest services in the category asked for', async () => {
    for (const category of CATEGORIES) {
      for (const area of [undefined, '0150', '9990', 'Riverside', 'nowhere']) {
        const matches = await findReferrals({ category, area, locale: 'en', limit: 5 });
        for (const match of matches) {
          expect(categoriesOf(match.serviceId)).toContain(category);
          expect(match.reasons[0]).toBe('category');
        }
      }
    }
  });

  it('should suggest at most the number asked for', async () => {
    const three = await findReferrals({ category: 'family', area: 'Riverside', locale: 'en', limit: 3 });
    expect(three).toHaveLength(3);
    const one = await findReferrals({ category: 'family', area: 'Riverside', locale: 'en', limit: 1 });
    expect(one).toHaveLength(1);
  });

  it('should find local services for a district name typed loosely', async () => {
    const matches = await findReferrals({ category: 'substance_use', area: 'riversid', locale: 'nb', limit: 3 });
    expect(matches.map((m) => m.name)).toEqual(['Clearwater Addiction Outpatient']);
  });

  it('should say which services speak the person’s language, across Chinese scripts', async () => {
    const matches = await findReferrals({ category: 'family', area: '0150', locale: 'zh-Hant', limit: 3 });
    expect(matches[0].name).toBe('Lotus Bridge Family Association');
    expect(matches[0].reasons).toEqual(['category', 'area', 'language']);
    const counselling = matches.find((m) => m.name === 'Riverside Family Counselling');
    expect(counselling?.reasons).toEqual(['category', 'area']);
  });

  it('should rank services with more reasons first', async () => {
    const matches = await findReferrals({ category: 'mental_health', area: '0150', locale: 'de', limit: 3 });
    const counts = matches.map((m) => m.reasons.length);
    expect([...counts].sort((a, b) => b - a)).toEqual(counts);
    expect(matches.map((m) => m.name)).toContain('Brückenhaus Counselling');
  });

  it('should give what a person needs to get in touch', async () => {
    const [match] = await findReferrals({ category: 'financial', area: '0150', locale: 'nb', limit: 1 });
    expect(match).toMatchObject({
      name: 'Riverside Debt Advice',
      organization: 'Fjordholm Municipality',
      phone: expect.stringMatching(/^\+47 400 00 0\d\d$/),
      url: expect.stringContaining('example.org'),
      address: 'Fjordholm Town Hall, Rådhusplassen 1, 0160 Fjordholm',
      hours: [{ days: [1, 2, 3, 4, 5], opens: '09:00', closes: '15:00' }]
    });
  });

  it('should tell whether a service is open at that moment on the agency clock', async () => {
    const family = async (instant: string) =>
      (await finderAt(instant).findReferrals({ category: 'family', area: 'Riverside', locale: 'nb', limit: 5 })).find(
        (m) => m.name === 'Riverside Family Counselling'
      )?.openNow;
    expect(await family(WEDNESDAY_MORNING)).toBe(true);
    expect(await family('2026-11-25T17:30:00Z')).toBe(false); // Wednesday 18:30
    expect(await family('2026-11-26T17:30:00Z')).toBe(true); // Thursday 18:30, the late day
    expect(await family('2026-11-29T11:00:00Z')).toBe(false); // Sunday
    // 07:30 UTC is 09:30 in Oslo in summer: open, though it would be closed on UTC.
    expect(await family('2027-06-16T07:30:00Z')).toBe(true);
  });

  it('should show day-and-night lines as open on a Sunday night', async () => {
    const [line] = await finderAt('2026-11-29T23:30:00Z').findReferrals({
      category: 'mental_health',
      area: '9990',
      locale: 'en',
      limit: 1
    });
    expect(line).toMatchObject({ name: 'Listening Line', openNow: true });
  });

  it('should still suggest services when the area is unknown, national ones first', async () => {
    const matches = await findReferrals({ category: 'violence' as Category, locale: 'en', limit: 3 });
    expect(matches.map((m) => m.name)).toEqual(['National Violence Support Line', 'Safe Harbour Crisis Centre']);
    expect(areasOf(matches[0].serviceId)).toEqual(['Norway']);
  });

  it('should leave out services that are not active', async () => {
    const closed = directory.map((s) => (s.name === 'Riverside Debt Advice' ? { ...s, status: 'inactive' as const } : s));
    const finder = createReferralFinder({ directory: closed, agency, now: () => new Date(WEDNESDAY_MORNING) });
    const matches = await finder.findReferrals({ category: 'financial', area: '0150', locale: 'nb', limit: 3 });
    expect(matches.map((m) => m.name)).not.toContain('Riverside Debt Advice');
  });
});

describe('loadDirectory', () => {
  it('should name the field that is wrong', () => {
    const dir = mkdtempSync(join(tmpdir(), 'doorway-directory-'));
    try {
      const path = join(dir, 'directory.json');
      const [first, second] = directory;
      const broken = [first, { ...second, organization: { id: second.organization.id } }];
      writeFileSync(path, JSON.stringify(broken));
      expect(() => loadDirectory(path)).toThrow(`Directory file ${path}: [1].organization.name: is required`);
      writeFileSync(path, '[{');
      expect(() => loadDirectory(path)).toThrow(/not valid JSON/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
