/** Range presets and automatic intervals, in the viewer's time zone. */
import type { Interval } from './buckets.ts';
import { localTime } from './time-zone.ts';
import { zonedWallTimeToEpoch } from './buckets.ts';

export const RANGE_PRESETS = ['24h', '7d', '30d', '90d'] as const;
export type RangePreset = (typeof RANGE_PRESETS)[number];

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** `24h`: the last 24 hours; `Nd`: today and the N−1 local days before it. `to` is now. */
export function resolveRange(range: RangePreset, now: number, timeZone: string): { from: number; to: number } {
  if (range === '24h') return { from: now - DAY, to: now };
  const days = Number(range.slice(0, -1));
  const today = localTime(now, timeZone);
  const start = new Date(Date.UTC(today.year, today.month - 1, today.day - (days - 1)));
  const from = zonedWallTimeToEpoch({ year: start.getUTCFullYear(), month: start.getUTCMonth() + 1, day: start.getUTCDate(), hour: 0, minute: 0 }, timeZone);
  return { from, to: now };
}

/** Hourly up to two days, daily up to about three months, weekly up to a year, else monthly. */
export function autoInterval(from: number, to: number): Interval {
  const span = to - from;
  if (span <= 2 * DAY) return 'hour';
  if (span <= 92 * DAY) return 'day';
  if (span <= 366 * DAY) return 'week';
  return 'month';
}

/** The window just before [from, to), of the same length (for "compared with the previous period"). */
export function previousWindow(from: number, to: number): { from: number; to: number } {
  return { from: from - (to - from), to: from };
}
