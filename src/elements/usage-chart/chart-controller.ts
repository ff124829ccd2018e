/**
 * The Chart.js side of `<composio-usage-chart>`, as one Lit ReactiveController: Chart.js and our
 * code that needs it (chart-register.ts, chart-runtime.ts) fetched as the element connects, beside
 * the data; one draw per render (hidden series are part of the configuration), our own
 * ResizeObserver, destroy on disconnect, series visibility, and the keyboard position on the plot
 * (hit testing and keys themselves are in chart-interaction.ts, loaded with Chart.js). The element
 * says what to draw (`config`, the input of `buildConfig`) and when it changed (`key`); the
 * controller says what was picked (`onPick`).
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Chart, ChartEvent } from 'chart.js';
import type { ConfigInput } from './chart-config.ts';
import type { KeyboardState } from './chart-interaction.ts';

type ChartModule = typeof import('./chart-register.ts') & typeof import('./chart-runtime.ts');
let chartModule: Promise<ChartModule> | undefined;
/** Chart.js and our code that needs it, two chunks fetched together: never with the element's own module. */
export const loadChartJs = () =>
  (chartModule ??= Promise.all([import('./chart-register.ts'), import('./chart-runtime.ts')]).then(([chartJs, runtime]) => ({
    ...chartJs,
    ...runtime,
  })));

/** What a click or a key chose: a bucket (or breakdown row) and, when one was under it, a dataset. */
export interface Pick {
  index: number;
  datasetIndex?: number;
  /** The group only, not the bucket (a keyboard choice of the highlighted segment). */
  groupOnly?: boolean;
}

export interface ChartControllerOptions {
  /** The canvas and its sized container, once rendered (undefined when the chart is not shown). */
  canvas: () => HTMLCanvasElement | undefined;
  plot: () => HTMLElement | undefined;
  /** What to draw, for `buildConfig` (asked only when `key` changed). */
  config: () => ConfigInput | undefined;
  /** Redraw when any part changes (compared by identity). */
  key: () => unknown[];
  /** One key per dataset, for visibility that survives redraws. */
  seriesKeys: () => string[];
  onPick: (pick: Pick) => void;
}

export class ChartController implements ReactiveController {
  chart?: Chart;
  /** Series the viewer switched off (by key), kept across reloads. */
  hidden = new Set<string>();
  /** The bucket the keyboard is on (-1: none). */
  activeIndex = -1;
  /** The stacked segment (dataset) the keyboard is on within that bucket, if any. */
  activeDataset?: number;

  private drawnKey?: unknown[];
  /** The lazy chunk, once loaded (always, when there is a chart). */
  private runtime?: ChartModule;
  private resizeObserver?: ResizeObserver;
  private drawing = 0;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly options: ChartControllerOptions,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    // a chart on the page will draw: fetch Chart.js now, beside the data, not after it
    void loadChartJs();
    // re-attached after a removal: the chart was destroyed, draw it again
    this.host.requestUpdate();
  }

  hostDisconnected(): void {
    this.destroy();
  }

  hostUpdated(): void {
    // the element renders a canvas only when there is something to draw
    const canvas = this.options.canvas();
    if (!canvas) {
      this.destroy();
      return;
    }
    const key = [...this.options.key(), canvas];
    if (this.chart && this.drawnKey?.every((part, i) => part === key[i])) return;
    this.drawnKey = key;
    void this.draw(++this.drawing);
  }

  /** Forget the keyboard position (new data). */
  reset(): void {
    this.activeIndex = -1;
    this.activeDataset = undefined;
  }

  private async draw(generation: number): Promise<void> {
    const runtime = await loadChartJs();
    const canvas = this.options.canvas();
    const plot = this.options.plot();
    const input = this.options.config();
    // a newer draw started while Chart.js loaded, or the chart went away
    if (generation !== this.drawing || !canvas || !plot || !input || !this.host.isConnected) return;
    const config = runtime.buildConfig(input);
    this.runtime = runtime;
    this.chart?.destroy();
    const keys = this.options.seriesKeys();
    // hidden series are part of the configuration: one draw, not a draw and a redraw
    config.data.datasets.forEach((dataset, i) => (dataset.hidden = keys[i] !== undefined && this.hidden.has(keys[i])));
    runtime.restack(config.data.datasets, (i) => !config.data.datasets[i].hidden);
    config.options = { ...config.options, onClick: (event) => this.click(event) };
    const box = plot.getBoundingClientRect();
    canvas.width = Math.max(1, Math.floor(box.width));
    canvas.height = Math.max(1, Math.floor(box.height));
    this.chart = new runtime.Chart(canvas, config);
    this.observeSize(plot);
  }

  private observeSize(plot: HTMLElement): void {
    this.resizeObserver?.disconnect();
    // our own observer: Chart.js's responsive mode misdetects attachment inside shadow roots
    this.resizeObserver = new ResizeObserver(([entry]) => {
      const { width, height } = entry.contentRect;
      if (this.chart && width > 0 && height > 0) this.chart.resize(Math.floor(width), Math.floor(height));
    });
    this.resizeObserver.observe(plot);
  }

  private destroy(): void {
    this.resizeObserver?.disconnect();
    this.resizeObserver = undefined;
    this.chart?.destroy();
    this.chart = undefined;
    this.drawnKey = undefined;
  }

  /** Show or hide a series (a legend toggle): one update of the chart that is there. */
  toggle(key: string): void {
    const hidden = new Set(this.hidden);
    if (hidden.has(key)) hidden.delete(key);
    else hidden.add(key);
    this.hidden = hidden;
    const index = this.options.seriesKeys().indexOf(key);
    const chart = this.chart;
    if (chart && this.runtime && index >= 0) {
      chart.setDatasetVisibility(index, !hidden.has(key));
      // stacked lines and areas: the layers above come down (or go up) by this one
      this.runtime.restack(chart.data.datasets, (i) => chart.isDatasetVisible(i));
      chart.update('none');
    }
    this.host.requestUpdate();
  }

  private click(event: ChartEvent): void {
    const pick = this.chart && this.runtime?.hitTest(this.chart, event);
    if (pick) this.options.onPick(pick);
  }

  /** The plot's keys (see chart-interaction.ts); nothing to do before the first draw. */
  handleKey(event: KeyboardEvent): void {
    if (this.chart && this.runtime?.chartKey(this.chart, this.keyboard, event)) event.preventDefault();
  }

  /** What the keyboard functions read and change: this controller's position, and its host. */
  private readonly keyboard: KeyboardState = {
    get: () => ({ index: this.activeIndex, dataset: this.activeDataset }),
    set: (index, dataset) => {
      this.activeIndex = index;
      this.activeDataset = dataset;
      this.host.requestUpdate();
    },
    pick: (pick) => this.options.onPick(pick),
  };
}
