/**
 * Logs through the BFF. Composio's log search takes AND-ed filters only, so a customer with
 * several user ids is served by one query per user, merged newest-first. The browser gets one
 * stateless composite cursor: per user, the upstream cursor of the page being read and how many
 * of its rows were already shown, signed and bound to the caller's scope and query.
 */
import type { LogDetail, LogEntry, LogFilter, LogListRequest, LogListResponse } from '../contract/upstream.ts';
import { LOG_LIST_DEFAULT_LIMIT, UPSTREAM_PATHS, USAGE_MAX_WINDOW_MS } from '../contract/constants.ts';
import { matchesFilter } from '../core/filters.ts';
import { canonicalJson, type Upstream } from './upstream.ts';
import { LRUCache } from 'lru-cache';
import { sha256Base64Url, type CursorSigner } from './cursor.ts';
import { BffError } from './errors.ts';
import { checkWindow } from './validation.ts';
import { isProjectScope, scopeKey, type Scope } from './scope.ts';
import { mapWithConcurrency } from '../core/concurrency.ts';

/** Where a user's stream stands: the upstream page being read and rows of it already shown; 0 = exhausted. */
type StreamState = [cursor: string | null, skip: number] | 0;

interface CursorPayload {
  v: 1;
  /** hash of the scope's key (its user ids, or the project) */
  s: string;
  /** hash of filters, time range and page size */
  q: string;
  /** the window all pages read, fixed at page one so new logs cannot shift it */
  w: [from: number, to: number];
  st: StreamState[];
}

export interface LogsContext {
  upstream: Upstream;
  signer: CursorSigner;
  now: () => number;
  concurrency: number;
  ttl: { firstPageMs: number; pageMs: number; detailMs: number };
  redact?: <T extends LogEntry>(log: T) => T;
  /** Details as sent (text and ETag), so that a big one is parsed, serialised and hashed once per process. */
  replies: LRUCache<string, DetailReply>;
}

/** A log detail as the route sends it. */
export interface DetailReply {
  owner: string | undefined;
  body: string;
  etag: string;
}

/**
 * The upstream streams to read: for a customer, one per scope user that passes the client's own
 * `user_id` filters (which can narrow, never widen); for the project admin scope, one stream of
 * the whole project (`null`: no user forced), the client's filters sent as they are.
 */
function streamsInView(scope: Scope, filters: readonly LogFilter[]): (string | null)[] {
  if (isProjectScope(scope)) return [null];
  const userFilters = filters.filter((f) => f.field === 'user_id');
  return scope.userIds.filter((id) => userFilters.every((f) => matchesFilter(f.operator, f.value, id)));
}

function newer(a: LogEntry, b: LogEntry): boolean {
  return Date.parse(a.timestamp) > Date.parse(b.timestamp);
}

export async function listLogs(ctx: LogsContext, scope: Scope, body: LogListRequest): Promise<LogListResponse> {
  const limit = body.limit ?? LOG_LIST_DEFAULT_LIMIT;
  const clientFilters = body.filters ?? [];
  const users = streamsInView(scope, clientFilters);
  // a customer's user_id filters chose the streams; the project's go upstream as they are
  const otherFilters = isProjectScope(scope) ? clientFilters : clientFilters.filter((f) => f.field !== 'user_id');
  // the cursor is bound to the scope's key: one minted for a customer never verifies for the project, nor back
  const scopeHash = await sha256Base64Url(scopeKey(scope));
  const queryHash = await sha256Base64Url(canonicalJson({ f: clientFilters, t: body.time_range ?? null, l: limit }));

  let window: [number, number];
  let states: StreamState[];
  if (body.cursor) {
    const payload = (await ctx.signer.verify(body.cursor)) as CursorPayload;
    if (payload?.v !== 1 || payload.s !== scopeHash || payload.q !== queryHash || payload.st?.length !== users.length) {
      throw new BffError(400, 'Cursor does not belong to this query', {
        suggested_fix: 'Keep filters, time_range and limit unchanged while paging; start again without a cursor',
      });
    }
    window = payload.w;
    states = payload.st;
  } else {
    // whole seconds: identical requests in the same second share one upstream call
    if (body.time_range) checkWindow(body.time_range.from, body.time_range.to, 'time_range');
    const snapshot = Math.floor(ctx.now() / 1000) * 1000;
    const to = Math.min(body.time_range?.to ?? snapshot, snapshot);
    const from = body.time_range?.from ?? to - USAGE_MAX_WINDOW_MS;
    window = [Math.min(from, to), to];
    states = users.map(() => [null, 0]);
  }

  const page = (user: string | null, cursor: string | null) =>
    ctx.upstream.call<LogListResponse>({
      method: 'POST',
      path: UPSTREAM_PATHS.logList,
      auth: 'project',
      ttlMs: cursor ? ctx.ttl.pageMs : ctx.ttl.firstPageMs,
      payer: scopeKey(scope),
      shape: 'logList',
      body: {
        limit,
        cursor,
        filters: user === null ? otherFilters : [...otherFilters, { field: 'user_id', operator: '==', value: user }],
        time_range: { from: window[0], to: window[1] },
      },
    });

  // read each live stream far enough to have `limit` unseen rows (at most two upstream pages)
  const streams = await mapWithConcurrency(states, ctx.concurrency, async (state, i) => {
    if (state === 0) return { rows: [] as LogEntry[], pages: [] as LogListResponse[] };
    const [cursor, skip] = state;
    const first = await page(users[i], cursor);
    const pages = [first];
    let rows = first.logs.slice(skip);
    if (rows.length < limit && first.next_cursor) {
      const second = await page(users[i], first.next_cursor);
      pages.push(second);
      rows = rows.concat(second.logs);
    }
    return { rows, pages };
  });

  // k-way merge, newest first; ties go to the earlier stream so every page cuts the same way
  const taken = streams.map(() => 0);
  const logs: LogEntry[] = [];
  while (logs.length < limit) {
    let best = -1;
    streams.forEach((s, i) => {
      const head = s.rows[taken[i]];
      if (head && (best < 0 || newer(head, streams[best].rows[taken[best]]))) best = i;
    });
    if (best < 0) break;
    logs.push(streams[best].rows[taken[best]++]);
  }

  const next: StreamState[] = states.map((state, i) => {
    if (state === 0) return 0;
    const { pages } = streams[i];
    let position = state[1] + taken[i];
    let cursor = state[0];
    for (const p of pages) {
      if (position < p.logs.length) return [cursor, position];
      position -= p.logs.length;
      if (!p.next_cursor) return 0;
      cursor = p.next_cursor;
    }
    return [cursor, position];
  });

  const more = next.some((s) => s !== 0);
  return {
    logs: ctx.redact ? logs.map((log) => ctx.redact!(log)) : logs,
    next_cursor: more ? await ctx.signer.sign({ v: 1, s: scopeHash, q: queryHash, w: window, st: next } satisfies CursorPayload) : null,
  };
}

/**
 * The detail, only when the log belongs to one of the caller's users (any log of the project under
 * the project admin scope); 404 otherwise (never 403: no oracle). Its text and ETag are made once:
 * re-serialising and hashing a 5 MB detail on every request took ~50 ms of the event loop.
 *
 * Another customer's id and an unknown one must take the same path, or the time of a 404 tells
 * whether an id exists: each is one upstream call at a caller's first ask, then that caller's own
 * cache entry. So the made text answers its owners only, and upstream answers are cached per scope.
 */
export async function logDetail(ctx: LogsContext, scope: Scope, id: string): Promise<DetailReply> {
  const notFound = new BffError(404, `Log ${id} not found`, { suggested_fix: 'Check the log id' });
  const mine = (owner: string | undefined) => isProjectScope(scope) || (owner !== undefined && scope.userIds.includes(owner));
  const made = ctx.replies.get(id);
  if (made && mine(made.owner)) return made;
  let detail: LogDetail;
  try {
    detail = await ctx.upstream.call<LogDetail>({
      method: 'GET',
      path: UPSTREAM_PATHS.logDetail(id),
      auth: 'project',
      ttlMs: ctx.ttl.detailMs,
      // unknown ids are remembered like known ones: no upstream call per guess
      notFoundTtlMs: ctx.ttl.detailMs,
      cachedFor: scopeKey(scope),
      payer: scopeKey(scope),
      shape: 'logDetail',
    });
  } catch (error) {
    throw error instanceof BffError && error.status === 404 ? notFound : error;
  }
  const owner = typeof detail?.metadata?.user_id === 'string' ? detail.metadata.user_id : undefined;
  if (!mine(owner)) throw notFound;
  const body = JSON.stringify(ctx.redact ? ctx.redact(detail) : detail);
  const reply = { owner, body, etag: `"${await sha256Base64Url(body)}"` };
  ctx.replies.set(id, reply);
  return reply;
}
