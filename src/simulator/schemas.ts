/** Request bodies the simulated endpoints accept, as documented (docs/composio-v3.1.md). */
import { z } from 'zod';
import {
  LOG_FILTER_FIELDS,
  LOG_FILTER_OPERATORS,
  LOG_LIST_MAX_LIMIT,
  USAGE_BREAKDOWN_MAX_LIMIT,
  USAGE_ORDER_BY,
  USAGE_ORDER_DIRECTIONS,
} from '../contract/constants.ts';

const epochMs = z.number().finite();
const idList = z.array(z.string()).nullable().optional();

export const logListBody = z.object({
  limit: z.number().int().min(1).max(LOG_LIST_MAX_LIMIT).optional(),
  cursor: z.string().nullable().optional(),
  filters: z
    .array(
      z.object({
        field: z.enum(LOG_FILTER_FIELDS),
        operator: z.enum(LOG_FILTER_OPERATORS),
        value: z.string(),
      }),
    )
    .optional(),
  time_range: z.object({ from: epochMs, to: epochMs }).optional(),
});

const projectFilters = z.object({ user_id: idList, session_id: idList });
const orgFilters = projectFilters.extend({ project_id: idList });

/** Project endpoints accept user/session filters; org endpoints add `project_id`. */
const usageFilters = (org: boolean) => (org ? orgFilters : projectFilters).optional();

const window = { from: epochMs.optional(), to: epochMs.optional() };

export const summaryBody = (org: boolean) =>
  z.object({ ...window, entity_types: z.array(z.string()).optional(), filters: usageFilters(org) });

export const breakdownBody = (org: boolean) =>
  z.object({
    ...window,
    group_by: z.string().optional(),
    order_by: z.enum(USAGE_ORDER_BY).optional(),
    order_direction: z.enum(USAGE_ORDER_DIRECTIONS).optional(),
    limit: z.number().int().min(1).max(USAGE_BREAKDOWN_MAX_LIMIT).optional(),
    filters: usageFilters(org),
  });

/** Zod issues as `path: message` lines, for the envelope's `errors`. */
export function describeIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => `${issue.path.length ? issue.path.join('.') : 'body'}: ${issue.message}`);
}
