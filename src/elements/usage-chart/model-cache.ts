/**
 * The table model of loaded data in the element's words: the same object until the data or the
 * words change (a new model is what makes the chart redraw, so a new language redraws it too).
 */
import type { Words } from '../shared/i18n/strings.ts';
import type { ChartData } from './data.ts';
import { buildInsightModel, isInsightMetric } from './insight-metrics.ts';
import { buildModel, type TableModel } from './model.ts';

const built = new WeakMap<ChartData, { words: Words<'chart'>; model: TableModel }>();

export function modelFor(data: ChartData, words: Words<'chart'>): TableModel {
  const cached = built.get(data);
  if (cached?.words === words) return cached.model;
  const { metric } = data.request;
  const label = words.chart.metrics[metric];
  const model = isInsightMetric(metric)
    ? buildInsightModel(data, metric, label)
    : buildModel(data, { metric: label, other: words.common.other, none: words.common.none });
  built.set(data, { words, model });
  return model;
}
