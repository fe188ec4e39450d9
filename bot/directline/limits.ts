import type { Request, RequestHandler } from 'express';
import { ipKeyGenerator, rateLimit, type Store } from 'express-rate-limit';
import { sendError } from '../http/errors';
import { claimsOf } from './auth';

/** Limits per conversation; must run after `requireToken`. */
export function perConversation(limit: number, windowMs: number, store?: Store): RequestHandler {
  return limiter(limit, windowMs, (req) => `conversation:${claimsOf(req).conversationId}`, store);
}

/** Limits per client address (per /56 for IPv6); honours the app's `trust proxy` setting. */
export function perAddress(limit: number, windowMs: number, store?: Store): RequestHandler {
  return limiter(limit, windowMs, (req) => `address:${ipKeyGenerator(req.ip ?? '')}`, store);
}

/**
 * Counts in memory unless given a store; replicas share one in PostgreSQL (`bot/http/shared-limits.ts`).
 * When the store cannot be reached the request passes: a limit must not take the service down.
 */
function limiter(limit: number, windowMs: number, key: (req: Request) => string, store?: Store): RequestHandler {
  return rateLimit({
    ...(store ? { store, passOnStoreError: true } : {}),
    windowMs,
    limit,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    keyGenerator: key,
    handler: (_req, res) => sendError(res, 429, 'TooManyRequests', 'Too many requests; please wait a moment and try again.')
  });
}
