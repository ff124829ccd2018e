/**
 * A custom range as a person chooses it: two calendar days (`YYYY-MM-DD`, what `<input type="date">`
 * reads and writes), turned into a window of whole local days in the element's zone. The days are
 * the zone's, not the browser's: "Nov 3" in Asia/Kolkata starts 13½ hours before "Nov 3" in
 * America/Los_Angeles, and a DST day is 23 or 25 hours long.
 */
import { USAGE_MAX_WINDOW_MS } from '../contract/constants.ts';
import { zonedWallTimeToEpoch } from './buckets.ts';
import { DAY_MS, HOUR_MS, localTime } from './time-zone.ts';

/**
 * The most days a custom range may span. The BFF takes windows of at most 366 × 24 hours; 366
 * local days can be an hour longer (two autumn DST changes and one spring change inside), so 365.
 */
export const MAX_RANGE_DAYS = Math.floor((USAGE_MAX_WINDOW_MS - HOUR_MS) / DAY_MS);

/** Why two days make no window: one is missing, not a real date (or before 1970), after the other, in the future, or too far apart. */
export type DayRangeProblem = 'missing' | 'invalid' | 'order' | 'future' | 'tooLong';

export type DayRangeResult = { ok: true; from: number; to: number } | { ok: false; problem: DayRangeProblem };

interface CalendarDay {
  year: number;
  month: number;
  day: number;
}

/** The calendar day `YYYY-MM-DD` names, or undefined when it names none (`2026-02-30`, `11/03/2026`). */
function parseDay(value: string): CalendarDay | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return undefined;
  const [year, month, day] = match.slice(1).map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  // Date.UTC rolls Feb 30 over into March: a real day reads back unchanged
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return { year, month, day };
}

const format = (d: CalendarDay) =>
  `${String(d.year).padStart(4, '0')}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;

/** The local calendar day of an instant in `timeZone`, as `YYYY-MM-DD`. */
export function localDay(epochMs: number, timeZone: string): string {
  return format(localTime(epochMs, timeZone));
}

/** `day` moved by `days` calendar days (`2026-03-01` − 1 → `2026-02-28`); '' when `day` is no day. */
export function addDays(day: string, days: number): string {
  const d = parseDay(day);
  if (!d) return '';
  const date = new Date(Date.UTC(d.year, d.month - 1, d.day + days));
  return format({ year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() });
}

/** The instant a local day starts in `timeZone` (its first existing minute when midnight is skipped by DST). */
export function startOfDay(day: CalendarDay, timeZone: string): number {
  return zonedWallTimeToEpoch({ ...day, hour: 0, minute: 0 }, timeZone);
}

/** Whole days between two calendar days (`to` − `from`). */
const daysBetween = (from: CalendarDay, to: CalendarDay) =>
  Math.round((Date.UTC(to.year, to.month - 1, to.day) - Date.UTC(from.year, from.month - 1, from.day)) / DAY_MS);

/**
 * The window of the local days `fromDay` to `toDay`, both included, in `timeZone`: from the start
 * of `fromDay` to the start of the day after `toDay` (exclusive), or to `now` when `toDay` is today.
 * Never throws: what makes no window is a `problem` the control shows.
 */
export function dayRangeWindow(fromDay: string, toDay: string, now: number, timeZone: string): DayRangeResult {
  if (!fromDay.trim() || !toDay.trim()) return { ok: false, problem: 'missing' };
  const from = parseDay(fromDay);
  const to = parseDay(toDay);
  // the BFF takes epoch milliseconds from 1970 on
  if (!from || !to || from.year < 1970) return { ok: false, problem: 'invalid' };
  const today = localTime(now, timeZone);
  if (daysBetween(from, to) < 0) return { ok: false, problem: 'order' };
  if (daysBetween(to, today) < 0) return { ok: false, problem: 'future' };
  if (daysBetween(from, to) + 1 > MAX_RANGE_DAYS) return { ok: false, problem: 'tooLong' };
  const start = startOfDay(from, timeZone);
  const next = new Date(Date.UTC(to.year, to.month - 1, to.day + 1));
  const end = Math.min(now, startOfDay({ year: next.getUTCFullYear(), month: next.getUTCMonth() + 1, day: next.getUTCDate() }, timeZone));
  // a range of today chosen in its very first millisecond: one millisecond, never an empty window
  return { ok: true, from: start, to: Math.max(end, start + 1) };
}

export { isStartOfDay } from './buckets.ts';
