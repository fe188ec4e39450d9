import { join } from 'node:path';
import { Router, type RequestHandler } from 'express';
import type { AgencyInfo } from '../../dialogs/types';
import { pickLocale } from '../../dialogs/turn/pick-locale';
import { perAddress } from '../directline/limits';
import type { Logger } from '../logger';
import { AZURE_DIRECT_LINE_URL, azureTokenRoute } from './azure-token';
import { demoPage } from './demo-page';
import { webChatBundleRoute } from './webchat-bundle';
import { widgetStrings } from './widget-strings';

export interface WebRoutesOptions {
  info: AgencyInfo;
  logger: Logger;
  /** With it, the widget talks to Microsoft's Direct Line instead of the built-in one. */
  directLineSecret?: string;
  /** Microsoft's Direct Line base URL; tests point it at a stand-in. */
  azureDirectLineUrl?: string;
}

/** What the widget asks first: which Direct Line to use and where its tokens come from. */
export interface WidgetConfig {
  mode: 'builtin' | 'azure';
  /** Direct Line base URL; null means this server's own `/v3/directline`. */
  domain: string | null;
  /** Path on this server that hands out a conversation token (POST). */
  tokenPath: string;
}

const PUBLIC_DIR = join(__dirname, 'public');
const SHORT_CACHE = 'public, max-age=300';

/**
 * The web side: the demo agency page (`/`), the embed script (`/embed.js`), the widget's styles,
 * the Web Chat bundle from node_modules, and the small JSON API the widget reads.
 */
export function webRoutes({ info, logger, directLineSecret, azureDirectLineUrl = AZURE_DIRECT_LINE_URL }: WebRoutesOptions): Router {
  const router = Router();
  const config: WidgetConfig = directLineSecret
    ? { mode: 'azure', domain: azureDirectLineUrl.replace(/\/+$/, ''), tokenPath: '/api/directline/token' }
    : { mode: 'builtin', domain: null, tokenPath: '/v3/directline/tokens/generate' };

  router.get('/', (req, res) => {
    const locale = pickLocale(req.acceptsLanguages()[0], undefined, info);
    res.set({ 'Cache-Control': 'no-cache', 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer', Vary: 'Accept-Language' });
    res.type('html').send(demoPage(info, locale));
  });
  router.get('/embed.js', asset('embed.js'));
  router.get('/web/widget.css', asset('widget.css'));
  router.get('/web/demo.css', asset('demo.css'));
  router.get('/web/webchat.js', webChatBundleRoute());

  // The widget runs on the agency's own site, so its API answers any origin; nothing in it is private.
  router.use(['/api/widget-config', '/api/widget-strings', '/api/directline/token'], openCors);
  router.get('/api/widget-config', (_req, res) => {
    res.set('Cache-Control', 'no-cache').json(config);
  });
  router.get('/api/widget-strings', (req, res) => {
    const requested = typeof req.query.locale === 'string' ? req.query.locale.slice(0, 35) : undefined;
    res.set('Cache-Control', SHORT_CACHE).json(widgetStrings(info, requested));
  });
  router.post(
    '/api/directline/token',
    perAddress(30, 60_000),
    azureTokenRoute({ secret: directLineSecret, baseUrl: azureDirectLineUrl.replace(/\/+$/, ''), logger })
  );
  return router;
}

function asset(file: string): RequestHandler {
  return (_req, res, next) => {
    res.sendFile(file, { root: PUBLIC_DIR, maxAge: 300_000, headers: { 'X-Content-Type-Options': 'nosniff' } }, (error) => {
      if (error) next(error);
    });
  };
}

const openCors: RequestHandler = (req, res, next) => {
  res.set({ 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Methods': 'GET, POST', 'Access-Control-Allow-Headers': 'Content-Type', 'Access-Control-Max-Age': '600' });
  if (req.method === 'OPTIONS') return void res.status(204).end();
  next();
};
