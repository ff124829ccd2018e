/**
 * The host's settings, validated: a value the element does not know (a typo
 * in an attribute, a stale framework binding) falls back to the default with one console warning,
 * and never throws or reaches the BFF.
 */
import { USAGE_ENTITY_TYPES, USAGE_GROUP_BY, type UsageEntityType } from '../../contract/constants.ts';
import { RANGE_PRESETS, type RangePreset } from '../../core/ranges.ts';
import type { ChartType } from './chart-config.ts';
import type { ChartMetric, ChartView } from './data.ts';
import { INSIGHT_METRICS, isInsightMetric } from './insight-metrics.ts';

/** The presets the chart's Range picker offers. */
export const CHART_RANGES = ['24h', '7d', '30d', '90d'] as const satisfies readonly RangePreset[];
export const INTERVALS = ['auto', 'hour', 'day', 'week', 'month'] as const;
const VIEWS = ['series', 'breakdown'] as const satisfies readonly ChartView[];
const TYPES = ['bar', 'line', 'area'] as const satisfies readonly ChartType[];

/** Every `metric` the chart takes: the Usage API's counts, then the figures of the logs. */
export const CHART_METRICS = [...USAGE_ENTITY_TYPES, ...INSIGHT_METRICS] as const satisfies readonly ChartMetric[];
export interface RawSettings {
  metric: unknown;
  view: unknown;
  groupBy: unknown;
  range: unknown;
  interval: unknown;
  type: unknown;
  top: unknown;
}

export interface Settings {
  metric: ChartMetric;
  view: ChartView;
  /** A dimension the metric can be grouped by, or '' for none. */
  groupBy: string;
  range: RangePreset;
  interval: (typeof INTERVALS)[number];
  type: ChartType;
  /** 1–20. */
  top: number;
}

const oneOf = <T>(values: readonly T[], value: unknown): value is T => values.includes(value as T);

/** The settings in use; `warn` hears about every value that was replaced. */
export function resolveSettings(raw: RawSettings, warn: (message: string) => void): Settings {
  const pick = <T>(name: string, values: readonly T[], value: unknown, fallback: T): T => {
    if (oneOf(values, value)) return value;
    warn(`unknown ${name} ${JSON.stringify(value)}; using ${JSON.stringify(fallback)} (one of ${values.join(', ')})`);
    return fallback;
  };
  const metric = pick('metric', CHART_METRICS, raw.metric, 'tool_calls');
  const insight = isInsightMetric(metric);
  const groupBys = insight ? [] : [...USAGE_GROUP_BY[metric as UsageEntityType], 'project_id'];
  let groupBy = raw.groupBy === undefined || raw.groupBy === null || raw.groupBy === '' || raw.groupBy === 'none' ? '' : raw.groupBy;
  if (groupBy !== '' && insight) {
    warn(`group-by ${JSON.stringify(groupBy)} is not available for ${metric}; not grouping (a rate or a percentile does not stack)`);
    groupBy = '';
  } else if (groupBy !== '' && !oneOf(groupBys, groupBy)) {
    warn(`group-by ${JSON.stringify(groupBy)} is not available for ${metric}; not grouping (one of ${groupBys.join(', ')})`);
    groupBy = '';
  }
  let top = typeof raw.top === 'number' ? raw.top : Number(raw.top);
  if (!Number.isInteger(top) || top < 1 || top > 20) {
    const fixed = Number.isFinite(top) ? Math.min(20, Math.max(1, Math.round(top))) : 5;
    warn(`top ${JSON.stringify(raw.top)} is not a whole number from 1 to 20; using ${fixed}`);
    top = fixed;
  }
  let view = pick('view', VIEWS, raw.view, 'series');
  if (insight && view !== 'series') {
    warn(`view ${JSON.stringify(view)} is not available for ${metric}; using "series"`);
    view = 'series';
  }
  return {
    metric,
    view,
    groupBy: groupBy as string,
    range: pick('range', RANGE_PRESETS, raw.range, '30d'),
    interval: pick('interval', INTERVALS, raw.interval, 'auto'),
    // a rate or a percentile is a line, whatever the type (bars of a percentile read as amounts)
    type: insight ? 'line' : pick('type', TYPES, raw.type, 'bar'),
    top,
  };
}
