/**
 * Insights through the BFF: error rate, latency percentiles, active users and error groups, which
 * the Usage API cannot give (it has counts only), computed from the scope's logs.
 *
 * The window is cut into calendar buckets of the requested zone, each the merge of core/insights
 * aggregates of 15-minute UTC slots (insights-slots.ts), which insights-scan.ts reads (incrementally,
 * and each log once) and keeps in the handler's store. Identical requests in flight share one
 * computation.
 */
import { LOG_RETENTION_MS } from '../contract/constants.ts';
import {
  INSIGHTS_DEFAULT_GROUP_LIMIT,
  INSIGHTS_RELATIVE_ACCURACY,
  type InsightsInterval,
  type InsightsRequest,
  type InsightsResponse,
} from '../contract/protocol.ts';
import { calendarBuckets, estimateBucketCount } from '../core/buckets.ts';
import { bucketFigures, createAggregate, errorGroups, mergeInto, summarize, topGroups } from '../core/insights.ts';
import { HOUR_MS } from '../core/time-zone.ts';
import { BffError } from './errors.ts';
import { bucketAggregates, type ScanContext } from './insights-scan.ts';
import { scopeKey, type Scope } from './scope.ts';
import { canonicalJson } from './upstream.ts';
import { checkWindow } from './validation.ts';

/** Windows up to this long default to hourly buckets. */
const HOURLY_UP_TO_MS = 2 * 24 * HOUR_MS;
const MAX_ERROR_GROUPS = 50;

export interface InsightsContext extends ScanContext {
  /** Most buckets in one request (the series' `maxBuckets`). */
  maxBuckets: number;
  /** Requests being computed, by scope and body: identical ones share one computation. */
  inFlight: Map<string, Promise<InsightsResponse>>;
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
  let pending = ctx.inFlight.get(key);
  if (!pending) {
    pending = compute(ctx, scope, body, interval);
    ctx.inFlight.set(key, pending);
    pending.finally(() => ctx.inFlight.delete(key)).catch(() => undefined);
  }
  return pending;
}

async function compute(ctx: InsightsContext, scope: Scope, body: InsightsRequest, interval: InsightsInterval): Promise<InsightsResponse> {
  const estimate = estimateBucketCount(body.from, body.to, interval);
  if (estimate > ctx.maxBuckets * 1.1) throw tooManyBuckets(ctx, interval, estimate);
  const buckets = calendarBuckets(body.from, body.to, interval, body.time_zone);
  if (buckets.length > ctx.maxBuckets) throw tooManyBuckets(ctx, interval, buckets.length);

  const now = ctx.now();
  // a window ending in the present (as "last 30 days" does, to = now) is read to the BFF's now, and
  // its last bucket keyed by its calendar end, so that the next request finds it under the same key
  const endsNow = body.to >= now - ctx.ttl.closeLagMs;
  // logs older than the retention horizon are gone, and none exist after now
  const coverFrom = Math.min(body.to, Math.max(body.from, now - LOG_RETENTION_MS));
  const coverTo = Math.max(coverFrom, endsNow ? now : body.to);
  const groupBy = body.group_by ?? null;

  // what each bucket reads: the bucket clipped to the retention horizon (the future part of an open bucket costs nothing)
  const reads = buckets.map((b, i) => {
    const from = Math.max(b.from, coverFrom);
    const to = endsNow && i === buckets.length - 1 ? calendarEnd(b.from, interval, body.time_zone) : b.to;
    return from < to && from < coverTo ? { from, to } : null;
  });
  const aggregates = await bucketAggregates(ctx, scope, reads, coverTo, groupBy);

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
    coverage: { from: coverFrom, to: coverTo, complete: coverFrom === body.from && coverTo >= body.to },
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

/** Where the calendar bucket starting at `from` ends (a bucket is at most a day of 25 hours). */
const calendarEnd = (from: number, interval: InsightsInterval, timeZone: string): number =>
  calendarBuckets(from, from + (interval === 'hour' ? 2 : 50) * HOUR_MS, interval, timeZone)[0].to;
