/** The chart's two downloads, built from what the element shows: its data table as CSV, its canvas as PNG. */
import type { Chart } from 'chart.js';
import type { Words } from '../shared/i18n/strings.ts';
import { formatSpan } from '../shared/span.ts';
import type { ResolvedTheme } from '../shared/theme.ts';
import { loadChartJs } from './chart-controller.ts';
import type { ChartRequest } from './data.ts';
import { isInsightMetric } from './insight-metrics.ts';
import { modelToCsv, type TableModel } from './model.ts';
import { groupLabel, rowLabel } from './words.ts';

/** The data table as CSV (RFC 4180, formula-safe). */
export function chartCsv(model: TableModel, request: ChartRequest, words: Words<'chart'>, bucketLabel: (from: number) => string): string {
  const { metric, groupBy } = request;
  const { chart } = words;
  return modelToCsv(model, {
    groupBy: groupBy ?? 'group',
    rowLabel: (key) => rowLabel(key, words),
    bucketLabel,
    unit: isInsightMetric(metric) ? chart.csvUnits[metric] : undefined,
    total: chart.total,
    previousPeriod: chart.previousPeriod,
  });
}

/** The chart as a PNG: title, window and legend above the plot, on the theme's background. */
export async function chartPng(
  chart: Chart,
  request: ChartRequest,
  words: Words<'chart'>,
  place: { zone: string; locale: string | undefined; theme: ResolvedTheme },
): Promise<Blob | null> {
  const metric = words.chart.metrics[request.metric];
  const title = request.groupBy ? words.chart.titleBy(metric, groupLabel(request.groupBy, words)) : metric;
  // loaded with Chart.js, which drew the chart: no request here
  const { composePng, pngLegend } = await loadChartJs();
  const range = formatSpan(request.from, request.to, place.zone, place.locale);
  return composePng(chart.canvas, chart.width, { title, range, legend: pngLegend(chart) }, place.theme);
}
