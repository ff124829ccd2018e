/**
 * What the browser may send. Strict: unknown fields are rejected (a typo like `filter` must not
 * silently widen a query), enums are checked, windows bounded, page sizes as documented.
 */
import { z } from 'zod';
import {
  LOG_FILTER_FIELDS,
  LOG_FILTER_OPERATORS,
  LOG_LIST_MAX_LIMIT,
  USAGE_BREAKDOWN_MAX_LIMIT,
  USAGE_ENTITY_TYPES,
  USAGE_MAX_WINDOW_MS,
  USAGE_ORDER_BY,
  USAGE_ORDER_DIRECTIONS,
} from '../contract/constants.ts';
import { INSIGHTS_GROUP_BY, INSIGHTS_INTERVALS, INSIGHTS_MAX_GROUP_LIMIT, SERIES_INTERVALS } from '../contract/protocol.ts';
import { isValidTimeZone } from '../core/time-zone.ts';
import { BffError } from './errors.ts';

const MAX_EPOCH_MS = 8.64e15;
const epochMs = z.number().int('must be an integer (epoch milliseconds)').min(0).max(MAX_EPOCH_MS);
const ids = z.array(z.string().min(1).max(256)).max(100).nullable().optional();

/** `user_id` is accepted for compatibility with v3.1 bodies, then replaced by the server's scope. */
const usageFilters = z.strictObject({ user_id: ids, session_id: ids }).optional();
const window = { from: epochMs.optional(), to: epochMs.optional() };

export const summaryRequest = z.strictObject({
  ...window,
  entity_types: z.array(z.enum(USAGE_ENTITY_TYPES)).min(1).max(USAGE_ENTITY_TYPES.length).optional(),
  filters: usageFilters,
});

export const breakdownRequest = z.strictObject({
  ...window,
  group_by: z.string().min(1).max(64).optional(),
  order_by: z.enum(USAGE_ORDER_BY).optional(),
  order_direction: z.enum(USAGE_ORDER_DIRECTIONS).optional(),
  limit: z.number().int().min(1).max(USAGE_BREAKDOWN_MAX_LIMIT).optional(),
  filters: usageFilters,
});

export const MAX_SERIES_GROUPS = 20;

export const seriesRequest = z.strictObject({
  from: epochMs,
  to: epochMs,
  interval: z.enum(SERIES_INTERVALS),
  time_zone: z.string().min(1).max(64).refine(isValidTimeZone, 'unknown IANA time zone (e.g. "Europe/Berlin", "UTC")'),
  group_by: z.string().min(1).max(64).optional(),
  limit: z.number().int().min(1).max(MAX_SERIES_GROUPS).optional(),
  filters: usageFilters,
});

export const insightsRequest = z.strictObject({
  from: epochMs,
  to: epochMs,
  time_zone: z.string().min(1).max(64).refine(isValidTimeZone, 'unknown IANA time zone (e.g. "Europe/Berlin", "UTC")'),
  interval: z.enum(INSIGHTS_INTERVALS).optional(),
  group_by: z.enum(INSIGHTS_GROUP_BY).optional(),
  limit: z.number().int().min(1).max(INSIGHTS_MAX_GROUP_LIMIT).optional(),
});

export const logListRequest = z.strictObject({
  limit: z.number().int().min(1).max(LOG_LIST_MAX_LIMIT).optional(),
  cursor: z.string().min(1).max(16_384).nullable().optional(),
  filters: z
    .array(z.strictObject({ field: z.enum(LOG_FILTER_FIELDS), operator: z.enum(LOG_FILTER_OPERATORS), value: z.string().max(512) }))
    .max(20)
    .optional(),
  time_range: z.strictObject({ from: epochMs, to: epochMs }).optional(),
});

export const logExportRequest = z.strictObject({
  filters: logListRequest.shape.filters,
  time_range: logListRequest.shape.time_range,
  format: z.enum(['csv', 'ndjson']).optional(),
});

export const logIdParam = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9_-]+$/, 'a log id looks like log_AbC123');

/** Parses a body or throws a 400 that lists every problem as `path: message`. */
export function parse<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new BffError(400, 'Invalid request body', {
    errors: result.error.issues.map((issue) => `${issue.path.length ? issue.path.join('.') : 'body'}: ${issue.message}`),
    suggested_fix: 'Fix the listed fields; see the widget↔BFF protocol in the README',
  });
}

/** `from` ≤ `to`, at most 366 days apart. */
export function checkWindow(from: number, to: number, label = 'from/to'): void {
  if (from > to) throw new BffError(400, `Invalid time range: ${label} has from after to`, { suggested_fix: 'Swap from and to' });
  if (to - from > USAGE_MAX_WINDOW_MS) {
    throw new BffError(400, 'Time range must not exceed 366 days', {
      suggested_fix: 'Narrow from/to',
      errors: [`${label}: to - from > 366 days`],
    });
  }
}
