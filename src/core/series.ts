/**
 * Assembles a usage series from per-bucket answers. The BFF's `series` route and the chart's
 * fallback (a proxy without `series`: one call per bucket from the browser) share it, so both
 * rank groups and compute "other" identically.
 */
import type { SeriesGroup, SeriesInterval, UsageSeriesBucket, UsageSeriesResponse } from '../contract/protocol.ts';
import type { UsageBreakdownResponse } from '../contract/upstream.ts';
import type { Bucket } from './buckets.ts';
import { compareDecimals, subtractDecimals, sumDecimals } from './decimal.ts';

export const DEFAULT_SERIES_GROUPS = 5;

interface SeriesHead {
  entity_type: string;
  interval: SeriesInterval;
  time_zone: string;
}

export function assembleSeries(
  head: SeriesHead,
  windows: readonly Bucket[],
  totals: readonly { unit: string; total_quantity: string; event_count: number }[],
): UsageSeriesResponse {
  return {
    ...head,
    unit: totals[0]?.unit ?? 'count',
    buckets: windows.map((w, i) => ({ ...w, total_quantity: totals[i].total_quantity, event_count: totals[i].event_count })),
  };
}

/** Top `limit` groups over the whole window (ranked from the buckets themselves), the rest as `other`. */
export function assembleGroupedSeries(
  head: SeriesHead & { group_by: string },
  windows: readonly Bucket[],
  perBucket: readonly UsageBreakdownResponse[],
  limit = DEFAULT_SERIES_GROUPS,
): UsageSeriesResponse {
  const byKey = new Map<string, string[]>();
  for (const b of perBucket) for (const g of b.groups) byKey.set(g.key, [...(byKey.get(g.key) ?? []), g.total_quantity]);
  const ranked = [...byKey].map(([key, parts]) => ({ key, total: sumDecimals(parts) }));
  ranked.sort((a, b) => compareDecimals(b.total, a.total) || (a.key < b.key ? -1 : 1));
  const groupKeys = ranked.slice(0, limit).map((g) => g.key);

  const buckets: UsageSeriesBucket[] = windows.map((w, i) => {
    const bucket = perBucket[i];
    const found = new Map(bucket.groups.map((g) => [g.key, g]));
    const groups: SeriesGroup[] = groupKeys.map((key) => ({
      key,
      total_quantity: found.get(key)?.total_quantity ?? '0',
      event_count: found.get(key)?.event_count ?? 0,
    }));
    return {
      ...w,
      total_quantity: bucket.total_quantity,
      event_count: bucket.event_count,
      groups,
      other: {
        total_quantity: subtractDecimals(bucket.total_quantity, sumDecimals(groups.map((g) => g.total_quantity))),
        event_count: bucket.event_count - groups.reduce((n, g) => n + g.event_count, 0),
      },
    };
  });
  return { ...head, unit: perBucket[0]?.unit ?? 'count', group_by: head.group_by, group_keys: groupKeys, buckets };
}
