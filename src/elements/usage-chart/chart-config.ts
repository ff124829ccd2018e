/**
 * Chart.js configuration from the table model: a linear epoch-ms x-axis whose ticks and tooltips
 * are formatted with Intl in the element's zone (no date adapter), `parsing: false`, no animation.
 * Type-only imports of Chart.js; loaded lazily beside Chart.js (chart-runtime.ts).
 */
import type { ChartConfiguration, ChartDataset, Plugin, TooltipItem } from 'chart.js';
import type { SeriesInterval } from '../../contract/protocol.ts';
import type { ResolvedTheme } from '../shared/theme.ts';
import { OTHER_KEY, STACK, type TableModel } from './model.ts';

export type ChartType = 'bar' | 'line' | 'area';

export interface Point {
  x: number;
  y: number;
  /** Bucket edges, for tooltips and click events. */
  from: number;
  to: number;
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

function bucketAt(model: TableModel, x: number): number {
  return model.rows.find((r) => r.from! <= x && x < r.to!)?.from ?? x;
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
  const datasets: ChartDataset[] = model.columns.map(
    (column, c) =>
      ({
        label: column.label,
        // '' is a bucket with nothing to measure (an insight metric): a gap, not a zero
        data: model.rows.map((r) => ({ x: mid(r), y: r.values[c] === '' ? null : Number(r.values[c]), from: r.from!, to: r.to! })),
        backgroundColor: colour(c, column.key),
        borderColor: colour(c, column.key),
        borderWidth: chartType === 'line' ? 2 : 0,
        pointRadius: chartType === 'line' && model.rows.length <= 48 ? 2 : 0,
        fill: input.type === 'area' ? (stacked && c > 0 ? '-1' : 'origin') : false,
        stack: STACK,
        order: 1,
      }) as ChartDataset,
  );
  if (model.previous) {
    datasets.push({
      type: 'line',
      label: input.previousLabel,
      // previous bucket i (the same calendar shape, earlier) drawn over current bucket i, with its own edges
      data: model.rows.map((r, i) => ({
        x: mid(r),
        y: model.previous![i] === '' ? null : Number(model.previous![i] ?? 0),
        ...(model.previousSpans?.[i] ?? { from: r.from!, to: r.to! }),
      })),
      borderColor: theme.compare,
      backgroundColor: theme.compare,
      borderDash: [6, 4],
      borderWidth: 2,
      pointRadius: 0,
      fill: false,
      stack: 'previous',
      order: 0,
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
          stacked,
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
          stacked,
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
              const when = item.dataset.stack === 'previous' ? ` (${input.formatBucket(p.from, p.to)})` : '';
              return `${item.dataset.label}${when}: ${input.formatNumber(p.y)}`;
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
