/**
 * The chart benchmark's page (driven by bench/chart.ts): the same data drawn by our Chart.js
 * configuration (buildConfig + the parts chart-register.ts registers, as `<composio-usage-chart>`
 * draws it) and by uPlot, in the same page, one draw at a time. A draw is timed from the model to
 * the pixels: building the configuration (or uPlot's columns), constructing the chart, its first
 * draw (Chart.js draws synchronously with animation off, uPlot in a microtask), and a one-pixel
 * read that makes the canvas finish rasterising. Two more Chart.js drawings say what is left to
 * gain: ours with the decimation plugin (min-max), and Chart.js's floor — the same datasets with
 * its defaults (no tooltip, no tick callbacks, no background plugin).
 */
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { Decimation, type Chart as ChartJs, type ChartConfiguration } from 'chart.js';
import { formatBucket, formatNumber, formatTick } from '../../src/client/format.ts';
import type { SeriesInterval } from '../../src/contract/protocol.ts';
import { buildConfig, type ChartType } from '../../src/elements/usage-chart/chart-config.ts';
import { OTHER_KEY, type TableModel } from '../../src/elements/usage-chart/model.ts';
import { chart as chartWords } from '../../src/elements/shared/i18n/en/chart.ts';
import { common, problem } from '../../src/elements/shared/i18n/en/common.ts';
import { rowLabel as labelOf } from '../../src/elements/usage-chart/words.ts';
import type { ResolvedTheme } from '../../src/elements/shared/theme.ts';
import type { Library } from './chart-libraries.ts';

// Chart.js as the element gets it: only the registered parts, loaded on first use
const { Chart } = await import('../../src/elements/usage-chart/chart-register.ts');
// for the decimation variant only (the element does not register it)
Chart.register(Decimation);

// the chart's English words, as the element has them
const words = { common, problem, chart: chartWords };
const rowLabel = (key: string) => labelOf(key, words);

const WIDTH = 1100;
const HEIGHT = 280;
const ZONE = 'UTC';

/** The light theme's defaults (src/elements/shared/theme.ts). */
const THEME: ResolvedTheme = {
  text: '#1f2328',
  muted: '#59636e',
  bg: '#ffffff',
  grid: '#d1d9e0',
  compare: '#8c959f',
  series: ['#0969da', '#bf3989', '#1a7f37', '#bc4c00', '#8250df', '#0a7d8c', '#9a6700', '#6e7781'],
};

/** A small seeded generator (mulberry32): the same data in every run. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A grouped series model as `buildModel` makes it: `buckets` rows, one column per group, decimal strings. */
function seriesModel(buckets: number, groups: string[], stepMs: number, compare: boolean): TableModel {
  const next = random(42);
  const start = Date.UTC(2026, 0, 1);
  const level = groups.map(() => 20 + next() * 80);
  const rows = Array.from({ length: buckets }, (_, i) => {
    const values = level.map((v, c) => String(Math.max(0, Math.round((level[c] = Math.max(1, v + (next() - 0.5) * 12))))));
    const total = String(values.reduce((sum, v) => sum + Number(v), 0));
    return { key: String(start + i * stepMs), from: start + i * stepMs, to: start + (i + 1) * stepMs, values, total };
  });
  const columns = groups.map((key) => ({ key, label: rowLabel(key) }));
  const columnTotals = groups.map((_, c) => String(rows.reduce((sum, r) => sum + Number(r.values[c]), 0)));
  return {
    kind: 'series',
    columns,
    rows,
    columnTotals,
    total: String(rows.reduce((sum, r) => sum + Number(r.total), 0)),
    ...(compare
      ? {
          previous: rows.map((r) => String(Math.round(Number(r.total) * (0.7 + next() * 0.5)))),
          previousSpans: rows.map((r) => ({ from: r.from - buckets * stepMs, to: r.to - buckets * stepMs })),
        }
      : {}),
  };
}

interface Case {
  model: TableModel;
  type: ChartType;
  interval: SeriesInterval;
}

const CASES = {
  /** 10,000 hourly points × 5 series, lines (stacked, as the element stacks grouped series). */
  long: { model: seriesModel(10_000, ['gmail', 'slack', 'github', 'notion', 'linear'], 3_600_000, false), type: 'line', interval: 'hour' },
  /** The demo's chart: 30 days, top 5 toolkits + Other as stacked bars, the previous 30 days as a dashed line. */
  demo: {
    model: seriesModel(30, ['gmail', 'slack', 'github', 'notion', 'linear', OTHER_KEY], 86_400_000, true),
    type: 'bar',
    interval: 'day',
  },
} satisfies Record<string, Case>;

export type CaseName = keyof typeof CASES;

let chart: ChartJs | undefined;
let plot: uPlot | undefined;

function clear(): void {
  chart?.destroy();
  chart = undefined;
  plot?.destroy();
  plot = undefined;
}

/** Finishes the canvas's pending drawing (a software canvas records commands and rasterises on demand). */
const flush = (canvas: HTMLCanvasElement) => canvas.getContext('2d')!.getImageData(0, 0, 1, 1);

function drawChartJs({ model, type, interval }: Case, variant: Exclude<Library, 'uplot'> = 'chartjs'): void {
  const host = document.getElementById('chartjs')!;
  const canvas = document.createElement('canvas');
  canvas.width = WIDTH;
  canvas.height = HEIGHT;
  host.replaceChildren(canvas);
  const config = buildConfig({
    model,
    type,
    interval,
    theme: THEME,
    formatTick: (t) => formatTick(t, interval, ZONE),
    formatBucket: (from) => formatBucket(from, interval, ZONE),
    formatNumber: (v) => formatNumber(v),
    previousLabel: chartWords.previousPeriod,
    totalLabel: chartWords.total,
    rowLabel,
  });
  if (variant === 'chartjs-decimation') config.options!.plugins!.decimation = { enabled: true, algorithm: 'min-max' };
  chart = new Chart(canvas, variant === 'chartjs-floor' ? floor(config) : config);
  flush(canvas);
}

/**
 * The same datasets with Chart.js's defaults: linear axes (stacked for bars), no plugins, no
 * callbacks; only the x-axis range is ours (the window's edges), since a line's cost grows with the
 * pixels it spans (Chart.js draws one segment per pixel column): with its own "nice" range the line
 * spans less of the canvas and looks ~3 ms cheaper at 10,000 points.
 */
function floor(config: ChartConfiguration): ChartConfiguration {
  const stacked = config.type === 'bar';
  const { min, max } = (config.options?.scales?.x ?? {}) as { min?: number; max?: number };
  return {
    type: config.type,
    data: config.data,
    options: {
      animation: false,
      responsive: false,
      parsing: false,
      normalized: true,
      scales: { x: { type: 'linear', stacked, min, max }, y: { stacked } },
      plugins: { tooltip: { enabled: false } },
    },
  };
}

/** The same picture with uPlot: stacking done here (uPlot draws what it is given), bars stacked through bands. */
function drawUplot({ model, type, interval }: Case): Promise<void> {
  const host = document.getElementById('uplot')!;
  host.replaceChildren();
  const xs = new Float64Array(model.rows.length);
  model.rows.forEach((r, i) => (xs[i] = r.from! + (r.to! - r.from!) / 2));
  const stacked: Float64Array[] = [];
  model.columns.forEach((_, c) => {
    const column = new Float64Array(model.rows.length);
    model.rows.forEach((r, i) => (column[i] = Number(r.values[c]) + (c ? stacked[c - 1][i] : 0)));
    stacked.push(column);
  });
  const colour = (c: number, key: string) => (key === OTHER_KEY ? THEME.series[7] : THEME.series[c % 7]);
  const bars = type === 'bar' ? uPlot.paths.bars!({ size: [0.81, Infinity], align: 0 }) : undefined;
  const series: uPlot.Series[] = [
    {},
    ...model.columns.map((column, c) => ({
      label: column.label,
      stroke: colour(c, column.key),
      fill: bars ? colour(c, column.key) : undefined,
      width: bars ? 0 : 2,
      paths: bars,
      points: { show: false },
    })),
  ];
  const data: uPlot.AlignedData = [xs, ...stacked];
  if (model.previous) {
    series.push({ label: 'Previous period', stroke: THEME.compare, width: 2, dash: [6, 4], points: { show: false } });
    data.push(Float64Array.from(model.previous, Number));
  }
  const axis = { stroke: THEME.muted, grid: { stroke: THEME.grid, width: 1 }, ticks: { stroke: THEME.grid, width: 1 } };
  return new Promise((resolve) => {
    plot = new uPlot(
      {
        width: WIDTH,
        height: HEIGHT,
        legend: { show: false },
        scales: { x: { time: false, range: [model.rows[0].from!, model.rows.at(-1)!.to!] }, y: { range: (_u, _min, max) => [0, max] } },
        axes: [
          { ...axis, grid: { show: false }, values: (_u, splits) => splits.map((v) => formatTick(v, interval, ZONE)) },
          { ...axis, values: (_u, splits) => splits.map((v) => formatNumber(v)) },
        ],
        series,
        bands: bars ? model.columns.slice(1).map((_, c) => ({ series: [c + 2, c + 1] as [number, number] })) : undefined,
        hooks: { draw: [(u) => (flush(u.ctx.canvas), resolve())] },
      },
      data,
      host,
    );
  });
}

const bench = {
  /** Points drawn per series, and series. */
  size: (name: CaseName) => ({ points: CASES[name].model.rows.length, series: CASES[name].model.columns.length }),

  /**
   * One draw from the model to the pixels: wall ms. Marks `draw-<library>:start`/`:end` around it
   * for a trace to read the main thread's CPU time. The previous chart is destroyed first (not timed).
   */
  async render(name: CaseName, library: Library): Promise<number> {
    clear();
    performance.mark(`draw-${library}:start`);
    const started = performance.now();
    if (library === 'uplot') await drawUplot(CASES[name]);
    else drawChartJs(CASES[name], library);
    const ms = performance.now() - started;
    performance.mark(`draw-${library}:end`);
    return ms;
  },

  /** Both drawings of a case, left on screen (for a screenshot that shows they draw the same thing). */
  async show(name: CaseName): Promise<void> {
    clear();
    drawChartJs(CASES[name]);
    const ours = chart;
    await drawUplot(CASES[name]);
    chart = ours;
  },
};

export type ChartBench = typeof bench;
Object.assign(window, { bench, benchReady: true });
