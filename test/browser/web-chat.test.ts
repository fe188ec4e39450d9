import { existsSync, mkdirSync } from 'node:fs';
import type { AddressInfo, Socket } from 'node:net';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import express from 'express';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { createLogger } from '../../bot/logger';
import { webRoutes } from '../../bot/web';
import { startDoorway, type RunningDoorway } from '../helpers/test-server';

/** Debian's Chromium; CI installs it with apt (chromium, fonts-wqy-zenhei). */
const CHROMIUM = '/usr/bin/chromium';
const SCREENSHOTS = join(__dirname, '..', '..', 'test-output', 'screenshots');
/** Generous: the first load parses a 4 MB bundle, and a dropped stream retries after up to 15 s. */
const WAIT = 30_000;
const HTML_ATTACK = '<img src=x onerror="window.__pwned=1">';
const DIFFICULTY = "I can't pay my rent and I'm scared of losing my flat";

declare global {
  interface Window {
    __pwned?: unknown;
  }
}

describe('web chat (demo page in Chromium)', () => {
  let running: RunningDoorway;
  let browser: Browser;
  let page: Page;
  const streams = new Set<Socket>();
  const pageErrors: string[] = [];

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(`Chromium is not installed at ${CHROMIUM}: apt-get install -y --no-install-recommends chromium fonts-wqy-zenhei`);
    }
    mkdirSync(SCREENSHOTS, { recursive: true });
    // Tuesday 10:00 in Oslo (the helper's default clock): the office is open, slots are offered.
    running = await startDoorway();
    running.server.on('upgrade', (_req, socket: Socket) => {
      streams.add(socket);
      socket.once('close', () => streams.delete(socket));
    });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run']
    });
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-GB' });
    page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await running?.close();
  });

  /** Another web site on a loopback port. */
  const serve = async (app: express.Express) => {
    const site = app.listen(0, '127.0.0.1');
    await new Promise<void>((resolve) => site.once('listening', () => resolve()));
    return {
      url: `http://127.0.0.1:${(site.address() as AddressInfo).port}`,
      close: () => {
        site.closeAllConnections();
        return new Promise<void>((resolve) => site.close(() => resolve()));
      }
    };
  };
  const chat = () => page.locator('.doorway-chat');
  const suggested = (name: string | RegExp): Locator => page.locator('.webchat__suggested-actions').getByRole('button', { name, exact: typeof name === 'string' });
  const press = async (name: string | RegExp) => {
    await suggested(name).first().click({ timeout: WAIT });
  };
  const waitForButton = async (name: string | RegExp) => {
    await suggested(name).first().waitFor({ timeout: WAIT });
  };
  const type = async (text: string) => {
    const input = page.locator('[data-id="webchat-sendbox-input"]');
    await input.fill(text, { timeout: WAIT });
    await input.press('Enter');
  };
  /** Waits for the bot (or the person) to have said this, in the chat's transcript. */
  const said = async (text: string | RegExp) => {
    await chat().getByText(text).first().waitFor({ timeout: WAIT });
  };
  const progressText = () => page.locator('.doorway-progress-text');

  it('should show the agency page with its language, its emergency numbers and the chat open', async () => {
    await page.goto(`${running.url}/`);
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await expect(page.title()).resolves.toBe(running.doorway.info.name);
    await page.locator('.doorway-panel[lang="en"]').waitFor({ timeout: WAIT });
    await waitForButton('Ask for help');

    const toggle = page.getByRole('button', { name: 'Emergency numbers' });
    await toggle.click();
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    await page.locator('.doorway-emergency a[href="tel:112"]').waitFor({ state: 'visible' });
    expect(await page.locator('.doorway-emergency a[href^="tel:"]').count()).toBe(running.doorway.info.emergency.length + running.doorway.info.helplines.length);
    await toggle.click();
    await page.locator('.doorway-emergency').waitFor({ state: 'hidden' });
  }, 60_000);

  it('should take a person through an intake, across a reload and a dropped line, to a booking with its reference', async () => {
    await press('Ask for help');
    await press("Yes, that's OK");
    await progressText().filter({ hasText: 'Getting started' }).waitFor({ timeout: WAIT });
    await press('For myself');
    await press('It was my own idea');
    await said('what is the main thing you would like help with?');
    await type(DIFFICULTY);
    await press("Yes, that's right");
    await press('Some months');
    await said('What would you like to be different?');

    // The goal is free text: what a person types is shown as text and never runs.
    await type(HTML_ATTACK);
    await press('Nothing yet');
    await chat().getByText(HTML_ATTACK).first().waitFor({ timeout: WAIT });
    expect(await page.evaluate(() => window.__pwned)).toBeUndefined();
    expect(await chat().locator('img[src="x"]').count()).toBe(0);

    await press('This week');
    await waitForButton('I keep going');
    await progressText().filter({ hasText: 'What is going well' }).waitFor({ timeout: WAIT });

    // A reload reopens the same conversation: the history and the open question are still there.
    await page.reload();
    await waitForButton('I keep going');
    await chat().getByText(DIFFICULTY).first().waitFor({ timeout: WAIT });
    await progressText().filter({ hasText: 'What is going well' }).waitFor({ timeout: WAIT });

    // The server drops the stream: the person is told, and told again when it is back.
    await page.waitForFunction(() => document.querySelector('.doorway-chat') !== null);
    expect(streams.size).toBeGreaterThan(0);
    for (const socket of streams) socket.destroy();
    const status = page.locator('.doorway-status');
    await status.filter({ hasText: 'The connection was lost' }).waitFor({ timeout: WAIT });
    await status.filter({ hasText: 'You are connected again' }).waitFor({ timeout: WAIT });

    await press('I keep going');
    await press("That's all");
    await press('Family');
    await press('Someone to talk to');
    await press('Close and strong');
    await press("No, that's all");
    await said('postcode');
    await type('0150');
    await press('By phone');
    await press('No interpreter needed');
    await press('Nothing needed');
    await press(/\d{2}:\d{2}/);
    await said('What would you like us to call you?');
    await type('Kari');
    await press('Phone');
    await said('Please write your');
    await type('41234567');
    await press('Yes, send it');

    const confirmation = chat().getByText(/Your reference is DW-[A-Z0-9]{6}/).first();
    await confirmation.waitFor({ timeout: WAIT });
    const reference = /DW-[A-Z0-9]{6}/.exec((await confirmation.textContent()) ?? '')?.[0];
    expect(reference).toBeDefined();
    await page.locator('.doorway-reference').filter({ hasText: `Your reference: ${reference}` }).waitFor({ timeout: WAIT });
    await progressText().filter({ hasText: '100% done' }).waitFor({ timeout: WAIT });
    expect(await page.evaluate(() => window.__pwned)).toBeUndefined();
    expect(pageErrors).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, 'desktop.png') });
  }, 180_000);

  it('should have no serious or critical accessibility violations', async () => {
    const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    const severe = results.violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .map((violation) => ({ id: violation.id, impact: violation.impact, nodes: violation.nodes.map((node) => node.target.join(' ')).slice(0, 5) }));
    expect(severe).toEqual([]);
  }, 60_000);

  it('should fit a 360 px phone screen without sideways scrolling', async () => {
    await page.setViewportSize({ width: 360, height: 740 });
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(SCREENSHOTS, 'phone.png') });
    await page.locator('#doorway-chat').scrollIntoViewIfNeeded();
    await page.locator('#doorway-chat').screenshot({ path: join(SCREENSHOTS, 'phone-chat.png') });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    const outside = await page
      .locator('.doorway-panel button, .webchat__suggested-actions button, .webchat__send-box button')
      .evaluateAll((buttons) => buttons.filter((button) => button.getBoundingClientRect().right > 360).map((button) => button.textContent));
    expect(outside).toEqual([]);
    const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    expect(results.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical').map((violation) => violation.id)).toEqual([]);
  }, 60_000);

  it('should offer to start over from the start-over control', async () => {
    await page.getByRole('button', { name: 'Start over' }).click();
    await chat().getByText('Do you want to start over?').first().waitFor({ timeout: WAIT });
  }, 60_000);

  it('should use the Direct Line the server names when it is set up for Azure', async () => {
    // A second site in Azure mode whose "Microsoft" is the first server's Direct Line: the page must
    // get its token from its own server, then talk only to the Direct Line it was told about.
    const app = express();
    app.use(webRoutes({ info: running.doorway.info, logger: createLogger('silent'), directLineSecret: 'stand-in-secret', azureDirectLineUrl: `${running.url}/v3/directline` }));
    const site = await serve(app);
    const siteUrl = site.url;
    const azurePage = await browser.newPage();
    try {
      const requests: string[] = [];
      azurePage.on('request', (request) => requests.push(`${request.method()} ${request.url()}`));
      await azurePage.goto(`${siteUrl}/`);
      await azurePage.locator('.webchat__suggested-actions').getByRole('button', { name: 'Ask for help', exact: true }).waitFor({ timeout: WAIT });
      expect(requests).toContain(`POST ${siteUrl}/api/directline/token`);
      expect(requests).toContain(`POST ${running.url}/v3/directline/conversations`);
      expect(requests.filter((request) => request.includes(`${siteUrl}/v3/`))).toEqual([]);
    } finally {
      await azurePage.close();
      await site.close();
    }
  }, 60_000);

  it("should add a chat button and panel to another site's page with the one-line snippet, usable by keyboard", async () => {
    const app = express();
    app.get('/', (_req, res) => {
      res.type('html').send(`<!doctype html><html lang="en"><head><title>Agency site</title></head><body><main><h1>Agency site</h1>
        <p>Welcome.</p></main><script src="${running.url}/embed.js" data-title="Talk to us" data-color="#5b2a86" data-position="left" async></script></body></html>`);
    });
    const site = await serve(app);
    const hostPage = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    try {
      await hostPage.goto(site.url);
      const launcher = hostPage.getByRole('button', { name: 'Open the chat: Talk to us' });
      await launcher.waitFor({ timeout: WAIT });
      expect((await launcher.boundingBox())?.x).toBeLessThan(100);
      await launcher.focus();
      await hostPage.keyboard.press('Enter');
      await hostPage.locator('.webchat__suggested-actions').getByRole('button', { name: 'Ask for help', exact: true }).waitFor({ timeout: WAIT });
      expect(await launcher.getAttribute('aria-expanded')).toBe('true');
      await hostPage.waitForFunction(() => document.activeElement?.getAttribute('data-id') === 'webchat-sendbox-input', undefined, { timeout: WAIT });
      await hostPage.screenshot({ path: join(SCREENSHOTS, 'embed-desktop.png') });
      await hostPage.keyboard.press('Escape');
      await hostPage.locator('.doorway-panel').waitFor({ state: 'hidden' });
      expect(await hostPage.evaluate(() => document.activeElement?.className)).toBe('doorway-launcher');
    } finally {
      await hostPage.close();
      await site.close();
    }
  }, 60_000);
});
