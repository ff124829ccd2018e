/** Facts of the upstream contract both sides rely on; each links its section of docs/composio-v3.1.md. */

export const COMPOSIO_BASE_URL = 'https://backend.composio.dev';

/** Composio's v3.1 paths the BFF calls (the simulator serves the same, plus the `/api/v3` aliases). */
export const UPSTREAM_PATHS = {
  logList: '/api/v3.1/logs/tool_execution',
  logDetail: (id: string) => `/api/v3.1/logs/tool_execution/${encodeURIComponent(id)}`,
  projectUsage: '/api/v3.1/project/usage',
  orgUsage: '/api/v3.1/org/usage',
} as const;

/** The ten filterable log fields (docs/composio-v3.1.md#log-filters). */
export const LOG_FILTER_FIELDS = [
  'tool_slug',
  'toolkit_slug',
  'connected_account_id',
  'auth_config_id',
  'status',
  'user_id',
  'session_id',
  'sandbox_id',
  'request_id',
  'log_id',
] as const;

export const LOG_FILTER_OPERATORS = ['==', '!=', 'contains', 'not_contains'] as const;

/** Logs list page size (docs/composio-v3.1.md#limits). */
export const LOG_LIST_DEFAULT_LIMIT = 20;
export const LOG_LIST_MAX_LIMIT = 100;

/** Usage windows: `from` inclusive, `to` exclusive; default 30 days; at most 366 days (docs/composio-v3.1.md#time-windows). */
export const USAGE_DEFAULT_WINDOW_MS = 30 * 86_400_000;
export const USAGE_MAX_WINDOW_MS = 366 * 86_400_000;

/** Tool execution logs are kept for up to one year (docs/composio-v3.1.md#retention). */
export const LOG_RETENTION_MS = 365 * 86_400_000;

/** Breakdown group limit: default 100 per spec/SDK (the guide says 50), max 1000 (docs/composio-v3.1.md#limits). */
export const USAGE_BREAKDOWN_DEFAULT_LIMIT = 100;
export const USAGE_BREAKDOWN_MAX_LIMIT = 1000;

/** Documented entity types (docs/composio-v3.1.md#usage-summary). */
export const USAGE_ENTITY_TYPES = ['tool_calls', 'sessions'] as const;
export type UsageEntityType = (typeof USAGE_ENTITY_TYPES)[number];

/** Valid `group_by` per entity type at project scope; org scope adds `project_id` (docs/composio-v3.1.md#group-by). */
export const USAGE_GROUP_BY: Record<UsageEntityType, readonly string[]> = {
  tool_calls: ['tool_slug', 'toolkit_slug', 'connected_account_id', 'user_id', 'session_id'],
  sessions: ['user_id'],
};
export const USAGE_DEFAULT_GROUP_BY: Record<UsageEntityType, string> = {
  tool_calls: 'tool_slug',
  sessions: 'user_id',
};

export const USAGE_ORDER_BY = ['key', 'total_quantity', 'event_count'] as const;
export const USAGE_ORDER_DIRECTIONS = ['asc', 'desc'] as const;

/** Rate-limit headers sent on every response (docs/composio-v3.1.md#rate-limits). */
export const RATE_LIMIT_HEADERS = {
  limit: 'X-RateLimit',
  remaining: 'X-RateLimit-Remaining',
  windowSize: 'X-RateLimit-Window-Size',
} as const;
