/**
 * What the browser may send. Strict: unknown fields are rejected (a typo like `filter` must not
 * silently widen a query), enums are checked, windows bounded, page sizes as documented.
 */
// zod/mini: the functional API of the same zod package, tree-shakable, so the BFF bundles small
// for edge runtimes. It loads no locale by itself; English messages are what the 400s list.
import * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';
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
import {
  INSIGHTS_GROUP_BY,
  INSIGHTS_INTERVALS,
  INSIGHTS_MAX_GROUP_LIMIT,
  LOG_EXPORT_FORMATS,
  SERIES_INTERVALS,
} from '../contract/protocol.ts';
import { isValidTimeZone } from '../core/time-zone.ts';
import { BffError } from './errors.ts';

const MAX_EPOCH_MS = 8.64e15;
z.config(en());

const string = (min: number, max: number) => z.string().check(z.minLength(min), z.maxLength(max));
const int = (min: number, max: number) => z.int().check(z.minimum(min), z.maximum(max));
const epochMs = z.int('must be an integer (epoch milliseconds)').check(z.minimum(0), z.maximum(MAX_EPOCH_MS));
const ids = z.optional(z.nullable(z.array(string(1, 256)).check(z.maxLength(100))));
const timeZone = string(1, 64).check(z.refine(isValidTimeZone, 'unknown IANA time zone (e.g. "Europe/Berlin", "UTC")'));

/** `user_id` is accepted for compatibility with v3.1 bodies, then replaced by the server's scope. */
const usageFilters = z.optional(z.strictObject({ user_id: ids, session_id: ids }));
const window = { from: z.optional(epochMs), to: z.optional(epochMs) };

export const summaryRequest = z.strictObject({
  ...window,
  entity_types: z.optional(z.array(z.enum(USAGE_ENTITY_TYPES)).check(z.minLength(1), z.maxLength(USAGE_ENTITY_TYPES.length))),
  filters: usageFilters,
});

export const breakdownRequest = z.strictObject({
  ...window,
  group_by: z.optional(string(1, 64)),
  order_by: z.optional(z.enum(USAGE_ORDER_BY)),
  order_direction: z.optional(z.enum(USAGE_ORDER_DIRECTIONS)),
  limit: z.optional(int(1, USAGE_BREAKDOWN_MAX_LIMIT)),
  filters: usageFilters,
});

export const MAX_SERIES_GROUPS = 20;

export const seriesRequest = z.strictObject({
  from: epochMs,
  to: epochMs,
  interval: z.enum(SERIES_INTERVALS),
  time_zone: timeZone,
  group_by: z.optional(string(1, 64)),
  limit: z.optional(int(1, MAX_SERIES_GROUPS)),
  filters: usageFilters,
});

export const insightsRequest = z.strictObject({
  from: epochMs,
  to: epochMs,
  time_zone: timeZone,
  interval: z.optional(z.enum(INSIGHTS_INTERVALS)),
  group_by: z.optional(z.enum(INSIGHTS_GROUP_BY)),
  limit: z.optional(int(1, INSIGHTS_MAX_GROUP_LIMIT)),
});

export const logListRequest = z.strictObject({
  limit: z.optional(int(1, LOG_LIST_MAX_LIMIT)),
  cursor: z.optional(z.nullable(string(1, 16_384))),
  filters: z.optional(
    z
      .array(z.strictObject({ field: z.enum(LOG_FILTER_FIELDS), operator: z.enum(LOG_FILTER_OPERATORS), value: string(0, 512) }))
      .check(z.maxLength(20)),
  ),
  time_range: z.optional(z.strictObject({ from: epochMs, to: epochMs })),
});

export const logExportRequest = z.strictObject({
  filters: logListRequest.shape.filters,
  time_range: logListRequest.shape.time_range,
  format: z.optional(z.enum(LOG_EXPORT_FORMATS)),
});

export const logIdParam = string(1, 128).check(z.regex(/^[A-Za-z0-9_-]+$/, 'a log id looks like log_AbC123'));

/** Parses a body or throws a 400 that lists every problem as `path: message`. */
export function parse<S extends z.ZodMiniType>(schema: S, value: unknown): z.infer<S> {
  const result = z.safeParse(schema, value);
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
