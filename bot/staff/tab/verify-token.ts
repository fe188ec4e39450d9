import { createRemoteJWKSet, jwtVerify, type JWTPayload } from 'jose';

/** The signed-in staff member, from a validated Entra ID token. */
export interface StaffIdentity {
  objectId: string;
  name?: string;
  tenantId: string;
}

export interface TokenVerifierOptions {
  /** e.g. https://login.microsoftonline.com; tests point it at a local key server. */
  authority: string;
  tenantId: string;
  audience: string;
}

/**
 * Validates Teams SSO tokens: signature against the tenant's published keys, audience, issuer
 * (v2 and v1 forms of the one tenant, so another tenant's staff are refused) and lifetime.
 */
export function createTokenVerifier(options: TokenVerifierOptions) {
  const jwks = createRemoteJWKSet(new URL(`${options.authority}/${options.tenantId}/discovery/v2.0/keys`));
  const issuers = [`${options.authority}/${options.tenantId}/v2.0`, `https://sts.windows.net/${options.tenantId}/`];

  return async (token: string): Promise<StaffIdentity> => {
    const { payload } = await jwtVerify(token, jwks, {
      audience: options.audience,
      issuer: issuers,
      algorithms: ['RS256'],
      clockTolerance: 60
    });
    if (payload.tid !== options.tenantId || typeof payload.oid !== 'string') throw new Error('the token is not for this tenant');
    return { objectId: payload.oid, name: nameOf(payload), tenantId: options.tenantId };
  };
}

export type TokenVerifier = ReturnType<typeof createTokenVerifier>;

function nameOf(payload: JWTPayload): string | undefined {
  return typeof payload.name === 'string' ? payload.name : undefined;
}
