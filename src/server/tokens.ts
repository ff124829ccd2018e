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
  if (ttlSeconds > DEFAULT_MAX_TOKEN_LIFETIME_SECONDS)
    throw new Error(`createEmbedToken: ttlSeconds must be at most ${DEFAULT_MAX_TOKEN_LIFETIME_SECONDS}`);
  if (!userIds.length || userIds.some((id) => typeof id !== 'string' || !id))
    throw new Error('createEmbedToken: userIds must be non-empty strings');
  return new SignJWT({ [USER_IDS_CLAIM]: userIds })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(`${Math.max(1, Math.floor(ttlSeconds))}s`)
    .sign(keyOf(secret));
}

/** Longest lifetime a token may claim (exp − iat) unless `maxLifetimeSeconds` says otherwise: one hour. */
export const DEFAULT_MAX_TOKEN_LIFETIME_SECONDS = 3_600;

/**
 * A `resolveScope` that accepts `Authorization: Bearer <embed token>`; anything else → 401. A token
 * must carry `exp` and `iat`, live at most `maxLifetimeSeconds`, and name at least one user id: a
 * signed token without an end, or a 100-year one, would be a key that never expires.
 */
export function bearerTokenScope(
  secret: Secret,
  options: { now?: () => number; maxLifetimeSeconds?: number } = {},
): (request: Request) => Promise<Scope> {
  const key = keyOf(secret);
  const maxLifetime = options.maxLifetimeSeconds ?? DEFAULT_MAX_TOKEN_LIFETIME_SECONDS;
  return async (request) => {
    const header = request.headers.get('authorization') ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw new BffError(401, 'Missing embed token: send Authorization: Bearer <token>');
    try {
      const { payload } = await jwtVerify(match[1], key, {
        algorithms: ['HS256'],
        issuer: ISSUER,
        audience: AUDIENCE,
        requiredClaims: ['exp', 'iat'],
        maxTokenAge: maxLifetime,
        ...(options.now ? { currentDate: new Date(options.now()) } : {}),
      });
      if (payload.exp! - payload.iat! > maxLifetime) throw new Error('lifetime');
      const userIds = payload[USER_IDS_CLAIM];
      if (!Array.isArray(userIds) || !userIds.length || !userIds.every((id) => typeof id === 'string' && id)) throw new Error('claim');
      return { userIds };
    } catch (error) {
      if (error instanceof joseErrors.JWTExpired) {
        throw new BffError(401, 'Embed token expired', { suggested_fix: 'Fetch a fresh token from your backend and retry' });
      }
      throw new BffError(401, 'Invalid embed token', { suggested_fix: 'Mint tokens with createEmbedToken and the same secret' });
    }
  };
}
