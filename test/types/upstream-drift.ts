/**
 * Compile-time only (type-checked by `tsc -p tsconfig.json`, part of npm test): the v3.1 types we
 * ship in src/contract/upstream.ts must match the official @composio/client types both ways. When
 * the client (a devDependency) changes a field, a line here stops compiling.
 */
import type {
  LogCreateToolExecutionParams,
  LogCreateToolExecutionResponse,
  LogRetrieveToolExecutionResponse,
} from '@composio/client/resources/logs';
import type * as OrgUsage from '@composio/client/resources/org/usage';
import type * as ProjectUsage from '@composio/client/resources/project/usage';
import type * as Ours from '../../src/contract/upstream.ts';

/** true only when each type is assignable to the other. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;

export type Drift = [
  Assert<Same<Ours.LogListRequest, LogCreateToolExecutionParams>>,
  Assert<Same<Ours.LogFilter, LogCreateToolExecutionParams.Filter>>,
  Assert<Same<Ours.LogTimeRange, LogCreateToolExecutionParams.TimeRange>>,
  Assert<Same<Ours.LogListResponse, LogCreateToolExecutionResponse>>,
  Assert<Same<Ours.LogEntry, LogCreateToolExecutionResponse.Log>>,
  Assert<Same<Ours.LogDetail, LogRetrieveToolExecutionResponse>>,
  Assert<Same<Ours.UsageSummaryRequest, ProjectUsage.UsageRetrieveSummaryParams>>,
  Assert<Same<Ours.UsageBreakdownRequest, ProjectUsage.UsageRetrieveParams>>,
  Assert<Same<Ours.UsageEntityTotals, ProjectUsage.UsageRetrieveSummaryResponse.Entities>>,
  Assert<Same<Ours.UsageBreakdownResponse, ProjectUsage.UsageRetrieveResponse>>,
  Assert<Same<Ours.UsageGroup, ProjectUsage.UsageRetrieveResponse.Group>>,
  Assert<Same<Omit<Ours.UsageSummaryResponse, 'instant_charge' | 'premium_usage_charge'>, ProjectUsage.UsageRetrieveSummaryResponse>>,
  Assert<Same<Ours.OrgUsageSummaryRequest, OrgUsage.UsageRetrieveSummaryParams>>,
  Assert<Same<Ours.OrgUsageBreakdownRequest, OrgUsage.UsageRetrieveParams>>,
  Assert<Same<Ours.OrgUsageBreakdownResponse, OrgUsage.UsageRetrieveResponse>>,
  Assert<Same<Omit<Ours.OrgUsageSummaryResponse, 'instant_charge' | 'premium_usage_charge'>, OrgUsage.UsageRetrieveSummaryResponse>>,
  // a negative control: the check does catch a difference
  Assert<Same<Same<Ours.LogEntry & { extra: string }, LogCreateToolExecutionResponse.Log>, false>>,
];
