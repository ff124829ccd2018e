/**
 * Types of the Composio v3.1 Logs and Usage endpoints, written here after the official
 * `@composio/client` package (generated from the v3.1 OpenAPI spec), so that the published .d.ts
 * references no package a consumer would have to install. test/types/upstream-drift.ts checks,
 * at compile time (tsc in npm test), that each type and its `@composio/client` counterpart are
 * assignable both ways: a change upstream fails the type-check.
 * Extensions are marked where the generated spec lags behind the SDKs (see docs/composio-v3.1.md#sources).
 */

// ---- Logs: POST /api/v3.1/logs/tool_execution, GET /api/v3.1/logs/tool_execution/{id}

export type LogFilterField =
  | 'tool_slug'
  | 'toolkit_slug'
  | 'connected_account_id'
  | 'auth_config_id'
  | 'status'
  | 'user_id'
  | 'session_id'
  | 'sandbox_id'
  | 'request_id'
  | 'log_id';
export type LogFilterOperator = '==' | '!=' | 'contains' | 'not_contains';
export interface LogFilter {
  field: LogFilterField;
  operator: LogFilterOperator;
  value: string;
}
/** Epoch milliseconds; `from` inclusive, `to` exclusive. */
export interface LogTimeRange {
  from: number;
  to: number;
}
export interface LogListRequest {
  /** 1–100, default 20. */
  limit?: number;
  cursor?: string | null;
  filters?: LogFilter[];
  time_range?: LogTimeRange;
}
export type LogStatus = 'success' | 'failed';
export type LogLevel = 'info' | 'error' | 'warn';
export interface LogParent {
  log_id: string;
  tool_slug: string;
}
export interface LogEntry {
  id: string;
  /** ISO 8601. */
  timestamp: string;
  type: string;
  status: LogStatus;
  level: LogLevel;
  message?: string;
  metadata: { [key: string]: unknown };
  metrics: { [key: string]: unknown };
  parent: LogParent | null;
}
export interface LogListResponse {
  logs: LogEntry[];
  next_cursor: string | null;
}
export interface LogDetail extends LogEntry {
  timings?: { start_time: number; end_time: number };
  context: { session_id?: string; trace_id?: string; request_id?: string };
  source: { host?: string; framework?: string; language?: string };
  data: { [key: string]: unknown };
}

// ---- Usage: POST /api/v3.1/project/usage/summary, POST /api/v3.1/project/usage/{entity_type}

export interface UsageFilters {
  user_id?: string[] | null;
  session_id?: string[] | null;
}
export interface UsageSummaryRequest {
  /** Epoch ms, inclusive; default 30 days before `to`. */
  from?: number;
  /** Epoch ms, exclusive; default now. */
  to?: number;
  entity_types?: string[];
  filters?: UsageFilters;
}
export type UsageOrderBy = 'key' | 'total_quantity' | 'event_count';
export type UsageOrderDirection = 'asc' | 'desc';
export interface UsageBreakdownRequest {
  from?: number;
  to?: number;
  group_by?: string;
  order_by?: UsageOrderBy;
  order_direction?: UsageOrderDirection;
  /** ≤ 1000, default 100. */
  limit?: number;
  filters?: UsageFilters;
}
export interface UsageEntityTotals {
  unit: string;
  /** A decimal string: exact, never a float. */
  total_quantity: string;
  event_count: number;
}
export interface UsageGroup {
  key: string;
  total_quantity: string;
  event_count: number;
}
export interface UsageBreakdownResponse {
  entity_type: string;
  unit: string;
  total_quantity: string;
  event_count: number;
  groups: UsageGroup[];
}
interface UsageSummaryGenerated {
  entities: { [key: string]: UsageEntityTotals };
}

/**
 * The summary as the newest SDKs read it: the generated spec lacks `instant_charge` (exact USD
 * decimal string), which older SDK revisions called `premium_usage_charge`. Read
 * `instant_charge ?? premium_usage_charge ?? null`.
 */
export type UsageSummaryResponse = UsageSummaryGenerated & {
  instant_charge?: string;
  premium_usage_charge?: string;
};

// ---- Org usage: POST /api/v3.1/org/usage/summary, POST /api/v3.1/org/usage/{entity_type}

export interface OrgUsageFilters extends UsageFilters {
  project_id?: string[] | null;
}
export interface OrgUsageSummaryRequest extends Omit<UsageSummaryRequest, 'filters'> {
  filters?: OrgUsageFilters;
}
export interface OrgUsageBreakdownRequest extends Omit<UsageBreakdownRequest, 'filters'> {
  filters?: OrgUsageFilters;
}
export type OrgUsageSummaryResponse = UsageSummaryGenerated & {
  instant_charge?: string;
  premium_usage_charge?: string;
};
export type OrgUsageBreakdownResponse = UsageBreakdownResponse;
