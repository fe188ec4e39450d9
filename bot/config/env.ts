import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { z } from 'zod';

/** Where the repository lives, so the default agency file is found from any working directory. */
const REPO_ROOT = resolve(__dirname, '..', '..');

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
const BOOLEAN_WORDS = ['true', 'false', '1', '0', 'yes', 'no'] as const;
const TRUE_WORDS: ReadonlySet<string> = new Set(['true', '1', 'yes']);

/**
 * The settings the Agents SDK's own loader reads (`loadAuthConfigFromEnv`), in any case, besides
 * `connections__<name>__settings__<key>` and `connectionsMap__<index>__<key>`.
 */
const AGENTS_AUTH_NAMES = new Set(
  ['tenantId', 'clientId', 'clientSecret', 'certPemFile', 'certKeyFile', 'sendX5C', 'connectionName', 'FICClientId', 'authorityEndpoint',
    'authority', 'scope', 'authType', 'WIDAssertionFile', 'federatedTokenFile', 'idpmResource', 'azureRegion', 'msalRetryCount', 'validateIssuer',
    'altBlueprintConnectionName', 'alternateBlueprintConnectionName', 'sidecarBaseUrl', 'serviceName', 'blueprintServiceName',
    'bypassLocalNetworkRestriction', 'requestTimeout', 'retryCount'].map((name) => name.toUpperCase())
);
const AGENTS_AUTH_PREFIX = /^connections(map)?__/i;

const wholeNumber = (what: string, min: number, max: number) =>
  z.coerce
    .number({ error: `must be ${what}` })
    .int({ error: `must be ${what}` })
    .min(min, { error: `must be ${what}` })
    .max(max, { error: `must be ${what}` });

const envSchema = z.object({
  PORT: wholeNumber('a port number from 1 to 65535', 1, 65535).default(3978).describe('HTTP port to listen on.'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\/.+/, { error: 'must start with postgres:// or postgresql://' })
    .optional()
    .describe('PostgreSQL server; when unset the embedded PGlite database is used.'),
  DATA_DIR: z.string().default('./data').describe('PGlite data directory (or memory:// for tests).'),
  AGENCY_CONFIG: z
    .string()
    .default(resolve(REPO_ROOT, 'deploy/agency/demo.yaml'))
    .transform((path) => resolve(path))
    .describe('Path of the agency YAML file.'),
  LOG_LEVEL: z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` }).default('info').describe('pino log level.'),
  PUBLIC_URL: z.url({ error: 'must be a web address, e.g. https://doorway.example.org' }).optional().describe('Public base URL.'),
  IDLE_MINUTES: wholeNumber('a whole number of minutes, at least 1', 1, 24 * 60)
    .default(30)
    .describe('Silence after which a conversation is paused.'),
  clientId: z.string().optional().describe('Agents SDK app (client) id.'),
  clientSecret: z.string().optional().describe('Agents SDK client secret.'),
  tenantId: z.string().optional().describe('Agents SDK tenant id.'),
  DIRECTLINE_SECRET: z.string().optional().describe('Secret Web Chat uses to get Direct Line tokens.'),
  TOKEN_SECRET: z
    .string()
    .min(16, { error: 'must be at least 16 characters' })
    .optional()
    .describe('Signs Direct Line tokens; random per process when unset.'),
  TAB_SSO_AUDIENCE: z.string().optional().describe('Audience of Teams tab SSO tokens, e.g. api://doorway.example.org/<clientId>.'),
  ENTRA_AUTHORITY: z.url({ error: 'must be a web address' }).default('https://login.microsoftonline.com').describe('Entra ID authority (issuer and keys).'),
  OUTBOX_POLL_MS: wholeNumber('a number of milliseconds from 10 to 60000', 10, 60_000).default(1000).describe('How often the outbox worker looks for cards to post.'),
  OUTBOX_RETRY_BASE_MS: wholeNumber('a number of milliseconds from 10 to 600000', 10, 600_000).default(2000).describe('First retry delay of a failed card.'),
  OUTBOX_RETRY_MAX_MS: wholeNumber('a number of milliseconds from 10 to 3600000', 10, 3_600_000).default(60_000).describe('Longest retry delay of a failed card.'),
  NODE_ENV: z.string().optional().describe('production turns off what is only safe on a developer\'s machine.'),
  ALLOW_ANONYMOUS: z
    .enum(BOOLEAN_WORDS, { error: 'must be true or false' })
    .optional()
    .describe('Without app credentials: serve unsigned /api/messages requests from this machine (default true, false in production).'),
  TRUST_PROXY: wholeNumber('a number of proxy hops from 0 to 5', 0, 5)
    .optional()
    .describe('How many reverse proxies in front of Doorway to trust for X-Forwarded-For/-Proto; unset trusts only one on this machine.')
}).superRefine((v, ctx) => {
  if (v.NODE_ENV === 'production' && v.TOKEN_SECRET === undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['TOKEN_SECRET'],
      message: 'must be set when NODE_ENV=production (32 or more random characters, e.g. openssl rand -hex 32): without it every open chat breaks at a restart, and replicas refuse each other\'s tokens'
    });
  }
  if (v.NODE_ENV === 'production' && v.ALLOW_ANONYMOUS !== undefined && TRUE_WORDS.has(v.ALLOW_ANONYMOUS)) {
    ctx.addIssue({
      code: 'custom',
      path: ['ALLOW_ANONYMOUS'],
      message: 'must not be true when NODE_ENV=production: anyone who reaches /api/messages through a proxy on this machine could chat unsigned. Configure app credentials (clientId) instead, or unset ALLOW_ANONYMOUS'
    });
  }
});

/** The validated environment. */
export interface Env {
  port: number;
  databaseUrl?: string;
  dataDir: string;
  /** Absolute path of the agency YAML file. */
  agencyConfig: string;
  logLevel: (typeof LOG_LEVELS)[number];
  publicUrl?: string;
  idleMinutes: number;
  clientId?: string;
  clientSecret?: string;
  tenantId?: string;
  directLineSecret?: string;
  tokenSecret: string;
  /** True when TOKEN_SECRET was unset: tokens then don't survive a restart or cross replicas. */
  tokenSecretGenerated: boolean;
  /** The Teams tab's SSO audience; without it the tab API answers 401 to everyone. */
  tabSsoAudience?: string;
  entraAuthority: string;
  outbox: { pollMs: number; retryBaseMs: number; retryMaxMs: number };
  /** Without app credentials, unsigned /api/messages requests from this machine are served (never in production). */
  allowAnonymous: boolean;
  /**
   * The Agents SDK's auth settings as given (clientId, clientSecret, tenantId, authorityEndpoint,
   * certPemFile/certKeyFile, FICClientId, connections__…, connectionsMap__…), for the SDK's own loader.
   */
  agentsAuth: Record<string, string>;
  /** Express's `trust proxy`: a hop count, or 'loopback' (a proxy on this machine) by default. */
  trustProxy: number | 'loopback';
}

/**
 * Reads and validates the environment; the only place that reads `process.env`. Throws one Error
 * naming each bad variable, e.g. `Environment variable PORT: must be a port number from 1 to 65535`.
 */
export function loadEnv(env: NodeJS.ProcessEnv = process.env): Env {
  const raw = pick(env);
  const result = envSchema.safeParse(raw);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `Environment variable ${String(issue.path[0])}: ${issue.message}`);
    throw new Error(lines.join('\n'));
  }
  const v = result.data;
  return {
    port: v.PORT,
    databaseUrl: v.DATABASE_URL,
    dataDir: v.DATA_DIR,
    agencyConfig: v.AGENCY_CONFIG,
    logLevel: v.LOG_LEVEL,
    publicUrl: v.PUBLIC_URL,
    idleMinutes: v.IDLE_MINUTES,
    clientId: v.clientId,
    clientSecret: v.clientSecret,
    tenantId: v.tenantId,
    directLineSecret: v.DIRECTLINE_SECRET,
    tokenSecret: v.TOKEN_SECRET ?? randomBytes(32).toString('base64url'),
    tokenSecretGenerated: v.TOKEN_SECRET === undefined,
    tabSsoAudience: v.TAB_SSO_AUDIENCE,
    entraAuthority: v.ENTRA_AUTHORITY.replace(/\/+$/, ''),
    outbox: { pollMs: v.OUTBOX_POLL_MS, retryBaseMs: v.OUTBOX_RETRY_BASE_MS, retryMaxMs: v.OUTBOX_RETRY_MAX_MS },
    allowAnonymous: v.ALLOW_ANONYMOUS === undefined ? v.NODE_ENV !== 'production' : TRUE_WORDS.has(v.ALLOW_ANONYMOUS),
    agentsAuth: agentsAuthSettings(env),
    trustProxy: v.TRUST_PROXY ?? 'loopback'
  };
}

/**
 * The variables the Agents SDK reads for its connections, non-empty ones only. The aliases
 * CLIENT_ID, CLIENT_SECRET and TENANT_ID, which only Doorway knows, are passed on under the SDK's names.
 */
function agentsAuthSettings(env: NodeJS.ProcessEnv): Record<string, string> {
  const settings: Record<string, string> = {};
  for (const [name, raw] of Object.entries(env)) {
    const value = raw?.trim();
    if (value && (AGENTS_AUTH_NAMES.has(name.toUpperCase()) || AGENTS_AUTH_PREFIX.test(name))) settings[name] = value;
  }
  const given = new Set(Object.keys(settings).map((name) => name.toUpperCase()));
  for (const [alias, name] of [['CLIENT_ID', 'clientId'], ['CLIENT_SECRET', 'clientSecret'], ['TENANT_ID', 'tenantId']] as const) {
    const value = env[alias]?.trim();
    if (value && !given.has(name.toUpperCase())) settings[name] = value;
  }
  return settings;
}

/**
 * The app id of the connection the Agents SDK uses by default when it is configured only as
 * `connections__<name>__settings__clientId`: the one `connectionsMap__<i>__serviceUrl=*` names, else the first.
 */
function connectionClientId(env: NodeJS.ProcessEnv): string | undefined {
  const ids = new Map<string, string>();
  let wildcard: string | undefined;
  for (const [name, raw] of Object.entries(env)) {
    const value = raw?.trim();
    if (!value) continue;
    const connection = /^connections__(.+)__settings__clientid$/i.exec(name);
    if (connection && !ids.has(connection[1]!)) ids.set(connection[1]!, value);
    const map = /^connectionsmap__(\d+)__serviceurl$/i.exec(name);
    if (map && value === '*') {
      const key = Object.keys(env).find((other) => other.toUpperCase() === `CONNECTIONSMAP__${map[1]}__CONNECTION`);
      wildcard = key === undefined ? undefined : env[key]?.trim();
    }
  }
  return (wildcard === undefined ? undefined : ids.get(wildcard)) ?? ids.values().next().value;
}

/** The variables we read; an empty value (common in .env files) counts as unset. */
function pick(env: NodeJS.ProcessEnv): Record<string, string | undefined> {
  const value = (name: string) => {
    const found = env[name]?.trim();
    return found ? found : undefined;
  };
  // The Agents SDK matches these names case-insensitively (it reads CLIENTID too), so do we.
  const anyCase = (name: string) => {
    const key = Object.keys(env).find((k) => k.toUpperCase() === name.toUpperCase() && value(k) !== undefined);
    return key === undefined ? undefined : value(key);
  };
  const names = ['PORT', 'DATABASE_URL', 'DATA_DIR', 'AGENCY_CONFIG', 'LOG_LEVEL', 'PUBLIC_URL', 'IDLE_MINUTES', 'DIRECTLINE_SECRET', 'TOKEN_SECRET',
    'TAB_SSO_AUDIENCE', 'ENTRA_AUTHORITY', 'OUTBOX_POLL_MS', 'OUTBOX_RETRY_BASE_MS', 'OUTBOX_RETRY_MAX_MS', 'NODE_ENV', 'ALLOW_ANONYMOUS', 'TRUST_PROXY'];
  const picked: Record<string, string | undefined> = Object.fromEntries(names.map((name) => [name, value(name)]));
  picked.LOG_LEVEL = picked.LOG_LEVEL?.toLowerCase();
  picked.NODE_ENV = picked.NODE_ENV?.toLowerCase();
  picked.ALLOW_ANONYMOUS = picked.ALLOW_ANONYMOUS?.toLowerCase();
  picked.clientId = anyCase('clientId') ?? value('CLIENT_ID') ?? connectionClientId(env);
  picked.clientSecret = anyCase('clientSecret') ?? value('CLIENT_SECRET');
  picked.tenantId = anyCase('tenantId') ?? value('TENANT_ID');
  return picked;
}
