/**
 * The widget ↔ BFF protocol. It mirrors Composio v3.1 wherever v3.1 has the shape, so a vendor
 * who cannot run our BFF can write a thin authenticated proxy in any language and still use the
 * elements. Paths are relative to the element's `endpoint` (default `/api/composio`).
 *
 * | request                            | body → response                                   |
 * |------------------------------------|---------------------------------------------------|
 * | POST usage/summary                 | BffUsageSummaryRequest → UsageSummaryResponse     |
 * | POST usage/{entity_type}           | BffUsageBreakdownRequest → UsageBreakdownResponse |
 * | POST usage/{entity_type}/series    | UsageSeriesRequest → UsageSeriesResponse          |
 * | POST usage/insights                | InsightsRequest → InsightsResponse (from logs)    |
 * | POST logs/tool_execution           | LogListRequest → LogListResponse                  |
 * | GET  logs/tool_execution/{id}      | — → LogDetail (404 outside the caller's scope)    |
 */
import type { UsageEntityType } from './constants.ts';
import type { UsageBreakdownRequest, UsageSummaryRequest } from './upstream.ts';

export const DEFAULT_ENDPOINT = '/api/composio';

export const BFF_PATHS = {
  usageSummary: 'usage/summary',
  /** Error rate, latency percentiles, active users: computed by the BFF from the scope's logs. */
  usageInsights: 'usage/insights',
  usageBreakdown: (entityType: string) => `usage/${encodeURIComponent(entityType)}`,
  usageSeries: (entityType: string) => `usage/${encodeURIComponent(entityType)}/series`,
  logList: 'logs/tool_execution',
  /** Every log matching the filters in the window as CSV or NDJSON (`format`), streamed; at most 100,000 rows. */
  logExport: 'logs/tool_execution/export',
  logDetail: (id: string) => `logs/tool_execution/${encodeURIComponent(id)}`,
} as const;

/** The same routes as the BFF's router matches them (`:name` marks a path parameter). */
export const BFF_ROUTES = {
  usageSummary: BFF_PATHS.usageSummary,
  usageInsights: BFF_PATHS.usageInsights,
  usageSeries: 'usage/:entity_type/series',
  usageBreakdown: 'usage/:entity_type',
  logList: BFF_PATHS.logList,
  logExport: BFF_PATHS.logExport,
  logDetail: 'logs/tool_execution/:id',
} as const;

/** What `logs/tool_execution/export` writes: RFC 4180 CSV, or NDJSON (one JSON log per line). */
export const LOG_EXPORT_FORMATS = ['csv', 'ndjson'] as const;
export type LogExportFormat = (typeof LOG_EXPORT_FORMATS)[number];

/** Filters the browser may send: the server owns `user_id` and replaces whatever is sent. */
export interface BffUsageFilters {
  session_id?: string[] | null;
}

export type BffUsageSummaryRequest = Omit<UsageSummaryRequest, 'filters'> & { filters?: BffUsageFilters };
export type BffUsageBreakdownRequest = Omit<UsageBreakdownRequest, 'filters'> & { filters?: BffUsageFilters };

export const SERIES_INTERVALS = ['hour', 'day', 'week', 'month'] as const;
export type SeriesInterval = (typeof SERIES_INTERVALS)[number];

/** Extension: usage bucketed on calendar boundaries of an IANA time zone. */
export interface UsageSeriesRequest {
  /** Inclusive, epoch ms. */
  from: number;
  /** Exclusive, epoch ms. */
  to: number;
  interval: SeriesInterval;
  /** IANA zone, e.g. `Europe/Berlin`; buckets follow its calendar (23- and 25-hour days). */
  time_zone: string;
  /** A breakdown dimension: top `limit` groups per the whole window, the rest summed as `other`. */
  group_by?: string;
  limit?: number;
  filters?: BffUsageFilters;
}

export interface SeriesQuantity {
  /** Exact decimal string, like every upstream quantity. */
  total_quantity: string;
  event_count: number;
}

export interface SeriesGroup extends SeriesQuantity {
  key: string;
}

export interface UsageSeriesBucket extends SeriesQuantity {
  /** Inclusive epoch ms, clipped to the request's `from` for the first bucket. */
  from: number;
  /** Exclusive epoch ms, clipped to the request's `to` for the last bucket. */
  to: number;
  /** Present when grouped: one entry per key of `UsageSeriesResponse.group_keys` (zeros kept). */
  groups?: SeriesGroup[];
  /** Present when grouped: everything outside the top groups. */
  other?: SeriesQuantity;
}

export interface UsageSeriesResponse {
  entity_type: UsageEntityType | string;
  unit: string;
  interval: SeriesInterval;
  time_zone: string;
  group_by?: string;
  /** The top groups over the whole window, in rank order (only when grouped). */
  group_keys?: string[];
  buckets: UsageSeriesBucket[];
}

// ---- Insights: what the Usage API cannot say (it has counts only), computed from the logs

/** Latency quantiles come from a DDSketch: each is within 1 % (relative) of a true quantile. */
export const INSIGHTS_RELATIVE_ACCURACY = 0.01;
export const INSIGHTS_INTERVALS = ['hour', 'day'] as const;
export type InsightsInterval = (typeof INSIGHTS_INTERVALS)[number];
/** Log metadata keys insights can be grouped by; a log without the key groups under `""`. */
export const INSIGHTS_GROUP_BY = ['toolkit_slug', 'tool_slug', 'user_id', 'connected_account_id'] as const;
export type InsightsGroupBy = (typeof INSIGHTS_GROUP_BY)[number];
export const INSIGHTS_DEFAULT_GROUP_LIMIT = 10;
export const INSIGHTS_MAX_GROUP_LIMIT = 50;

export interface InsightsRequest {
  /** Inclusive, epoch ms. */
  from: number;
  /** Exclusive, epoch ms. */
  to: number;
  /** IANA zone whose calendar cuts the buckets. */
  time_zone: string;
  /** Default: `hour` for a window of at most 2 days, else `day` (local days: 23/24/25 hours). */
  interval?: InsightsInterval;
  /** Add per-group figures for this log field. */
  group_by?: InsightsGroupBy;
  /** Most groups returned, by calls (default 10, max 50); the rest are summed in `other`. */
  limit?: number;
}

/** Figures of a set of calls. Rates and quantiles are `null` when there is nothing to measure. */
export interface InsightsFigures {
  /** Tool calls (exact; equals the usage summary's `tool_calls.event_count` for the same window). */
  calls: number;
  /** Calls with status `failed` (exact). */
  failed: number;
  /** failed / calls (`null` without calls). */
  error_rate: number | null;
  /** Latency quantiles of `metrics.duration_ms`, in ms, within `accuracy.relative` of the true value. */
  p50: number | null;
  p95: number | null;
  p99: number | null;
  /** Distinct `user_id`s that made a call (exact). */
  active_users: number;
}

export interface InsightsTotals extends InsightsFigures {
  /** Distinct `session_id`s (exact; calls outside a session do not count). */
  sessions: number;
  /** `sessions` per 24 hours of the covered window (`null` when nothing is covered). */
  sessions_per_day: number | null;
}

export interface InsightsGroup extends InsightsFigures {
  key: string;
}

export interface InsightsBucket extends InsightsFigures {
  /** Inclusive epoch ms (the first bucket starts at the request's `from`). */
  from: number;
  /** Exclusive epoch ms (the last bucket ends at the request's `to`). */
  to: number;
}

export interface InsightsErrorGroup {
  /** A `FailureKind` of `core/failure-hints.ts`, or `other` when the message matches none. */
  kind: string;
  /** The tool whose calls failed this way. */
  tool_slug: string;
  count: number;
  /** The newest failed call of the group: open it with GET logs/tool_execution/{id}. */
  example_log_id: string;
  /** Likely cause and next step (`null` for `other`). */
  hint: { cause: string; next: string } | null;
}

export interface InsightsResponse {
  from: number;
  to: number;
  time_zone: string;
  interval: InsightsInterval;
  group_by?: InsightsGroupBy;
  totals: InsightsTotals;
  /** Top `limit` groups by calls (only when grouped). */
  groups?: InsightsGroup[];
  /** Everything outside the top groups, summed (only when grouped; `null` when nothing is left). */
  other?: InsightsFigures | null;
  /** One per calendar bucket, contiguous, covering [from, to). */
  buckets: InsightsBucket[];
  /** Failed calls per kind (a `FailureKind` of `core/failure-hints.ts`, or `other`); kinds without failures are absent. */
  failed_by_kind: Record<string, number>;
  /** Failed calls by kind and tool, most frequent first (at most 50). */
  error_groups: InsightsErrorGroup[];
  /**
   * The part of [from, to) the figures cover: logs are kept for a year (docs/composio-v3.1.md#retention)
   * and do not exist after now. `complete` is false when that is less than the window: the figures
   * then count the covered part only, never an estimate of the rest.
   */
  coverage: { from: number; to: number; complete: boolean };
  accuracy: { relative: typeof INSIGHTS_RELATIVE_ACCURACY };
}
