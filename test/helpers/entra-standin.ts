import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer as createHttpsServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { exportJWK, generateKeyPair, SignJWT, UnsecuredJWT, type JWTPayload } from 'jose';

/*
 * A local stand-in for Microsoft Entra ID, enough for the Agents SDK on both sides of a turn:
 * the signing keys it checks incoming tokens with, and the token endpoint (with the metadata
 * MSAL reads first) that its replies get their bearer token from. MSAL only talks to an authority
 * over HTTPS, so the stand-in serves HTTPS with a certificate from a throwaway test CA, which the
 * process under test trusts through NODE_EXTRA_CA_CERTS.
 */

/** A throwaway CA and a server certificate it signed for 127.0.0.1, as PEM files in `dir`. */
export interface TestCertificates {
  caFile: string;
  key: string;
  cert: string;
}

/** Makes the CA and the certificate with the openssl command (node:crypto cannot sign X.509). */
export function makeTestCertificates(dir: string): TestCertificates {
  const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  const ecKey = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  openssl('req', '-x509', ...ecKey, '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '1', '-subj', '/CN=Doorway test CA',
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign');
  openssl('req', ...ecKey, '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=127.0.0.1');
  writeFileSync(join(dir, 'server.ext'), [
    'subjectAltName=IP:127.0.0.1,DNS:localhost',
    'basicConstraints=critical,CA:FALSE',
    'keyUsage=critical,digitalSignature',
    'extendedKeyUsage=serverAuth'
  ].join('\n'));
  openssl('x509', '-req', '-in', 'server.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-set_serial', `0x${randomBytes(8).toString('hex')}`,
    '-days', '1', '-out', 'server.pem', '-extfile', 'server.ext');
  return { caFile: join(dir, 'ca.pem'), key: readFileSync(join(dir, 'server.key'), 'utf8'), cert: readFileSync(join(dir, 'server.pem'), 'utf8') };
}

/** One request the stand-in received; token requests keep their form fields. */
export interface EntraRequest {
  method: string;
  path: string;
  form?: Record<string, string>;
}

export interface EntraStandIn {
  /** `https://127.0.0.1:<port>`: the authority endpoint (the SDK appends the tenant). */
  url: string;
  /** The tenant's v2 issuer, which the SDK accepts for a single-tenant app. */
  issuer: string;
  requests: EntraRequest[];
  /** Access tokens the token endpoint handed out, in order. */
  issued: string[];
  /** A token as Azure Bot Service sends it: signed with the published key, for the app, valid for 10 minutes. */
  token(claims?: JWTPayload, options?: TokenOptions): Promise<string>;
  /** A token without a signature (`alg: none`) but otherwise as `token` makes it. */
  unsignedToken(claims?: JWTPayload): string;
  close(): Promise<void>;
}

export interface TokenOptions {
  /** Sign with a key the stand-in does not publish (under the published key's id). */
  foreignKey?: boolean;
  audience?: string;
  issuer?: string;
  /** Seconds from now; negative for a token that has expired. */
  expiresIn?: number;
}

const KEY_ID = 'standin-key-1';

export async function startEntraStandIn(options: { tls: TestCertificates; tenantId: string; clientId: string; clientSecret: string }): Promise<EntraStandIn> {
  const { tenantId, clientId, clientSecret } = options;
  const published = await generateKeyPair('RS256');
  const foreign = await generateKeyPair('RS256');
  const jwks = { keys: [{ ...(await exportJWK(published.publicKey)), kid: KEY_ID, use: 'sig', alg: 'RS256' }] };
  const requests: EntraRequest[] = [];
  const issued: string[] = [];
  let url = '';
  const issuer = () => `${url}/${tenantId}/v2.0`;

  const routes: Record<string, (req: IncomingMessage, body: string) => [number, unknown]> = {
    // MSAL's check that an authority it does not know is genuine (see `discoveryRedirect`).
    'GET /common/discovery/instance': () => [200, {
      tenant_discovery_endpoint: `${issuer()}/.well-known/openid-configuration`,
      'api-version': '1.1',
      metadata: [{ preferred_network: new URL(url).host, preferred_cache: new URL(url).host, aliases: [new URL(url).host] }]
    }],
    [`GET /${tenantId}/v2.0/.well-known/openid-configuration`]: () => [200, {
      issuer: issuer(),
      authorization_endpoint: `${url}/${tenantId}/oauth2/v2.0/authorize`,
      token_endpoint: `${url}/${tenantId}/oauth2/v2.0/token`,
      jwks_uri: `${url}/${tenantId}/discovery/v2.0/keys`,
      end_session_endpoint: `${url}/${tenantId}/oauth2/v2.0/logout`,
      response_types_supported: ['code', 'id_token', 'token'],
      subject_types_supported: ['pairwise'],
      id_token_signing_alg_values_supported: ['RS256']
    }],
    [`GET /${tenantId}/discovery/v2.0/keys`]: () => [200, jwks],
    [`POST /${tenantId}/oauth2/v2.0/token`]: (_req, body) => {
      const form = Object.fromEntries(new URLSearchParams(body));
      requests[requests.length - 1]!.form = form;
      if (form.grant_type !== 'client_credentials' || form.client_id !== clientId || form.client_secret !== clientSecret) {
        return [401, { error: 'invalid_client', error_description: 'AADSTS7000215: Invalid client secret provided.' }];
      }
      const accessToken = `standin-access-token-${issued.length + 1}-${randomBytes(6).toString('hex')}`;
      issued.push(accessToken);
      return [200, { token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599, access_token: accessToken }];
    }
  };

  const server: Server = createHttpsServer({ key: options.tls.key, cert: options.tls.cert }, (req: IncomingMessage, res: ServerResponse) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      const path = new URL(req.url ?? '/', url).pathname;
      requests.push({ method: req.method ?? '', path });
      const [status, answer] = routes[`${req.method} ${path}`]?.(req, body) ?? [404, { error: 'not_found' }];
      res.writeHead(status, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(answer));
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const claimsFor = (claims: JWTPayload, tokenOptions: TokenOptions): JWTPayload => {
    const now = Math.floor(Date.now() / 1000);
    const expiresIn = tokenOptions.expiresIn ?? 600;
    return {
      aud: tokenOptions.audience ?? clientId,
      iss: tokenOptions.issuer ?? issuer(),
      tid: tenantId,
      iat: Math.min(now, now + expiresIn - 60),
      exp: now + expiresIn,
      ...claims
    };
  };

  return {
    url,
    issuer: issuer(),
    requests,
    issued,
    token: (claims = {}, tokenOptions = {}) =>
      new SignJWT(claimsFor(claims, tokenOptions))
        .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: KEY_ID })
        .sign((tokenOptions.foreignKey ? foreign : published).privateKey),
    unsignedToken: (claims = {}) => new UnsecuredJWT(claimsFor(claims, {})).encode(),
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      })
  };
}

/**
 * MSAL asks Microsoft's public cloud whether an authority it does not know by name is genuine
 * (instance discovery, `https://login.microsoftonline.com/common/discovery/instance`), and the
 * Agents SDK has no setting to skip that or to name known authorities. A test machine may be
 * offline, so the process under test loads this module first: it sends that one request to the
 * stand-in instead, and refuses every other request to Microsoft's login host.
 * Returns the module's file URL, for `node --import`.
 */
export function discoveryRedirect(dir: string, standInUrl: string): string {
  const file = join(dir, 'discovery-redirect.mjs');
  writeFileSync(file, `
const origin = 'https://login.microsoftonline.com';
const standIn = ${JSON.stringify(standInUrl)};
const realFetch = globalThis.fetch;
globalThis.fetch = (input, init) => {
  const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
  if (url.startsWith(origin + '/common/discovery/instance')) return realFetch(standIn + url.slice(origin.length), init);
  if (url.startsWith(origin)) return Promise.reject(new Error('the test stand-in refuses ' + url));
  return realFetch(input, init);
};
`);
  return pathToFileURL(file).href;
}

/** Doorway (`bot/index.ts`) running in its own process, as `npm start` runs it. */
export interface DoorwayProcess {
  url: string;
  /** What it wrote to stdout and stderr so far. */
  output(): string;
  /** Resolves with the exit code once it has exited. */
  exited: Promise<number | null>;
  stop(): Promise<void>;
}

const REPO_ROOT = resolve(__dirname, '..', '..');
/** Only these of the test runner's variables reach the child; the rest of its environment is the test's. */
const PASSED_ON = ['PATH', 'HOME', 'TMPDIR', 'LANG', 'TZ'];

/**
 * Starts `node --import tsx bot/index.ts` in `cwd` (a scratch directory, so no `.env` file of the
 * checkout is read) with exactly `env` plus PORT, and waits until GET /healthz answers 200 — or,
 * with `expectExit`, until it exits.
 */
export async function startDoorwayProcess(options: { env: Record<string, string>; cwd: string; imports?: string[]; expectExit?: boolean; timeoutMs?: number }): Promise<DoorwayProcess> {
  const port = await freePort();
  const tsx = pathToFileURL(require.resolve('tsx')).href;
  const imports = [tsx, ...(options.imports ?? [])].flatMap((module) => ['--import', module]);
  const inherited = Object.fromEntries(PASSED_ON.filter((name) => process.env[name]).map((name) => [name, process.env[name]!]));
  const child: ChildProcess = spawn(process.execPath, [...imports, join(REPO_ROOT, 'bot', 'index.ts')], {
    cwd: options.cwd,
    env: { ...inherited, PORT: String(port), ...options.env },
    stdio: ['ignore', 'pipe', 'pipe']
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  const url = `http://127.0.0.1:${port}`;
  const running: DoorwayProcess = {
    url,
    output: () => output,
    exited,
    stop: async () => {
      // Its store is in memory: nothing is lost by not waiting long for a clean shutdown.
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 1000);
      await exited;
      clearTimeout(timer);
    }
  };
  if (options.expectExit) {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([exited, new Promise((done) => (timer = setTimeout(done, options.timeoutMs ?? 30_000)))]);
    clearTimeout(timer);
    return running;
  }
  const deadline = Date.now() + (options.timeoutMs ?? 45_000);
  let gone = false;
  void exited.then(() => (gone = true));
  while (!(await answers(`${url}/healthz`))) {
    if (gone || Date.now() > deadline) {
      await running.stop();
      throw new Error(`Doorway did not start (${gone ? `exit code ${child.exitCode}` : 'timed out'}):\n${output}`);
    }
    await sleep(150);
  }
  return running;
}

async function answers(url: string): Promise<boolean> {
  try {
    return (await fetch(url)).status === 200;
  } catch {
    return false;
  }
}

async function freePort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((done) => server.close(() => done()));
  return port;
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));
