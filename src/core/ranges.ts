/**
 * Time windows, one vocabulary for every element: `1h` and `24h` are rolling (the last N hours up to
 * now); `Nd` is today and the N−1 local days before it in the viewer's zone, so "Last 30d" means
 * the same days in the chart and in the log.
 */
import type { Interval } from './buckets.ts';
import { DAY_MS, HOUR_MS, localTime } from './time-zone.ts';
import { zonedWallTimeToEpoch } from './buckets.ts';

export const RANGE_PRESETS = ['1h', '24h', '7d', '30d', '90d'] as const;
export type RangePreset = (typeof RANGE_PRESETS)[number];

export const isRangePreset = (value: unknown): value is RangePreset => (RANGE_PRESETS as readonly unknown[]).includes(value);

/** Epoch ms from epoch ms (number or digits) or an ISO date; undefined when empty or unreadable. */
export function parseTime(value: string | number | null | undefined): number | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const n = typeof value === 'number' ? value : /^\d+$/.test(value) ? Number(value) : Date.parse(value);
  return Number.isFinite(n) ? n : undefined;
}

/** The window a preset names at `now` in `timeZone`; `to` is now. */
export function resolveRange(range: RangePreset, now: number, timeZone: string): { from: number; to: number } {
  if (range.endsWith('h')) return { from: now - Number(range.slice(0, -1)) * HOUR_MS, to: now };
  const days = Number(range.slice(0, -1));
  const today = localTime(now, timeZone);
  const start = new Date(Date.UTC(today.year, today.month - 1, today.day - (days - 1)));
  const from = zonedWallTimeToEpoch({ year: start.getUTCFullYear(), month: start.getUTCMonth() + 1, day: start.getUTCDate(), hour: 0, minute: 0 }, timeZone);
  return { from, to: now };
}

/**
 * The window an element shows: a custom `from`/`to` when both parse and `from < to`, else the
 * preset (or `fallback` when the preset is unknown).
 */
export function resolveWindow(
  input: { range: unknown; from?: string | number | null; to?: string | number | null },
  now: number,
  timeZone: string,
  fallback: RangePreset,
): { from: number; to: number; custom: boolean } {
  const from = parseTime(input.from);
  const to = parseTime(input.to);
  if (from !== undefined && to !== undefined && from < to) return { from, to, custom: true };
  return { ...resolveRange(isRangePreset(input.range) ? input.range : fallback, now, timeZone), custom: false };
}

/** Hourly up to two days, daily up to about three months, weekly up to a year, else monthly. */
export function autoInterval(from: number, to: number): Interval {
  const span = to - from;
  if (span <= 2 * DAY_MS) return 'hour';
  if (span <= 92 * DAY_MS) return 'day';
  if (span <= 366 * DAY_MS) return 'week';
  return 'month';
}

/** The window just before [from, to), of the same length (for "compared with the previous period"). */
export function previousWindow(from: number, to: number): { from: number; to: number } {
  return { from: from - (to - from), to: from };
}
