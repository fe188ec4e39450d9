import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { loadAgency, toAgencyInfo } from '../bot/config/agency';
import { loadEnv } from '../bot/config/env';
import { LOCALES } from '../dialogs/types';

const DEMO = resolve(__dirname, '../deploy/agency/demo.yaml');
const DEMO_DIRECTORY = resolve(__dirname, '../deploy/agency/directory.json');

describe('loadAgency', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'doorway-agency-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** Writes the demo file with one edit applied, pointing at the demo directory. */
  const variant = (name: string, edit: (yaml: string) => string): string => {
    const demo = readFileSync(DEMO, 'utf8').replace('directory: ./directory.json', `directory: ${DEMO_DIRECTORY}`);
    const edited = edit(demo);
    const path = join(dir, `${name}.yaml`);
    writeFileSync(path, edited);
    return path;
  };

  const errorOf = (path: string): string => {
    try {
      loadAgency(path);
    } catch (error) {
      return (error as Error).message;
    }
    throw new Error('expected loadAgency to throw');
  };

  it('should load the demo agency', () => {
    const agency = loadAgency(DEMO);
    expect(agency.name).toBe('Riverside Family and Welfare Services');
    expect(agency.timeZone).toBe('Europe/Oslo');
    expect(agency.categories).toContain('housing');
    expect(agency.categories).not.toContain('violence');
    expect(agency.slots.capacity).toBe(2);
  });

  it('should resolve the directory relative to the agency file', () => {
    const agency = loadAgency(DEMO);
    expect(isAbsolute(agency.directory)).toBe(true);
    expect(agency.directory).toBe(DEMO_DIRECTORY);
  });

  it('should label every emergency number and helpline in all five locales', () => {
    const info = toAgencyInfo(loadAgency(DEMO));
    expect(info.emergency.map((e) => e.number)).toEqual(['112', '113', '110']);
    for (const entry of [...info.emergency, ...info.helplines]) {
      for (const locale of LOCALES) expect(entry.label[locale]).toBeTruthy();
    }
  });

  it('should give the conversation the modalities and opening hours', () => {
    const info = toAgencyInfo(loadAgency(DEMO));
    expect(info.modalities).toEqual(['in_person', 'phone', 'video']);
    expect(info.openingHours.find((r) => r.days.includes(4))?.closes).toBe('18:00');
    expect(info.consentVersion).toBe('2026-11');
  });

  it('should stop with the file and field when the capacity is not a positive whole number', () => {
    const path = variant('capacity', (yaml) => yaml.replace('capacity: 2', 'capacity: 0'));
    expect(errorOf(path)).toBe(`Agency file ${path}: slots.capacity: must be a positive whole number`);
  });

  it('should say a missing field is required', () => {
    const path = variant('missing', (yaml) => yaml.replace('timeZone: Europe/Oslo\n', ''));
    expect(errorOf(path)).toContain('timeZone: is required');
  });

  it('should reject a time zone that does not exist', () => {
    const path = variant('zone', (yaml) => yaml.replace('timeZone: Europe/Oslo', 'timeZone: Europe/Olso'));
    expect(errorOf(path)).toContain('timeZone: must be an IANA time zone');
  });

  it('should name a misspelt key', () => {
    const path = variant('typo', (yaml) => yaml.replace('retentionDays: 365', 'retentionDay: 365'));
    const message = errorOf(path);
    expect(message).toContain('unknown key "retentionDay"');
    expect(message).toContain('retentionDays: is required');
  });

  it('should point into lists when an entry is wrong', () => {
    const path = variant('hours', (yaml) => yaml.replace('closes: "18:00"', 'closes: "6pm"'));
    expect(errorOf(path)).toContain('openingHours[1].closes: must be a time of day');
  });

  it('should ask for postcodes in quotes', () => {
    const path = variant('postcode', (yaml) => yaml.replace('postcodes: ["0150-0190"', 'postcodes: [150'));
    expect(errorOf(path)).toContain('serviceArea.postcodes[0]: must be a 4-digit postcode in quotes');
  });

  it('should insist on a label for every offered locale', () => {
    const path = variant('label', (yaml) => yaml.replace('      zh-Hant: 警察\n', ''));
    expect(errorOf(path)).toContain('emergency[0].label: needs a label for zh-Hant');
  });

  it('should reject a category that does not exist', () => {
    const path = variant('category', (yaml) => yaml.replace('categories: [financial,', 'categories: [money,'));
    expect(errorOf(path)).toContain('categories[0]: must be one of');
  });

  it('should report broken YAML with its position', () => {
    const path = variant('yaml', (yaml) => yaml.replace('name: Riverside', 'name: [Riverside'));
    expect(errorOf(path)).toMatch(/not valid YAML: .*line \d+/);
  });

  it('should report a referral directory that is not there', () => {
    const path = variant('directory', (yaml) => yaml.replace(`directory: ${DEMO_DIRECTORY}`, 'directory: ./nowhere.json'));
    expect(errorOf(path)).toContain('directory: file not found');
  });

  it('should say when the file itself is missing', () => {
    expect(errorOf(join(dir, 'absent.yaml'))).toContain('cannot be read (ENOENT)');
  });
});

describe('loadEnv', () => {
  const errorOf = (env: NodeJS.ProcessEnv): string => {
    try {
      loadEnv(env);
    } catch (error) {
      return (error as Error).message;
    }
    throw new Error('expected loadEnv to throw');
  };

  it('should run with sensible defaults when nothing is set', () => {
    const env = loadEnv({});
    expect(env.port).toBe(3978);
    expect(env.databaseUrl).toBeUndefined();
    expect(env.dataDir).toBe('./data');
    expect(env.agencyConfig).toBe(DEMO);
    expect(env.logLevel).toBe('info');
    expect(env.idleMinutes).toBe(30);
  });

  it('should read the values it is given', () => {
    const env = loadEnv({
      PORT: '8080',
      DATABASE_URL: 'postgresql://doorway@localhost/doorway',
      LOG_LEVEL: 'DEBUG',
      IDLE_MINUTES: '10',
      PUBLIC_URL: 'https://doorway.example.org'
    });
    expect(env).toMatchObject({ port: 8080, logLevel: 'debug', idleMinutes: 10, publicUrl: 'https://doorway.example.org' });
    expect(env.databaseUrl).toBe('postgresql://doorway@localhost/doorway');
  });

  it('should name the variable that is wrong', () => {
    expect(errorOf({ PORT: 'eighty' })).toBe('Environment variable PORT: must be a port number from 1 to 65535');
    expect(errorOf({ DATABASE_URL: 'mysql://localhost/db' })).toContain(
      'Environment variable DATABASE_URL: must start with postgres:// or postgresql://'
    );
    expect(errorOf({ LOG_LEVEL: 'verbose' })).toContain('Environment variable LOG_LEVEL: must be one of');
    expect(errorOf({ IDLE_MINUTES: '0' })).toContain('Environment variable IDLE_MINUTES');
  });

  it('should treat empty values as unset', () => {
    expect(loadEnv({ PORT: '', DATABASE_URL: '' })).toMatchObject({ port: 3978, databaseUrl: undefined });
  });

  it('should accept the Agents SDK credentials in any case', () => {
    expect(loadEnv({ clientId: 'app', clientSecret: 's', tenantId: 't' })).toMatchObject({
      clientId: 'app',
      clientSecret: 's',
      tenantId: 't'
    });
    expect(loadEnv({ CLIENTID: 'app', CLIENTSECRET: 's', TENANTID: 't' })).toMatchObject({
      clientId: 'app',
      clientSecret: 's',
      tenantId: 't'
    });
  });

  const SECRET = { TOKEN_SECRET: 'a-production-token-secret-of-length' };

  it('should allow anonymous /api/messages by default only outside production', () => {
    expect(loadEnv({})).toMatchObject({ allowAnonymous: true });
    expect(loadEnv({ ALLOW_ANONYMOUS: 'false' })).toMatchObject({ allowAnonymous: false });
    expect(loadEnv({ NODE_ENV: 'production', ...SECRET })).toMatchObject({ allowAnonymous: false });
    expect(loadEnv({ NODE_ENV: 'Production', ...SECRET })).toMatchObject({ allowAnonymous: false });
    expect(loadEnv({ NODE_ENV: 'production', ALLOW_ANONYMOUS: 'no', ...SECRET })).toMatchObject({ allowAnonymous: false });
    expect(errorOf({ ALLOW_ANONYMOUS: 'maybe' })).toBe('Environment variable ALLOW_ANONYMOUS: must be true or false');
  });

  it('should refuse to start in production with anonymous access turned on', () => {
    for (const on of ['true', 'TRUE', '1', 'yes']) {
      expect(errorOf({ NODE_ENV: 'production', ALLOW_ANONYMOUS: on, ...SECRET })).toMatch(/^Environment variable ALLOW_ANONYMOUS: must not be true when NODE_ENV=production/);
    }
  });

  it('should refuse to start in production without a token secret, and start without Teams credentials', () => {
    expect(errorOf({ NODE_ENV: 'production' })).toMatch(/^Environment variable TOKEN_SECRET: must be set when NODE_ENV=production/);
    expect(loadEnv({ NODE_ENV: 'production', ...SECRET })).toMatchObject({ clientId: undefined, tokenSecretGenerated: false });
  });

  it('should trust a proxy on this machine by default, or the number of hops TRUST_PROXY names', () => {
    expect(loadEnv({})).toMatchObject({ trustProxy: 'loopback' });
    expect(loadEnv({ TRUST_PROXY: '1' })).toMatchObject({ trustProxy: 1 });
    expect(errorOf({ TRUST_PROXY: 'yes' })).toBe('Environment variable TRUST_PROXY: must be a number of proxy hops from 0 to 5');
    expect(errorOf({ TRUST_PROXY: '9' })).toBe('Environment variable TRUST_PROXY: must be a number of proxy hops from 0 to 5');
  });

  it('should pass the Agents SDK its own auth settings, and know the app id of a named connection', () => {
    const env = loadEnv({
      PORT: '3978',
      certPemFile: '/certs/doorway.pem',
      CERTKEYFILE: '/certs/doorway.key',
      authorityEndpoint: 'https://login.microsoftonline.us',
      connections__main__settings__clientId: 'app-main',
      connections__other__settings__clientId: 'app-other',
      connectionsMap__0__serviceUrl: '*',
      connectionsMap__0__connection: 'main',
      clientSecret: ''
    });
    expect(env.agentsAuth).toEqual({
      certPemFile: '/certs/doorway.pem',
      CERTKEYFILE: '/certs/doorway.key',
      authorityEndpoint: 'https://login.microsoftonline.us',
      connections__main__settings__clientId: 'app-main',
      connections__other__settings__clientId: 'app-other',
      connectionsMap__0__serviceUrl: '*',
      connectionsMap__0__connection: 'main'
    });
    expect(env.clientId).toBe('app-main');
    expect(loadEnv({ CLIENT_ID: 'app', CLIENT_SECRET: 's' }).agentsAuth).toEqual({ clientId: 'app', clientSecret: 's' });
  });

  it('should make up a token secret per process only when none is given', () => {
    const first = loadEnv({});
    const second = loadEnv({});
    expect(first.tokenSecretGenerated).toBe(true);
    expect(first.tokenSecret).not.toBe(second.tokenSecret);
    const given = loadEnv({ TOKEN_SECRET: 'a-long-enough-shared-secret' });
    expect(given).toMatchObject({ tokenSecret: 'a-long-enough-shared-secret', tokenSecretGenerated: false });
  });
});
