/**
 * Chart.js configuration from the table model: a linear epoch-ms x-axis whose ticks and tooltips
 * are formatted with Intl in the element's zone (no date adapter), `parsing: false`, no animation.
 * Stacked lines and areas are stacked here (`restack`), not by Chart.js: its stacking keeps a
 * dictionary per x value and searches the datasets for every point, which was ~80 % of drawing
 * 10,000 points × 5 series; stacked bars (a few dozen buckets) are left to Chart.js.
 * Type-only imports of Chart.js; loaded lazily beside Chart.js (chart-runtime.ts).
 */
import type { ChartConfiguration, ChartDataset, Plugin, TooltipItem } from 'chart.js';
import type { SeriesInterval } from '../../contract/protocol.ts';
import type { ResolvedTheme } from '../shared/theme.ts';
import { OTHER_KEY, STACK, type TableModel } from './model.ts';

export type ChartType = 'bar' | 'line' | 'area';

/** Chart.js draws lower orders on top: the previous period's line above the series. The order also tells them apart. */
const SERIES_ORDER = 1;
const PREVIOUS_ORDER = 0;

export interface Point {
  x: number;
  /** Where the point is drawn: the bucket's value, or for a stacked line or area the top of its layer. */
  y: number | null;
  /** The bucket's own value (null: nothing measured, a gap). */
  value: number | null;
  /** Bucket edges, for tooltips and click events. */
  from: number;
  to: number;
}

/** A plotted series (a stack segment), not the previous period's line. */
export const isSeries = (dataset: { order?: number }) => dataset.order === SERIES_ORDER;
export const isPrevious = (dataset: { order?: number }) => dataset.order === PREVIOUS_ORDER;

/**
 * Stacks the visible series of a line or area chart: each point's `y` becomes its value plus the
 * values below it (hidden series add nothing). Stacked bars have `stack` set and are left to Chart.js.
 */
export function restack(datasets: readonly ChartDataset[], visible: (index: number) => boolean): void {
  const layers = datasets.filter((dataset, i) => isSeries(dataset) && dataset.stack === undefined && visible(i));
  const base = new Float64Array(Math.max(0, ...layers.map((dataset) => dataset.data.length)));
  for (const dataset of layers) {
    const points = dataset.data as unknown as Point[];
    for (let i = 0; i < points.length; i++) {
      const p = points[i];
      base[i] += p.value ?? 0;
      p.y = p.value === null ? null : base[i];
    }
  }
}

export interface ConfigInput {
  model: TableModel;
  type: ChartType;
  interval: SeriesInterval;
  theme: ResolvedTheme;
  formatTick: (epochMs: number) => string;
  formatBucket: (from: number, to: number) => string;
  formatNumber: (value: number) => string;
  /** Counts tick at whole numbers; a rate or a duration (an insight metric) does not. */
  fractional?: boolean;
  previousLabel: string;
  /** "Total", for the tooltip's footer. */
  totalLabel: string;
  rowLabel: (key: string) => string;
}

/** At most `max` labelled ticks, under the bucket midpoints where bars and points are drawn. */
function tickValues(model: TableModel, max: number): number[] {
  const step = Math.max(1, Math.ceil(model.rows.length / max));
  return model.rows.filter((_, i) => i % step === 0).map(mid);
}

const mid = (r: { from?: number; to?: number }) => r.from! + (r.to! - r.from!) / 2;

/** The start of the bucket holding x (rows are in time order: a binary search, for 10,000 buckets too). */
function bucketAt(model: TableModel, x: number): number {
  let low = 0;
  let high = model.rows.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const row = model.rows[middle];
    if (x < row.from!) high = middle - 1;
    else if (x >= row.to!) low = middle + 1;
    else return row.from!;
  }
  return x;
}

/** Fills the canvas with the theme's background, so a PNG export is readable outside the page. */
const backgroundPlugin: Plugin = {
  id: 'composio-background',
  beforeDraw(chart, _args, options: { color?: string }) {
    const { ctx } = chart;
    ctx.save();
    ctx.globalCompositeOperation = 'destination-over';
    ctx.fillStyle = options.color ?? 'transparent';
    ctx.fillRect(0, 0, chart.width, chart.height);
    ctx.restore();
  },
};

/** The whole configuration, the background plugin (for PNG export) included. */
export function buildConfig(input: ConfigInput): ChartConfiguration {
  const config = seriesOrBreakdown(input);
  config.plugins = [backgroundPlugin];
  return config;
}

function seriesOrBreakdown(input: ConfigInput): ChartConfiguration {
  const { model, theme } = input;
  const colour = (i: number, key: string) => (key === OTHER_KEY ? theme.series[7] : theme.series[i % 7]);
  const scaleColours = { grid: { color: theme.grid }, ticks: { color: theme.muted }, border: { color: theme.grid } };
  const common = {
    animation: false as const,
    responsive: false,
    maintainAspectRatio: false,
    parsing: false as const,
    normalized: true,
    plugins: {
      // the legend is the element's own HTML: real toggle buttons
      'composio-background': { color: theme.bg },
    },
  };

  if (model.kind === 'breakdown') {
    // rows sit at y = 0, 1, 2 … on a linear axis (reversed: the largest on top), labelled by tick callback
    const label = (value: number) => (Number.isInteger(value) && model.rows[value] ? input.rowLabel(model.rows[value].key) : '');
    return {
      type: 'bar',
      data: {
        datasets: [
          {
            label: model.columns[0].label,
            data: model.rows.map((r, i) => ({ x: Number(r.values[0]), y: i })),
            backgroundColor: model.rows.map((r, i) => colour(i, r.key)),
          },
        ],
      },
      options: {
        ...common,
        indexAxis: 'y',
        scales: {
          x: {
            type: 'linear',
            ...scaleColours,
            beginAtZero: true,
            ticks: { ...scaleColours.ticks, callback: (v) => input.formatNumber(Number(v)) },
          },
          y: {
            type: 'linear',
            reverse: true,
            min: -0.5,
            max: model.rows.length - 0.5,
            offset: false,
            ...scaleColours,
            grid: { display: false },
            afterBuildTicks: (axis) => {
              axis.ticks = model.rows.map((_, value) => ({ value }));
            },
            ticks: { ...scaleColours.ticks, autoSkip: false, callback: (v) => label(Number(v)) },
          },
        },
        plugins: {
          ...common.plugins,
          tooltip: {
            callbacks: {
              title: (items: TooltipItem<'bar'>[]) => label(items[0]?.parsed.y ?? -1),
              label: (item: TooltipItem<'bar'>) => input.formatNumber(item.parsed.x ?? 0),
            },
          },
        },
      },
    } as ChartConfiguration;
  }

  const stacked = model.columns.length > 1;
  const chartType = input.type === 'bar' ? 'bar' : 'line';
  const datasets: ChartDataset[] = model.columns.map((column, c) => {
    // '' is a bucket with nothing to measure (an insight metric): a gap, not a zero
    const data: Point[] = model.rows.map((r) => {
      const value = r.values[c] === '' ? null : Number(r.values[c]);
      return { x: mid(r), y: value, value, from: r.from!, to: r.to! };
    });
    return {
      label: column.label,
      data,
      backgroundColor: colour(c, column.key),
      borderColor: colour(c, column.key),
      borderWidth: chartType === 'line' ? 2 : 0,
      pointRadius: chartType === 'line' && model.rows.length <= 48 ? 2 : 0,
      fill: input.type === 'area' ? (stacked && c > 0 ? '-1' : 'origin') : false,
      ...(chartType === 'bar' ? { stack: STACK } : {}),
      order: SERIES_ORDER,
    } as ChartDataset;
  });
  if (chartType === 'line') restack(datasets, () => true);
  if (model.previous) {
    datasets.push({
      type: 'line',
      label: input.previousLabel,
      // previous bucket i (the same calendar shape, earlier) drawn over current bucket i, with its own edges
      data: model.rows.map((r, i): Point => {
        const value = model.previous![i] === '' ? null : Number(model.previous![i] ?? 0);
        return { x: mid(r), y: value, value, ...(model.previousSpans?.[i] ?? { from: r.from!, to: r.to! }) };
      }),
      borderColor: theme.compare,
      backgroundColor: theme.compare,
      borderDash: [6, 4],
      borderWidth: 2,
      pointRadius: 0,
      fill: false,
      order: PREVIOUS_ORDER,
    } as ChartDataset);
  }
  const span = model.rows.length ? [model.rows[0].from!, model.rows.at(-1)!.to!] : [0, 1];
  return {
    type: chartType,
    data: { datasets },
    options: {
      ...common,
      // hover shows the whole bucket; clicks are hit-tested by the element (segment under the pointer)
      interaction: { mode: 'index', axis: 'x', intersect: false },
      datasets: { bar: { barPercentage: 0.9, categoryPercentage: 0.9 } },
      scales: {
        x: {
          type: 'linear',
          min: span[0],
          max: span[1],
          // min/max are already the window's edges; Chart.js's bar padding would add empty half-buckets
          offset: false,
          // bars of one bucket share its slot; lines are stacked already (restack)
          stacked: stacked && chartType === 'bar',
          ...scaleColours,
          grid: { display: false },
          afterBuildTicks: (axis) => {
            // ~8 labels, fewer on a narrow screen (one per 64 px) so they never overlap
            axis.ticks = tickValues(model, Math.max(2, Math.min(8, Math.floor(axis.width / 64) || 8))).map((value) => ({ value }));
          },
          // a tick sits at a bucket's midpoint; label it with the bucket it stands for
          ticks: {
            ...scaleColours.ticks,
            autoSkip: false,
            maxRotation: 0,
            callback: (value) => input.formatTick(bucketAt(model, Number(value))),
          },
        },
        y: {
          stacked: stacked && chartType === 'bar',
          beginAtZero: true,
          ...scaleColours,
          ticks: { ...scaleColours.ticks, ...(input.fractional ? {} : { precision: 0 }), callback: (v) => input.formatNumber(Number(v)) },
        },
      },
      plugins: {
        ...common.plugins,
        tooltip: {
          callbacks: {
            // the current bucket's edges (a previous-period point carries its own, earlier ones)
            title: (items: TooltipItem<'bar' | 'line'>[]) => {
              const row = model.rows[items[0]?.dataIndex ?? -1];
              return row ? input.formatBucket(row.from!, row.to!) : '';
            },
            label: (item: TooltipItem<'bar' | 'line'>) => {
              const p = item.raw as Point;
              const when = isPrevious(item.dataset) ? ` (${input.formatBucket(p.from, p.to)})` : '';
              return `${item.dataset.label}${when}: ${input.formatNumber(p.value ?? 0)}`;
            },
            // stacked: the bucket's total under its parts
            footer: (items: TooltipItem<'bar' | 'line'>[]) => {
              const row = model.rows[items[0]?.dataIndex ?? -1];
              return stacked && row ? `${input.totalLabel}: ${input.formatNumber(Number(row.total))}` : '';
            },
          },
        },
      },
    },
  } as ChartConfiguration;
}
