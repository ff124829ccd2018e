/**
 * The chart's metrics that come from the logs, not the Usage API: error rate, latency percentiles
 * and active users, read from the BFF's `usage/insights` per-bucket rows. They are rates and
 * quantiles, not counts: drawn as lines, never stacked or summed, a bucket with nothing to
 * measure is a gap (an empty table cell, an empty CSV cell), and the header shows the window's
 * own figure (the error rate over the window, its p95), not a sum of buckets.
 */
import type { BffClient } from '../../client/bff-client.ts';
import { formatDuration, formatNumber } from '../../client/format.ts';
import { BFF_PATHS, type InsightsFigures, type InsightsInterval, type InsightsResponse } from '../../contract/protocol.ts';
import type { UsageSummaryResponse } from '../../contract/upstream.ts';
import { previousWindow } from '../../core/ranges.ts';
import type { ChartData, ChartRequest } from './data.ts';
import { TOTAL_KEY, type TableModel } from './model.ts';

export const INSIGHT_METRICS = ['error_rate', 'latency_p50', 'latency_p95', 'latency_p99', 'active_users'] as const;
export type InsightMetric = (typeof INSIGHT_METRICS)[number];

export const isInsightMetric = (metric: unknown): metric is InsightMetric => (INSIGHT_METRICS as readonly unknown[]).includes(metric);

const FIELD: Record<InsightMetric, keyof Pick<InsightsFigures, 'error_rate' | 'p50' | 'p95' | 'p99' | 'active_users'>> = {
  error_rate: 'error_rate',
  latency_p50: 'p50',
  latency_p95: 'p95',
  latency_p99: 'p99',
  active_users: 'active_users',
};

/** A value as the reader reads it: "2.3%", "659 ms", "2.6 s", "1,204"; '' (nothing measured) is "—". */
export function formatMetric(metric: InsightMetric, value: string | number, locale?: string): string {
  if (value === '' || value === null) return '—';
  const n = Number(value);
  if (metric === 'error_rate') return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(n);
  if (metric === 'active_users') return formatNumber(n, locale);
  return formatDuration(n, locale);
}

/** Insights buckets are hours or days: a week or month chart of them reads days. */
const insightsInterval = (request: ChartRequest): InsightsInterval => (request.interval === 'hour' ? 'hour' : 'day');

export async function loadInsightChartData(client: BffClient, request: ChartRequest, signal: AbortSignal): Promise<ChartData> {
  const window = { from: request.from, to: request.to };
  const previous = previousWindow(request.from, request.to, request.timeZone);
  const interval = insightsInterval(request);
  const insights = (w: { from: number; to: number }) =>
    client.post<InsightsResponse>(BFF_PATHS.usageInsights, { ...w, time_zone: request.timeZone, interval }, signal);
  const [summary, previousSummary, current, before] = await Promise.all([
    client.post<UsageSummaryResponse>(BFF_PATHS.usageSummary, window, signal),
    client.post<UsageSummaryResponse>(BFF_PATHS.usageSummary, previous, signal),
    insights(window),
    // the header's change needs the previous window's figure even without `compare`
    insights(previous),
  ]);
  return {
    request: { ...request, interval, groupBy: undefined, view: 'series' },
    summary,
    previousSummary,
    insights: { current, previous: before },
    fallback: false,
  };
}

const cell = (value: number | null): string => (value === null ? '' : String(value));

/** The window's figure for the metric ('' when nothing was measured). */
export function windowValue(metric: InsightMetric, insights: InsightsResponse): string {
  return cell(insights.totals[FIELD[metric]]);
}

/** One column, one row per bucket; the total is the window's own figure; '0' when there were no calls (the empty state). */
export function buildInsightModel(data: ChartData, metric: InsightMetric, label: string): TableModel {
  const { current, previous } = data.insights!;
  const field = FIELD[metric];
  const total = current.totals.calls === 0 ? '0' : windowValue(metric, current);
  return {
    kind: 'series',
    columns: [{ key: TOTAL_KEY, label }],
    rows: current.buckets.map((b) => ({ key: String(b.from), from: b.from, to: b.to, values: [cell(b[field])], total: cell(b[field]) })),
    columnTotals: [total],
    total,
    ...(data.request.compare
      ? {
          previous: previous.buckets.map((b) => cell(b[field])),
          previousSpans: previous.buckets.map((b) => ({ from: b.from, to: b.to })),
        }
      : {}),
  };
}
