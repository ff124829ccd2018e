/** Pieces of the chart's markup that need no element state: the header's totals, pickers and legend (the data-table view is table-view.ts). */
import { html, nothing } from 'lit';
import { formatNumber, formatPercent } from '../../client/format.ts';
import { OTHER_KEY, PREVIOUS_KEY, seriesKeys, type TableModel } from './model.ts';
import type { ChartData } from './data.ts';
import { INTERVALS } from './settings.ts';
import type { UsageSummaryResponse } from '../../contract/upstream.ts';
import type { ChartMetric } from './data.ts';
import { formatMetric, isInsightMetric, windowValue } from './insight-metrics.ts';
import type { CommonStrings, Words } from '../shared/i18n/strings.ts';
export { formatSpan } from '../shared/span.ts';

/** The Range control (shared/range-control.ts, rendered by the element) and the Interval picker (`controls`). */
export function renderPickers(o: { range: unknown; interval: string; onInterval: (interval: string) => void; words: Words<'chart'> }) {
  const { chart } = o.words;
  return html`${o.range}
    <label
      >${chart.interval}
      <select part="interval-picker" .value=${o.interval} @change=${(e: Event) => o.onInterval((e.target as HTMLSelectElement).value)}>
        ${INTERVALS.map((i) => html`<option value=${i} ?selected=${i === o.interval}>${i === 'auto' ? chart.auto : chart.intervals[i]}</option>`)}
      </select></label
    >`;
}

/** Above this the previous period was all but empty, and a percentage says nothing (+287,827 %). */
const MAX_RATIO = 99;

export interface StatOptions {
  words: CommonStrings;
  locale?: string;
  /** The value as the reader reads it (default: a count). */
  format?: (value: string) => string;
  /** A rise is bad news (an error rate, a latency): coloured as a fall of a count is. */
  higherIsWorse?: boolean;
}

/** One header total, with its change against the previous period (a skeleton until loaded). */
export function renderStat(label: string, current: string | undefined, previous: string | undefined, o: StatOptions) {
  const { words, locale, higherIsWorse = false } = o;
  const format = o.format ?? ((v: string) => formatNumber(v, locale));
  let change = html``;
  if (current !== undefined && previous !== undefined) {
    const [c, p] = [Number(current), Number(previous)];
    // nothing to compare with (the period predates the data): say so, never a percentage of zero
    const ratio = p === 0 || current === '' || previous === '' ? undefined : (c - p) / p;
    const direction = ratio === undefined || ratio === 0 ? '' : ratio > 0 !== higherIsWorse ? 'up' : 'down';
    const said =
      ratio === undefined
        ? words.noPrevious
        : ratio > MAX_RATIO
          ? words.overTimes(formatNumber(MAX_RATIO + 1, locale))
          : words.versus(formatPercent(ratio, locale));
    change = html`<span class="change ${direction}" part="change">${said}</span>`;
  }
  return html`<div class="stat" part="stat">
    <dt>${label}</dt>
    <dd>
      ${
        current === undefined
          ? html`<span class="stat-skeleton skeleton" aria-hidden="true"></span>`
          : html`<span class="value" part="total">${format(current)}</span>${change}`
      }
    </dd>
  </div>`;
}

/** The header's totals: the chosen metric first, each with its change (greyed and striped when stale). */
export function renderStats(
  metric: ChartMetric,
  data: ChartData | undefined,
  o: { stale: boolean; busy: boolean; locale?: string; words: Words<'chart'> },
) {
  const labels = o.words.chart.metrics;
  const words = o.words.common;
  if (isInsightMetric(metric)) {
    // the window's own figure (the error rate over the window), then the calls it is of
    const insights = data?.insights;
    const calls = (s?: UsageSummaryResponse) => s?.entities.tool_calls?.total_quantity;
    return html`<dl class="stats ${o.stale ? 'stale' : ''}" aria-live="polite" aria-busy=${o.busy ? 'true' : 'false'}>
      ${renderStat(labels[metric], insights && windowValue(metric, insights.current), insights && windowValue(metric, insights.previous), {
        words,
        locale: o.locale,
        format: (v) => formatMetric(metric, v, o.locale),
        higherIsWorse: metric !== 'active_users',
      })}
      ${renderStat(labels.tool_calls, calls(data?.summary), calls(data?.previousSummary), { words, locale: o.locale })}
    </dl>`;
  }
  const order = metric === 'sessions' ? (['sessions', 'tool_calls'] as const) : (['tool_calls', 'sessions'] as const);
  return html`<dl class="stats ${o.stale ? 'stale' : ''}" aria-live="polite" aria-busy=${o.busy ? 'true' : 'false'}>
    ${order.map((m) =>
      renderStat(labels[m], data?.summary.entities[m]?.total_quantity, data?.previousSummary.entities[m]?.total_quantity, {
        words,
        locale: o.locale,
      }),
    )}
  </dl>`;
}

/** Series toggles (real buttons), for grouped or compared series. */
export function renderLegend(model: TableModel, hidden: ReadonlySet<string>, onToggle: (key: string) => void, words: Words<'chart'>) {
  const keys = seriesKeys(model);
  if (keys.length < 2) return nothing;
  const labels = [...model.columns.map((c) => c.label), words.chart.previousPeriod];
  const swatch = (key: string, i: number) => (key === PREVIOUS_KEY ? 'previous' : key === OTHER_KEY ? 'c8' : `c${(i % 7) + 1}`);
  return html`<ul class="legend" part="legend" aria-label=${words.chart.series}>
    ${keys.map(
      (key, i) =>
        html`<li>
          <button type="button" aria-pressed=${hidden.has(key) ? 'false' : 'true'} @click=${() => onToggle(key)}>
            <span class="swatch ${swatch(key, i)}" aria-hidden="true"></span>${labels[i]}
          </button>
        </li>`,
    )}
  </ul>`;
}
