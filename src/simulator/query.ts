/**
 * Queries over the columnar data set. Filters on dictionary-backed fields compile to a mask over
 * the dictionary (evaluate the operator once per distinct value, then one array read per log),
 * so a million-log summary is a single loop over typed arrays.
 */
import type { LogFilter, UsageGroup } from '../contract/upstream.ts';
import { matchesFilter as matches } from '../core/filters.ts';
import { formatScaled } from '../core/decimal.ts';
import { FAILURE_KINDS, PROJECTS, TOOLS } from './catalog.ts';
import { lowerBound, type Dataset } from './dataset.ts';
import type { Records } from './records.ts';

function maskOf(values: readonly string[], filter: LogFilter): Uint8Array {
  return Uint8Array.from(values, (v) => (matches(filter.operator, filter.value, v) ? 1 : 0));
}

/** Which logs a query may see: projects in scope plus optional user/session/project restrictions. */
export interface Scope {
  projects: readonly number[];
  userIds?: readonly string[] | null;
  sessionIds?: readonly string[] | null;
}

interface CompiledFilters {
  actorMask: Uint8Array;
  masks: { mask: Uint8Array; column: ArrayLike<number> }[];
  predicates: ((index: number) => boolean)[];
}

function scopeActorMask(ds: Dataset, scope: Scope): Uint8Array {
  const users = scope.userIds ? new Set(scope.userIds) : null;
  return Uint8Array.from(ds.actors, (a) => (scope.projects.includes(a.project) && (!users || users.has(a.userId)) ? 1 : 0));
}

function sessionMask(ds: Dataset, sessionIds: readonly string[]): Uint8Array {
  const wanted = new Set(sessionIds);
  return Uint8Array.from(ds.sessionIds, (id, code) => (code > 0 && wanted.has(id) ? 1 : 0));
}

function compile(ds: Dataset, records: Records, scope: Scope, filters: readonly LogFilter[]): CompiledFilters {
  const actorMask = scopeActorMask(ds, scope);
  const masks: CompiledFilters['masks'] = [];
  const predicates: CompiledFilters['predicates'] = [];
  if (scope.sessionIds) masks.push({ mask: sessionMask(ds, scope.sessionIds), column: ds.session });
  const sandboxBySession = () => Array.from(ds.sessionIds, (_, code) => ds.sandboxIds[ds.sessionSandbox[code]] ?? '');

  for (const filter of filters) {
    switch (filter.field) {
      case 'tool_slug':
        masks.push({
          mask: maskOf(
            TOOLS.map((t) => t.slug),
            filter,
          ),
          column: ds.tool,
        });
        break;
      case 'toolkit_slug':
        masks.push({
          mask: maskOf(
            TOOLS.map((t) => t.toolkit),
            filter,
          ),
          column: ds.tool,
        });
        break;
      case 'user_id': {
        const mask = maskOf(
          ds.actors.map((a) => a.userId),
          filter,
        );
        mask.forEach((m, a) => (actorMask[a] &= m));
        break;
      }
      case 'status':
        masks.push({ mask: maskOf(['success', ...FAILURE_KINDS.map(() => 'failed')], filter), column: ds.failure });
        break;
      case 'connected_account_id':
        masks.push({ mask: maskOf(ds.accountIds, filter), column: ds.account });
        break;
      case 'session_id':
        masks.push({ mask: maskOf(ds.sessionIds, filter), column: ds.session });
        break;
      case 'sandbox_id':
        masks.push({ mask: maskOf(sandboxBySession(), filter), column: ds.session });
        break;
      case 'auth_config_id': {
        const byProject = ds.authConfigIds.map((ids) => maskOf(ids, filter));
        const absent = matches(filter.operator, filter.value, '') ? 1 : 0;
        predicates.push((i) =>
          ds.account[i] ? byProject[ds.actors[ds.actor[i]].project][ds.toolToolkit[ds.tool[i]]] === 1 : absent === 1,
        );
        break;
      }
      case 'log_id':
      case 'request_id': {
        const decode = filter.field === 'log_id' ? records.indexOfLogId.bind(records) : records.indexOfRequestId.bind(records);
        const render = filter.field === 'log_id' ? records.logId.bind(records) : records.requestId.bind(records);
        if (filter.operator === '==' || filter.operator === '!=') {
          const target = decode(filter.value) ?? -1;
          predicates.push(filter.operator === '==' ? (i) => i === target : (i) => i !== target);
        } else {
          predicates.push((i) => matches(filter.operator, filter.value, render(i)));
        }
        break;
      }
    }
  }
  return { actorMask, masks, predicates };
}

function matcher(ds: Dataset, compiled: CompiledFilters): (index: number) => boolean {
  const { actorMask, masks, predicates } = compiled;
  const actor = ds.actor;
  return (i) => {
    if (!actorMask[actor[i]]) return false;
    for (const { mask, column } of masks) if (!mask[column[i]]) return false;
    for (const predicate of predicates) if (!predicate(i)) return false;
    return true;
  };
}

export interface ListQuery {
  scope: Scope;
  filters: readonly LogFilter[];
  /** Inclusive epoch ms. */
  from?: number;
  /** Exclusive epoch ms. */
  to?: number;
  limit: number;
  /** Only logs with an index below this (from a cursor). */
  before?: number;
  now: number;
}

/** Newest first. `nextBefore` is the index bound for the next page, or null at the end. */
export function listLogs(ds: Dataset, records: Records, query: ListQuery): { indices: number[]; nextBefore: number | null } {
  const visible = ds.visibleCount(query.now);
  const isMatch = matcher(ds, compile(ds, records, query.scope, query.filters));
  let hi = Math.min(visible, query.before ?? visible);
  if (query.to !== undefined) hi = Math.min(hi, lowerBound(ds.ts, visible, query.to));
  const lo = query.from !== undefined ? lowerBound(ds.ts, visible, query.from) : 0;
  const indices: number[] = [];
  for (let i = hi - 1; i >= lo; i--) {
    if (!isMatch(i) || !ds.arrived(i, query.now)) continue;
    if (indices.length === query.limit) return { indices, nextBefore: indices[indices.length - 1] };
    indices.push(i);
  }
  return { indices, nextBefore: null };
}

export interface UsageQuery {
  scope: Scope;
  from: number;
  to: number;
  now: number;
}

export interface Totals {
  count: number;
  chargeMicros: number;
}

/** Indices of tool calls in [from, to), visible at `now`. */
function toolCallRange(ds: Dataset, query: UsageQuery): [number, number] {
  const visible = ds.visibleCount(query.now);
  return [lowerBound(ds.ts, visible, query.from), lowerBound(ds.ts, visible, query.to)];
}

/** Session codes created in [from, to), visible at `now` (codes are 1-based). */
function sessionRange(ds: Dataset, query: UsageQuery): [number, number] {
  const visible = ds.visibleSessions(query.now) + 1;
  return [lowerBound(ds.sessionCreated, visible, query.from, 1), lowerBound(ds.sessionCreated, visible, query.to, 1)];
}

export function toolCallTotals(ds: Dataset, query: UsageQuery): Totals {
  const [lo, hi] = toolCallRange(ds, query);
  const actorMask = scopeActorMask(ds, query.scope);
  const sessions = query.scope.sessionIds ? sessionMask(ds, query.scope.sessionIds) : null;
  const charges = Uint32Array.from(TOOLS, (t) => t.chargeMicros ?? 0);
  const { actor, session, failure, tool } = ds;
  let count = 0;
  let chargeMicros = 0;
  for (let i = lo; i < hi; i++) {
    if (!actorMask[actor[i]] || (sessions && !sessions[session[i]])) continue;
    count++;
    if (!failure[i]) chargeMicros += charges[tool[i]];
  }
  return { count, chargeMicros };
}

export function sessionTotals(ds: Dataset, query: UsageQuery): number {
  const [lo, hi] = sessionRange(ds, query);
  const actorMask = scopeActorMask(ds, query.scope);
  const sessions = query.scope.sessionIds ? sessionMask(ds, query.scope.sessionIds) : null;
  let count = 0;
  for (let code = lo; code < hi; code++) {
    if (actorMask[ds.sessionActor[code]] && (!sessions || sessions[code])) count++;
  }
  return count;
}

export interface BreakdownQuery extends UsageQuery {
  entityType: 'tool_calls' | 'sessions';
  groupBy: string;
  orderBy: 'key' | 'total_quantity' | 'event_count';
  orderDirection: 'asc' | 'desc';
  limit: number;
}

/** Group key of a tool call or session, as a dictionary (code → key) and a code per row. */
function dimension(ds: Dataset, groupBy: string, entity: 'tool_calls' | 'sessions') {
  const actorOf = entity === 'tool_calls' ? (i: number) => ds.actor[i] : (code: number) => ds.sessionActor[code];
  switch (groupBy) {
    case 'tool_slug':
      return { keys: TOOLS.map((t) => t.slug), code: (i: number) => ds.tool[i] };
    case 'toolkit_slug':
      return { keys: ds.toolkits, code: (i: number) => ds.toolToolkit[ds.tool[i]] };
    case 'connected_account_id':
      return { keys: ds.accountIds, code: (i: number) => ds.account[i] };
    case 'session_id':
      return { keys: ds.sessionIds, code: (i: number) => ds.session[i] };
    case 'user_id': {
      const userCode = ds.actors.map((a) => ds.userIds.indexOf(a.userId));
      return { keys: ds.userIds, code: (i: number) => userCode[actorOf(i)] };
    }
    case 'project_id':
      return { keys: PROJECTS.map((p) => p.id), code: (i: number) => ds.actors[actorOf(i)].project };
    default:
      throw new Error(`unsupported group_by ${groupBy}`);
  }
}

export function breakdown(ds: Dataset, query: BreakdownQuery): { total: number; groups: UsageGroup[] } {
  const { keys, code } = dimension(ds, query.groupBy, query.entityType);
  const counts = new Float64Array(keys.length);
  const actorMask = scopeActorMask(ds, query.scope);
  const sessions = query.scope.sessionIds ? sessionMask(ds, query.scope.sessionIds) : null;
  let total = 0;
  if (query.entityType === 'tool_calls') {
    const [lo, hi] = toolCallRange(ds, query);
    for (let i = lo; i < hi; i++) {
      if (!actorMask[ds.actor[i]] || (sessions && !sessions[ds.session[i]])) continue;
      counts[code(i)]++;
      total++;
    }
  } else {
    const [lo, hi] = sessionRange(ds, query);
    for (let s = lo; s < hi; s++) {
      if (!actorMask[ds.sessionActor[s]] || (sessions && !sessions[s])) continue;
      counts[code(s)]++;
      total++;
    }
  }
  // Code 0 of the optional dimensions means "none"; it groups under the empty key (docs/composio-v3.1.md#unverified).
  const groups: UsageGroup[] = [];
  counts.forEach((count, c) => {
    if (count > 0) groups.push({ key: keys[c], total_quantity: String(count), event_count: count });
  });
  const sign = query.orderDirection === 'asc' ? 1 : -1;
  groups.sort((a, b) => {
    const primary = query.orderBy === 'key' ? compareStrings(a.key, b.key) : a.event_count - b.event_count;
    return sign * primary || compareStrings(a.key, b.key);
  });
  return { total, groups: groups.slice(0, query.limit) };
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function formatCharge(micros: number): string {
  return formatScaled(micros, 6);
}
