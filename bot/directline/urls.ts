import { createHash, createHmac } from 'node:crypto';
import type { Request } from 'express';
import { HttpError } from '../http/errors';

/** Prefix of the Bot Connector endpoints the agent replies to: `<base>/directline-connector/<key>`. */
export const CONNECTOR_PATH = '/directline-connector';

/**
 * The secret path segment that admits the agent's connector calls. It is derived from the token
 * secret so every replica computes the same one and a serviceUrl saved for a proactive message
 * keeps working after a restart.
 */
export function connectorKey(tokenSecret: string): string {
  return createHmac('sha256', tokenSecret).update('doorway directline connector').digest('base64url');
}

/** The serviceUrl put on activities delivered to the agent. */
export function serviceUrlFor(req: Request, publicUrl: string | undefined, key: string): string {
  return `${publicUrl ?? localOrigin(req)}${CONNECTOR_PATH}/${key}`;
}

// Not the Host header: a client chooses that, and the agent's calls to this URL carry the key.
// The address the socket was accepted on is this process's own.
function localOrigin(req: Request): string {
  const { localAddress, localPort } = req.socket;
  if (!localAddress || !localPort) {
    throw new HttpError(500, 'ServiceError', 'Direct Line needs publicUrl when not served over TCP.');
  }
  const address = localAddress.replace(/^::ffff:/, '');
  const scheme = 'encrypted' in req.socket ? 'https' : 'http';
  return `${scheme}://${address.includes(':') ? `[${address}]` : address}:${localPort}`;
}

/** The WebSocket URL a client opens; it comes back to the origin the client already reached. */
export function streamUrlFor(req: Request, publicUrl: string | undefined, conversationId: string, token: string, watermark = ''): string {
  const origin = publicUrl ?? `${req.protocol}://${req.get('host') ?? 'localhost'}`;
  const query = new URLSearchParams({ t: token });
  if (watermark) query.set('watermark', watermark);
  return `${origin.replace(/^http/, 'ws')}/v3/directline/conversations/${encodeURIComponent(conversationId)}/stream?${query}`;
}

/** A stable GUID-shaped id for the agent, which Web Chat's speech support reads. */
export function referenceGrammarId(botId: string): string {
  const hex = createHash('sha256').update(botId).digest('hex');
  return [hex.slice(0, 8), hex.slice(8, 12), hex.slice(12, 16), hex.slice(16, 20), hex.slice(20, 32)].join('-');
}
