/**
 * Calendar buckets in an IANA time zone. A day is local midnight to local midnight (23, 24 or 25
 * hours, 23.5/24.5 on Lord Howe), a week starts on Monday, a month on the 1st; an hour bucket
 * starts wherever the local clock shows minute zero (so a 30-minute-offset zone gets :30 UTC
 * boundaries, and the repeated hour of a fall-back night is two buckets). Used by the BFF's series
 * route and by the chart's fallback, so both sides cut time identically.
 */
import type { SeriesInterval } from '../contract/protocol.ts';
import { HOUR_MS, localTime, localWeekday, zoneOffsetMs, type LocalTime } from './time-zone.ts';

export interface Bucket {
  /** Inclusive epoch ms. */
  from: number;
  /** Exclusive epoch ms. */
  to: number;
}

const QUARTER_HOUR = 15 * 60_000;

/**
 * The instant a local wall time names. A wall time skipped by a spring-forward gap maps to the
 * first instant after the gap; a repeated one (fall back) to its first occurrence.
 */
export function zonedWallTimeToEpoch(t: Omit<LocalTime, 'second'>, timeZone: string): number {
  const wall = Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute);
  // the two offsets in force around that wall time (equal outside DST changes)
  const candidates = [zoneOffsetMs(wall - 14 * HOUR_MS, timeZone), zoneOffsetMs(wall + 14 * HOUR_MS, timeZone)].map((o) => wall - o);
  const valid = candidates.filter((instant) => {
    const back = localTime(instant, timeZone);
    return Date.UTC(back.year, back.month - 1, back.day, back.hour, back.minute) === wall;
  });
  if (valid.length) return Math.min(...valid);
  // in a spring-forward gap: neither candidate shows this wall time; the later one is where the gap ends
  return Math.max(...candidates);
}

/** True when `epochMs` is the start of a local day in `timeZone` (its first existing minute when DST skips midnight). */
export function isStartOfDay(epochMs: number, timeZone: string): boolean {
  const { year, month, day } = localTime(epochMs, timeZone);
  return zonedWallTimeToEpoch({ year, month, day, hour: 0, minute: 0 }, timeZone) === epochMs;
}

function startOfLocal(epochMs: number, interval: Exclude<SeriesInterval, 'hour'>, timeZone: string): number {
  const t = localTime(epochMs, timeZone);
  let { year, month, day } = t;
  if (interval === 'month') day = 1;
  if (interval === 'week') {
    const back = (localWeekday(t) + 6) % 7; // days since Monday
    const monday = new Date(Date.UTC(year, month - 1, day - back));
    [year, month, day] = [monday.getUTCFullYear(), monday.getUTCMonth() + 1, monday.getUTCDate()];
  }
  return zonedWallTimeToEpoch({ year, month, day, hour: 0, minute: 0 }, timeZone);
}

function nextLocal(start: number, interval: Exclude<SeriesInterval, 'hour'>, timeZone: string): number {
  // the wall date of the bucket start, plus one unit, at local midnight
  const t = localTime(start, timeZone);
  const date = new Date(Date.UTC(t.year, t.month - 1, t.day));
  if (interval === 'day') date.setUTCDate(date.getUTCDate() + 1);
  if (interval === 'week') date.setUTCDate(date.getUTCDate() + 7);
  if (interval === 'month') date.setUTCMonth(date.getUTCMonth() + 1, 1);
  return zonedWallTimeToEpoch(
    { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate(), hour: 0, minute: 0 },
    timeZone,
  );
}

function isLocalHourStart(epochMs: number, timeZone: string): boolean {
  const t = localTime(epochMs, timeZone);
  return t.minute === 0 && t.second === 0;
}

/** Instant boundaries strictly inside (from, to), in order. */
function boundaries(from: number, to: number, interval: SeriesInterval, timeZone: string): number[] {
  const out: number[] = [];
  if (interval === 'hour') {
    // zone offsets are whole quarter hours, so local hour starts fall on UTC quarter hours
    for (let t = Math.floor(from / QUARTER_HOUR) * QUARTER_HOUR + QUARTER_HOUR; t < to; t += QUARTER_HOUR) {
      if (t > from && isLocalHourStart(t, timeZone)) out.push(t);
    }
    return out;
  }
  for (let t = nextLocal(startOfLocal(from, interval, timeZone), interval, timeZone); t < to; t = nextLocal(t, interval, timeZone)) {
    if (t > from) out.push(t);
  }
  return out;
}

/** Buckets covering [from, to) exactly: contiguous, the first and last clipped to the window. */
export function calendarBuckets(from: number, to: number, interval: SeriesInterval, timeZone: string): Bucket[] {
  if (!(to > from)) return [];
  const edges = [from, ...boundaries(from, to, interval, timeZone), to];
  return edges.slice(0, -1).map((start, i) => ({ from: start, to: edges[i + 1] }));
}

/** How many buckets a window would have, without building them (cheap upper bound for limits). */
export function estimateBucketCount(from: number, to: number, interval: SeriesInterval): number {
  const unit = { hour: HOUR_MS, day: 24 * HOUR_MS, week: 7 * 24 * HOUR_MS, month: 28 * 24 * HOUR_MS }[interval];
  return Math.ceil((to - from) / unit) + 1;
}
