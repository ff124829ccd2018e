/**
 * Time windows, one vocabulary for every element: `1h` and `24h` are rolling (the last N hours up to
 * now); `Nd` is today and the N−1 local days before it in the viewer's zone, so "Last 30d" means
 * the same days in the chart and in the log.
 */
import type { SeriesInterval } from '../contract/protocol.ts';
import { DAY_MS, HOUR_MS, localTime, type LocalTime } from './time-zone.ts';
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
  const from = zonedWallTimeToEpoch(
    { year: start.getUTCFullYear(), month: start.getUTCMonth() + 1, day: start.getUTCDate(), hour: 0, minute: 0 },
    timeZone,
  );
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

/**
 * Hourly up to two days, daily up to two months, weekly up to a year, else monthly: at most about
 * 60 bars, which stay readable on a phone. It also bounds a cold view's cost, one upstream call
 * per bucket (and as many for the previous period): "90d" is 14 weeks, not 90 days.
 */
export function autoInterval(from: number, to: number): SeriesInterval {
  const span = to - from;
  if (span <= 2 * DAY_MS) return 'hour';
  if (span <= 62 * DAY_MS) return 'day';
  if (span <= 366 * DAY_MS) return 'week';
  return 'month';
}

/**
 * The period just before [from, to), for "compared with the previous period", bucket for bucket.
 *
 * A window that starts at local midnight in `timeZone` (the `Nd` presets, day-aligned custom
 * windows) moves back by its length in local days, wall clock kept: "today 00:00–14:23 and the six
 * days before" compares with "the same local hours seven days earlier", so previous bucket i has
 * the same calendar shape as current bucket i even across a DST change (a 25-hour day is still
 * one day). Weekly buckets move back by whole weeks (90 days by 13 weeks), so a partial first week
 * compares with the same weekdays. Any other window (rolling `1h`/`24h`, arbitrary instants) moves
 * back by its length in milliseconds.
 */
export function previousWindow(from: number, to: number, timeZone?: string, interval?: SeriesInterval): { from: number; to: number } {
  if (timeZone && to > from) {
    const start = localTime(from, timeZone);
    if (start.hour === 0 && start.minute === 0 && start.second === 0 && from % 1000 === 0) {
      const end = localTime(to, timeZone);
      const dayNumber = (t: LocalTime) => Date.UTC(t.year, t.month - 1, t.day) / DAY_MS;
      const endsAtMidnight = to === localMidnight(end, timeZone);
      const length = dayNumber(end) - dayNumber(start) + (endsAtMidnight ? 0 : 1);
      const days = interval === 'week' ? Math.ceil(length / 7) * 7 : length;
      // an end at "now" moves to a past instant: rounded down to its minute, the comparison's
      // requests repeat for a minute and the BFF's cache answers them (one upstream call a minute)
      return { from: shiftLocalDays(from, -days, timeZone), to: Math.floor(shiftLocalDays(to, -days, timeZone) / 60_000) * 60_000 };
    }
  }
  return { from: from - (to - from), to: from };
}

const localMidnight = (t: LocalTime, timeZone: string) => zonedWallTimeToEpoch({ ...t, hour: 0, minute: 0 }, timeZone);

/** The instant with the same local wall-clock time `days` local days away. */
export function shiftLocalDays(epochMs: number, days: number, timeZone: string): number {
  const t = localTime(epochMs, timeZone);
  // seconds and milliseconds past the local minute (today's zone offsets are whole minutes)
  const within = t.second * 1000 + (((epochMs % 1000) + 1000) % 1000);
  const date = new Date(Date.UTC(t.year, t.month - 1, t.day + days));
  return (
    zonedWallTimeToEpoch(
      { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate(), hour: t.hour, minute: t.minute },
      timeZone,
    ) + within
  );
}
