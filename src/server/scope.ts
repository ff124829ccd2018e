/**
 * The tenant scope: which Composio user ids a request may see. Derived on the server by the host's
 * `resolveScope`, never read from the body, a header of its own or a cursor.
 *
 * Two kinds, and no default between them:
 * - a customer scope, `{ userIds }`: every upstream query is forced to those user ids;
 * - the project-wide admin scope, `{ kind: 'project' }` (`PROJECT_ADMIN_SCOPE`): no user id is
 *   forced, so the caller sees the whole project. Only `resolveScope` can return it, for requests
 *   the host has itself authenticated as an administrator's; nothing else in the BFF creates it.
 */
import { BffError } from './errors.ts';

/** A customer: the Composio user ids their data lives under. */
export interface CustomerScope {
  userIds: string[];
}

/** The whole project, for the host's own administrators: no `user_id` filter is forced. */
export interface ProjectAdminScope {
  kind: 'project';
}

export type Scope = CustomerScope | ProjectAdminScope;

/** What `resolveScope` returns for an administrator's request (and the only way to get one). */
export const PROJECT_ADMIN_SCOPE: ProjectAdminScope = Object.freeze({ kind: 'project' });

/** Returns the scope, `null` for "not signed in" (→ 401), or throws a BffError for a specific 401. */
export type ResolveScope = (request: Request) => Scope | null | Promise<Scope | null>;

export const DEFAULT_MAX_SCOPE_USERS = 20;

export const isProjectScope = (scope: Scope): scope is ProjectAdminScope => 'kind' in scope && scope.kind === 'project';

/**
 * A scope's identity for budgets, caches and cursors (user ids are sorted and unique once
 * resolved). The two kinds live in different key spaces: no list of user ids can name the project.
 */
export const scopeKey = (scope: Scope): string => (isProjectScope(scope) ? 'project' : `users:${scope.userIds.join('\n')}`);

const misconfigured = () =>
  new BffError(
    500,
    "Server misconfiguration: resolveScope must return { userIds: string[] } with at least one non-empty id, or { kind: 'project' } alone",
  );

export async function resolveOrReject(resolve: ResolveScope, request: Request, maxUsers: number): Promise<Scope> {
  const scope = await resolve(request);
  if (!scope) throw new BffError(401, 'Not signed in', { suggested_fix: 'Sign in to the host application, or send an embed token' });
  if (typeof scope !== 'object') throw misconfigured();
  // the project scope is asked for exactly, never inferred: a `kind` of any other value, or next to
  // user ids (which would it be?), is a server bug, not "everything"
  if ('kind' in scope) {
    const keys = Object.keys(scope);
    if ((scope as { kind: unknown }).kind !== 'project' || keys.length !== 1) throw misconfigured();
    return PROJECT_ADMIN_SCOPE;
  }
  // a misconfigured resolveScope is a server bug, not the caller's: never coerce (a string would be
  // split into characters: other customers' ids) and never fall back to "everything"
  const listed: unknown = (scope as { userIds?: unknown }).userIds;
  if (!Array.isArray(listed) || !listed.length || listed.some((id) => typeof id !== 'string' || !id)) throw misconfigured();
  const userIds = [...new Set(listed as string[])];
  if (userIds.length > maxUsers) throw new BffError(500, `Server misconfiguration: a scope may hold at most ${maxUsers} user ids`);
  return { userIds: userIds.sort() };
}
