import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { gzip } from 'node:zlib';
import { promisify } from 'node:util';
import type { RequestHandler } from 'express';
import { sendError } from '../http/errors';

/** Web Chat's standalone UMD bundle (React included); `window.WebChat` once loaded. */
const BUNDLE_FILE = join('dist', 'webchat.js');

/** Where the installed botframework-webchat package keeps its bundle, and which version it is. */
export function findWebChatBundle(): { path: string; version: string } | undefined {
  let entry: string;
  try {
    entry = require.resolve('botframework-webchat');
  } catch {
    return undefined;
  }
  // The package's `exports` hide package.json and dist/, so walk up from its main entry.
  for (let dir = dirname(entry); dir !== dirname(dir); dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (!existsSync(manifest)) continue;
    const { name, version } = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string; version?: string };
    if (name !== 'botframework-webchat') continue;
    const path = resolve(dir, BUNDLE_FILE);
    return existsSync(path) ? { path, version: version ?? 'unknown' } : undefined;
  }
  return undefined;
}

/**
 * Serves the Web Chat bundle from node_modules, so no page depends on a CDN. It is about 4 MB,
 * so it is read and gzipped once, on first request, and revalidated by ETag after a day.
 */
export function webChatBundleRoute(bundle = findWebChatBundle()): RequestHandler {
  let loaded: Promise<{ plain: Buffer; gzipped: Buffer }> | undefined;
  const load = async () => {
    if (!bundle) throw new Error('botframework-webchat is not installed');
    const plain = readFileSync(bundle.path);
    return { plain, gzipped: await promisify(gzip)(plain) };
  };
  return async (req, res, next) => {
    if (!bundle) return sendError(res, 503, 'WebChatMissing', 'The Web Chat bundle is not installed on this server (npm install botframework-webchat).');
    try {
      loaded ??= load();
      const { plain, gzipped } = await loaded;
      const etag = `"webchat-${bundle.version}-${plain.length}"`;
      res.set({
        'Content-Type': 'application/javascript; charset=utf-8',
        'Cache-Control': 'public, max-age=86400',
        ETag: etag,
        Vary: 'Accept-Encoding',
        'X-Content-Type-Options': 'nosniff'
      });
      if (req.get('If-None-Match') === etag) return void res.status(304).end();
      if (req.acceptsEncodings('gzip', 'identity') === 'gzip') {
        res.set('Content-Encoding', 'gzip');
        return void res.send(gzipped);
      }
      res.send(plain);
    } catch (error) {
      loaded = undefined;
      next(error);
    }
  };
}
