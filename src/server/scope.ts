/** The tenant scope: which Composio user ids a request may see. Derived on the server, never read from the body. */
import { BffError } from './errors.ts';

export interface Scope {
  userIds: string[];
}

/** Returns the scope, `null` for "not signed in" (→ 401), or throws a BffError for a specific 401. */
export type ResolveScope = (request: Request) => Scope | null | Promise<Scope | null>;

export const DEFAULT_MAX_SCOPE_USERS = 20;

/** A scope's identity for budgets (user ids are sorted and unique once resolved). */
export const scopeKey = (scope: Scope): string => scope.userIds.join('\n');

export async function resolveOrReject(resolve: ResolveScope, request: Request, maxUsers: number): Promise<Scope> {
  const scope = await resolve(request);
  if (!scope) throw new BffError(401, 'Not signed in', { suggested_fix: 'Sign in to the host application, or send an embed token' });
  // a misconfigured resolveScope is a server bug, not the caller's: never coerce (a string would be
  // split into characters: other customers' ids) and never fall back to "everything"
  const listed: unknown = (scope as { userIds?: unknown }).userIds;
  if (!Array.isArray(listed) || !listed.length || listed.some((id) => typeof id !== 'string' || !id)) {
    throw new BffError(500, 'Server misconfiguration: resolveScope must return { userIds: string[] } with at least one non-empty id');
  }
  const userIds = [...new Set(listed as string[])];
  if (userIds.length > maxUsers) throw new BffError(500, `Server misconfiguration: a scope may hold at most ${maxUsers} user ids`);
  return { userIds: userIds.sort() };
}
