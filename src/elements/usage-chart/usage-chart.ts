/**
 * `<composio-usage-chart>`: usage over time (series) or by dimension (breakdown), with the
 * window's totals and the change against the previous period, a data-table view that doubles as
 * the screen-reader alternative, and CSV/PNG export.
 */
import { Task, TaskStatus } from '@lit/task';
import { html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import type { Chart } from 'chart.js';
import { formatNumber, formatTick } from '../../client/format.ts';
import type { SeriesInterval } from '../../contract/protocol.ts';
import { autoInterval, resolveWindow } from '../../core/ranges.ts';
import { ComposioElement, warnOnce } from '../shared/base.ts';
import { common, problem } from '../shared/i18n/en/common.ts';
import { chart } from '../shared/i18n/en/chart.ts';
import { range } from '../shared/i18n/en/range.ts';
import type { Words } from '../shared/i18n/strings.ts';
import { renderBusy, renderProblem } from '../shared/problem.ts';
import { RangeControl, renderRangeControl, type RangeChoice } from '../shared/range-control.ts';
import { resolveTheme, themeStyles } from '../shared/theme.ts';
import type { ChartType, ConfigInput } from './chart-config.ts';
import { ChartController, loadChartJs, type Pick } from './chart-controller.ts';
import { ColorSchemeController } from './color-scheme-controller.ts';
import { loadChartData, type ChartData, type ChartMetric, type ChartView } from './data.ts';
import { formatMetric, isInsightMetric } from './insight-metrics.ts';
import { modelFor } from './model-cache.ts';
import { chartCsv } from './files.ts';
import { OTHER_KEY, seriesKeys, type TableModel } from './model.ts';
import { CHART_RANGES, resolveSettings, type Settings } from './settings.ts';
import { chartStyles } from './styles.ts';
import { renderLegend, renderPickers, renderStats } from './views.ts';
import { renderShown } from '../shared/span.ts';
import { bucketLabel, describeActive, groupLabel, rowLabel, summarize, type Wording } from './words.ts';

/**
 * Usage over time or by dimension, with totals, a data-table view and CSV/PNG export.
 *
 * @tagname composio-usage-chart
 * Invalid `metric`, `view`, `group-by`, `range`, `interval`, `type` or `top` values fall back to
 * their defaults with one console warning. Keyboard on the plot: Left/Right/Home/End move between
 * buckets, Up/Down between the stacked groups of a bucket, Enter/Space select the bucket,
 * Shift+Enter or G the highlighted group, Escape clears.
 *
 * @fires {CustomEvent<RangeSelectDetail>} composio-range-select - A bucket was clicked (or chosen with Enter): `{ from, to }`.
 * @fires {CustomEvent<RangeChangeDetail>} composio-range-change - A range was chosen in the Range control (`controls`): `{ range }` for a preset, `{ range, from, to }` for a custom range of whole days in `time-zone` (`to` exclusive: the next day's start, or the moment of Apply when the last day is today). The chart has set its own `range`, `from` and `to` to match; keep them to follow (a log of the same window, your URL).
 * @fires {CustomEvent<GroupSelectDetail>} composio-group-select - The stacked segment or breakdown bar under a click (none above a stack), or the group chosen with Shift+Enter/G: `{ groupBy, key }`.
 * @fires {CustomEvent<LoadDetail>} composio-load - Data loaded: `{ kind: 'usage-series' | 'usage-breakdown', count }`.
 * @fires {CustomEvent<ErrorDetail>} composio-error - Loading failed; the last data stays on screen, greyed, striped and named as such, with a Retry button. A busy server (429) fires it once, then the element retries by itself.
 * @cssprop --composio-font-family - Font stack.
 * @cssprop --composio-text - Text colour.
 * @cssprop --composio-text-muted - Secondary text colour.
 * @cssprop --composio-bg - Background.
 * @cssprop --composio-surface - Raised surfaces (table header, pressed buttons).
 * @cssprop --composio-border - Borders.
 * @cssprop --composio-accent - Accent (busy bar, pressed toggle).
 * @cssprop --composio-success - Positive change.
 * @cssprop --composio-danger - Negative change, errors.
 * @cssprop --composio-warning - The stripes behind stale data (the last data that loaded, under an error).
 * @cssprop --composio-focus-ring - Keyboard focus outline.
 * @cssprop --composio-radius - Corner radius.
 * @cssprop --composio-padding - Inner padding (default 1rem).
 * @cssprop --composio-chart-height - Height of the plot and of the table view (default 280px).
 * @cssprop --composio-chart-1 - Series colour 1.
 * @cssprop --composio-chart-2 - Series colour 2.
 * @cssprop --composio-chart-3 - Series colour 3.
 * @cssprop --composio-chart-4 - Series colour 4.
 * @cssprop --composio-chart-5 - Series colour 5.
 * @cssprop --composio-chart-6 - Series colour 6.
 * @cssprop --composio-chart-7 - Series colour 7.
 * @cssprop --composio-chart-8 - Series colour 8: the "Other" series.
 * @cssprop --composio-chart-grid - Grid lines and axes.
 * @cssprop --composio-chart-compare - The previous-period line.
 * @csspart header - Totals and toolbar.
 * @csspart stat - One total (label, value, change).
 * @csspart total - A total's number.
 * @csspart change - A total's change against the previous period.
 * @csspart toolbar - Pickers, table toggle and export buttons.
 * @csspart range-picker - Range select (with `controls`): the presets, a custom window in words while one is shown ("Nov 3 – 9"), and Custom…, which opens `range-custom`.
 * @csspart range-custom - The custom range form: From and To dates (whole days in `time-zone`, none in the future, at most 365), Apply, Cancel; Escape cancels.
 * @csspart interval-picker - Interval select (with `controls`).
 * @csspart table-toggle - Chart/table toggle button.
 * @csspart export-csv - CSV export button.
 * @csspart export-png - PNG export button.
 * @csspart legend - Series toggles (grouped or compared series).
 * @csspart plot - The chart area (focusable; arrow keys, Enter, Shift+Enter/G).
 * @csspart table - The data table view.
 * @csspart skeleton - Placeholder while the first data loads.
 * @csspart empty - "No tool calls in this period".
 * @csspart error - Error message in plain words, Retry, and the technical details (status, request id) folded away.
 * @csspart shown - After an error: which range the greyed data on screen is for ("Showing Last 30d (…)").
 * @csspart retry - The Retry button.
 * @csspart busy - "Busy — retrying in N s" while the server is busy (429 + Retry-After); the data stays, and the load runs again by itself.
 * @csspart retry-now - The busy status's Retry now button.
 * @csspart note - Note shown when the series was computed in the browser.
 */
export class ComposioUsageChart extends ComposioElement<'chart' | 'range'> {
  protected static override english: Words<'chart' | 'range'> = { common, problem, chart, range };

  static override styles = [themeStyles, chartStyles];

  /**
   * `tool_calls` or `sessions` (Usage API counts), or from the logs: `error_rate`, `latency_p50`,
   * `latency_p95`, `latency_p99`, `active_users` (series only, as a line, ungrouped; hourly or daily).
   */
  @property() metric: ChartMetric = 'tool_calls';
  /** `series` (over time) or `breakdown` (by `group-by`, horizontal bars). */
  @property() view: ChartView = 'series';
  /** Dimension to group by (`toolkit_slug`, `tool_slug`, `user_id`, `session_id`, `connected_account_id`); empty = none. */
  @property({ attribute: 'group-by' }) groupBy:
    '' | 'toolkit_slug' | 'tool_slug' | 'user_id' | 'session_id' | 'connected_account_id' | 'project_id' = '';
  /** `24h`, `7d`, `30d` or `90d`; ignored when `from` and `to` are set. */
  @property() range: (typeof CHART_RANGES)[number] = '30d';
  /** Window start (epoch ms or ISO date); with `to`, overrides `range`. The Range control's Custom… sets both. */
  @property() from?: string | number;
  /** Window end, exclusive (epoch ms or ISO date). */
  @property() to?: string | number;
  /** `auto` (hours up to 2 days, days up to 62, weeks up to a year, then months) or `hour`, `day`, `week`, `month`. */
  @property() interval: 'auto' | SeriesInterval = 'auto';
  /** `bar`, `line` or `area`; stacked when grouped. */
  @property() type: ChartType = 'bar';
  /** Groups shown before the rest is summed as "Other" (1–20). */
  @property({ type: Number }) top = 5;
  /** Overlay the previous period: the same local days (hours for 24h, whole weeks by week) just before, bucket for bucket. */
  @property({ type: Boolean }) compare = false;
  /** Show the Range control (presets and a custom range of days) and the Interval picker. */
  @property({ type: Boolean }) controls = false;

  @state() private showTable = false;

  /** The settings in use: the properties above, validated (see settings.ts). */
  private settings: Settings = this.resolve();

  @query('canvas') private canvas?: HTMLCanvasElement;
  @query('.plot') private plot?: HTMLElement;

  /** The chart instance (for hosts and tests); undefined until drawn. */
  get chart(): Chart | undefined {
    return this.plotter.chart;
  }
  /** The last data that loaded; kept while a reload or an error is shown. */
  private data?: ChartData;
  /** The table model of the data, in the current words. */
  private get model(): TableModel | undefined {
    return this.data && modelFor(this.data, this.words);
  }
  private readonly scheme = new ColorSchemeController(this);

  private readonly plotter = new ChartController(this, {
    canvas: () => this.canvas ?? undefined,
    plot: () => this.plot ?? undefined,
    key: () => [this.model, this.settings.type, this.scheme.version, this.formatLocale, this.zone],
    config: () => this.chartConfig(),
    seriesKeys: () => seriesKeys(this.model),
    onPick: (pick) => this.select(pick),
  });
  /** The Range control (`controls`): presets, or whole days of the zone as a custom window. */
  private readonly ranges = new RangeControl(this, {
    presets: CHART_RANGES,
    fallback: '30d',
    current: () => this,
    zone: () => this.zone,
    apply: (choice) => this.chooseRange(choice),
  });

  private readonly task = new Task(this, {
    task: async ([client, settings, from, to, timeZone, compare], { signal }) => {
      this.busy.started();
      const { metric, view, groupBy, range, interval, top } = settings;
      const { from: start, to: end, custom } = resolveWindow({ range, from, to }, Date.now(), timeZone, '30d');
      const window = { from: start, to: end };
      const data = await loadChartData(
        client,
        {
          metric,
          view,
          groupBy: groupBy || undefined,
          ...window,
          interval: interval === 'auto' ? autoInterval(start, end) : interval,
          timeZone,
          top,
          compare,
        },
        signal,
      );
      return { ...data, preset: custom ? undefined : range };
    },
    args: () => [this.client, this.settings, this.from, this.to, this.zone, this.compare, this.reloads] as const,
    onComplete: (data) => {
      this.busy.clear();
      this.data = data;
      this.plotter.reset();
      this.emit('composio-load', { kind: data.breakdown ? 'usage-breakdown' : 'usage-series', count: this.model!.rows.length });
    },
    onError: (error) => this.loadFailed(error),
  });

  /** The data table as CSV (RFC 4180, formula-safe): exactly what the chart shows. */
  toCsv(): string {
    return this.model && this.data ? chartCsv(this.model, this.data.request, this.words, (from) => this.bucketLabel(from)) : '';
  }

  /** The chart as a PNG blob: title, window and legend above the plot, on the theme's background. */
  async toPng(): Promise<Blob | null> {
    if (!this.chart || !this.data) return null;
    // loaded with Chart.js, which drew the chart: no request here
    const { chartPng } = await loadChartJs();
    return chartPng(this.chart, this.data.request, this.words, { zone: this.zone, locale: this.formatLocale, theme: resolveTheme(this) });
  }

  // the downloads and the table view are code for a click: fetched then, not on the first paint
  // a click handler's promise has no one to catch it: a chunk that fails to load (offline) is a warning
  private exportCsv() {
    const csv = this.toCsv();
    import('../shared/download.ts').then(
      ({ download }) => download(`${this.settings.metric}-${this.data?.request.view ?? 'usage'}.csv`, csv),
      (error: unknown) => console.warn('composio-widgets: could not load the download code', error),
    );
  }
  private exportPng() {
    Promise.all([this.toPng(), import('../shared/download.ts')]).then(
      ([blob, { download }]) => blob && download(`${this.settings.metric}-usage.png`, blob, 'image/png'),
      (error: unknown) => console.warn('composio-widgets: could not make the PNG', error),
    );
  }
  private tableView?: typeof import('./table-view.ts');
  /** Table pressed: the update waits for the view's code, so the chart stays until the table replaces it. */
  private toggleTable(): void {
    if (!this.tableView) this.holdUpdates(import('./table-view.ts').then((module) => (this.tableView = module)));
    this.showTable = !this.showTable;
  }

  // ---- labels
  private get interval_(): SeriesInterval {
    return this.data?.request.interval ?? 'day';
  }

  private get wording(): Wording {
    return { zone: this.zone, locale: this.formatLocale, interval: this.interval_, strings: this.words, format: (v) => this.format(v) };
  }

  /** A value of the shown metric: a count, or a rate or duration for a metric of the logs. */
  private format(value: string | number): string {
    const metric = this.data?.request.metric ?? this.settings.metric;
    return isInsightMetric(metric) ? formatMetric(metric, value, this.formatLocale) : formatNumber(value, this.formatLocale);
  }

  private bucketLabel(from: number): string {
    return bucketLabel(from, this.wording);
  }

  // ---- chart lifecycle
  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has('theme')) this.scheme.themeChanged();
    if ((['metric', 'view', 'groupBy', 'range', 'interval', 'type', 'top'] as const).some((k) => changed.has(k)))
      this.settings = this.resolve();
  }

  private resolve(): Settings {
    return resolveSettings(this, (message) => warnOnce(this.localName, message));
  }

  private chartConfig(): ConfigInput | undefined {
    const model = this.model;
    if (!model) return undefined;
    return {
      model,
      type: this.settings.type,
      interval: this.interval_,
      theme: resolveTheme(this),
      formatTick: (t) => formatTick(t, this.interval_, this.zone, this.formatLocale),
      formatBucket: (from) => this.bucketLabel(from),
      formatNumber: (v) => this.format(v),
      fractional: isInsightMetric(this.data!.request.metric) && this.data!.request.metric !== 'active_users',
      previousLabel: this.words.chart.previousPeriod,
      totalLabel: this.words.chart.total,
      rowLabel: (key) => rowLabel(key, this.words),
    };
  }

  /** A click (or Enter) on a bucket or bar: tell the host which range and group it was. */
  private select({ index, datasetIndex, groupOnly }: Pick): void {
    const model = this.model!;
    const request = this.data!.request;
    if (model.kind === 'breakdown') {
      const row = model.rows[index];
      if (row && row.key !== OTHER_KEY) this.emit('composio-group-select', { groupBy: request.groupBy!, key: row.key });
      return;
    }
    const row = model.rows[index];
    if (!row) return;
    if (!groupOnly) this.emit('composio-range-select', { from: row.from!, to: row.to! });
    const column = datasetIndex === undefined ? undefined : model.columns[datasetIndex];
    if (request.groupBy && column && column.key !== OTHER_KEY)
      this.emit('composio-group-select', { groupBy: request.groupBy, key: column.key });
  }

  // ---- rendering
  /** A range chosen in the control: the chart shows it, and the host hears of it. */
  private chooseRange({ range, from, to }: RangeChoice): void {
    [this.range, this.from, this.to] = [range as (typeof CHART_RANGES)[number], from, to];
    this.emit('composio-range-change', { range, ...(from === undefined ? {} : { from, to }) });
  }

  private renderControls() {
    const { chart } = this.words;
    return html`
      ${
        this.controls
          ? renderPickers({
              range: renderRangeControl(this.ranges, { label: chart.range, words: this.words, locale: this.formatLocale }),
              interval: this.settings.interval,
              onInterval: (interval) => (this.interval = interval as 'auto' | SeriesInterval),
              words: this.words,
            })
          : nothing
      }
      <button type="button" part="table-toggle" aria-pressed=${this.showTable ? 'true' : 'false'} @click=${() => this.toggleTable()}>
        ${chart.table}
      </button>
      <button type="button" part="export-csv" ?disabled=${!this.model} @click=${this.exportCsv}>${chart.csv}</button>
      <button type="button" part="export-png" ?disabled=${!this.model || this.showTable} @click=${this.exportPng}>${chart.png}</button>
    `;
  }

  private renderBody() {
    const model = this.model;
    const pending = this.task.status === TaskStatus.PENDING;
    const { chart } = this.words;
    if (!model)
      return pending || this.task.status === TaskStatus.INITIAL || this.busy.active
        ? html`<div class="plot skeleton" part="skeleton" aria-hidden="true"></div>`
        : nothing;
    const { metric, groupBy } = this.data!.request;
    if (model.total === '0') {
      const empty = chart.empty[metric === 'sessions' ? 'sessions' : 'tool_calls'];
      return html`<div class="empty" part="empty" role="status">${empty}</div>`;
    }
    if (this.showTable && this.tableView) {
      const series = model.kind === 'series';
      return this.tableView.renderTableView(model, {
        caption: summarize(model, this.data!.request, this.wording),
        firstHeading: series ? chart.intervals[this.interval_] : groupBy ? groupLabel(groupBy, this.words) : chart.group,
        rowLabel: (row) => (series ? this.bucketLabel(row.from!) : rowLabel(row.key, this.words)),
        format: (value) => this.format(value),
        totalLabel: isInsightMetric(metric) ? chart.wholePeriod : chart.total,
        total: chart.total,
        previousPeriod: chart.previousPeriod,
      });
    }
    const keys = model.kind === 'series' ? chart.keysSeries : chart.keysBreakdown;
    return html`${renderLegend(model, this.plotter.hidden, (key) => this.plotter.toggle(key), this.words)}
      <div class="plot" part="plot" tabindex="0" @keydown=${(e: KeyboardEvent) => this.plotter.handleKey(e)} aria-describedby="keys">
        <canvas role="img" aria-label=${summarize(model, this.data!.request, this.wording)}></canvas>
        ${pending ? html`<div class="busy" aria-hidden="true"></div>` : nothing}
      </div>
      <p id="keys" class="visually-hidden">${keys} ${chart.keysTable}</p>
      <p class="visually-hidden" aria-live="polite">
        ${describeActive(model, this.plotter.activeIndex, this.plotter.activeDataset, this.wording)}
      </p>`;
  }

  /**
   * After a failure with data on screen: that data is the last that loaded, not what the controls ask for
   * (greyed, striped). Not while busy: it stays as it is until the retry; the "Showing …" line names its period.
   */
  private get stale(): boolean {
    return this.task.status === TaskStatus.ERROR && this.data !== undefined && !this.busy.active;
  }

  private renderShown() {
    if (this.task.status !== TaskStatus.ERROR || !this.data) return nothing;
    const { request, preset } = this.data;
    return renderShown({ ...request, preset }, { zone: this.zone, locale: this.formatLocale, words: this.words.common });
  }

  protected override render() {
    // busy is no failure: the data (or the placeholders) stay, with "Busy — retrying in N s"
    const failed = this.task.status === TaskStatus.ERROR && !this.busy.active;
    // a first load that failed shows one error with Retry: no placeholders waiting for nothing
    const stats =
      failed && !this.data
        ? nothing
        : renderStats(this.settings.metric, this.data, {
            stale: this.stale,
            busy: this.task.status === TaskStatus.PENDING,
            locale: this.formatLocale,
            words: this.words,
          });
    return html`
      <div class="header" part="header">
        ${stats}
        <div class="toolbar" part="toolbar">${this.renderControls()} ${this.renderShown()}</div>
      </div>
      <div class="body ${this.stale ? 'stale' : ''}">${this.renderBody()}</div>
      ${renderBusy(this.busy, this.words, this.formatLocale)}
      ${failed ? renderProblem(this.task.error, { subject: 'usage', stale: this.stale, onRetry: () => this.refresh(), words: this.words }) : nothing}
      ${this.data?.fallback ? html`<p class="note" part="note">${this.words.chart.fallback(this.interval_)}</p>` : nothing}
    `;
  }
}
