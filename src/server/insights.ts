/**
 * Insights through the BFF: error rate, latency percentiles, active users and error groups, which
 * the Usage API cannot give (it has counts only), computed from the scope's logs.
 *
 * The window is cut into calendar buckets of the requested zone; each bucket is read upstream as
 * logs.ts reads them (one stream per scope user, `user_id ==` filter, 100 a page, to the last
 * cursor) and folded into a core/insights aggregate. Each bucket's aggregate is cached as JSON:
 * a closed bucket's (ended more than `closeLagMs` ago) for `closedMs`, the open bucket's for
 * `openMs`, so a warm 30-day view re-reads only the open bucket, and not even that within
 * `openMs`. Raw pages are not cached (the aggregate is far smaller). Identical requests in flight
 * share one computation, and so do overlapping requests per bucket.
 *
 * Cost cap: before reading, one usage summary over the buckets still to read gives the number
 * of logs; `floor(logs / 100) + streams` (streams = users × buckets to read) bounds the pages.
 * Above `maxPages` the request is refused with a 400 before any log is read.
 */
import { LRUCache } from 'lru-cache';
import { LOG_LIST_MAX_LIMIT, LOG_RETENTION_MS, UPSTREAM_PATHS } from '../contract/constants.ts';
import {
  INSIGHTS_DEFAULT_GROUP_LIMIT,
  INSIGHTS_RELATIVE_ACCURACY,
  type InsightsInterval,
  type InsightsRequest,
  type InsightsResponse,
} from '../contract/protocol.ts';
import type { LogListResponse, UsageSummaryResponse } from '../contract/upstream.ts';
import { calendarBuckets, estimateBucketCount, type Bucket } from '../core/buckets.ts';
import { mapWithConcurrency } from '../core/concurrency.ts';
import {
  addLog,
  bucketFigures,
  createAggregate,
  errorGroups,
  fromJSON,
  mergeInto,
  summarize,
  toJSON,
  topGroups,
  type InsightsAggregate,
} from '../core/insights.ts';
import { BffError } from './errors.ts';
import { isProjectScope, scopeKey, type Scope } from './scope.ts';
import { canonicalJson, type Upstream } from './upstream.ts';
import { checkWindow } from './validation.ts';

const HOUR_MS = 3_600_000;
/** Windows up to this long default to hourly buckets. */
const HOURLY_UP_TO_MS = 2 * 24 * HOUR_MS;
const MAX_ERROR_GROUPS = 50;
/** A page cap per stream, so a misbehaving upstream (a cursor that never ends) cannot loop forever. */
const MAX_PAGES_PER_STREAM = 100_000;

export interface InsightsContext {
  upstream: Upstream;
  now: () => number;
  concurrency: number;
  /** Most buckets in one request (the series' `maxBuckets`). */
  maxBuckets: number;
  /** Most upstream log pages one request may read cold (the cost cap). */
  maxPages: number;
  ttl: { openMs: number; closedMs: number; closeLagMs: number };
  store: InsightsStore;
}

/** Buckets' aggregates (serialised) and the computations in flight. */
export class InsightsStore {
  readonly aggregates: LRUCache<string, string>;
  readonly buckets = new Map<string, Promise<InsightsAggregate>>();
  readonly requests = new Map<string, Promise<InsightsResponse>>();

  constructor(settings: { maxBytes: number; now: () => number }) {
    this.aggregates = new LRUCache<string, string>({
      maxSize: settings.maxBytes,
      sizeCalculation: (json) => Math.max(1, json.length),
      perf: { now: settings.now },
      ttlResolution: 0,
    });
  }
}

function tooCostly(message: string, fix: string): BffError {
  return new BffError(400, message, { suggested_fix: fix });
}

/** The interval a request gets: as asked, else hourly up to 2 days and daily beyond. */
export function insightsInterval(body: Pick<InsightsRequest, 'from' | 'to' | 'interval'>): InsightsInterval {
  return body.interval ?? (body.to - body.from <= HOURLY_UP_TO_MS ? 'hour' : 'day');
}

export async function usageInsights(ctx: InsightsContext, scope: Scope, body: InsightsRequest): Promise<InsightsResponse> {
  checkWindow(body.from, body.to);
  const interval = insightsInterval(body);
  const key = `${scopeKey(scope)}\n${canonicalJson({ ...body, interval })}`;
  // identical requests in flight share the whole computation, not only its upstream calls
  let pending = ctx.store.requests.get(key);
  if (!pending) {
    pending = compute(ctx, scope, body, interval);
    ctx.store.requests.set(key, pending);
    pending.finally(() => ctx.store.requests.delete(key)).catch(() => undefined);
  }
  return pending;
}

async function compute(ctx: InsightsContext, scope: Scope, body: InsightsRequest, interval: InsightsInterval): Promise<InsightsResponse> {
  const estimate = estimateBucketCount(body.from, body.to, interval);
  if (estimate > ctx.maxBuckets * 1.1) throw tooManyBuckets(ctx, interval, estimate);
  const buckets = calendarBuckets(body.from, body.to, interval, body.time_zone);
  if (buckets.length > ctx.maxBuckets) throw tooManyBuckets(ctx, interval, buckets.length);

  const now = ctx.now();
  // logs older than the retention horizon are gone, and none exist after now
  const coverFrom = Math.min(body.to, Math.max(body.from, now - LOG_RETENTION_MS));
  const coverTo = Math.max(coverFrom, Math.min(body.to, now));
  const groupBy = body.group_by ?? null;

  // what each bucket reads: the bucket clipped to the retention horizon (the future part of an open bucket costs nothing)
  const reads = buckets.map((b) => {
    const from = Math.max(b.from, coverFrom);
    return from < b.to && from < coverTo ? { from, to: b.to } : null;
  });
  const closed = (r: Bucket) => r.to <= now - ctx.ttl.closeLagMs;
  const cacheKey = (r: Bucket) => `${scopeKey(scope)}\n${r.from}\n${r.to}\n${groupBy ?? ''}`;

  // the cost cap, on what is neither cached nor being read by another request
  const toRead = reads.filter(
    (r): r is Bucket => r !== null && !ctx.store.aggregates.has(cacheKey(r)) && !ctx.store.buckets.has(cacheKey(r)),
  );
  if (toRead.length) await checkCost(ctx, scope, toRead);

  const aggregates = await mapWithConcurrency(reads, ctx.concurrency, async (r) => {
    if (!r) return createAggregate(groupBy);
    const key = cacheKey(r);
    const cached = ctx.store.aggregates.get(key);
    if (cached) return fromJSON(JSON.parse(cached));
    let pending = ctx.store.buckets.get(key);
    if (!pending) {
      pending = readBucket(ctx, scope, r, groupBy).then((agg) => {
        ctx.store.aggregates.set(key, JSON.stringify(toJSON(agg)), { ttl: closed(r) ? ctx.ttl.closedMs : ctx.ttl.openMs });
        return agg;
      });
      ctx.store.buckets.set(key, pending);
      pending.finally(() => ctx.store.buckets.delete(key)).catch(() => undefined);
    }
    return pending;
  });

  const window = createAggregate(groupBy);
  for (const agg of aggregates) mergeInto(window, agg);
  const grouped = groupBy ? topGroups(window, body.limit ?? INSIGHTS_DEFAULT_GROUP_LIMIT) : null;
  return {
    from: body.from,
    to: body.to,
    time_zone: body.time_zone,
    interval,
    ...(groupBy ? { group_by: groupBy } : {}),
    totals: summarize(window, coverTo - coverFrom),
    ...(grouped ? { groups: grouped.groups, other: grouped.other } : {}),
    buckets: buckets.map((b, i) => ({ from: b.from, to: b.to, ...bucketFigures(aggregates[i]) })),
    failed_by_kind: { ...window.failedByKind },
    error_groups: errorGroups(window, MAX_ERROR_GROUPS),
    coverage: { from: coverFrom, to: coverTo, complete: coverFrom === body.from && coverTo === body.to },
    accuracy: { relative: INSIGHTS_RELATIVE_ACCURACY },
  };
}

function tooManyBuckets(ctx: InsightsContext, interval: InsightsInterval, buckets: number): BffError {
  return tooCostly(
    `These insights need about ${buckets} ${interval} buckets, more than the ${ctx.maxBuckets} one request may read`,
    interval === 'hour'
      ? 'Use interval "day", or a window of at most ' + ctx.maxBuckets + ' hours'
      : `Use a window of at most ${ctx.maxBuckets} days`,
  );
}

/** Refuses, before any log is read, a scan that would take more than `maxPages` upstream pages. */
async function checkCost(ctx: InsightsContext, scope: Scope, toRead: Bucket[]): Promise<void> {
  const from = Math.min(...toRead.map((r) => r.from));
  const to = Math.max(...toRead.map((r) => r.to));
  const summary = await ctx.upstream.call<UsageSummaryResponse>({
    method: 'POST',
    path: `${UPSTREAM_PATHS.projectUsage}/summary`,
    auth: 'project',
    ttlMs: to <= ctx.now() - ctx.ttl.closeLagMs ? ctx.ttl.closedMs : ctx.ttl.openMs,
    payer: scopeKey(scope),
    shape: 'summary',
    body: { from, to, entity_types: ['tool_calls'], filters: isProjectScope(scope) ? {} : { user_id: scope.userIds } },
  });
  const logs = Number(summary?.entities?.tool_calls?.event_count ?? 0);
  // Σ per stream of max(1, ⌈n/100⌉) ≤ ⌊Σn / 100⌋ + streams
  const pages = Math.floor(logs / LOG_LIST_MAX_LIMIT) + toRead.length * streamsOf(scope).length;
  if (pages > ctx.maxPages) {
    throw tooCostly(
      `These insights would read about ${pages} pages of logs (${logs} calls), more than the ${ctx.maxPages} one request may read`,
      'Narrow the window (a few days, then widen it: read days are cached), or raise limits.maxInsightPages',
    );
  }
}

/** One stream per scope user; one stream of the whole project (`null`: no user forced) under the project admin scope. */
const streamsOf = (scope: Scope): (string | null)[] => (isProjectScope(scope) ? [null] : scope.userIds);

/** One bucket: every scope user's logs in it (or the project's), page by page to the end, folded into an aggregate. */
async function readBucket(
  ctx: InsightsContext,
  scope: Scope,
  r: Bucket,
  groupBy: InsightsAggregate['groupBy'],
): Promise<InsightsAggregate> {
  const agg = createAggregate(groupBy);
  for (const user of streamsOf(scope)) {
    let cursor: string | null = null;
    for (let page = 0; page < MAX_PAGES_PER_STREAM; page++) {
      const reply: LogListResponse = await ctx.upstream.call<LogListResponse>({
        method: 'POST',
        path: UPSTREAM_PATHS.logList,
        auth: 'project',
        // pages are not kept: the bucket's aggregate is (and is much smaller); identical calls in flight still share
        ttlMs: 0,
        payer: scopeKey(scope),
        shape: 'logList',
        body: {
          limit: LOG_LIST_MAX_LIMIT,
          cursor,
          filters: user === null ? [] : [{ field: 'user_id', operator: '==', value: user }],
          time_range: { from: r.from, to: r.to },
        },
      });
      // fail closed: a row of another user (an upstream that ignored the filter) is never counted
      for (const log of reply?.logs ?? []) if (user === null || log?.metadata?.user_id === user) addLog(agg, log);
      cursor = reply?.next_cursor ?? null;
      if (!cursor) break;
    }
  }
  return agg;
}
