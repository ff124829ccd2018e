/**
 * `<composio-log-table>`: the activity log. Cursor pages through the BFF into a virtualized grid
 * (only the visible rows are in the DOM), a filter bar mapped onto v3.1 filters, a detail panel
 * loaded on first use, live tail, and export. Everything from a log is rendered as text.
 */
import { Task, TaskStatus } from '@lit/task';
import { virtualize } from '@lit-labs/virtualizer/virtualize.js';
import type { RangeChangedEvent } from '@lit-labs/virtualizer/events.js';
import { html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { count } from '../shared/i18n/count.ts';
import { BFF_PATHS, type LogExportFormat } from '../../contract/protocol.ts';
import type { LogEntry, LogFilter, LogListResponse } from '../../contract/upstream.ts';
import { renderBusy, renderProblem } from '../shared/problem.ts';
import { themeStyles } from '../shared/theme.ts';
import { resolveWindow } from '../../core/ranges.ts';
import { ComposioElement, warnOnce } from '../shared/base.ts';
import { common, problem } from '../shared/i18n/en/common.ts';
import { table } from '../shared/i18n/en/table.ts';
import { range } from '../shared/i18n/en/range.ts';
import { customWindow, renderRangeControl } from '../shared/range-control.ts';
import type { Words } from '../shared/i18n/strings.ts';
import { extraFilters, filtersConverter, logsCsv, LogRows, mergeByTime, pageLimit } from './data.ts';
import { readBar, requestBody, TABLE_RANGES, writeBar, type BarState, type LogQuery } from './data.ts';
import { emptySentence, LOG_COLUMNS, renderEmpty, renderFilterBar } from './views.ts';
import { renderRow, SKELETON, type LogColumn } from './views.ts';
import { checkAttributes, columnsConverter } from './attributes.ts';
import { ExportController } from './export-controller.ts';
import { FilterBuilderController, renderBuilder } from './filter-builder.ts';
import { renderFooter } from './footer.ts';
import { renderUserPicker } from './user-picker.ts';
import { LogTree } from './tree.ts';
import { UrlStateController } from './url-state-controller.ts';
import { timeControl } from './time-control.ts';
import { DetailPanelController } from './detail-panel.ts';
import { GridFocusController } from './grid-focus-controller.ts';
import { rowKey, TableLayout } from './layout.ts';
import { LiveTail } from './live-tail.ts';
import { PagerController } from './pager-controller.ts';
import { SearchController } from './search-controller.ts';
import { tableStyles } from './styles.ts';

export { LOG_COLUMNS, type LogColumn };
/**
 * @tagname composio-log-table
 * @fires {CustomEvent<LogSelectDetail>} composio-log-select - A row was opened (click or Enter): `{ log }`.
 * @fires {CustomEvent<FiltersChangeDetail>} composio-filters-change - The filter bar changed: `{ filters, range }`, with `from` and `to` while a custom window applies (a range of whole days in `time-zone` chosen in the Time control, or the host's); keep them in your URL.
 * @fires {CustomEvent<LoadDetail>} composio-load - A page loaded: `{ kind: 'logs-page' | 'logs-live', count }`.
 * @fires {CustomEvent<ErrorDetail>} composio-error - A request failed; loaded rows stay (marked stale when they no longer match the filters), with a Retry button. Once per live-tail outage, and once per busy spell (429), which the table waits out by itself.
 * @cssprop --composio-table-height - Height of the scrolling rows area (default 480px).
 * @cssprop --composio-font-family - Font stack.
 * @cssprop --composio-text - Text colour.
 * @cssprop --composio-text-muted - Secondary text colour.
 * @cssprop --composio-bg - Background.
 * @cssprop --composio-surface - Raised surfaces (header, code blocks).
 * @cssprop --composio-border - Borders.
 * @cssprop --composio-accent - Accent (links, busy bar).
 * @cssprop --composio-success - Status "success" colour.
 * @cssprop --composio-danger - Status "failed" colour, errors.
 * @cssprop --composio-warning - Warnings (stale rows, paused live tail, failure hints).
 * @cssprop --composio-focus-ring - Keyboard focus outline.
 * @cssprop --composio-radius - Corner radius.
 * @csspart filters - The filter bar.
 * @csspart range-picker - The Time select: the presets, a custom window in words while one is shown ("Nov 3 – 9"), and Custom…, which opens `range-custom`.
 * @csspart range-custom - The custom range form: From and To dates (whole days in `time-zone`, none in the future, at most 365), Apply, Cancel; Escape cancels.
 * @csspart grid - The grid (header and rows).
 * @csspart row - A log row.
 * @csspart footer - Loaded-row count, Load more, Export CSV and Export JSON lines.
 * @csspart new-logs - The "N new" button of the live tail.
 * @csspart live-status - "Live updates paused — retrying in N s" while polls fail, with Retry now.
 * @csspart empty - The empty result, with the active filters and a Clear button.
 * @csspart error - Error message with request id and Retry.
 * @csspart busy - "Busy — retrying in N s" while the server is busy (429 + Retry-After): for the first page, the next page, the live tail, an export or a request id lookup. Rows stay; the request runs again by itself.
 * @csspart retry-now - The busy status's Retry now button.
 * @csspart detail - The detail side panel.
 * @csspart hint - In the detail panel: the failure hint (exported from `<composio-log-detail>`).
 * @csspart payload - In the detail panel: the request/response JSON tree (exported from `<composio-log-detail>`).
 */
export class ComposioLogTable extends ComposioElement<'table' | 'range'> {
  protected static override english: Words<'table' | 'range'> = { common, problem, table, range };

  static override styles = [themeStyles, tableStyles];

  /** `1h`, `24h`, `7d` or `30d`; ignored when `from` and `to` are set. */
  @property() range: (typeof TABLE_RANGES)[number] = '24h';
  /** A custom window start (epoch ms or ISO date); with `to`, overrides `range`. The Time control's Custom… sets both. */
  @property() from?: string;
  /** A custom window end, exclusive (epoch ms or ISO date). */
  @property() to?: string;
  /** v3.1 log filters, AND-ed (attribute: JSON). The filter bar edits status, toolkit, tool and (several user ids) user. */
  @property({ converter: filtersConverter }) filters: LogFilter[] = [];
  /** Rows per request, 1–100. */
  @property({ attribute: 'page-size', type: Number }) pageSize = 50;
  /** Which columns, in order, of time, status, tool, toolkit, user, message, duration (attribute: comma-separated). */
  @property({ converter: columnsConverter }) columns: readonly LogColumn[] = LOG_COLUMNS;
  /** Poll for new logs every N seconds (0 = off). */
  @property({ type: Number }) live = 0;
  /**
   * Mirror filters, range (or a custom `from`/`to` window) and the open log into the page URL under
   * this prefix (`log.f`, `log.range`, `log.from`, `log.to`, `log.id`; empty or `true` = `log`), one history
   * entry per change; restored on load and on back/forward. A link naming a log opens it (only if it
   * is the signed-in customer's).
   */
  @property({ attribute: 'url-state' }) urlState?: string | boolean;
  /** Seconds before the newest row that each poll reads again, for logs that reach the API late. */
  @property({ attribute: 'live-overlap', type: Number }) liveOverlap = 60;

  @state() private rows = new LogRows();
  @state() private pending: LogEntry[] = [];

  @query('.rows') private scroller?: HTMLElement;

  private query?: LogQuery;
  private ownFilters?: LogFilter[];
  private shownColumns: LogColumn[] = [...LOG_COLUMNS];

  private readonly firstPage = new Task(this, {
    task: async ([client, filters, range, from, to, pageSize, zone], { signal }) => {
      this.busy.started();
      this.pager.abort();
      const { from: start, to: end, custom } = resolveWindow({ range, from, to }, Date.now(), zone, '24h');
      const query: LogQuery = { filters, from: start, to: end, limit: pageLimit(pageSize).limit, custom };
      return { query, page: await client.post<LogListResponse>(BFF_PATHS.logList, requestBody(query), signal) };
    },
    args: () => [this.client, this.filters, this.range, this.from, this.to, this.pageSize, this.zone, this.reloads] as const,
    onComplete: ({ query, page }) => {
      this.busy.clear();
      this.query = query;
      this.rows = new LogRows();
      this.rows.append(page.logs);
      this.pager.reset(page.next_cursor);
      this.pending = [];
      this.grid.focused = 0;
      this.scroller?.scrollTo({ top: 0 });
      this.emit('composio-load', { kind: 'logs-page', count: this.rows.rows.length });
    },
    onError: (error) => this.loadFailed(error),
  });

  /** Add filter (every field, suggested values), the toolkit and user lists, and Go to log. */
  private readonly builder = new FilterBuilderController(this, {
    client: () => this.client,
    windowFrom: () => resolveWindow(this, Date.now(), this.zone, '24h').from,
    windowKey: () => [this.range, this.from, this.to, this.zone].join('|'),
    addFilter: (filter) => this.setFilters([...this.filters.filter((f) => JSON.stringify(f) !== JSON.stringify(filter)), filter]),
    openId: (id) => this.openId(id),
  });
  private readonly url = new UrlStateController(this);
  /** The Time control: presets, or whole days of the zone as a custom window. */
  private readonly ranges = timeControl(this, { zone: () => this.zone, changed: (range) => this.setFilters(this.filters, range) });
  private readonly exporter = new ExportController(this, {
    client: () => this.client,
    query: () => this.query,
    onError: (e) => this.reportError(e),
  });

  private readonly pager = new PagerController(this, {
    load: (cursor, signal) => this.client.post<LogListResponse>(BFF_PATHS.logList, requestBody(this.query!, cursor), signal),
    count: () => this.shown.length,
    onPage: (logs) => {
      this.rows.append(logs);
      this.requestUpdate('rows');
      this.emit('composio-load', { kind: 'logs-page', count: this.rows.rows.length });
    },
    onError: (error) => this.reportError(error),
  });

  /** Typing is debounced; the Task aborts the request in flight when the filters change. */
  private readonly search = new SearchController(this, (tool) => this.setBar({ tool }));

  private readonly tail = new LiveTail(this, {
    interval: () => this.live,
    ready: () => Boolean(this.query) && this.firstPage.status === TaskStatus.COMPLETE,
    poll: (signal) => this.pollNewer(signal),
    onPause: (error) => this.reportError(error),
  });

  /** The rows loaded so far, newest first. */
  get logs(): readonly LogEntry[] {
    return this.rows.rows;
  }

  /** Bad values from the host fall back and warn once, before the Tasks read them. */
  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('filters') && this.filters !== this.ownFilters) this.search.cancel(); // the host set them
    const checked = checkAttributes(this, changed);
    checked.problems.forEach((problem) => warnOnce(this.localName, problem));
    if (checked.filters) this.filters = checked.filters;
    if (checked.columns) this.shownColumns = checked.columns;
  }

  /** Load the next page now (what Load more does). */
  loadMore(): Promise<void> {
    return this.pager.loadMore();
  }

  // ---- live tail
  /** One live-tail poll: new and late rows go in at their time, or wait behind "N new". */
  private async pollNewer(signal: AbortSignal): Promise<void> {
    const { fetchNewer } = await import('./live-read.ts');
    const query = this.query!;
    const { rows, pending } = this;
    const known = (id: string) => rows.has(id) || pending.some((l) => l.id === id);
    const shown = { rows: rows.rows, pending, paging: Boolean(this.pager.cursor), overlapMs: this.liveOverlap * 1000, known };
    const fresh = await fetchNewer(this.client, query, shown, signal);
    if (this.query !== query) return; // the filters changed meanwhile
    if (fresh === null) return this.refresh();
    if (!fresh.length) return;
    if ((this.scroller?.scrollTop ?? 0) < 4 && !document.hidden && !this.pending.length) this.showNew(fresh);
    else this.pending = mergeByTime(this.pending, fresh);
  }

  private showNew(logs: LogEntry[]): void {
    const focusedId = this.shown[this.grid.focused]?.log.id;
    const added = this.rows.insert(logs);
    this.requestUpdate('rows');
    const index = this.shown.findIndex((r) => r.log.id === focusedId);
    this.grid.focused = Math.max(0, index);
    this.emit('composio-load', { kind: 'logs-live', count: added });
  }

  private showPending(): void {
    const logs = this.pending;
    this.pending = [];
    this.showNew(logs);
    this.grid.focused = 0;
    this.scroller?.scrollTo({ top: 0 });
  }

  // ---- filters
  private setFilters(filters: LogFilter[], range = this.ranges.preset): void {
    this.filters = this.ownFilters = filters;
    this.range = range as (typeof TABLE_RANGES)[number]; // the filter bar offers only table ranges
    this.emit('composio-filters-change', { filters, range, ...customWindow(this.from, this.to) });
  }

  private setBar(patch: Partial<BarState>): void {
    this.setFilters(writeBar(this.filters, { ...readBar(this.filters), ...patch }));
  }

  private clearFilters(): void {
    this.search.cancel();
    this.setFilters([]);
  }

  // ---- keyboard and detail
  /** Open a log in the detail panel (also what clicking a row does). */
  open(log: LogEntry): void {
    this.openId(log.id, log);
    this.emit('composio-log-select', { log });
  }

  /** Open a log by id (Go to log, a link): the detail loads it through the BFF, which checks it is the caller's. */
  openId(id: string, entry?: LogEntry): void {
    this.detail.open(id, entry);
  }

  /** The id of the log open in the detail panel. */
  get openLogId(): string | undefined {
    return this.detail.selected?.id;
  }

  /** Close the detail panel. */
  closeDetail(): void {
    this.detail.close();
  }

  /** The loaded rows as RFC 4180 CSV (formulas neutralised); `exportAll` saves every matching row through the BFF. */
  toCsv(): string {
    return logsCsv(this.rows.rows);
  }

  /** Save every matching log of the window (≤ 100,000) as CSV or JSON lines, as Export does; settles when saved, cancelled or failed. */
  exportAll({ format = 'csv' }: { format?: LogExportFormat } = {}): Promise<void> {
    return this.exporter.start(format);
  }

  // ---- rendering
  private readonly rowState = {
    focused: () => this.grid.focused,
    selected: () => this.detail.selected?.id,
    zone: () => this.zone,
    locale: () => this.formatLocale,
    words: () => this.words,
    onOpen: (log: LogEntry, index: number) => ((this.grid.focused = index), this.open(log)),
    onToggle: (log: LogEntry) => this.toggleTree(log),
  };

  /** Meta-tool calls under their parent (tree.ts); the grid shows these rows. */
  private readonly tree = new LogTree();
  private get shown() {
    return this.tree.view(this.rows.rows);
  }

  private readonly grid = new GridFocusController(this, {
    rows: () => this.shown,
    scroller: () => this.scroller,
    root: () => this.renderRoot,
    open: (log) => this.open(log),
    toggle: (log, expanded) => this.toggleTree(log, expanded),
  });

  private toggleTree(log: LogEntry, expanded?: boolean): void {
    this.tree.toggle(log.id, expanded);
    this.requestUpdate();
  }

  /** The side panel of the open log; it inherits the table's settings. */
  private readonly detail = new DetailPanelController(this, {
    root: () => this.renderRoot,
    settings: () => this.detailSettings,
    closed: () => void this.grid.focusRow(this.grid.focused),
  });

  private get detailSettings() {
    const { endpoint, fetch, fetchToken, theme, formatLocale: locale, zone, strings, words } = this;
    const link = this.url.prefix ? (id: string) => this.url.linkTo(id) : undefined;
    return { endpoint, fetch, fetchToken, theme, locale, zone, strings, words, link };
  }

  private renderBody(columns: LogColumn[]) {
    const rows = this.rows.rows;
    const status = this.firstPage.status;
    if (!rows.length && (status === TaskStatus.PENDING || status === TaskStatus.INITIAL || this.busy.active)) return SKELETON;
    if (!rows.length && status === TaskStatus.COMPLETE) {
      const sentence = emptySentence(readBar(this.filters), extraFilters(this.filters), this.ranges.preset, Boolean(this.from), this.words);
      return renderEmpty(sentence, this.filters.length > 0, () => this.clearFilters(), this.words);
    }
    return html`<div
      class="rows"
      role="rowgroup"
      @keydown=${this.grid.onKey}
      @rangeChanged=${(e: RangeChangedEvent) => this.pager.visible(e.last)}
    >
      ${virtualize({ items: this.shown, renderItem: (row, i) => (row ? renderRow(row, i, columns, this.rowState) : html``), keyFunction: rowKey, scroller: true, layout: { type: TableLayout } })}
    </div>`;
  }

  /** The first page failed (rows shown, if any, are from the previous choice: stale) or the next page did. */
  private renderError() {
    if (this.busy.active) return nothing; // waited out: renderBusy says so
    const firstFailed = this.firstPage.status === TaskStatus.ERROR;
    const error = firstFailed ? this.firstPage.error : this.pager.error;
    if (!error) return nothing;
    const onRetry = firstFailed ? () => this.refresh() : () => this.loadMore();
    return renderProblem(error, { subject: 'activity', stale: firstFailed && this.rows.rows.length > 0, onRetry, words: this.words });
  }

  protected override render() {
    const columns = this.shownColumns;
    const loaded = this.rows.rows.length;
    const failed = this.firstPage.status === TaskStatus.ERROR;
    const { words, formatLocale: locale } = this;
    const blank = failed && !loaded && !this.busy.active; // a failed first page shows only its banner
    return html`
      ${renderFilterBar({
        bar: readBar(this.filters),
        toolDraft: this.search.draft,
        toolkits: this.builder.toolkits.value ?? [],
        users: renderUserPicker(this.builder.users.value ?? [], this.filters, (filters) => this.setFilters(filters), words),
        builder: renderBuilder(this.builder, words, locale),
        range: renderRangeControl(this.ranges, { label: words.table.columns.time, words, locale }),
        extras: extraFilters(this.filters),
        onBar: (patch) => this.setBar(patch),
        onToolInput: (value, now) => this.search.input(value, now),
        onRemove: (filter) => this.setFilters(this.filters.filter((x) => x !== filter)),
        words,
      })}
      ${this.tail.renderPaused(words, locale)} ${renderBusy(this.busy, words, locale)} ${this.tail.renderBusy(words, locale)}
      ${this.pending.length ? html`<button type="button" class="new-logs" part="new-logs" @click=${this.showPending}>${words.table.newLogs(count(this.pending.length, locale))}</button>` : nothing}
      ${this.renderError()}
      <div class="layout">
        ${
          blank
            ? nothing
            : html`<div
                role="grid"
                part="grid"
                class="grid ${failed && !this.busy.active ? 'stale' : ''}"
                aria-label=${words.table.grid}
                aria-rowcount=${this.shown.length + 1}
                aria-colcount=${columns.length}
                aria-busy=${this.firstPage.status === TaskStatus.PENDING ? 'true' : 'false'}
              >
                <div role="row" class="row head" aria-rowindex="1">
                  ${columns.map((c) => html`<span role="columnheader" class="c-${c}">${words.table.columns[c]}</span>`)}
                </div>
                ${this.renderBody(columns)}
              </div>`
        }
        ${this.detail.render()}
      </div>
      ${renderFooter(loaded, this.pager, this.exporter, words, locale)}
    `;
  }
}
