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
 * | POST logs/tool_execution           | LogListRequest → LogListResponse                  |
 * | GET  logs/tool_execution/{id}      | — → LogDetail (404 outside the caller's scope)    |
 */
import type { UsageEntityType } from './constants.ts';
import type { UsageBreakdownRequest, UsageSummaryRequest } from './upstream.ts';

export const DEFAULT_ENDPOINT = '/api/composio';

export const BFF_PATHS = {
  usageSummary: 'usage/summary',
  usageBreakdown: (entityType: string) => `usage/${encodeURIComponent(entityType)}`,
  usageSeries: (entityType: string) => `usage/${encodeURIComponent(entityType)}/series`,
  logList: 'logs/tool_execution',
  logDetail: (id: string) => `logs/tool_execution/${encodeURIComponent(id)}`,
} as const;

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
