/** The log table's row cells and filter bar: markup only, state stays in the element. */
import { html, nothing } from 'lit';
import { guard } from 'lit/directives/guard.js';
import { formatDateTime, formatDuration, formatRelative, formatRowTime } from '../../client/format.ts';
import type { LogEntry, LogFilter } from '../../contract/upstream.ts';
import type { RangePreset } from '../../core/ranges.ts';
import type { BarState } from './data.ts';
import type { TreeRow } from './tree.ts';
import { count } from '../shared/i18n/count.ts';
import type { StringsOverride, Words } from '../shared/i18n/strings.ts';

export const LOG_COLUMNS = ['time', 'status', 'tool', 'toolkit', 'user', 'message', 'duration'] as const;
export type LogColumn = (typeof LOG_COLUMNS)[number];

/** Metadata values are free-form: show strings, nothing else. */
export const text = (value: unknown) => (typeof value === 'string' ? value : '');

/** Option text cannot be cut by CSS: long values (a 100 kB toolkit key) are cut here, in full in the title. */
export const clip = (value: string, max = 48) => (value.length > max ? `${value.slice(0, max - 1)}…` : value);

/** One cell; every value from the log is a text binding (Lit escapes it), never HTML. */
/** Day and clock side by side; a narrow table stacks them (styles.ts) rather than cut the clock. */
function rowTime(at: number, zone: string, locale?: string) {
  const { day, clock } = formatRowTime(at, zone, locale);
  return html`<span class="day">${day}</span> <span class="clock">${clock}</span>`;
}

export function renderCell(
  log: LogEntry,
  column: LogColumn,
  s: { zone: string; locale?: string; words: Words<'table'> },
  toggle: unknown = nothing,
) {
  const { zone, locale, words } = s;
  const at = Date.parse(log.timestamp);
  switch (column) {
    case 'time':
      return html`<span
        role="gridcell"
        class="c-time"
        title="${formatDateTime(at, zone, locale)} (${formatRelative(at, Date.now(), locale)})"
        >${rowTime(at, zone, locale)}</span
      >`;
    case 'status':
      return html`<span role="gridcell" class="c-status"
        ><span class="badge ${log.status}">${log.status === 'failed' ? words.common.failed : words.common.success}</span></span
      >`;
    case 'tool':
      return html`<span role="gridcell" class="c-tool" title=${text(log.metadata.tool_slug)}
        >${toggle}${log.parent ? html`<span class="nested" title=${words.table.calledInside(log.parent.tool_slug)}>↳ <span class="visually-hidden">${words.table.inside(log.parent.tool_slug)}</span></span>` : nothing}${text(log.metadata.tool_slug)}</span
      >`;
    case 'toolkit':
      return html`<span role="gridcell" class="c-toolkit" title=${text(log.metadata.toolkit_slug)}
        >${text(log.metadata.toolkit_slug)}</span
      >`;
    case 'user':
      return html`<span role="gridcell" class="c-user" title=${text(log.metadata.user_id)}>${text(log.metadata.user_id)}</span>`;
    case 'message':
      return html`<span role="gridcell" class="c-message" title=${log.message ?? ''}>${log.message ?? ''}</span>`;
    case 'duration':
      return html`<span role="gridcell" class="c-duration">${formatDuration(Number(log.metrics.duration_ms ?? 0), locale)}</span>`;
  }
}

/** A filter as the reader says it: "Session is not trs_1" (a field or operator from a newer API as it came). */
export const filterWords = (f: LogFilter, words: Words<'table'>) => {
  const { fields, operators } = words.table as { fields: Record<string, string>; operators: Record<string, string> };
  return words.table.filter(fields[f.field] ?? f.field, operators[f.operator] ?? f.operator, f.value);
};

/** "No failed calls matching 'ZZZ' in the last 24 hours": the empty result in the reader's words. */
export function emptySentence(
  bar: BarState,
  extras: readonly LogFilter[],
  range: RangePreset,
  custom: boolean,
  words: Words<'table'>,
): string {
  const where = extras.map((f) => filterWords(f, words));
  return words.table.empty({ status: bar.status, toolkit: bar.toolkit, tool: bar.tool, range: custom ? undefined : range, where });
}

export function renderEmpty(sentence: string, filtered: boolean, onClear: () => void, words: Words<'table'>) {
  return html`<div class="empty" part="empty" role="status">
    <p>${sentence}</p>
    ${filtered ? html`<button type="button" @click=${onClear}>${words.table.clearFilters}</button>` : nothing}
  </div>`;
}

export const SKELETON = html`<div class="rows skeleton-rows" aria-hidden="true">
  ${[0, 1, 2, 3, 4, 5].map(() => html`<div class="skeleton line"></div>`)}
</div>`;

/** What a row needs from the element, read when the row renders. */
export interface RowState {
  focused(): number;
  selected(): string | undefined;
  zone(): string;
  locale(): string | undefined;
  words(): Words<'table'>;
  onOpen(log: LogEntry, index: number): void;
  onToggle(log: LogEntry): void;
}

/** Fold or unfold the calls made inside a meta-tool call (the row's click opens it, so this stops there). */
function renderToggle(row: TreeRow, s: RowState) {
  if (!row.children) return nothing;
  const label = s.words().table.toggleCalls(row.expanded, count(row.children, s.locale()));
  return html`<button
    type="button"
    class="tree-toggle"
    tabindex="-1"
    aria-label=${label}
    title=${label}
    aria-expanded=${row.expanded ? 'true' : 'false'}
    @click=${(e: Event) => (e.stopPropagation(), s.onToggle(row.log))}
  >
    ${row.expanded ? '▾' : '▸'} ${row.children}
  </button>`;
}

/** Hover titles say "3 minutes ago": a row shown for a while renders again at most this often. */
const RELATIVE_TIME_STEP_MS = 10_000;

/**
 * One row. It renders again only when what it shows changed (guard): a scroll frame renders the rows
 * coming into view, not every row in the viewport, and a page appended renders none of them.
 */
export function renderRow(row: TreeRow, index: number, columns: readonly LogColumn[], s: RowState) {
  const { log } = row;
  const focused = index === s.focused();
  const selected = s.selected() === log.id;
  const zone = s.zone();
  const locale = s.locale();
  const words = s.words();
  const clock = Math.floor(Date.now() / RELATIVE_TIME_STEP_MS);
  // the virtualizer wants a template per item: the guard sits inside one (a new language is a change too)
  return html`${guard(
    [row, index, focused, selected, columns, zone, locale, words, clock],
    () =>
      html`<div
        role="row"
        part="row"
        class="row ${focused ? 'focused' : ''} ${selected ? 'selected' : ''} depth-${Math.min(row.depth, 4)}"
        aria-rowindex=${index + 2}
        aria-selected=${selected ? 'true' : 'false'}
        tabindex=${focused ? 0 : -1}
        @click=${() => s.onOpen(log, index)}
      >
        ${columns.map((c) => renderCell(log, c, { zone, locale, words }, c === 'tool' ? renderToggle(row, s) : nothing))}
      </div>`,
  )}`;
}

/** The table's settings the detail element inherits. */
export interface DetailSettings {
  endpoint: string;
  fetch?: typeof fetch;
  fetchToken?: unknown;
  theme: string;
  locale?: string;
  zone: string;
  /** The host's words: the detail takes its own group from them. */
  strings?: StringsOverride;
  words: Words<'table'>;
  /** A link that opens this log (URL state on). */
  link?: (id: string) => string;
}

/**
 * The detail panel of the open log, if one is open: Escape or × closes it; a link to another log
 * (the parent call) opens that one.
 */
export function renderPanel(
  log: { id: string; entry?: LogEntry } | undefined,
  host: DetailSettings,
  onClose: () => void,
  onSelect: (log: LogEntry) => void,
) {
  if (!log) return nothing;
  return html`<div
    class="panel"
    part="detail"
    role="dialog"
    aria-label=${host.words.table.panel}
    tabindex="-1"
    @keydown=${(e: KeyboardEvent) => e.key === 'Escape' && (e.stopPropagation(), onClose())}
  >
    <button type="button" class="close" aria-label=${host.words.table.closePanel} @click=${onClose}>×</button>
    <composio-log-detail
      exportparts="hint, payload"
      .logId=${log.id}
      .entry=${log.entry}
      .link=${host.link?.(log.id)}
      .endpoint=${host.endpoint}
      .fetch=${host.fetch}
      .fetchToken=${host.fetchToken}
      .locale=${host.locale}
      .strings=${host.strings}
      .timeZone=${host.zone}
      theme=${host.theme}
      @composio-log-select=${(e: CustomEvent<{ log: LogEntry }>) => (e.stopPropagation(), onSelect(e.detail.log))}
    ></composio-log-detail>
  </div>`;
}

export interface FilterBarState {
  bar: BarState;
  /** What is typed in the tool search but not applied yet (debounce). */
  toolDraft?: string;
  toolkits: string[];
  /** The Time control (shared/range-control.ts: presets and a custom range of days). */
  range: unknown;
  /** Filters the host set that the bar has no control for. */
  extras: LogFilter[];
  onBar(patch: Partial<BarState>): void;
  /** `now`: apply without the debounce (Escape). */
  onToolInput(value: string, now?: boolean): void;
  onRemove(filter: LogFilter): void;
  /** Add filter and Go to log (filter-builder.ts). */
  builder?: unknown;
  /** The User picker of a multi-user customer (user-picker.ts). */
  users?: unknown;
  words: Words<'table'>;
}

export function renderFilterBar(s: FilterBarState) {
  const { bar, words } = s;
  const { columns, all } = words.table;
  const value = (e: Event) => (e.target as HTMLSelectElement | HTMLInputElement).value;
  return html`<div class="filters" part="filters" role="search">
    <label
      >${columns.status}
      <select .value=${bar.status} @change=${(e: Event) => s.onBar({ status: value(e) as BarState['status'] })}>
        <option value="" ?selected=${!bar.status}>${all}</option>
        <option value="success" ?selected=${bar.status === 'success'}>${words.common.success}</option>
        <option value="failed" ?selected=${bar.status === 'failed'}>${words.common.failed}</option>
      </select></label
    >
    <label
      >${columns.toolkit}
      <select .value=${bar.toolkit} @change=${(e: Event) => s.onBar({ toolkit: value(e) })}>
        <option value="" ?selected=${!bar.toolkit}>${all}</option>
        ${[...new Set([...s.toolkits, ...(bar.toolkit ? [bar.toolkit] : [])])].map((t) => html`<option value=${t} title=${t} ?selected=${t === bar.toolkit}>${clip(t)}</option>`)}
      </select></label
    >
    ${s.users ?? nothing}
    <label
      >${columns.tool}
      <input
        type="search"
        title=${s.toolDraft ?? bar.tool}
        placeholder=${words.table.toolPlaceholder}
        .value=${s.toolDraft ?? bar.tool}
        @input=${(e: Event) => s.onToolInput(value(e))}
        @keydown=${(e: KeyboardEvent) => e.key === 'Escape' && value(e) && (e.preventDefault(), ((e.target as HTMLInputElement).value = ''), s.onToolInput('', true))}
    /></label>
    ${s.range}
    ${s.extras.map((f) => {
      const said = filterWords(f, words);
      return html`<span class="chip" title=${said}
        ><span class="chip-text">${said}</span
        ><button type="button" aria-label=${words.table.removeFilter(said)} @click=${() => s.onRemove(f)}>×</button></span
      >`;
    })}
    ${s.builder ?? nothing}
  </div>`;
}
