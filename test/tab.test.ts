import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';
import { book, FAST_OUTBOX, runningClock, TENANT } from './helpers/connector-stand-in';
import { startDoorway, type RunningDoorway } from './helpers/test-server';

// The SDK's JWT middleware loads jwks-rsa; these tests run without app credentials.
jest.mock('jwks-rsa', () => ({ __esModule: true, default: () => ({}) }));

const AUDIENCE = 'api://doorway.example.org/11111111-2222-4333-8444-555555555555';

/** A local stand-in for Entra ID's key endpoint, publishing one test key. */
async function startKeyServer(jwk: JWK): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    if (req.url === `/${TENANT}/discovery/v2.0/keys`) {
      res.setHeader('Content-Type', 'application/json');
      res.end(JSON.stringify({ keys: [{ ...jwk, kid: 'test-key', use: 'sig', alg: 'RS256' }] }));
      return;
    }
    res.statusCode = 404;
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

describe('intake queue tab API', () => {
  let running: RunningDoorway;
  let keys: { url: string; server: Server };
  let signingKey: CryptoKey;
  let otherKey: CryptoKey;
  let reference: string;

  const token = (claims: Record<string, unknown> = {}, options: { key?: CryptoKey; expiresIn?: string; issuer?: string; audience?: string } = {}) =>
    new SignJWT({ tid: TENANT, oid: 'aad-kari', name: 'Kari Nordmann', ...claims })
      .setProtectedHeader({ alg: 'RS256', kid: 'test-key' })
      .setIssuer(options.issuer ?? `${keys.url}/${TENANT}/v2.0`)
      .setAudience(options.audience ?? AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(options.expiresIn ?? '10m')
      .sign(options.key ?? signingKey);

  const getIntakes = (authorization?: string) =>
    fetch(`${running.url}/api/tab/intakes`, { headers: authorization ? { Authorization: authorization } : {} });

  beforeAll(async () => {
    const pair = await generateKeyPair('RS256');
    signingKey = pair.privateKey;
    otherKey = (await generateKeyPair('RS256')).privateKey;
    keys = await startKeyServer(await exportJWK(pair.publicKey));
    running = await startDoorway({
      now: runningClock(),
      env: { ...FAST_OUTBOX, ENTRA_AUTHORITY: keys.url, TAB_SSO_AUDIENCE: AUDIENCE, tenantId: TENANT }
    });
    reference = await book(running, 'conv-tab', 'I need help with <b>rent</b>');
  });
  afterAll(async () => {
    await running.close();
    await new Promise((resolve) => keys.server.close(resolve));
  });

  it('should answer 401 with no personal data to requests without a valid token', async () => {
    const cases: Array<[string, string | undefined]> = [
      ['no token', undefined],
      ['not a bearer token', 'Basic a2FyaTpzZWNyZXQ='],
      ['garbage', 'Bearer not.a.jwt'],
      ['signed by another key', `Bearer ${await token({}, { key: otherKey })}`],
      ['for another audience', `Bearer ${await token({}, { audience: 'api://elsewhere/app' })}`],
      ['from another tenant', `Bearer ${await token({ tid: 'tenant-elsewhere' }, { issuer: `${keys.url}/tenant-elsewhere/v2.0` })}`],
      ['expired', `Bearer ${await token({}, { expiresIn: '-5m' })}`]
    ];
    for (const [what, authorization] of cases) {
      const response = await getIntakes(authorization);
      const text = await response.text();
      expect([what, response.status]).toEqual([what, 401]);
      expect(text).not.toContain(reference);
      expect(JSON.parse(text)).toEqual({ error: expect.objectContaining({ code: 'Unauthorized' }) });
    }
  });

  it('should list intakes with the record, an eco-map address and the dashboard for a valid token', async () => {
    const response = await getIntakes(`Bearer ${await token()}`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      intakes: Array<{ reference: string; status: string; record: { request: { words: string } }; ecoMapUrl: string }>;
      dashboard: { perCategoryWeek: unknown[]; afterHoursShare: number; outcomes: Record<string, number>; leftAt: unknown[] };
    };
    const intake = body.intakes.find((item) => item.reference === reference)!;
    expect(intake).toMatchObject({ status: 'open', record: { request: { words: 'I need help with <b>rent</b>' } } });
    expect(body.dashboard.outcomes).toEqual({ booked: 1 });
    expect(body.dashboard.perCategoryWeek).toEqual([{ week: '2026-W48', category: 'housing', count: 1 }]);
    const image = await fetch(`${running.url}${intake.ecoMapUrl}`);
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/png');
    const forged = await fetch(`${running.url}${intake.ecoMapUrl.replace(/sig=[^&]+/, `sig=${'A'.repeat(43)}`)}`);
    expect(forged.status).toBe(404);
  });
});
