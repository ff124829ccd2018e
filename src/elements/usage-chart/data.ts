/**
 * What the chart loads: header totals (this window and the previous one), and either a series
 * or a breakdown. A BFF without the `series` extension (404) is handled in the browser with one
 * call per bucket, cut by the same `core/` calendar code as the server's.
 */
import { BffRequestError, type BffClient } from '../../client/bff-client.ts';
import { USAGE_BREAKDOWN_MAX_LIMIT, USAGE_DEFAULT_GROUP_BY, type UsageEntityType } from '../../contract/constants.ts';
import {
  BFF_PATHS,
  type InsightsResponse,
  type SeriesInterval,
  type UsageSeriesRequest,
  type UsageSeriesResponse,
} from '../../contract/protocol.ts';
import type { UsageBreakdownResponse, UsageSummaryResponse } from '../../contract/upstream.ts';
import { calendarBuckets } from '../../core/buckets.ts';
import { mapWithConcurrency } from '../../core/concurrency.ts';
import { previousWindow } from '../../core/ranges.ts';
import { assembleGroupedSeries, assembleSeries } from '../../core/series.ts';
import { isInsightMetric, loadInsightChartData, type InsightMetric } from './insight-metrics.ts';

export type ChartView = 'series' | 'breakdown';
/** A Usage API entity (counted), or a figure of the logs (insight-metrics.ts). */
export type ChartMetric = UsageEntityType | InsightMetric;

export interface ChartRequest {
  metric: ChartMetric;
  view: ChartView;
  /** A breakdown dimension, or undefined for an ungrouped series. */
  groupBy?: string;
  from: number;
  to: number;
  interval: SeriesInterval;
  timeZone: string;
  top: number;
  compare: boolean;
}

export interface ChartData {
  request: ChartRequest;
  summary: UsageSummaryResponse;
  previousSummary: UsageSummaryResponse;
  series?: UsageSeriesResponse;
  previousSeries?: UsageSeriesResponse;
  breakdown?: UsageBreakdownResponse;
  /** For an insight metric: the window's insights and the previous window's. */
  insights?: { current: InsightsResponse; previous: InsightsResponse };
  /** True when the series was assembled in the browser (the BFF has no `series` route). */
  fallback: boolean;
  /** The range preset this data is for (undefined for a custom window); set by the element. */
  preset?: string;
}

const FALLBACK_CONCURRENCY = 4;

async function fallbackSeries(
  client: BffClient,
  metric: UsageEntityType,
  body: UsageSeriesRequest,
  signal: AbortSignal,
): Promise<UsageSeriesResponse> {
  const windows = calendarBuckets(body.from, body.to, body.interval, body.time_zone);
  const head = { entity_type: metric, interval: body.interval, time_zone: body.time_zone };
  if (!body.group_by) {
    const summaries = await mapWithConcurrency(windows, FALLBACK_CONCURRENCY, (w) =>
      client.post<UsageSummaryResponse>(BFF_PATHS.usageSummary, { ...w, entity_types: [metric] }, signal),
    );
    return assembleSeries(
      head,
      windows,
      summaries.map((s) => s.entities[metric] ?? { unit: 'count', total_quantity: '0', event_count: 0 }),
    );
  }
  const groupBy = body.group_by;
  const perBucket = await mapWithConcurrency(windows, FALLBACK_CONCURRENCY, (w) =>
    client.post<UsageBreakdownResponse>(
      BFF_PATHS.usageBreakdown(metric),
      { ...w, group_by: groupBy, limit: USAGE_BREAKDOWN_MAX_LIMIT },
      signal,
    ),
  );
  return assembleGroupedSeries({ ...head, group_by: groupBy }, windows, perBucket, body.limit);
}

async function loadSeries(client: BffClient, metric: UsageEntityType, body: UsageSeriesRequest, signal: AbortSignal) {
  try {
    return { series: await client.post<UsageSeriesResponse>(BFF_PATHS.usageSeries(metric), body, signal), fallback: false };
  } catch (error) {
    if (!(error instanceof BffRequestError && error.status === 404)) throw error;
    return { series: await fallbackSeries(client, metric, body, signal), fallback: true };
  }
}

export async function loadChartData(client: BffClient, request: ChartRequest, signal: AbortSignal): Promise<ChartData> {
  if (isInsightMetric(request.metric)) return loadInsightChartData(client, request, signal);
  const metric = request.metric;
  const window = { from: request.from, to: request.to };
  // the same calendar shape, moved back (local days for day-aligned windows): bucket i against bucket i
  const previous = previousWindow(request.from, request.to, request.timeZone);
  const summaries = Promise.all([
    client.post<UsageSummaryResponse>(BFF_PATHS.usageSummary, window, signal),
    client.post<UsageSummaryResponse>(BFF_PATHS.usageSummary, previous, signal),
  ]);

  if (request.view === 'breakdown') {
    const groupBy = request.groupBy ?? USAGE_DEFAULT_GROUP_BY[metric];
    // awaited together: a rejection is always observed (no unhandled-rejection reports)
    const [[summary, previousSummary], breakdown] = await Promise.all([
      summaries,
      client.post<UsageBreakdownResponse>(BFF_PATHS.usageBreakdown(metric), { ...window, group_by: groupBy, limit: request.top }, signal),
    ]);
    return { request: { ...request, groupBy }, summary, previousSummary, breakdown, fallback: false };
  }

  const seriesBody = (w: { from: number; to: number }): UsageSeriesRequest => ({
    ...w,
    interval: request.interval,
    time_zone: request.timeZone,
    ...(request.groupBy ? { group_by: request.groupBy, limit: request.top } : {}),
  });
  const [[summary, previousSummary], current, before] = await Promise.all([
    summaries,
    loadSeries(client, metric, seriesBody(window), signal),
    request.compare ? loadSeries(client, metric, seriesBody(previous), signal) : undefined,
  ]);
  return { request, summary, previousSummary, series: current.series, previousSeries: before?.series, fallback: current.fallback };
}
