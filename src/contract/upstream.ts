/**
 * Types of the Composio v3.1 Logs and Usage endpoints, taken from the official `@composio/client`
 * package (generated from the v3.1 OpenAPI spec). Type-only imports: nothing of it ships at runtime.
 * The aliases give them the names this project speaks in; extensions are marked where the
 * generated spec lags behind the SDKs (see docs/composio-v3.1.md#sources).
 */
import type {
  LogCreateToolExecutionParams,
  LogCreateToolExecutionResponse,
  LogRetrieveToolExecutionResponse,
} from '@composio/client/resources/logs';
import type * as ProjectUsage from '@composio/client/resources/project/usage';
import type * as OrgUsage from '@composio/client/resources/org/usage';

// ---- Logs: POST /api/v3.1/logs/tool_execution, GET /api/v3.1/logs/tool_execution/{id}

export type LogListRequest = LogCreateToolExecutionParams;
export type LogFilter = LogCreateToolExecutionParams.Filter;
export type LogFilterField = LogFilter['field'];
export type LogFilterOperator = LogFilter['operator'];
export type LogTimeRange = LogCreateToolExecutionParams.TimeRange;
export type LogListResponse = LogCreateToolExecutionResponse;
export type LogEntry = LogCreateToolExecutionResponse.Log;
export type LogParent = NonNullable<LogEntry['parent']>;
export type LogDetail = LogRetrieveToolExecutionResponse;
export type LogStatus = LogEntry['status'];
export type LogLevel = LogEntry['level'];

// ---- Usage: POST /api/v3.1/project/usage/summary, POST /api/v3.1/project/usage/{entity_type}

export type UsageSummaryRequest = ProjectUsage.UsageRetrieveSummaryParams;
export type UsageBreakdownRequest = ProjectUsage.UsageRetrieveParams;
export type UsageEntityTotals = ProjectUsage.UsageRetrieveSummaryResponse.Entities;
export type UsageBreakdownResponse = ProjectUsage.UsageRetrieveResponse;
export type UsageGroup = ProjectUsage.UsageRetrieveResponse.Group;
export type UsageOrderBy = NonNullable<UsageBreakdownRequest['order_by']>;
export type UsageOrderDirection = NonNullable<UsageBreakdownRequest['order_direction']>;

/**
 * The summary as the newest SDKs read it: the generated spec lacks `instant_charge` (exact USD
 * decimal string), which older SDK revisions called `premium_usage_charge`. Read
 * `instant_charge ?? premium_usage_charge ?? null`.
 */
export type UsageSummaryResponse = ProjectUsage.UsageRetrieveSummaryResponse & {
  instant_charge?: string;
  premium_usage_charge?: string;
};

// ---- Org usage: POST /api/v3.1/org/usage/summary, POST /api/v3.1/org/usage/{entity_type}

export type OrgUsageSummaryRequest = OrgUsage.UsageRetrieveSummaryParams;
export type OrgUsageBreakdownRequest = OrgUsage.UsageRetrieveParams;
export type OrgUsageSummaryResponse = OrgUsage.UsageRetrieveSummaryResponse & {
  instant_charge?: string;
  premium_usage_charge?: string;
};
export type OrgUsageBreakdownResponse = OrgUsage.UsageRetrieveResponse;
