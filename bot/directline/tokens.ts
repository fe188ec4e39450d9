import { createHmac, timingSafeEqual } from 'node:crypto';

/** `conv` tokens call the REST API; `stream` tokens only open the WebSocket named in a streamUrl. */
export type TokenScope = 'conv' | 'stream';

/** What a valid token proves. */
export interface TokenClaims {
  conversationId: string;
  scope: TokenScope;
  /** Expiry, seconds since the epoch. */
  exp: number;
}

/** Issues and checks HS256 JWTs bound to one conversation. */
export interface TokenService {
  issue(conversationId: string, scope: TokenScope, ttlSeconds: number): { token: string; expiresIn: number };
  /** The claims, or undefined for a malformed, forged, expired or wrong-scope token. */
  verify(token: string, scope: TokenScope): TokenClaims | undefined;
}

// JWT-shaped so directlinejs's jwt-decode (used by setUserId) parses it instead of throwing.
const HEADER = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');

/** Creates the token service; `now` is injectable so tests can expire tokens. */
export function createTokenService(secret: string, now: () => Date): TokenService {
  const sign = (input: string) => createHmac('sha256', secret).update(input).digest();
  const seconds = () => Math.floor(now().getTime() / 1000);
  return {
    issue(conversationId, scope, ttlSeconds) {
      const iat = seconds();
      const payload = { conv: conversationId, scp: scope, iat, exp: iat + ttlSeconds };
      const body = `${HEADER}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}`;
      return { token: `${body}.${sign(body).toString('base64url')}`, expiresIn: ttlSeconds };
    },
    verify(token, scope) {
      const parts = token.split('.');
      if (parts.length !== 3 || parts[0] !== HEADER) return undefined;
      const expected = sign(`${parts[0]}.${parts[1]}`);
      const given = Buffer.from(parts[2], 'base64url');
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
      const claims = parsePayload(parts[1]);
      if (!claims || claims.scope !== scope || claims.exp <= seconds()) return undefined;
      return claims;
    }
  };
}

function parsePayload(encoded: string): TokenClaims | undefined {
  try {
    const payload: unknown = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8'));
    if (typeof payload !== 'object' || payload === null) return undefined;
    const { conv, scp, exp } = payload as Record<string, unknown>;
    if (typeof conv !== 'string' || (scp !== 'conv' && scp !== 'stream') || typeof exp !== 'number') return undefined;
    return { conversationId: conv, scope: scp, exp };
  } catch {
    return undefined;
  }
}
