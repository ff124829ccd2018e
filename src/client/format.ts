/** Intl formatters, cached per locale/zone: numbers, compact numbers, bucket labels, durations. */
import type { SeriesInterval } from '../contract/protocol.ts';

const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat | Intl.RelativeTimeFormat>();

function cached<T extends Intl.NumberFormat | Intl.DateTimeFormat | Intl.RelativeTimeFormat>(key: string, make: () => T): T {
  let formatter = cache.get(key) as T | undefined;
  if (!formatter) cache.set(key, (formatter = make()));
  return formatter;
}

export function formatNumber(value: number | string, locale?: string): string {
  return cached(`n|${locale}`, () => new Intl.NumberFormat(locale)).format(Number(value));
}

export function formatPercent(value: number, locale?: string): string {
  return cached(
    `p|${locale}`,
    () => new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1, signDisplay: 'exceptZero' }),
  ).format(value);
}

const BUCKET_FORMATS: Record<SeriesInterval, Intl.DateTimeFormatOptions> = {
  hour: { month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' },
  day: { weekday: 'short', month: 'short', day: 'numeric' },
  week: { month: 'short', day: 'numeric', year: 'numeric' },
  month: { month: 'long', year: 'numeric' },
};

/** A bucket's start as a reader expects it for the interval, in the element's zone. */
export function formatBucket(epochMs: number, interval: SeriesInterval, timeZone: string, locale?: string): string {
  return cached(
    `b|${interval}|${timeZone}|${locale}`,
    () => new Intl.DateTimeFormat(locale, { ...BUCKET_FORMATS[interval], timeZone }),
  ).format(epochMs);
}

/** Short tick label: hours for hourly buckets, dates otherwise. */
export function formatTick(epochMs: number, interval: SeriesInterval, timeZone: string, locale?: string): string {
  const options: Intl.DateTimeFormatOptions =
    interval === 'hour'
      ? { hour: 'numeric', minute: '2-digit' }
      : interval === 'month'
        ? { month: 'short', year: '2-digit' }
        : { month: 'short', day: 'numeric' };
  return cached(`t|${interval}|${timeZone}|${locale}`, () => new Intl.DateTimeFormat(locale, { ...options, timeZone })).format(epochMs);
}

export function formatDateTime(epochMs: number, timeZone: string, locale?: string): string {
  return cached(
    `dt|${timeZone}|${locale}`,
    () => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium', timeZone }),
  ).format(epochMs);
}

/** A log row's day and clock, "Nov 23" and "10:54:39 AM" (the year and zone are in the hover title and the detail). */
export function formatRowTime(epochMs: number, timeZone: string, locale?: string): { day: string; clock: string } {
  const day = cached(`rd|${timeZone}|${locale}`, () => new Intl.DateTimeFormat(locale, { month: 'short', day: 'numeric', timeZone }));
  const clock = cached(
    `rc|${timeZone}|${locale}`,
    () => new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit', second: '2-digit', timeZone }),
  );
  return { day: day.format(epochMs), clock: clock.format(epochMs) };
}

/** "3 minutes ago", for hover titles. */
export function formatRelative(epochMs: number, now: number, locale?: string): string {
  const rtf = cached(`r|${locale}`, () => new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }));
  const seconds = Math.round((epochMs - now) / 1000);
  const units: [Intl.RelativeTimeFormatUnit, number][] = [
    ['day', 86_400],
    ['hour', 3_600],
    ['minute', 60],
    ['second', 1],
  ];
  for (const [unit, size] of units) if (Math.abs(seconds) >= size || unit === 'second') return rtf.format(Math.round(seconds / size), unit);
  return '';
}

export function formatDuration(ms: number, locale?: string): string {
  if (ms < 1000) return `${formatNumber(Math.round(ms), locale)} ms`;
  return `${cached(`s|${locale}`, () => new Intl.NumberFormat(locale, { maximumFractionDigits: 1 })).format(ms / 1000)} s`;
}
