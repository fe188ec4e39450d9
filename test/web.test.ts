import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { STAGES } from '../dialogs/intake/stages';
import { loadAgency, toAgencyInfo } from '../bot/config/agency';
import { loadEnv } from '../bot/config/env';
import { createLogger } from '../bot/logger';
import { webRoutes } from '../bot/web';
import { demoPage } from '../bot/web/demo-page';
import type { WidgetStrings } from '../bot/web/widget-strings';
import { startDoorway, type RunningDoorway } from './helpers/test-server';

const info = toAgencyInfo(loadAgency(loadEnv({}).agencyConfig));

/** Listens on a loopback port; answers the URL and how to stop. */
async function listen(handler: Parameters<typeof createServer>[1]): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer(handler);
  server.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve()))
  };
}

describe('web routes (on the whole server)', () => {
  let running: RunningDoorway;
  beforeAll(async () => {
    running = await startDoorway();
  }, 60_000);
  afterAll(async () => {
    await running.close();
  });

  it('should serve the demo page with a lang attribute, the agency name and its emergency numbers', async () => {
    const response = await fetch(`${running.url}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    const page = await response.text();
    expect(page).toMatch(/<html lang="en">/);
    expect(page).toContain(`<title>${info.name}</title>`);
    for (const line of [...info.emergency, ...info.helplines]) {
      expect(page).toContain(`href="tel:${line.number.replace(/\s/g, '')}"`);
      expect(page).toContain(line.number);
    }
    expect(page).toContain('<script src="/embed.js" data-container="#doorway-chat" async></script>');
  });

  it('should serve the embed script and the widget styles as cacheable assets', async () => {
    const script = await fetch(`${running.url}/embed.js`);
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toMatch(/javascript/);
    expect(script.headers.get('cache-control')).toBe('public, max-age=300');
    expect(await script.text()).toContain('document.currentScript');
    const styles = await fetch(`${running.url}/web/widget.css`);
    expect(styles.status).toBe(200);
    expect(styles.headers.get('content-type')).toMatch(/^text\/css/);
  });

  it('should serve the Web Chat bundle from node_modules as JavaScript, gzipped and cached', async () => {
    const response = await fetch(`${running.url}/web/webchat.js`, { headers: { 'accept-encoding': 'gzip' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/javascript; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('public, max-age=86400');
    expect(response.headers.get('content-encoding')).toBe('gzip');
    const etag = response.headers.get('etag');
    expect(etag).toMatch(/^"webchat-4\.\d+\.\d+-\d+"$/);
    const bundle = await response.text();
    expect(bundle.length).toBeGreaterThan(1_000_000);
    expect(bundle).toContain('renderWebChat');

    const again = await fetch(`${running.url}/web/webchat.js`, { headers: { 'if-none-match': etag ?? '' } });
    expect(again.status).toBe(304);
  });

  it('should answer the widget strings for a language, with every stage label and the phone lines', async () => {
    const response = await fetch(`${running.url}/api/widget-strings?locale=en-GB`);
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    const strings = (await response.json()) as WidgetStrings;
    expect(strings.locale).toBe('en');
    expect(strings.webChatLocale).toBe('en-US');
    expect(Object.keys(strings.stages).sort()).toEqual([...STAGES].sort());
    expect(strings.stages.strengths).toBe('What is going well');
    expect(strings.text.connectionFailed).toContain(info.phone);
    expect(strings.text.progress).toContain('{stage}');
    expect(JSON.stringify(strings)).not.toMatch(/\[widget\./);
    expect(strings.emergency[0]).toEqual({ label: 'Police', number: '112', tel: 'tel:112' });
    expect(strings.helplines).toHaveLength(info.helplines.length);
  });

  it("should fall back to the agency's language for one it does not offer", async () => {
    const strings = (await (await fetch(`${running.url}/api/widget-strings?locale=xx-YY`)).json()) as WidgetStrings;
    expect(strings.locale).toBe(info.defaultLocale);
  });

  it('should use the built-in Direct Line and refuse Azure tokens when no secret is configured', async () => {
    expect(await (await fetch(`${running.url}/api/widget-config`)).json()).toEqual({ mode: 'builtin', domain: null, tokenPath: '/v3/directline/tokens/generate' });
    const response = await fetch(`${running.url}/api/directline/token`, { method: 'POST' });
    expect(response.status).toBe(503);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await response.json()).toEqual({ error: { code: 'AzureDirectLineOff', message: expect.any(String) } });
  });
});

describe('web routes (Azure Direct Line)', () => {
  const SECRET = 'azure-direct-line-secret-value';
  const logger = createLogger('silent');
  let calls: Array<{ method?: string; url?: string; authorization?: string; body: string }>;
  let answer: { status: number; body: unknown };
  let microsoft: { url: string; close(): Promise<void> };

  /** Our server with the web routes, pointed at `baseUrl` as Microsoft's Direct Line. */
  const doorwayWith = (baseUrl: string, secret: string | undefined = SECRET) => {
    const app = express();
    app.use(webRoutes({ info, logger, directLineSecret: secret, azureDirectLineUrl: baseUrl }));
    return listen(app);
  };

  beforeAll(async () => {
    // A stand-in for Microsoft's token endpoint: records what reaches it, answers as told.
    microsoft = await listen((req: IncomingMessage, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        calls.push({ method: req.method, url: req.url, authorization: req.headers.authorization, body });
        res.writeHead(answer.status, { 'content-type': 'application/json' }).end(JSON.stringify(answer.body));
      });
    });
  });
  afterAll(async () => {
    await microsoft.close();
  });
  beforeEach(() => {
    calls = [];
    answer = { status: 200, body: { conversationId: 'azure-conv-1', token: 'azure-token-1', expires_in: 3600 } };
  });

  it('should exchange the secret server-side for a conversation token, and never hand the secret out', async () => {
    const doorway = await doorwayWith(`${microsoft.url}/v3/directline/`);
    try {
      const config = await fetch(`${doorway.url}/api/widget-config`);
      const configText = await config.text();
      expect(JSON.parse(configText)).toEqual({ mode: 'azure', domain: `${microsoft.url}/v3/directline`, tokenPath: '/api/directline/token' });

      const response = await fetch(`${doorway.url}/api/directline/token`, { method: 'POST' });
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('no-store');
      const text = await response.text();
      const body = JSON.parse(text) as { conversationId: string; token: string; expires_in: number; userId: string };
      expect(body).toEqual({ conversationId: 'azure-conv-1', token: 'azure-token-1', expires_in: 3600, userId: expect.stringMatching(/^dl_[\w-]{16}$/) });

      expect(calls).toHaveLength(1);
      expect(calls[0]).toMatchObject({ method: 'POST', url: '/v3/directline/tokens/generate', authorization: `Bearer ${SECRET}` });
      expect(JSON.parse(calls[0]!.body)).toEqual({ user: { id: body.userId } });
      for (const seen of [configText, text, demoPage(info, 'en')]) expect(seen).not.toContain(SECRET);
    } finally {
      await doorway.close();
    }
  });

  it("should answer 502 JSON when Microsoft's service refuses or cannot be reached", async () => {
    answer = { status: 403, body: { error: { code: 'BadArgument', message: 'secret is invalid' } } };
    const refused = await doorwayWith(`${microsoft.url}/v3/directline`);
    const unreachable = await listen(() => undefined);
    const deadUrl = unreachable.url;
    await unreachable.close();
    const offline = await doorwayWith(`${deadUrl}/v3/directline`);
    try {
      for (const doorway of [refused, offline]) {
        const response = await fetch(`${doorway.url}/api/directline/token`, { method: 'POST' });
        expect(response.status).toBe(502);
        const text = await response.text();
        expect(JSON.parse(text)).toEqual({ error: { code: 'DirectLineUnavailable', message: expect.any(String) } });
        expect(text).not.toContain(SECRET);
      }
    } finally {
      await refused.close();
      await offline.close();
    }
  });

  it('should switch the whole server to Azure when DIRECTLINE_SECRET is set', async () => {
    const running = await startDoorway({ env: { DIRECTLINE_SECRET: SECRET } });
    try {
      const config = (await (await fetch(`${running.url}/api/widget-config`)).json()) as { mode: string; domain: string };
      expect(config).toEqual({ mode: 'azure', domain: 'https://directline.botframework.com/v3/directline', tokenPath: '/api/directline/token' });
    } finally {
      await running.close();
    }
  }, 60_000);
});

describe('demo page', () => {
  it('should escape what the agency file says, so it can never become markup', () => {
    const page = demoPage({ ...info, name: 'Riverside <script>alert(1)</script> & Co' }, 'en');
    expect(page).toContain('<title>Riverside &lt;script&gt;alert(1)&lt;/script&gt; &amp; Co</title>');
    expect(page).not.toContain('<script>alert(1)');
  });
});
