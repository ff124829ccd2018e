/**
 * Usage through the BFF: the caller's scope forced onto every upstream query, and the time series
 * Composio lacks, computed as one upstream call per calendar bucket (closed buckets cached long).
 */
import {
  USAGE_BREAKDOWN_DEFAULT_LIMIT,
  USAGE_BREAKDOWN_MAX_LIMIT,
  USAGE_DEFAULT_GROUP_BY,
  USAGE_DEFAULT_WINDOW_MS,
  USAGE_ENTITY_TYPES,
  USAGE_GROUP_BY,
  type UsageEntityType,
  UPSTREAM_PATHS,
} from '../contract/constants.ts';
import type {
  BffUsageBreakdownRequest,
  BffUsageSummaryRequest,
  SeriesInterval,
  UsageSeriesRequest,
  UsageSeriesResponse,
} from '../contract/protocol.ts';
import type { UsageBreakdownResponse, UsageSummaryResponse } from '../contract/upstream.ts';
import { calendarBuckets, estimateBucketCount } from '../core/buckets.ts';
import { assembleGroupedSeries, assembleSeries } from '../core/series.ts';
import { mapWithConcurrency } from '../core/concurrency.ts';
import { BffError } from './errors.ts';
import { isProjectScope, scopeKey, type Scope } from './scope.ts';
import type { Upstream } from './upstream.ts';
import { checkWindow } from './validation.ts';

export interface UsageContext {
  upstream: Upstream;
  /** Org usage (`x-org-api-key`) restricted to these projects; otherwise the project key's project. */
  org?: { projectIds: string[] };
  now: () => number;
  concurrency: number;
  maxBuckets: number;
  ttl: { openMs: number; closedMs: number; closeLagMs: number };
}

export function entityTypeOf(value: string): UsageEntityType {
  if (!(USAGE_ENTITY_TYPES as readonly string[]).includes(value)) {
    // 400, not 404: a 404 on `…/series` tells the chart that the BFF lacks the series extension
    throw new BffError(400, `Unknown entity type '${value}'`, { suggested_fix: `Use one of: ${USAGE_ENTITY_TYPES.join(', ')}` });
  }
  return value as UsageEntityType;
}

function checkGroupBy(ctx: UsageContext, entity: UsageEntityType, groupBy: string): void {
  const allowed = [...USAGE_GROUP_BY[entity], ...(ctx.org ? ['project_id'] : [])];
  if (!allowed.includes(groupBy)) {
    throw new BffError(400, `Invalid group_by '${groupBy}' for ${entity}`, { suggested_fix: `Use one of: ${allowed.join(', ')}` });
  }
}

function resolveWindow(ctx: UsageContext, body: { from?: number; to?: number }): { from: number; to: number } {
  const to = body.to ?? ctx.now();
  const from = body.from ?? to - USAGE_DEFAULT_WINDOW_MS;
  checkWindow(from, to);
  return { from, to };
}

/**
 * The scope replaces any client `user_id`; it is never merged. Under the project admin scope no
 * `user_id` is sent at all (and the client's is still never read).
 */
function scopedFilters(ctx: UsageContext, scope: Scope, filters: { session_id?: string[] | null } | undefined) {
  return {
    ...(isProjectScope(scope) ? {} : { user_id: scope.userIds }),
    ...(filters?.session_id ? { session_id: filters.session_id } : {}),
    ...(ctx.org ? { project_id: ctx.org.projectIds } : {}),
  };
}

/** A window that ended a while ago will not change: cache it long. The lag allows for late ingestion. */
function ttlFor(ctx: UsageContext, to: number): number {
  return to <= ctx.now() - ctx.ttl.closeLagMs ? ctx.ttl.closedMs : ctx.ttl.openMs;
}

function basePath(ctx: UsageContext): string {
  return ctx.org ? UPSTREAM_PATHS.orgUsage : UPSTREAM_PATHS.projectUsage;
}

async function upstreamSummary(
  ctx: UsageContext,
  scope: Scope,
  window: { from: number; to: number },
  types: UsageEntityType[],
  filters?: { session_id?: string[] | null },
) {
  const raw = await ctx.upstream.call<UsageSummaryResponse>({
    method: 'POST',
    path: `${basePath(ctx)}/summary`,
    auth: ctx.org ? 'org' : 'project',
    ttlMs: ttlFor(ctx, window.to),
    payer: scopeKey(scope),
    shape: 'summary',
    body: { ...window, entity_types: types, filters: scopedFilters(ctx, scope, filters) },
  });
  // an entity with no events may be missing upstream: default it to zero
  const entities: UsageSummaryResponse['entities'] = {};
  for (const type of types) entities[type] = raw?.entities?.[type] ?? { unit: 'count', total_quantity: '0', event_count: 0 };
  const charge = raw?.instant_charge ?? raw?.premium_usage_charge;
  return { entities, ...(charge !== undefined ? { instant_charge: charge } : {}) } satisfies UsageSummaryResponse;
}

async function upstreamBreakdown(
  ctx: UsageContext,
  scope: Scope,
  entity: UsageEntityType,
  query: { from: number; to: number; group_by: string; order_by: string; order_direction: string; limit: number },
  filters?: { session_id?: string[] | null },
) {
  return ctx.upstream.call<UsageBreakdownResponse>({
    method: 'POST',
    path: `${basePath(ctx)}/${entity}`,
    auth: ctx.org ? 'org' : 'project',
    ttlMs: ttlFor(ctx, query.to),
    payer: scopeKey(scope),
    shape: 'breakdown',
    body: { ...query, filters: scopedFilters(ctx, scope, filters) },
  });
}

export async function usageSummary(ctx: UsageContext, scope: Scope, body: BffUsageSummaryRequest): Promise<UsageSummaryResponse> {
  const types = [...new Set((body.entity_types ?? USAGE_ENTITY_TYPES) as UsageEntityType[])];
  return upstreamSummary(ctx, scope, resolveWindow(ctx, body), types, body.filters);
}

export async function usageBreakdown(
  ctx: UsageContext,
  scope: Scope,
  entity: UsageEntityType,
  body: BffUsageBreakdownRequest,
): Promise<UsageBreakdownResponse> {
  const groupBy = body.group_by ?? USAGE_DEFAULT_GROUP_BY[entity];
  checkGroupBy(ctx, entity, groupBy);
  return upstreamBreakdown(
    ctx,
    scope,
    entity,
    {
      ...resolveWindow(ctx, body),
      group_by: groupBy,
      order_by: body.order_by ?? 'total_quantity',
      order_direction: body.order_direction ?? 'desc',
      // sent explicitly: the spec says 100, the guide 50 (docs/composio-v3.1.md#limits)
      limit: body.limit ?? USAGE_BREAKDOWN_DEFAULT_LIMIT,
    },
    body.filters,
  );
}

function tooCostly(ctx: UsageContext, interval: SeriesInterval, buckets: number): BffError {
  const coarser = { hour: 'day', day: 'week', week: 'month', month: 'month' }[interval];
  return new BffError(
    400,
    `This series needs about ${buckets} upstream calls (one per ${interval}), more than the ${ctx.maxBuckets} one request may make`,
    {
      suggested_fix: `Use interval "${coarser}", or a window of at most ${ctx.maxBuckets} ${interval}s`,
    },
  );
}

export async function usageSeries(
  ctx: UsageContext,
  scope: Scope,
  entity: UsageEntityType,
  body: UsageSeriesRequest,
): Promise<UsageSeriesResponse> {
  checkWindow(body.from, body.to);
  // the cost cap: one upstream call per bucket, refused before any is made
  const estimate = estimateBucketCount(body.from, body.to, body.interval);
  if (estimate > ctx.maxBuckets * 1.1) throw tooCostly(ctx, body.interval, estimate);
  const windows = calendarBuckets(body.from, body.to, body.interval, body.time_zone);
  if (windows.length > ctx.maxBuckets) throw tooCostly(ctx, body.interval, windows.length);
  const head = { entity_type: entity, interval: body.interval, time_zone: body.time_zone };

  if (!body.group_by) {
    const summaries = await mapWithConcurrency(windows, ctx.concurrency, (w) => upstreamSummary(ctx, scope, w, [entity], body.filters));
    return assembleSeries(
      head,
      windows,
      summaries.map((s) => s.entities[entity]),
    );
  }

  checkGroupBy(ctx, entity, body.group_by);
  const groupBy = body.group_by;
  const perBucket = await mapWithConcurrency(windows, ctx.concurrency, (w) =>
    upstreamBreakdown(
      ctx,
      scope,
      entity,
      { ...w, group_by: groupBy, order_by: 'total_quantity', order_direction: 'desc', limit: USAGE_BREAKDOWN_MAX_LIMIT },
      body.filters,
    ),
  );
  return assembleGroupedSeries({ ...head, group_by: groupBy }, windows, perBucket, body.limit);
}
