/**
 * What the insights element loads: the window's insights (grouped), the previous window's (for the
 * changes), and the usage summaries of both (for charges, when the server reports them).
 */
import type { BffClient } from '../../client/bff-client.ts';
import { BFF_PATHS, type InsightsGroupBy, type InsightsRequest, type InsightsResponse } from '../../contract/protocol.ts';
import type { UsageSummaryResponse } from '../../contract/upstream.ts';
import { previousWindow } from '../../core/ranges.ts';

export interface InsightsQuery {
  from: number;
  to: number;
  timeZone: string;
  groupBy: InsightsGroupBy;
  /** Most groups in the table (the rest is summed as "Other"). */
  limit: number;
}

export interface InsightsData {
  query: InsightsQuery;
  current: InsightsResponse;
  previous: InsightsResponse;
  summary: UsageSummaryResponse;
  previousSummary: UsageSummaryResponse;
  /** The range preset this data is for (undefined for a custom window); set by the element. */
  preset?: string;
}

export async function loadInsights(client: BffClient, query: InsightsQuery, signal: AbortSignal): Promise<InsightsData> {
  const { from, to, timeZone } = query;
  const before = previousWindow(from, to, timeZone);
  const request = (w: { from: number; to: number }, grouped: boolean): InsightsRequest => ({
    ...w,
    time_zone: timeZone,
    ...(grouped ? { group_by: query.groupBy, limit: query.limit } : {}),
  });
  const summary = (w: { from: number; to: number }) =>
    client.post<UsageSummaryResponse>(BFF_PATHS.usageSummary, { ...w, entity_types: ['tool_calls'] }, signal);
  const [current, previous, summaryNow, summaryBefore] = await Promise.all([
    client.post<InsightsResponse>(BFF_PATHS.usageInsights, request({ from, to }, true), signal),
    client.post<InsightsResponse>(BFF_PATHS.usageInsights, request(before, false), signal),
    summary({ from, to }),
    summary(before),
  ]);
  return { query, current, previous, summary: summaryNow, previousSummary: summaryBefore };
}
