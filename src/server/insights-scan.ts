/**
 * The log reads behind insights, at the least upstream cost the v3.1 API allows.
 *
 * Each bucket's aggregate is kept in the handler's store (so instances sharing Redis share it) with
 * a watermark `upTo`: the logs before it are folded in for good (`settled`). Logs settle once they
 * are `closeLagMs` old — the same lag after which a closed bucket is cached for a day — so a later
 * read starts at the watermark and re-reads nothing settled. What is newer than that lag (`tail`)
 * is only added to a short-lived `latest` view of the bucket.
 *
 * What still has to be read is cut into spans of contiguous buckets, and each span is read as one
 * stream per scope user across all its buckets (the API filters one `user_id ==` at a time; filters
 * are AND-ed), each log routed to its bucket by timestamp. Before reading, one usage breakdown by
 * user over the same window gives each user's count: it bounds the cost (refused above the page
 * cap before any log is read) and skips users with no calls at all. Cold, a window costs
 * Σ⌈logs of a user / 100⌉ pages + 1; warm, the breakdown plus one page per user with new calls.
 */
import { LOG_LIST_MAX_LIMIT, UPSTREAM_PATHS } from '../contract/constants.ts';
import type { LogListResponse, UsageBreakdownResponse, UsageSummaryResponse } from '../contract/upstream.ts';
import type { Bucket } from '../core/buckets.ts';
import { mapWithConcurrency } from '../core/concurrency.ts';
import {
  addLog,
  createAggregate,
  fromJSON,
  merge,
  mergeInto,
  toJSON,
  type InsightsAggregate,
  type InsightsAggregateJson,
} from '../core/insights.ts';
import { BffError } from './errors.ts';
import { isProjectScope, scopeKey, type Scope } from './scope.ts';
import type { Store } from './store.ts';
import type { Upstream } from './upstream.ts';

/** A page cap per stream, so a misbehaving upstream (a cursor that never ends) cannot loop forever. */
const MAX_PAGES_PER_STREAM = 100_000;
/** How long another instance's scan of the same buckets is waited for before reading ourselves. */
const SCAN_LOCK_MS = 15_000;

export interface ScanContext {
  upstream: Upstream;
  /** `upstream.derived()`: where bucket aggregates and scan locks live. */
  store: Store;
  now: () => number;
  concurrency: number;
  /** Most upstream log pages one request may read (the cost cap). */
  maxPages: number;
  ttl: { openMs: number; closedMs: number; closeLagMs: number };
}

/** A bucket's stored aggregate: every log before `upTo` folded into `settled`; `latest` adds the tail read at `readAt`. */
interface BucketEntry {
  upTo: number;
  readAt: number;
  settled: InsightsAggregate;
  latest?: InsightsAggregate;
}

/** A part of bucket `index` still to read. */
interface Need {
  index: number;
  from: number;
  to: number;
}

type GroupBy = InsightsAggregate['groupBy'];

/**
 * The aggregate of each bucket (`null`: nothing to read there, e.g. beyond retention or in the
 * future), read up to `coverTo`, from the store where it holds them and from upstream otherwise.
 */
export async function bucketAggregates(
  ctx: ScanContext,
  scope: Scope,
  reads: readonly (Bucket | null)[],
  coverTo: number,
  groupBy: GroupBy,
): Promise<InsightsAggregate[]> {
  const keys = reads.map((r) => r && `insights ${scopeKey(scope)}\n${groupBy ?? ''}\n${r.from}\n${r.to}`);
  let plan = await planReads(ctx, reads, keys, coverTo, groupBy);
  if (plan.needs.length) {
    // one instance reads these buckets; others sharing the store wait for its result, then re-plan
    const lock = `insights-scan ${keys[plan.needs[0].index]}\n${keys[plan.needs.at(-1)!.index]}`;
    const token = await ctx.store.acquire(lock, SCAN_LOCK_MS);
    if (token === undefined) {
      await ctx.store.waitFor(lock, SCAN_LOCK_MS);
      plan = await planReads(ctx, reads, keys, coverTo, groupBy);
      if (plan.needs.length) await readNeeds(ctx, scope, plan, keys, groupBy);
    } else {
      try {
        await readNeeds(ctx, scope, plan, keys, groupBy);
        await ctx.store.set(lock, 'done', SCAN_LOCK_MS);
      } finally {
        await ctx.store.release(lock, token);
      }
    }
  }
  return plan.aggregates;
}

interface Plan {
  aggregates: InsightsAggregate[];
  entries: (BucketEntry | undefined)[];
  needs: Need[];
}

async function planReads(
  ctx: ScanContext,
  reads: readonly (Bucket | null)[],
  keys: readonly (string | null)[],
  coverTo: number,
  groupBy: GroupBy,
): Promise<Plan> {
  const now = ctx.now();
  const entries = await Promise.all(keys.map(async (key) => (key ? decodeEntry(await ctx.store.get(key), groupBy) : undefined)));
  const aggregates: InsightsAggregate[] = [];
  const needs: Need[] = [];
  reads.forEach((r, index) => {
    const entry = entries[index];
    const end = r ? Math.min(r.to, coverTo) : 0;
    if (!r || (entry && entry.upTo >= end)) aggregates.push(entry?.settled ?? createAggregate(groupBy));
    else if (entry?.latest && now - entry.readAt < ctx.ttl.openMs) aggregates.push(entry.latest);
    else {
      aggregates.push(createAggregate(groupBy)); // replaced once read
      needs.push({ index, from: entry?.upTo ?? r.from, to: end });
    }
  });
  return { aggregates, entries, needs };
}

async function readNeeds(ctx: ScanContext, scope: Scope, plan: Plan, keys: readonly (string | null)[], groupBy: GroupBy): Promise<void> {
  const { needs } = plan;
  const now = ctx.now();
  const settledTo = now - ctx.ttl.closeLagMs;
  const spans = contiguous(needs);
  const streams = await streamsToRead(ctx, scope, needs[0].from, needs.at(-1)!.to, spans.length, settledTo);

  const fresh = needs.map(() => createAggregate(groupBy));
  const tail = needs.map(() => createAggregate(groupBy));
  const tasks = streams.flatMap((user) => spans.map((span) => ({ user, span })));
  await mapWithConcurrency(tasks, ctx.concurrency, async ({ user, span }) => {
    const [first, last] = span;
    await readStream(ctx, scope, user, needs[first].from, needs[last].to, (log, ts) => {
      const k = needAt(needs, first, last, ts);
      if (k !== -1) addLog(ts >= settledTo ? tail[k] : fresh[k], log);
    });
  });

  await Promise.all(
    needs.map(async (need, k) => {
      const settled = plan.entries[need.index]?.settled ?? createAggregate(groupBy);
      mergeInto(settled, fresh[k]);
      const upTo = Math.min(need.to, settledTo);
      const latest = upTo < need.to ? merge(settled, tail[k]) : undefined;
      plan.aggregates[need.index] = latest ?? settled;
      const entry = { upTo, readAt: now, settled: toJSON(settled), ...(latest ? { latest: toJSON(latest) } : {}) };
      await ctx.store.set(keys[need.index]!, JSON.stringify(entry), ctx.ttl.closedMs);
    }),
  );
}

/** Runs of needs that touch (each ends where the next starts): [first, last] indexes into `needs`. */
function contiguous(needs: readonly Need[]): [number, number][] {
  const spans: [number, number][] = [];
  needs.forEach((need, k) => {
    const open = spans.at(-1);
    if (open && needs[open[1]].to === need.from) open[1] = k;
    else spans.push([k, k]);
  });
  return spans;
}

/** The need in needs[first..last] holding `ts`, or -1. */
function needAt(needs: readonly Need[], first: number, last: number, ts: number): number {
  let lo = first;
  let hi = last;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (ts < needs[mid].from) hi = mid - 1;
    else if (ts >= needs[mid].to) lo = mid + 1;
    else return mid;
  }
  return -1;
}

/**
 * Which streams to read: scope users with calls in the window (one breakdown by user), or the
 * whole project (`null`) under the admin scope; refuses the read above the page cap.
 */
async function streamsToRead(
  ctx: ScanContext,
  scope: Scope,
  from: number,
  to: number,
  spans: number,
  settledTo: number,
): Promise<(string | null)[]> {
  const common = {
    method: 'POST',
    auth: 'project',
    payer: scopeKey(scope),
    ttlMs: to <= settledTo ? ctx.ttl.closedMs : ctx.ttl.openMs,
  } as const;
  const counts = new Map<string | null, number>();
  if (isProjectScope(scope)) {
    const summary = await ctx.upstream.call<UsageSummaryResponse>({
      ...common,
      path: `${UPSTREAM_PATHS.projectUsage}/summary`,
      shape: 'summary',
      body: { from, to, entity_types: ['tool_calls'], filters: {} },
    });
    counts.set(null, Number(summary?.entities?.tool_calls?.event_count ?? 0));
  } else {
    const breakdown = await ctx.upstream.call<UsageBreakdownResponse>({
      ...common,
      path: `${UPSTREAM_PATHS.projectUsage}/tool_calls`,
      shape: 'breakdown',
      body: {
        from,
        to,
        group_by: 'user_id',
        order_by: 'total_quantity',
        order_direction: 'desc',
        limit: scope.userIds.length,
        filters: { user_id: scope.userIds },
      },
    });
    for (const group of breakdown?.groups ?? []) if (scope.userIds.includes(group.key)) counts.set(group.key, Number(group.event_count));
  }
  // a user without calls in the window has nothing to read (usage counts a call when it happens, the list may show it later)
  const streams = [...counts].filter(([, n]) => n > 0);
  const logs = streams.reduce((sum, [, n]) => sum + n, 0);
  // per stream and span at most ⌈n/100⌉ + 1 pages
  const pages = streams.reduce((sum, [, n]) => sum + Math.ceil(n / LOG_LIST_MAX_LIMIT) + spans - 1, 0);
  if (pages > ctx.maxPages) {
    throw new BffError(
      400,
      `These insights would read about ${pages} pages of logs (${logs} calls), more than the ${ctx.maxPages} one request may read`,
      { suggested_fix: 'Narrow the window (a few days, then widen it: read days are cached), or raise limits.maxInsightPages' },
    );
  }
  return streams.map(([user]) => user);
}

/** Every log of one stream in [from, to), page by page to the last cursor. */
async function readStream(
  ctx: ScanContext,
  scope: Scope,
  user: string | null,
  from: number,
  to: number,
  fold: (log: LogListResponse['logs'][number], ts: number) => void,
): Promise<void> {
  let cursor: string | null = null;
  for (let page = 0; page < MAX_PAGES_PER_STREAM; page++) {
    const reply: LogListResponse = await ctx.upstream.call<LogListResponse>({
      method: 'POST',
      path: UPSTREAM_PATHS.logList,
      auth: 'project',
      // pages are not kept: the buckets' aggregates are (and are much smaller); identical calls in flight still share
      ttlMs: 0,
      payer: scopeKey(scope),
      shape: 'logList',
      body: {
        limit: LOG_LIST_MAX_LIMIT,
        cursor,
        filters: user === null ? [] : [{ field: 'user_id', operator: '==', value: user }],
        time_range: { from, to },
      },
    });
    for (const log of reply?.logs ?? []) {
      // fail closed: a row of another user (an upstream that ignored the filter) is never counted
      if (user !== null && log?.metadata?.user_id !== user) continue;
      const ts = Date.parse(log.timestamp);
      if (Number.isFinite(ts)) fold(log, ts);
    }
    cursor = reply?.next_cursor ?? null;
    if (!cursor) break;
  }
}

/** A stored entry, or undefined for anything else (absent, written by another version, grouped otherwise). */
function decodeEntry(text: string | undefined, groupBy: GroupBy): BucketEntry | undefined {
  if (text === undefined) return undefined;
  try {
    const json = JSON.parse(text) as { upTo: number; readAt: number; settled: InsightsAggregateJson; latest?: InsightsAggregateJson };
    if (!Number.isFinite(json.upTo) || !Number.isFinite(json.readAt)) return undefined;
    const settled = fromJSON(json.settled);
    const latest = json.latest ? fromJSON(json.latest) : undefined;
    if (settled.groupBy !== groupBy || (latest && latest.groupBy !== groupBy)) return undefined;
    return { upTo: json.upTo, readAt: json.readAt, settled, ...(latest ? { latest } : {}) };
  } catch {
    return undefined;
  }
}
