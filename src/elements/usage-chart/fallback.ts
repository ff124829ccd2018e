/**
 * The chart's series when the BFF has no `series` route (a 404): one call per bucket, cut by the
 * same `core/` calendar code as the server's, summed in the browser. Rare (an older or partial
 * BFF), so it is its own chunk, imported only when that 404 comes.
 */
import type { BffClient } from '../../client/bff-client.ts';
import { USAGE_BREAKDOWN_MAX_LIMIT, type UsageEntityType } from '../../contract/constants.ts';
import { BFF_PATHS, type UsageSeriesRequest, type UsageSeriesResponse } from '../../contract/protocol.ts';
import type { UsageBreakdownResponse, UsageSummaryResponse } from '../../contract/upstream.ts';
import { calendarBuckets } from '../../core/buckets.ts';
import { mapWithConcurrency } from '../../core/concurrency.ts';
import { assembleGroupedSeries, assembleSeries } from '../../core/series.ts';

const FALLBACK_CONCURRENCY = 4;

export async function fallbackSeries(
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
