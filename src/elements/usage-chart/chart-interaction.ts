/**
 * Pointer and keyboard on a drawn chart: hit testing and the plot's keys. Of use only once a chart
 * exists, so it is loaded lazily with Chart.js (chart-runtime.ts); ChartController keeps the
 * position and calls these.
 */
import type { BarElement, Chart, ChartEvent } from 'chart.js';
import { isSeries, type Point } from './chart-config.ts';
import type { Pick } from './chart-controller.ts';

/** The keyboard position (bucket, and stacked segment within it) as the controller holds it. */
export interface KeyboardState {
  get(): { index: number; dataset?: number };
  /** A new position (-1: none); the host renders again. */
  set(index: number, dataset: number | undefined): void;
  pick(pick: Pick): void;
}

/**
 * What is under the pointer: the bucket (or breakdown row) whose span holds it, and the stacked
 * segment exactly under it, if any (none above a bar's stack, and never the previous-period line).
 */
export function hitTest(chart: Chart, { x, y }: ChartEvent): Pick | undefined {
  const area = chart.chartArea;
  if (x === null || y === null || x < area.left || x > area.right || y < area.top || y > area.bottom) return undefined;
  if (chart.options.indexAxis === 'y') {
    const index = Math.round(chart.scales.y.getValueForPixel(y) ?? -1);
    return index >= 0 && index < chart.data.datasets[0].data.length ? { index, datasetIndex: 0 } : undefined;
  }
  const value = chart.scales.x.getValueForPixel(x) ?? NaN;
  const index = (chart.data.datasets[0].data as unknown as Point[]).findIndex((p) => p.from <= value && value < p.to);
  return index < 0 ? undefined : { index, datasetIndex: segmentAt(chart, index, x, y) };
}

/** The visible stacked segment of bucket `index` at pixel (x, y). */
function segmentAt(chart: Chart, index: number, x: number, y: number): number | undefined {
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
 * True when the key was handled (the caller prevents its default).
 */
export function chartKey(chart: Chart, state: KeyboardState, event: KeyboardEvent): boolean {
  const rows = (chart.data.datasets[0]?.data.length as number) ?? 0;
  if (!rows) return false;
  let { index, dataset } = state.get();
  const breakdown = chart.options.indexAxis === 'y';
  const dayMoves: Record<string, number> = {
    ArrowRight: 1,
    ArrowLeft: -1,
    Home: -rows,
    End: rows,
    ...(breakdown ? { ArrowDown: 1, ArrowUp: -1 } : {}),
  };
  const key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
  if (key in dayMoves) {
    index = Math.min(rows - 1, Math.max(0, index < 0 ? 0 : index + dayMoves[key]));
    if (dataset !== undefined && !segments(chart, index).includes(dataset)) dataset = undefined;
    state.set(index, dataset);
    highlight(chart, index, dataset);
  } else if (key === 'ArrowUp' || key === 'ArrowDown') {
    if (index < 0) index = 0;
    const stacked = segments(chart, index);
    const at = dataset === undefined ? -1 : stacked.indexOf(dataset);
    const next =
      at < 0 ? (key === 'ArrowUp' ? 0 : stacked.length - 1) : Math.min(stacked.length - 1, Math.max(0, at + (key === 'ArrowUp' ? 1 : -1)));
    dataset = stacked[next];
    state.set(index, dataset);
    highlight(chart, index, dataset);
  } else if (key === 'Escape' && index >= 0) {
    state.set(-1, undefined);
    chart.setActiveElements([]);
    chart.tooltip?.setActiveElements([], { x: 0, y: 0 });
    chart.update('none');
  } else if (index < 0) {
    return false;
  } else if (breakdown && (key === 'Enter' || key === ' ')) {
    state.pick({ index, datasetIndex: 0 });
  } else if ((key === 'Enter' && event.shiftKey) || key === 'g') {
    if (dataset !== undefined) state.pick({ index, datasetIndex: dataset, groupOnly: true });
  } else if (key === 'Enter' || key === ' ') {
    state.pick({ index });
  } else {
    return false;
  }
  return true;
}

/** The visible, non-empty stacked segments of bucket `index`, bottom to top. */
function segments(chart: Chart, index: number): number[] {
  return chart.data.datasets.flatMap((dataset, i) =>
    isSeries(dataset) && chart.isDatasetVisible(i) && (dataset.data[index] as unknown as Point | undefined)?.value ? [i] : [],
  );
}

function highlight(chart: Chart, index: number, dataset: number | undefined): void {
  const visible = chart.data.datasets.flatMap((_, datasetIndex) => (chart.isDatasetVisible(datasetIndex) ? [{ datasetIndex, index }] : []));
  // the highlighted segment stands out; the tooltip lists the whole bucket
  chart.setActiveElements(dataset === undefined ? visible : [{ datasetIndex: dataset, index }]);
  chart.tooltip?.setActiveElements(visible, { x: 0, y: 0 });
  chart.update('none');
}
