/**
 * One table model per chart: the data table view, the CSV export and the Chart.js datasets are all
 * built from it, so what is plotted, tabulated and exported is the same thing. Quantities stay
 * decimal strings until the moment they are drawn or formatted.
 */
import { toCsv } from '../../core/csv.ts';
import { subtractDecimals, sumDecimals } from '../../core/decimal.ts';
import type { ChartData } from './data.ts';

export const OTHER_KEY = '\u0000other';
export const TOTAL_KEY = '\u0000total';
/** Chart.js's stack of the series drawn as bars (lines and areas are stacked by chart-config's `restack`). */
export const STACK = 'usage';
export const PREVIOUS_KEY = '\u0000previous';

export interface ModelColumn {
  /** A group key, or OTHER_KEY / TOTAL_KEY. */
  key: string;
  label: string;
}

export interface ModelRow {
  /** A bucket start (series) or a group key (breakdown). */
  key: string;
  from?: number;
  to?: number;
  /** One decimal string per column. */
  values: string[];
  /** Σ values. */
  total: string;
}

export interface TableModel {
  kind: 'series' | 'breakdown';
  columns: ModelColumn[];
  rows: ModelRow[];
  /** Σ per column. */
  columnTotals: string[];
  /** Σ of everything plotted; equals the header total for the window. */
  total: string;
  /** The previous period, bucket by bucket (series with `compare` only). */
  previous?: string[];
  /** The previous period's bucket edges, one per entry of `previous`. */
  previousSpans?: { from: number; to: number }[];
}

/** The model's own words: the single column's name, the rest summed, a group with an empty key. */
export interface ModelLabels {
  metric: string;
  other: string;
  none: string;
}

export function buildModel(data: ChartData, labels: ModelLabels): TableModel {
  if (data.breakdown) {
    const b = data.breakdown;
    const shown = sumDecimals(b.groups.map((g) => g.total_quantity));
    const rest = subtractDecimals(b.total_quantity, shown);
    const rows: ModelRow[] = b.groups.map((g) => ({ key: g.key, values: [g.total_quantity], total: g.total_quantity }));
    if (rest !== '0') rows.push({ key: OTHER_KEY, values: [rest], total: rest });
    return {
      kind: 'breakdown',
      columns: [{ key: TOTAL_KEY, label: labels.metric }],
      rows,
      columnTotals: [b.total_quantity],
      total: b.total_quantity,
    };
  }

  const series = data.series!;
  const grouped = series.group_keys !== undefined;
  const columns: ModelColumn[] = grouped
    ? [...series.group_keys!.map((key) => ({ key, label: key || labels.none })), { key: OTHER_KEY, label: labels.other }]
    : [{ key: TOTAL_KEY, label: labels.metric }];
  const rows: ModelRow[] = series.buckets.map((bucket) => {
    const values = grouped ? [...bucket.groups!.map((g) => g.total_quantity), bucket.other!.total_quantity] : [bucket.total_quantity];
    return { key: String(bucket.from), from: bucket.from, to: bucket.to, values, total: bucket.total_quantity };
  });
  // a grouped chart drops an all-zero "Other" column: nothing to show
  if (grouped && rows.every((r) => r.values.at(-1) === '0')) {
    columns.pop();
    rows.forEach((r) => r.values.pop());
  }
  const columnTotals = columns.map((_, c) => sumDecimals(rows.map((r) => r.values[c])));
  return {
    kind: 'series',
    columns,
    rows,
    columnTotals,
    total: sumDecimals(rows.map((r) => r.total)),
    previous: data.previousSeries?.buckets.map((b) => b.total_quantity),
    previousSpans: data.previousSeries?.buckets.map((b) => ({ from: b.from, to: b.to })),
  };
}

/** A cell as a CSV number; '' (nothing measured in the bucket: an insight metric) stays empty, never 0. */
const num = (value: string): number | string => (value === '' ? '' : Number(value));

/** The model as CSV: bucket edges as ISO instants (machine columns: from, to) plus the local label, then one column per series. */
export function modelToCsv(
  model: TableModel,
  labels: {
    groupBy: string;
    rowLabel: (key: string) => string;
    bucketLabel: (from: number) => string;
    unit?: string;
    total: string;
    previousPeriod: string;
  },
): string {
  if (model.kind === 'breakdown') {
    return toCsv(
      [labels.groupBy, model.columns[0].label],
      model.rows.map((r) => [labels.rowLabel(r.key), num(r.values[0])]),
    );
  }
  const multi = model.columns.length > 1;
  const header = [
    'from',
    'to',
    'bucket',
    ...model.columns.map((c) => c.label + (labels.unit ?? '')),
    ...(multi ? [labels.total] : []),
    ...(model.previous ? [labels.previousPeriod] : []),
  ];
  const rows = model.rows.map((r, i) => [
    new Date(r.from!).toISOString(),
    new Date(r.to!).toISOString(),
    labels.bucketLabel(r.from!),
    ...r.values.map(num),
    ...(multi ? [num(r.total)] : []),
    ...(model.previous ? [num(model.previous[i] ?? '0')] : []),
  ]);
  return toCsv(header, rows);
}

/** One key per Chart.js dataset of a series (the model's columns, then the previous period); none for a breakdown. */
export function seriesKeys(model: TableModel | undefined): string[] {
  if (!model || model.kind === 'breakdown') return [];
  return [...model.columns.map((c) => c.key), ...(model.previous ? [PREVIOUS_KEY] : [])];
}
