import { randomBytes } from 'node:crypto';
import type { RequestHandler } from 'express';
import { sendError } from '../http/errors';
import type { Logger } from '../logger';

/** Microsoft's Direct Line 3.0 service; tests point this at a stand-in. */
export const AZURE_DIRECT_LINE_URL = 'https://directline.botframework.com/v3/directline';

export interface AzureTokenOptions {
  /** The Direct Line channel's secret; without it the route answers 503. */
  secret?: string;
  /** Base URL of the Direct Line service, without a trailing slash. */
  baseUrl: string;
  logger: Logger;
  /** How long to wait for Microsoft before giving up. */
  timeoutMs?: number;
}

/**
 * `POST /api/directline/token`: trades the secret for a token that opens one conversation, so the
 * secret stays on the server. The user id is made here and sealed into the token (a `dl_` id), so
 * a page cannot speak as someone else.
 */
export function azureTokenRoute({ secret, baseUrl, logger, timeoutMs = 10_000 }: AzureTokenOptions): RequestHandler {
  return async (_req, res) => {
    if (!secret) return sendError(res, 503, 'AzureDirectLineOff', 'Azure Direct Line is not configured on this server; use the built-in Direct Line.');
    const userId = `dl_${randomBytes(12).toString('base64url')}`;
    let response: Response;
    try {
      response = await fetch(`${baseUrl}/tokens/generate`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${secret}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ user: { id: userId } }),
        signal: AbortSignal.timeout(timeoutMs)
      });
    } catch (error) {
      // Only the error's message: the request (and its Authorization header) must never reach a log.
      logger.error({ reason: error instanceof Error ? error.message : String(error) }, 'azure direct line: token request failed');
      return sendError(res, 502, 'DirectLineUnavailable', 'The chat service could not be reached; please try again.');
    }
    const body = (await response.json().catch(() => undefined)) as { conversationId?: unknown; token?: unknown; expires_in?: unknown } | undefined;
    if (!response.ok || typeof body?.token !== 'string' || typeof body.conversationId !== 'string') {
      logger.error({ status: response.status }, 'azure direct line: token request refused');
      return sendError(res, 502, 'DirectLineUnavailable', 'The chat service could not start a conversation; please try again.');
    }
    res.set('Cache-Control', 'no-store');
    res.json({ conversationId: body.conversationId, token: body.token, expires_in: typeof body.expires_in === 'number' ? body.expires_in : undefined, userId });
  };
}
