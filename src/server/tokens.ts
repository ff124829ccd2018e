/**
 * Embed tokens: short-lived HS256 JWTs (jose) naming the user ids a page may see, for hosts that
 * cannot send cookies to the BFF (static pages, other origins). The host's backend mints them
 * after its own login; `bearerTokenScope` turns a valid `Authorization: Bearer` into a scope.
 */
import { jwtVerify, SignJWT, errors as joseErrors } from 'jose';
import { BffError } from './errors.ts';
import type { Scope } from './scope.ts';

const ISSUER = 'composio-widgets';
const AUDIENCE = 'composio-widgets-bff';
const USER_IDS_CLAIM = 'composio_user_ids';

export type Secret = string | Uint8Array;

function keyOf(secret: Secret): Uint8Array {
  const key = typeof secret === 'string' ? new TextEncoder().encode(secret) : secret;
  if (key.byteLength < 32) throw new Error('The embed token secret must be at least 32 bytes');
  return key;
}

export interface EmbedTokenClaims {
  userIds: string[];
  /** Lifetime; keep it short (default 15 minutes): the element refreshes before expiry. */
  ttlSeconds?: number;
}

export async function createEmbedToken({ userIds, ttlSeconds = 900 }: EmbedTokenClaims, secret: Secret): Promise<string> {
  if (!userIds.length || userIds.some((id) => typeof id !== 'string' || !id)) throw new Error('createEmbedToken: userIds must be non-empty strings');
  return new SignJWT({ [USER_IDS_CLAIM]: userIds })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(`${Math.max(1, Math.floor(ttlSeconds))}s`)
    .sign(keyOf(secret));
}

/** A `resolveScope` that accepts `Authorization: Bearer <embed token>`; anything else → 401. */
export function bearerTokenScope(secret: Secret, options: { now?: () => number } = {}): (request: Request) => Promise<Scope> {
  const key = keyOf(secret);
  return async (request) => {
    const header = request.headers.get('authorization') ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw new BffError(401, 'Missing embed token: send Authorization: Bearer <token>');
    try {
      const { payload } = await jwtVerify(match[1], key, {
        algorithms: ['HS256'],
        issuer: ISSUER,
        audience: AUDIENCE,
        ...(options.now ? { currentDate: new Date(options.now()) } : {}),
      });
      const userIds = payload[USER_IDS_CLAIM];
      if (!Array.isArray(userIds) || !userIds.every((id) => typeof id === 'string')) throw new Error('claim');
      return { userIds };
    } catch (error) {
      if (error instanceof joseErrors.JWTExpired) {
        throw new BffError(401, 'Embed token expired', { suggested_fix: 'Fetch a fresh token from your backend and retry' });
      }
      throw new BffError(401, 'Invalid embed token', { suggested_fix: 'Mint tokens with createEmbedToken and the same secret' });
    }
  };
}
