import type { Request, RequestHandler } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import { sendError } from '../http/errors';
import { claimsOf } from './auth';

/** Limits per conversation; must run after `requireToken`. */
export function perConversation(limit: number, windowMs: number): RequestHandler {
  return limiter(limit, windowMs, (req) => `conversation:${claimsOf(req).conversationId}`);
}

/** Limits per client address (per /56 for IPv6); honours the app's `trust proxy` setting. */
export function perAddress(limit: number, windowMs: number): RequestHandler {
  return limiter(limit, windowMs, (req) => `address:${ipKeyGenerator(req.ip ?? '')}`);
}

// In-memory counters: each replica counts on its own, which still stops one client's flood.
function limiter(limit: number, windowMs: number, key: (req: Request) => string): RequestHandler {
  return rateLimit({
    windowMs,
    limit,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    keyGenerator: key,
    handler: (_req, res) => sendError(res, 429, 'TooManyRequests', 'Too many requests; please wait a moment and try again.')
  });
}
