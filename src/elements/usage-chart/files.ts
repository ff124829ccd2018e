/** The chart's CSV download, built from what the element shows: its data table (the PNG is png-export.ts, loaded with Chart.js). */
import type { Words } from '../shared/i18n/strings.ts';
import type { ChartRequest } from './data.ts';
import { isInsightMetric } from './insight-metrics.ts';
import { modelToCsv, type TableModel } from './model.ts';
import { rowLabel } from './words.ts';

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
