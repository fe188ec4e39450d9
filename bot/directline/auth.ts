import type { Request, RequestHandler } from 'express';
import { sendError } from '../http/errors';
import type { DirectLineContext } from './context';
import type { TokenClaims } from './tokens';

const claimsByRequest = new WeakMap<Request, TokenClaims>();

/** The claims `requireToken` checked for this request, if it ran and admitted it. */
export function findClaims(req: Request): TokenClaims | undefined {
  return claimsByRequest.get(req);
}

/** The claims `requireToken` checked for this request. */
export function claimsOf(req: Request): TokenClaims {
  const claims = claimsByRequest.get(req);
  if (!claims) throw new Error('requireToken must run before this handler');
  return claims;
}

/** The bearer token from the Authorization header, if any. */
export function bearerToken(req: Request): string | undefined {
  const token = /^Bearer\s+(\S+)\s*$/i.exec(req.get('authorization') ?? '')?.[1];
  // directlinejs constructed without a token sends `Bearer undefined`; that is no token at all.
  return token === 'undefined' || token === 'null' ? undefined : token;
}

/**
 * Admits a request with a valid conversation token (401 otherwise) whose conversation is the
 * `:id` in the path, when there is one (403 otherwise).
 */
export function requireToken(ctx: DirectLineContext): RequestHandler {
  return (req, res, next) => {
    const token = bearerToken(req);
    const claims = token === undefined ? undefined : ctx.tokens.verify(token, 'conv');
    if (!claims) return sendError(res, 401, 'TokenInvalid', 'A valid, unexpired Direct Line token is required.');
    const pathId = req.params.id;
    if (typeof pathId === 'string' && pathId !== claims.conversationId) {
      return sendError(res, 403, 'Forbidden', 'This token is for another conversation.');
    }
    claimsByRequest.set(req, claims);
    next();
  };
}
