/**
 * The chart's sentences: labels of rows and buckets, the canvas's summary (its screen-reader
 * name and the table's caption), and what the keyboard highlights.
 */
import { formatBucket, formatNumber } from '../../client/format.ts';
import type { SeriesInterval } from '../../contract/protocol.ts';
import type { ChartRequest } from './data.ts';
import { OTHER_KEY, type TableModel } from './model.ts';
import { GROUP_LABELS, INTERVAL_NOUN, METRIC_LABELS } from './settings.ts';
import { isInsightMetric } from './insight-metrics.ts';

export interface Wording {
  zone: string;
  locale?: string;
  interval: SeriesInterval;
  /** A value of the metric as the reader reads it (default: a count). */
  format?: (value: string | number) => string;
}

export function rowLabel(key: string): string {
  if (key === OTHER_KEY) return 'Other';
  return key === '' ? '(none)' : key;
}

export const bucketLabel = (from: number, w: Wording): string => formatBucket(from, w.interval, w.zone, w.locale);

/** One sentence for the whole chart: what, over which span, the total and the peak (or each bar). */
export function summarize(model: TableModel, request: ChartRequest, w: Wording): string {
  const metric = METRIC_LABELS[request.metric];
  const n = (v: string | number) => (w.format ? w.format(v) : formatNumber(v, w.locale));
  // a rate or a percentile is the window's own figure, not a sum of its buckets
  const whole = isInsightMetric(request.metric) ? 'over the period' : 'in total';
  if (model.kind === 'breakdown') {
    const by = GROUP_LABELS[request.groupBy ?? ''] ?? request.groupBy;
    return `${metric} by ${by}: ${model.rows.map((r) => `${rowLabel(r.key)} ${n(r.total)}`).join(', ')}. Total ${n(model.total)}.`;
  }
  const peak = model.rows.reduce((best, r) => (Number(r.total) > Number(best.total) ? r : best), model.rows[0]);
  const span = model.rows.length ? `${bucketLabel(model.rows[0].from!, w)} to ${bucketLabel(model.rows.at(-1)!.from!, w)}` : '';
  const highest = peak ? `; highest ${n(peak.total)} (${bucketLabel(peak.from!, w)})` : '';
  return `${metric} per ${INTERVAL_NOUN[w.interval]}, ${span}: ${n(model.total)} ${whole}${highest}.`;
}

/** The highlighted bucket (and segment) in words, or '' when nothing is highlighted. */
export function describeActive(model: TableModel | undefined, index: number, dataset: number | undefined, w: Wording): string {
  const row = model?.rows[index];
  if (!model || !row) return '';
  const n = (v: string) => (w.format ? w.format(v) : formatNumber(v, w.locale));
  if (model.kind === 'breakdown') return `${rowLabel(row.key)}: ${n(row.total)}`;
  const segment = dataset === undefined ? undefined : model.columns[dataset];
  return `${bucketLabel(row.from!, w)}: ${n(row.total)}${segment ? `; ${segment.label}: ${n(row.values[dataset!])}` : ''}`;
}
