import { AuthType, CloudAdapter, loadAuthConfigFromEnv, type AuthConfiguration } from '@microsoft/agents-hosting';

/**
 * How `/api/messages` knows Azure Bot Service, and how replies get their token: the Agents SDK's
 * auth configuration, built by the SDK's own loader so every form it documents works — a client
 * secret, a certificate (`certPemFile`/`certKeyFile`), federated or managed identity (`FICClientId`,
 * `clientId` alone), another cloud's `authorityEndpoint`, and named `connections__…` with a
 * `connectionsMap__…`.
 *
 * The loader reads only `process.env`, and only once when the SDK is first imported (again on every
 * call with `TEST_MODE=true`). The settings come from the validated environment instead — which
 * may be a test's own, or include a `.env` file read after the SDK was imported — so the loader runs
 * once over exactly those settings, without NODE_ENV: its rule "clientId required in production"
 * is Doorway's to apply (see `ALLOW_ANONYMOUS`), because an agency with only the web chat needs no
 * Azure bot at all.
 *
 * Returns undefined when no app id is configured: then `/api/messages` has nothing to verify
 * signatures against.
 */
export function loadAuthConfig(settings: Readonly<Record<string, string>>): AuthConfiguration | undefined {
  if (!Object.entries(settings).some(([name, value]) => /^(connections__.+__settings__)?clientid$/i.test(name) && value.trim())) return undefined;
  const loaded = withProcessEnv({ ...settings, TEST_MODE: 'true' }, () => loadAuthConfigFromEnv());
  if (!loaded.clientId || !loaded.connections?.size) {
    throw new Error('Agents SDK settings: the default connection has no clientId (set clientId, or connections__<name>__settings__clientId and connectionsMap__0__serviceUrl=*)');
  }
  // Issuer checks are off in the SDK by default (for old set-ups); they are on here unless the settings turn them off.
  const connections = new Map([...loaded.connections].map(([name, connection]) => [name, { ...connection, validateIssuer: connection.validateIssuer ?? true }]));
  return { ...loaded, validateIssuer: loaded.validateIssuer ?? true, connections };
}

/**
 * The adapter for the configuration `loadAuthConfig` returned. Without app credentials the SDK's
 * constructor would refuse to run under NODE_ENV=production; it gets a connection whose made-up
 * app id can never match a token's audience nor fetch a token, which leaves `/api/messages` to
 * the anonymous rules of the messages route and replies to the in-process web chat.
 */
export function createAdapter(authConfig: AuthConfiguration | undefined): CloudAdapter {
  if (authConfig) return new CloudAdapter(authConfig);
  const none: AuthConfiguration = { clientId: NO_APP_ID, authType: AuthType.ClientSecret };
  return new CloudAdapter({ ...none, connections: new Map([['none', none]]), connectionsMap: [{ serviceUrl: '*', connection: 'none' }] });
}

const NO_APP_ID = 'no-app-credentials-configured';

/** Runs `run` with `process.env` replaced by `env`, and puts the real one back (synchronously, so nothing else sees it). */
function withProcessEnv<T>(env: NodeJS.ProcessEnv, run: () => T): T {
  const real = process.env;
  process.env = env;
  try {
    return run();
  } finally {
    process.env = real;
  }
}
