import { existsSync, mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { chromium, type Browser, type Page } from 'playwright-core';
import { book, FAST_OUTBOX, runningClock, TENANT } from '../helpers/connector-stand-in';
import { startDoorway, type RunningDoorway } from '../helpers/test-server';

// The SDK's JWT middleware loads jwks-rsa; these tests run without app credentials.
jest.mock('jwks-rsa', () => ({ __esModule: true, default: () => ({}) }));

/** Debian's Chromium; CI installs it with apt (chromium, fonts-wqy-zenhei). */
const CHROMIUM = '/usr/bin/chromium';
const SCREENSHOTS = join(__dirname, '..', '..', 'test-output', 'screenshots');
const AUDIENCE = 'api://doorway.example.org/11111111-2222-4333-8444-555555555555';
const HTML_ATTACK = 'Rent <img src=x onerror="window.__pwned=1"> **late** ${x}';

declare global {
  interface Window {
    __pwned?: unknown;
  }
}

/**
 * A stand-in for the Teams client: it frames the tab and answers teams-js's postMessage calls
 * (initialize, getContext, getAuthToken) the way the Teams host does. Served on the tab's own
 * origin, which teams-js accepts as a host.
 */
function teamsHostPage(token: string): string {
  const runtime = JSON.stringify({ apiVersion: 4, supports: { appInitialization: {}, authentication: {}, pages: { tabs: {}, config: {} }, teamsCore: {} } });
  return `<!doctype html><html><body style="margin:0">
<iframe id="tab" src="/tab/" style="width:100%;height:1000px;border:0"></iframe>
<script>
  const token = ${JSON.stringify(token)};
  const runtime = ${JSON.stringify(runtime)};
  window.addEventListener('message', (event) => {
    const message = event.data;
    if (!message || typeof message.func !== 'string') return;
    const reply = (args) => event.source.postMessage({ id: message.id, uuid: message.uuid, args }, event.origin);
    if (message.func === 'initialize') reply(['content', 'web', runtime, '2.58.0']);
    else if (message.func === 'getContext') reply([{ locale: 'en-GB', theme: 'dark', entityId: 'intake-queue', tid: ${JSON.stringify(TENANT)}, frameContext: 'content', hostClientType: 'web' }]);
    else if (message.func === 'authentication.getAuthToken') reply([true, token]);
  });
</script></body></html>`;
}

describe('intake queue tab (in Chromium, framed by a Teams host stand-in)', () => {
  let running: RunningDoorway;
  let keyServer: Server;
  let browser: Browser;
  let page: Page;
  let reference: string;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`Chromium is not installed at ${CHROMIUM}: apt-get install -y --no-install-recommends chromium fonts-wqy-zenhei`);
    mkdirSync(SCREENSHOTS, { recursive: true });
    const pair = await generateKeyPair('RS256');
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'test-key', alg: 'RS256', use: 'sig' };
    keyServer = createServer((req, res) => {
      res.setHeader('Content-Type', 'application/json');
      res.end(req.url === `/${TENANT}/discovery/v2.0/keys` ? JSON.stringify({ keys: [jwk] }) : '{}');
    });
    await new Promise<void>((resolve) => keyServer.listen(0, '127.0.0.1', resolve));
    const authority = `http://127.0.0.1:${(keyServer.address() as AddressInfo).port}`;
    running = await startDoorway({ now: runningClock(), env: { ...FAST_OUTBOX, ENTRA_AUTHORITY: authority, TAB_SSO_AUDIENCE: AUDIENCE, tenantId: TENANT } });
    reference = await book(running, 'conv-browser-tab', HTML_ATTACK);
    const token = await new SignJWT({ tid: TENANT, oid: 'aad-kari', name: 'Kari Nordmann' })
      .setProtectedHeader({ alg: 'RS256', kid: 'test-key' })
      .setIssuer(`${authority}/${TENANT}/v2.0`)
      .setAudience(AUDIENCE)
      .setIssuedAt()
      .setExpirationTime('10m')
      .sign(pair.privateKey);

    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run'] });
    page = await (await browser.newContext({ viewport: { width: 1280, height: 1000 }, locale: 'en-GB' })).newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.route(`${running.url}/teams-host.html`, (route) => route.fulfill({ contentType: 'text/html', body: teamsHostPage(token) }));
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await running?.close();
    await new Promise((resolve) => keyServer?.close(resolve));
  });

  it('should render the queue, the record with the typed text inert, the eco-map and the dashboard', async () => {
    await page.goto(`${running.url}/teams-host.html`);
    const tab = page.frameLocator('#tab');
    await tab.locator('body[data-ready="true"]').waitFor({ timeout: 20_000 });
    await expectVisible(tab.locator(`#queue [data-reference="${reference}"]`));
    await expectVisible(tab.locator('#detail dd', { hasText: 'onerror' }));
    expect(await tab.locator('#detail dd.quote').first().textContent()).toBe(HTML_ATTACK);
    const ecoMap = tab.locator('#eco-map');
    await expectVisible(ecoMap);
    await ecoMap.evaluate((img) => (img as HTMLImageElement).decode());
    expect(await ecoMap.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBeGreaterThan(300);
    await expectVisible(tab.locator('#dashboard table').first());
    expect(await tab.locator('#after-hours').textContent()).toContain('%');
    expect(await tab.locator('body').getAttribute('class')).toBe('theme-dark');
    const frame = page.frames().find((candidate) => candidate.url().includes('/tab/'))!;
    expect(await frame.evaluate(() => window.__pwned)).toBeUndefined();
    expect(pageErrors).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, 'teams-tab.png'), fullPage: true });
  }, 60_000);
});

async function expectVisible(locator: { waitFor(options: { state: 'visible'; timeout: number }): Promise<void> }): Promise<void> {
  await locator.waitFor({ state: 'visible', timeout: 10_000 });
}
