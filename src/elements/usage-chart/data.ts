/**
 * What the chart loads: header totals (this window and the previous one), and either a series
 * or a breakdown. A BFF without the `series` extension (404) is handled in the browser with one
 * call per bucket (fallback.ts, loaded only then).
 */
import { BffRequestError, type BffClient } from '../../client/bff-client.ts';
import { USAGE_DEFAULT_GROUP_BY, type UsageEntityType } from '../../contract/constants.ts';
import {
  BFF_PATHS,
  type InsightsResponse,
  type SeriesInterval,
  type UsageSeriesRequest,
  type UsageSeriesResponse,
} from '../../contract/protocol.ts';
import type { UsageBreakdownResponse, UsageSummaryResponse } from '../../contract/upstream.ts';
import { previousWindow } from '../../core/ranges.ts';
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

async function loadSeries(client: BffClient, metric: UsageEntityType, body: UsageSeriesRequest, signal: AbortSignal) {
  try {
    return { series: await client.post<UsageSeriesResponse>(BFF_PATHS.usageSeries(metric), body, signal), fallback: false };
  } catch (error) {
    if (!(error instanceof BffRequestError && error.status === 404)) throw error;
    const { fallbackSeries } = await import('./fallback.ts');
    return { series: await fallbackSeries(client, metric, body, signal), fallback: true };
  }
}

export async function loadChartData(client: BffClient, request: ChartRequest, signal: AbortSignal): Promise<ChartData> {
  if (isInsightMetric(request.metric)) return loadInsightChartData(client, request, signal);
  const metric = request.metric;
  const window = { from: request.from, to: request.to };
  // the same calendar shape, moved back (local days or weeks for day-aligned windows): bucket i against bucket i
  const previous = previousWindow(request.from, request.to, request.timeZone, request.view === 'series' ? request.interval : undefined);
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
