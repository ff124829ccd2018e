/**
 * The chart's sentences: labels of rows and buckets, the canvas's summary (its screen-reader
 * name and the table's caption), and what the keyboard highlights, in the element's language.
 */
import { formatBucket, formatNumber } from '../../client/format.ts';
import type { SeriesInterval } from '../../contract/protocol.ts';
import type { Words } from '../shared/i18n/strings.ts';
import type { ChartRequest } from './data.ts';
import { OTHER_KEY, type TableModel } from './model.ts';
import { isInsightMetric } from './insight-metrics.ts';

export interface Wording {
  zone: string;
  locale?: string;
  interval: SeriesInterval;
  strings: Words<'chart'>;
  /** A value of the metric as the reader reads it (default: a count). */
  format?: (value: string | number) => string;
}

export function rowLabel(key: string, strings: Words<'chart'>): string {
  if (key === OTHER_KEY) return strings.common.other;
  return key === '' ? strings.common.none : key;
}

/** A dimension in running text ("by toolkit"); one the words do not name stays its key. */
export function groupLabel(groupBy: string | undefined, strings: Words<'chart'>): string {
  return (strings.chart.groups as Record<string, string>)[groupBy ?? ''] ?? groupBy ?? '';
}

export const bucketLabel = (from: number, w: Wording): string => formatBucket(from, w.interval, w.zone, w.locale);

/** One sentence for the whole chart: what, over which span, the total and the peak (or each bar). */
export function summarize(model: TableModel, request: ChartRequest, w: Wording): string {
  const { chart } = w.strings;
  const metric = chart.metrics[request.metric];
  const n = (v: string | number) => (w.format ? w.format(v) : formatNumber(v, w.locale));
  if (model.kind === 'breakdown') {
    const bars = model.rows.map((r) => ({ label: rowLabel(r.key, w.strings), value: n(r.total) }));
    return chart.summaryBreakdown({ metric, group: groupLabel(request.groupBy, w.strings), bars, total: n(model.total) });
  }
  const peak = model.rows.reduce((best, r) => (Number(r.total) > Number(best.total) ? r : best), model.rows[0]);
  return chart.summarySeries({
    metric,
    interval: w.interval,
    first: model.rows.length ? bucketLabel(model.rows[0].from!, w) : undefined,
    last: model.rows.length ? bucketLabel(model.rows.at(-1)!.from!, w) : undefined,
    total: n(model.total),
    // a rate or a percentile is the window's own figure, not a sum of its buckets
    rate: isInsightMetric(request.metric),
    peak: peak ? { value: n(peak.total), at: bucketLabel(peak.from!, w) } : undefined,
  });
}

/** The highlighted bucket (and segment) in words, or '' when nothing is highlighted. */
export function describeActive(model: TableModel | undefined, index: number, dataset: number | undefined, w: Wording): string {
  const row = model?.rows[index];
  if (!model || !row) return '';
  const n = (v: string) => (w.format ? w.format(v) : formatNumber(v, w.locale));
  const { labelValue } = w.strings.common;
  if (model.kind === 'breakdown') return labelValue(rowLabel(row.key, w.strings), n(row.total));
  const segment = dataset === undefined ? undefined : model.columns[dataset];
  const bucket = labelValue(bucketLabel(row.from!, w), n(row.total));
  return segment ? `${bucket}; ${labelValue(segment.label, n(row.values[dataset!]))}` : bucket;
}
