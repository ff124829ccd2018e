/**
 * The headline figures: how each tile reads its value, its previous value and its per-bucket
 * line from the insights, how it is formatted, and how its change is said in plain words.
 */
import { formatDuration, formatNumber, formatPercent } from '../../client/format.ts';
import type { InsightsBucket, InsightsResponse } from '../../contract/protocol.ts';
import type { UsageSummaryResponse } from '../../contract/upstream.ts';
import type { CommonStrings, Words } from '../shared/i18n/strings.ts';

export type TileKey = 'calls' | 'error_rate' | 'p95' | 'active_users' | 'sessions_per_day' | 'charges';

export interface Tile {
  key: TileKey;
  label: string;
  /** The formatted value; undefined while loading. */
  value?: string;
  /** The change against the previous period, in plain words. */
  change?: string;
  /** `better`, `worse` or '' (no change, or nothing to compare with). */
  tone: 'better' | 'worse' | '';
  /** Per-bucket values for the sparkline (`null` where there is nothing to measure). */
  line?: (number | null)[];
}

/** Above this the previous period was all but empty, and a percentage says nothing. */
const MAX_RATIO = 99;

const fixed1 = (locale?: string) => new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });

export function formatRate(rate: number | null, locale?: string): string {
  return rate === null ? '—' : new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(rate);
}

export const formatLatency = (ms: number | null, locale?: string): string => (ms === null ? '—' : formatDuration(ms, locale));

/** A relative change ("+12 % vs previous period"); `higherIsBetter` picks the tone. */
function relative(current: number | null, previous: number | null, higherIsBetter: boolean, words: CommonStrings, locale?: string) {
  if (current === null || previous === null || previous === 0) return { change: words.noPrevious, tone: '' as const };
  const ratio = (current - previous) / previous;
  const tone = ratio === 0 ? ('' as const) : ratio > 0 === higherIsBetter ? ('better' as const) : ('worse' as const);
  const change = ratio > MAX_RATIO ? words.overTimes(formatNumber(MAX_RATIO + 1, locale)) : words.versus(formatPercent(ratio, locale));
  return { change, tone };
}

/** An error rate's change in percentage points: a relative change of a small rate misleads. */
function points(current: number | null, previous: number | null, words: CommonStrings, locale?: string) {
  if (current === null || previous === null) return { change: words.noPrevious, tone: '' as const };
  const delta = (current - previous) * 100;
  const shown = fixed1(locale).format(Math.abs(delta));
  if (shown === fixed1(locale).format(0)) return { change: words.noChange, tone: '' as const };
  return {
    change: words.points(`${delta > 0 ? '+' : '−'}${shown}`),
    tone: delta > 0 ? ('worse' as const) : ('better' as const),
  };
}

const line = (buckets: InsightsBucket[], pick: (b: InsightsBucket) => number | null) => buckets.map(pick);

function formatCharge(value: string, locale?: string): string {
  return new Intl.NumberFormat(locale, { style: 'currency', currency: 'USD', maximumFractionDigits: 2 }).format(Number(value));
}

/** The tiles, in order; charges only when the usage summary reports them. */
export function buildTiles(
  data: { current: InsightsResponse; previous: InsightsResponse; summary: UsageSummaryResponse; previousSummary: UsageSummaryResponse },
  locale: string | undefined,
  strings: Words<'insights'>,
): Tile[] {
  const words = strings.common;
  const labels = strings.insights.tiles;
  const { current: now, previous: before } = data;
  const [t, p, b] = [now.totals, before.totals, now.buckets];
  const calls = before.totals.calls === 0 ? null : p.calls;
  const tiles: Tile[] = [
    {
      key: 'calls',
      label: labels.calls,
      value: formatNumber(t.calls, locale),
      ...relative(t.calls, calls, true, words, locale),
      line: line(b, (x) => x.calls),
    },
    {
      key: 'error_rate',
      label: labels.error_rate,
      value: formatRate(t.error_rate, locale),
      ...points(t.error_rate, p.error_rate, words, locale),
      line: line(b, (x) => x.error_rate),
    },
    {
      key: 'p95',
      label: labels.p95,
      value: formatLatency(t.p95, locale),
      ...relative(t.p95, p.p95, false, words, locale),
      line: line(b, (x) => x.p95),
    },
    {
      key: 'active_users',
      label: labels.active_users,
      value: formatNumber(t.active_users, locale),
      ...relative(t.active_users, calls === null ? null : p.active_users, true, words, locale),
      line: line(b, (x) => x.active_users),
    },
    {
      key: 'sessions_per_day',
      label: labels.sessions_per_day,
      value: t.sessions_per_day === null ? '—' : fixed1(locale).format(t.sessions_per_day),
      ...relative(t.sessions_per_day, calls === null ? null : p.sessions_per_day, true, words, locale),
    },
  ];
  const charge = data.summary.instant_charge;
  if (charge !== undefined) {
    const previous = data.previousSummary.instant_charge;
    tiles.push({
      key: 'charges',
      label: labels.charges,
      value: formatCharge(charge, locale),
      ...relative(Number(charge), previous === undefined ? null : Number(previous), false, words, locale),
      tone: '', // a bill that grows with use is neither good nor bad news
    });
  }
  return tiles;
}

/** Placeholders while the first data loads: the same labels, no values. */
export function skeletonTiles(strings: Words<'insights'>): Tile[] {
  const keys = ['calls', 'error_rate', 'p95', 'active_users', 'sessions_per_day'] as const;
  return keys.map((key) => ({ key, label: strings.insights.tiles[key], tone: '' }));
}
