/** The insights element's markup that needs no element state: tiles, sparklines, the group table, error groups. */
import { html, nothing, svg } from 'lit';
import { formatNumber } from '../../client/format.ts';
import type { InsightsErrorGroup, InsightsFigures, InsightsGroup } from '../../contract/protocol.ts';
import { count } from '../shared/i18n/count.ts';
import type { Words } from '../shared/i18n/strings.ts';
import { formatLatency, formatRate, type Tile } from './figures.ts';

const W = 100;
const H = 28;

/** A small line of the per-bucket values; gaps where a bucket has nothing to measure. Decorative (the tile says the number). */
export function renderSparkline(values: (number | null)[] | undefined) {
  if (!values || values.length < 2) return nothing;
  const known = values.filter((v): v is number => v !== null);
  if (!known.length) return nothing;
  const max = Math.max(...known);
  const min = Math.min(0, ...known);
  const span = max - min || 1;
  const step = W / (values.length - 1);
  let d = '';
  let pen = false;
  values.forEach((v, i) => {
    if (v === null) return void (pen = false);
    const x = (i * step).toFixed(2);
    const y = (H - 2 - ((v - min) / span) * (H - 4)).toFixed(2);
    d += `${pen ? 'L' : 'M'}${x} ${y}`;
    pen = true;
  });
  return html`<svg class="spark" part="sparkline" viewBox="0 0 ${W} ${H}" preserveAspectRatio="none" aria-hidden="true" focusable="false">
    ${svg`<path d=${d} fill="none" stroke="currentColor" stroke-width="1.5" vector-effect="non-scaling-stroke"></path>`}
  </svg>`;
}

export function renderTiles(tiles: Tile[], o: { stale: boolean; busy: boolean; words: Words<'insights' | 'hints'> }) {
  return html`<dl class="tiles ${o.stale ? 'stale' : ''}" part="tiles" aria-busy=${o.busy ? 'true' : 'false'}>
    ${tiles.map(
      (t) =>
        html`<div class="tile" part="tile" data-key=${t.key}>
          <dt>${t.label}</dt>
          <dd>
            ${
              t.value === undefined
                ? html`<span class="value-skeleton skeleton" part="skeleton" aria-hidden="true"></span>
                    <span class="visually-hidden">${o.words.insights.loadingTile}</span>`
                : html`<span class="value" part="value">${t.value}</span>
                    ${t.change ? html`<span class="change ${t.tone}" part="change">${t.change}</span>` : nothing} ${renderSparkline(t.line)}`
            }
          </dd>
        </div>`,
    )}
  </dl>`;
}

export type SortColumn = 'key' | 'calls' | 'error_rate' | 'p50' | 'p95' | 'p99';
export interface Sort {
  column: SortColumn;
  descending: boolean;
}

const COLUMNS = ['calls', 'error_rate', 'p50', 'p95', 'p99'] as const satisfies readonly SortColumn[];

/** Groups in the table's order: `null` figures (nothing measured) last either way, ties by key. */
export function sortGroups(groups: InsightsGroup[], sort: Sort): InsightsGroup[] {
  const sign = sort.descending ? -1 : 1;
  return [...groups].sort((a, b) => {
    if (sort.column === 'key') return sign * a.key.localeCompare(b.key);
    const [x, y] = [a[sort.column], b[sort.column]];
    if (x === null || y === null) return x === y ? a.key.localeCompare(b.key) : x === null ? 1 : -1;
    return sign * (x - y) || a.key.localeCompare(b.key);
  });
}

export const groupLabel = (key: string, words: Words<'insights' | 'hints'>) => key || words.common.none;

function cells(f: InsightsFigures, locale?: string) {
  return html`<td>${formatNumber(f.calls, locale)}</td>
    <td>${formatRate(f.error_rate, locale)}</td>
    <td>${formatLatency(f.p50, locale)}</td>
    <td>${formatLatency(f.p95, locale)}</td>
    <td>${formatLatency(f.p99, locale)}</td>`;
}

export function renderGroupTable(o: {
  heading: string;
  caption: string;
  groups: InsightsGroup[];
  other: InsightsFigures | null | undefined;
  sort: Sort;
  locale?: string;
  onSort: (column: SortColumn) => void;
  onSelect: (key: string) => void;
  words: Words<'insights' | 'hints'>;
}) {
  const header = (column: SortColumn, label: string) => {
    const active = o.sort.column === column;
    const aria = active ? (o.sort.descending ? 'descending' : 'ascending') : 'none';
    return html`<th scope="col" aria-sort=${aria}>
      <button type="button" class="sort" part="sort" @click=${() => o.onSort(column)}>
        ${label}<span class="arrow" aria-hidden="true">${active ? (o.sort.descending ? '▼' : '▲') : ''}</span>
      </button>
    </th>`;
  };
  return html`<div class="table-wrap">
    <table part="table">
      <caption>
        ${o.caption}
      </caption>
      <thead>
        <tr>
          ${header('key', o.heading)} ${COLUMNS.map((c) => header(c, o.words.insights.columns[c]))}
        </tr>
      </thead>
      <tbody>
        ${sortGroups(o.groups, o.sort).map(
          (g) =>
            html`<tr part="row" class="selectable" data-key=${g.key} @click=${() => o.onSelect(g.key)}>
              <th scope="row"><button type="button" class="row-button" part="row-button">${groupLabel(g.key, o.words)}</button></th>
              ${cells(g, o.locale)}
            </tr>`,
        )}
        ${
          o.other
            ? html`<tr part="row other">
                <th scope="row">${o.words.common.other}</th>
                ${cells(o.other, o.locale)}
              </tr>`
            : nothing
        }
      </tbody>
    </table>
  </div>`;
}

export function renderErrorGroups(
  groups: InsightsErrorGroup[],
  o: { limit: number; locale?: string; onPick: (g: InsightsErrorGroup) => void; words: Words<'insights' | 'hints'> },
) {
  const { insights, hints } = o.words;
  if (!groups.length) return html`<p class="quiet" part="no-errors">${insights.noErrors}</p>`;
  // the server words its hint in English; the reader gets the kind's hint in their language
  const hint = (g: InsightsErrorGroup, cause = (hints.causes as Record<string, string>)[g.kind]) =>
    cause ? `${cause} ${(hints.nextSteps as Record<string, string>)[g.kind]}` : `${g.hint!.cause} ${g.hint!.next}`;
  return html`<ul class="errors" part="errors">
    ${groups.slice(0, o.limit).map(
      (g) =>
        html`<li class="error-group" part="error-group">
          <button type="button" class="error-button" part="error-button" @click=${() => o.onPick(g)}>
            <span class="kind">${(hints.kinds as Record<string, string>)[g.kind] ?? g.kind}</span>
            <span class="tool">${g.tool_slug || insights.unknownTool}</span>
            <span class="count">${insights.calls(count(g.count, o.locale))}</span>
          </button>
          ${g.hint ? html`<p class="hint" part="hint">${hint(g)}</p>` : nothing}
          <p class="example">${insights.example} <code part="example">${g.example_log_id}</code></p>
        </li>`,
    )}
  </ul>`;
}
