/**
 * The Chart.js side of `<composio-usage-chart>`, as one Lit ReactiveController: Chart.js loaded
 * lazily on the first draw, one draw per render (hidden series are part of the configuration),
 * our own ResizeObserver, destroy on disconnect, series visibility, and the keyboard highlight of a
 * bucket. The element says what to draw (`config`) and when it changed (`key`); the controller
 * says what was picked (`onPick`).
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { BarElement, Chart, ChartConfiguration, ChartEvent } from 'chart.js';
import { isSeries, restack, type Point } from './chart-config.ts';

let chartModule: Promise<typeof import('./chart-register.ts')> | undefined;
/** Chart.js arrives on first draw, never with the element's own module. */
export const loadChartJs = () => (chartModule ??= import('./chart-register.ts'));

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
  /** The configuration to draw (asked only when `key` changed). */
  config: () => ChartConfiguration | undefined;
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
    const { Chart } = await loadChartJs();
    const canvas = this.options.canvas();
    const plot = this.options.plot();
    const config = this.options.config();
    // a newer draw started while Chart.js loaded, or the chart went away
    if (generation !== this.drawing || !canvas || !plot || !config || !this.host.isConnected) return;
    this.chart?.destroy();
    const keys = this.options.seriesKeys();
    // hidden series are part of the configuration: one draw, not a draw and a redraw
    config.data.datasets.forEach((dataset, i) => (dataset.hidden = keys[i] !== undefined && this.hidden.has(keys[i])));
    restack(config.data.datasets, (i) => !config.data.datasets[i].hidden);
    config.options = { ...config.options, onClick: (event) => this.click(event) };
    const box = plot.getBoundingClientRect();
    canvas.width = Math.max(1, Math.floor(box.width));
    canvas.height = Math.max(1, Math.floor(box.height));
    this.chart = new Chart(canvas, config);
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
    if (this.chart && index >= 0) {
      const chart = this.chart;
      chart.setDatasetVisibility(index, !hidden.has(key));
      restack(chart.data.datasets, (i) => chart.isDatasetVisible(i));
      chart.update('none');
    }
    this.host.requestUpdate();
  }

  private click(event: ChartEvent): void {
    const pick = this.hit(event);
    if (pick) this.options.onPick(pick);
  }

  /**
   * What is under the pointer: the bucket (or breakdown row) whose span holds it, and the stacked
   * segment exactly under it, if any (none above a bar's stack, and never the previous-period line).
   */
  private hit({ x, y }: ChartEvent): Pick | undefined {
    const chart = this.chart!;
    const area = chart.chartArea;
    if (x === null || y === null || x < area.left || x > area.right || y < area.top || y > area.bottom) return undefined;
    if (chart.options.indexAxis === 'y') {
      const index = Math.round(chart.scales.y.getValueForPixel(y) ?? -1);
      return index >= 0 && index < chart.data.datasets[0].data.length ? { index, datasetIndex: 0 } : undefined;
    }
    const value = chart.scales.x.getValueForPixel(x) ?? NaN;
    const index = (chart.data.datasets[0].data as unknown as Point[]).findIndex((p) => p.from <= value && value < p.to);
    return index < 0 ? undefined : { index, datasetIndex: this.segmentAt(index, x, y) };
  }

  /** The visible stacked segment of bucket `index` at pixel (x, y). */
  private segmentAt(index: number, x: number, y: number): number | undefined {
    const chart = this.chart!;
    const segments = chart.data.datasets.flatMap((dataset, i) => (isSeries(dataset) && chart.isDatasetVisible(i) ? [i] : []));
    if ((chart.config as { type?: string }).type === 'bar')
      return segments.find((i) => (chart.getDatasetMeta(i).data[index] as unknown as BarElement | undefined)?.inRange(x, y, false));
    // stacked lines and areas: the band between the series below and this one
    const value = chart.scales.y.getValueForPixel(y) ?? NaN;
    let base = 0;
    for (const i of segments) {
      const top = base + ((chart.data.datasets[i].data[index] as unknown as Point).value ?? 0);
      if (value >= base && value < top) return i;
      base = top;
    }
    return undefined;
  }

  /**
   * The plot's keys. Series: Left/Right/Home/End move between buckets, Up/Down between the stacked
   * segments of that bucket, Enter or Space picks the bucket, Shift+Enter or G the highlighted
   * segment's group, Escape clears. Breakdown: any arrow moves between bars, Enter picks one.
   */
  handleKey(event: KeyboardEvent): void {
    const chart = this.chart;
    const rows = chart ? ((chart.data.datasets[0]?.data.length as number) ?? 0) : 0;
    if (!chart || !rows) return;
    const breakdown = chart.options.indexAxis === 'y';
    const dayMoves: Record<string, number> = {
      ArrowRight: 1,
      ArrowLeft: -1,
      Home: -rows,
      End: rows,
      ...(breakdown ? { ArrowDown: 1, ArrowUp: -1 } : {}),
    };
    const key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
    let handled = true;
    if (key in dayMoves) {
      this.activeIndex = Math.min(rows - 1, Math.max(0, this.activeIndex < 0 ? 0 : this.activeIndex + dayMoves[key]));
      if (this.activeDataset !== undefined && !this.segments(this.activeIndex).includes(this.activeDataset)) this.activeDataset = undefined;
      this.highlight();
    } else if (key === 'ArrowUp' || key === 'ArrowDown') {
      if (this.activeIndex < 0) this.activeIndex = 0;
      const segments = this.segments(this.activeIndex);
      const at = this.activeDataset === undefined ? -1 : segments.indexOf(this.activeDataset);
      const next =
        at < 0
          ? key === 'ArrowUp'
            ? 0
            : segments.length - 1
          : Math.min(segments.length - 1, Math.max(0, at + (key === 'ArrowUp' ? 1 : -1)));
      this.activeDataset = segments[next];
      this.highlight();
    } else if (key === 'Escape' && this.activeIndex >= 0) {
      this.activeIndex = -1;
      this.activeDataset = undefined;
      chart.setActiveElements([]);
      chart.tooltip?.setActiveElements([], { x: 0, y: 0 });
      chart.update('none');
      this.host.requestUpdate();
    } else if (this.activeIndex < 0) {
      handled = false;
    } else if (breakdown && (key === 'Enter' || key === ' ')) {
      this.options.onPick({ index: this.activeIndex, datasetIndex: 0 });
    } else if ((key === 'Enter' && event.shiftKey) || key === 'g') {
      if (this.activeDataset !== undefined)
        this.options.onPick({ index: this.activeIndex, datasetIndex: this.activeDataset, groupOnly: true });
    } else if (key === 'Enter' || key === ' ') {
      this.options.onPick({ index: this.activeIndex });
    } else {
      handled = false;
    }
    if (handled) event.preventDefault();
  }

  /** The visible, non-empty stacked segments of bucket `index`, bottom to top. */
  private segments(index: number): number[] {
    const chart = this.chart!;
    return chart.data.datasets.flatMap((dataset, i) =>
      isSeries(dataset) && chart.isDatasetVisible(i) && (dataset.data[index] as unknown as Point | undefined)?.value ? [i] : [],
    );
  }

  private highlight(): void {
    const chart = this.chart!;
    const visible = chart.data.datasets.flatMap((_, datasetIndex) =>
      chart.isDatasetVisible(datasetIndex) ? [{ datasetIndex, index: this.activeIndex }] : [],
    );
    // the highlighted segment stands out; the tooltip lists the whole bucket
    chart.setActiveElements(this.activeDataset === undefined ? visible : [{ datasetIndex: this.activeDataset, index: this.activeIndex }]);
    chart.tooltip?.setActiveElements(visible, { x: 0, y: 0 });
    chart.update('none');
    this.host.requestUpdate();
  }
}
