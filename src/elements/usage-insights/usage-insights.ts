/**
 * `<composio-usage-insights>`: what the Usage API cannot say, from the logs: headline tiles with
 * their change against the previous period and a sparkline, a sortable per-group table, and the
 * most frequent errors with their likely cause. No Chart.js: the sparklines are inline SVG.
 */
import { Task, TaskStatus } from '@lit/task';
import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { INSIGHTS_GROUP_BY, INSIGHTS_MAX_GROUP_LIMIT, type InsightsErrorGroup, type InsightsGroupBy } from '../../contract/protocol.ts';
import { RANGE_PRESETS, resolveWindow, type RangePreset } from '../../core/ranges.ts';
import { ComposioElement, warnOnce } from '../shared/base.ts';
import { common, problem } from '../shared/i18n/en/common.ts';
import { hints } from '../shared/i18n/en/hints.ts';
import { insights } from '../shared/i18n/en/insights.ts';
import { range } from '../shared/i18n/en/range.ts';
import type { Words } from '../shared/i18n/strings.ts';
import { renderBusy, renderProblem } from '../shared/problem.ts';
import { RangeControl, renderRangeControl, type RangeChoice } from '../shared/range-control.ts';
import { themeStyles } from '../shared/theme.ts';
import { formatSpan, renderShown } from '../shared/span.ts';
import { loadInsights, type InsightsData } from './data.ts';
import { buildTiles, skeletonTiles } from './figures.ts';
import { insightsStyles } from './styles.ts';
import { renderErrorGroups, renderGroupTable, renderTiles, type Sort, type SortColumn } from './views.ts';

/**
 * Headline insights (calls, error rate, p95 latency, active users, sessions per day, charges),
 * a sortable per-group table and the top error groups, from the BFF's `usage/insights`.
 *
 * @tagname composio-usage-insights
 * Invalid `range`, `group-by`, `top` or `errors` values fall back to their defaults with one
 * console warning. Keyboard: Tab reaches each column header (Enter/Space sorts; again reverses),
 * each group (Enter selects it) and each error group (Enter asks for its calls).
 *
 * @fires {CustomEvent<RangeChangeDetail>} composio-range-change - A range was chosen in the Range control (`controls`): `{ range }` for a preset, `{ range, from, to }` for a custom range of whole days in `time-zone` (`to` exclusive: the next day's start, or the moment of Apply when the last day is today). The insights have set their own `range`, `from` and `to` to match; keep them to follow.
 * @fires {CustomEvent<GroupSelectDetail>} composio-group-select - A table row was clicked (or chosen with Enter): `{ groupBy, key }`.
 * @fires {CustomEvent<FiltersRequestDetail>} composio-filters-request - An error group was chosen: `{ filters, from, to }`, v3.1 log filters for a log table (`status == failed`, `tool_slug == …`).
 * @fires {CustomEvent<LoadDetail>} composio-load - Data loaded: `{ kind: 'usage-insights', count }` (groups in the table).
 * @fires {CustomEvent<ErrorDetail>} composio-error - Loading failed; the last data stays on screen, greyed, striped and named as such, with a Retry button. A busy server (429) fires it once, then the element retries by itself.
 * @cssprop --composio-font-family - Font stack.
 * @cssprop --composio-text - Text colour.
 * @cssprop --composio-text-muted - Secondary text colour.
 * @cssprop --composio-bg - Background.
 * @cssprop --composio-surface - Tiles and the table header.
 * @cssprop --composio-border - Borders.
 * @cssprop --composio-accent - Sparklines, group buttons, busy bar.
 * @cssprop --composio-success - A change for the better.
 * @cssprop --composio-danger - A change for the worse, error kinds, errors.
 * @cssprop --composio-warning - The stripes behind stale data (the last data that loaded, under an error).
 * @cssprop --composio-focus-ring - Keyboard focus outline.
 * @cssprop --composio-radius - Corner radius.
 * @cssprop --composio-padding - Inner padding (default 1rem).
 * @csspart header - The Range control's row (with `controls`); it wraps on a narrow screen.
 * @csspart range-picker - Range select (with `controls`): the presets, a custom window in words while one is shown ("Nov 3 – 9"), and Custom…, which opens `range-custom`.
 * @csspart range-custom - The custom range form: From and To dates (whole days in `time-zone`, none in the future, at most 365), Apply, Cancel; Escape cancels.
 * @csspart tiles - The headline tiles.
 * @csspart tile - One tile (label, value, change, sparkline).
 * @csspart value - A tile's number.
 * @csspart change - A tile's change against the previous period.
 * @csspart sparkline - A tile's per-bucket line (inline SVG, decorative).
 * @csspart skeleton - A tile's placeholder while the first data loads.
 * @csspart table - The per-group table.
 * @csspart sort - A column header's sort button.
 * @csspart row - A group's row (clickable).
 * @csspart row-button - The button naming a row's group (Enter selects it).
 * @csspart errors - The list of error groups.
 * @csspart error-group - One error group.
 * @csspart error-button - The button that asks for an error group's calls.
 * @csspart hint - The likely cause and next step of an error group.
 * @csspart example - The id of an example failed call.
 * @csspart no-errors - "No failed calls in this period".
 * @csspart empty - "No tool calls in this period".
 * @csspart shown - After an error: which range the greyed data on screen is for.
 * @csspart error - Error message in plain words, Retry, and the technical details folded away.
 * @csspart retry - The Retry button.
 * @csspart busy - "Busy — retrying in N s" while the server is busy (429 + Retry-After); the data stays, and the load runs again by itself.
 * @csspart retry-now - The busy status's Retry now button.
 * @csspart note - Note when the logs cover only part of the window.
 */
export class ComposioUsageInsights extends ComposioElement<'insights' | 'hints' | 'range'> {
  protected static override english: Words<'insights' | 'hints' | 'range'> = { common, problem, hints, insights, range };

  static override styles = [themeStyles, insightsStyles];

  /** `1h`, `24h`, `7d`, `30d` or `90d`; ignored when `from` and `to` are set. */
  @property() range: RangePreset = '7d';
  /** Window start (epoch ms or ISO date); with `to`, overrides `range`. The Range control's Custom… sets both. */
  @property() from?: string | number;
  /** Window end, exclusive (epoch ms or ISO date). */
  @property() to?: string | number;
  /** The table's groups: `toolkit_slug` (default), `tool_slug`, `user_id` or `connected_account_id`. */
  @property({ attribute: 'group-by' }) groupBy: InsightsGroupBy = 'toolkit_slug';
  /** Groups in the table (1–50); the rest is summed as "Other". */
  @property({ type: Number }) top = 10;
  /** Error groups listed (0–50; 0 hides the section). */
  @property({ type: Number }) errors = 5;
  /** Show the Range control (presets and a custom range of days) above the tiles. */
  @property({ type: Boolean }) controls = false;

  @state() private sort: Sort = { column: 'calls', descending: true };

  /** The last data that loaded; kept while a reload or an error is shown. */
  private data?: InsightsData;

  /**
   * The Range control (`controls`): every preset `range` takes, or whole days of the zone. Its
   * custom form stops at 365 days, within what the BFF's `usage/insights` takes (366 × 24 hours,
   * daily buckets beyond 2 days: 365 of the 400 one request may read).
   */
  private readonly ranges = new RangeControl(this, {
    presets: RANGE_PRESETS,
    fallback: '7d',
    current: () => this,
    zone: () => this.zone,
    apply: (choice) => this.chooseRange(choice),
  });

  private readonly task = new Task(this, {
    task: async ([client, range, from, to, zone, groupBy, top], { signal }) => {
      this.busy.started();
      const window = resolveWindow({ range, from, to }, Date.now(), zone, '7d');
      const data = await loadInsights(client, { from: window.from, to: window.to, timeZone: zone, groupBy, limit: top }, signal);
      return { ...data, preset: window.custom ? undefined : range };
    },
    args: () => [this.client, this.validRange, this.from, this.to, this.zone, this.validGroupBy, this.validTop, this.reloads] as const,
    onComplete: (data) => {
      this.busy.clear();
      this.data = data;
      this.emit('composio-load', { kind: 'usage-insights', count: data.current.groups?.length ?? 0 });
    },
    onError: (error) => this.loadFailed(error),
  });

  // ---- settings (a bad value falls back with one warning)

  private get validRange(): RangePreset {
    if ((RANGE_PRESETS as readonly unknown[]).includes(this.range)) return this.range;
    warnOnce(this.localName, `unknown range ${JSON.stringify(this.range)}; using "7d" (one of ${RANGE_PRESETS.join(', ')})`);
    return '7d';
  }

  private get validGroupBy(): InsightsGroupBy {
    if ((INSIGHTS_GROUP_BY as readonly unknown[]).includes(this.groupBy)) return this.groupBy;
    warnOnce(
      this.localName,
      `unknown group-by ${JSON.stringify(this.groupBy)}; using "toolkit_slug" (one of ${INSIGHTS_GROUP_BY.join(', ')})`,
    );
    return 'toolkit_slug';
  }

  private whole(name: string, value: unknown, min: number, max: number, fallback: number): number {
    const n = Number(value);
    if (Number.isInteger(n) && n >= min && n <= max) return n;
    warnOnce(this.localName, `${name} ${JSON.stringify(value)} is not a whole number from ${min} to ${max}; using ${fallback}`);
    return fallback;
  }

  private get validTop(): number {
    return this.whole('top', this.top, 1, INSIGHTS_MAX_GROUP_LIMIT, 10);
  }

  protected override willUpdate(changed: PropertyValues): void {
    // a new grouping starts from the busiest groups again
    if (changed.has('groupBy') && changed.get('groupBy') !== undefined) this.sort = { column: 'calls', descending: true };
  }

  // ---- interaction

  /** A range chosen in the control: the insights show it, and the host hears of it. */
  private chooseRange({ range, from, to }: RangeChoice): void {
    [this.range, this.from, this.to] = [range, from, to];
    this.emit('composio-range-change', { range, ...(from === undefined ? {} : { from, to }) });
  }

  private onSort(column: SortColumn): void {
    const same = this.sort.column === column;
    // numbers start high (the busiest, the slowest); names start at A
    this.sort = { column, descending: same ? !this.sort.descending : column !== 'key' };
  }

  private onSelect(key: string): void {
    this.emit('composio-group-select', { groupBy: this.data!.query.groupBy, key });
  }

  private onError(group: InsightsErrorGroup): void {
    const { from, to } = this.data!.query;
    const filters = [
      { field: 'status', operator: '==', value: 'failed' } as const,
      ...(group.tool_slug ? [{ field: 'tool_slug', operator: '==', value: group.tool_slug } as const] : []),
    ];
    this.emit('composio-filters-request', { filters, from, to });
  }

  // ---- rendering

  /**
   * After a failure with data on screen: that data is the last that loaded
   * (greyed, striped). Not while busy: it stays as it is until the retry; the "Showing …" line names its period.
   */
  private get stale(): boolean {
    return this.task.status === TaskStatus.ERROR && this.data !== undefined && !this.busy.active;
  }

  private renderShown() {
    if (this.task.status !== TaskStatus.ERROR || !this.data) return nothing;
    const { query, preset } = this.data;
    return renderShown({ ...query, preset }, { zone: this.zone, locale: this.formatLocale, words: this.words.common });
  }

  private renderData(data: InsightsData) {
    const { current, query } = data;
    const words = this.words;
    const span = formatSpan(query.from, query.to, this.zone, this.formatLocale);
    const errors = this.whole('errors', this.errors, 0, 50, 5);
    return html`
      ${current.coverage.complete ? nothing : html`<p class="note" part="note">${words.insights.partialCoverage}</p>`}
      <h3 id="groups">${words.insights.byGroup[query.groupBy]}</h3>
      ${renderGroupTable({
        heading: words.insights.groupHeadings[query.groupBy],
        caption: words.insights.caption(query.groupBy, span),
        groups: current.groups ?? [],
        other: current.other,
        sort: this.sort,
        locale: this.formatLocale,
        onSort: (c) => this.onSort(c),
        onSelect: (k) => this.onSelect(k),
        words,
      })}
      ${
        errors
          ? html`<h3>${words.insights.topErrors}</h3>
              ${renderErrorGroups(current.error_groups, { limit: errors, locale: this.formatLocale, onPick: (g) => this.onError(g), words })}`
          : nothing
      }
    `;
  }

  protected override render() {
    const status = this.task.status;
    const loading = status === TaskStatus.PENDING || status === TaskStatus.INITIAL;
    // a busy server is no failure: the tiles (or their placeholders) stay, with "Busy — retrying in N s"
    const failed = status === TaskStatus.ERROR && !this.busy.active;
    const data = this.data;
    const empty = data && data.current.totals.calls === 0;
    const words = this.words;
    const tiles = data ? buildTiles(data, this.formatLocale, words) : skeletonTiles(words);
    return html`
      ${
        this.controls
          ? html`<div class="header" part="header">
              ${renderRangeControl(this.ranges, { label: words.insights.range, words, locale: this.formatLocale })}
            </div>`
          : nothing
      }
      ${failed && !data ? nothing : renderTiles(tiles, { stale: this.stale, busy: loading, words })}
      ${
        loading
          ? html`<div class="busy" aria-hidden="true"></div>
              <p class="visually-hidden" role="status">${words.insights.loading}</p>`
          : nothing
      }
      ${this.renderShown()} ${renderBusy(this.busy, words, this.formatLocale)}
      <div class=${this.stale ? 'stale' : ''}>
        ${empty ? html`<p class="empty" part="empty" role="status">${words.insights.empty}</p>` : data ? this.renderData(data) : nothing}
      </div>
      ${failed ? renderProblem(this.task.error, { subject: 'usage', stale: this.stale, onRetry: () => this.refresh(), words }) : nothing}
    `;
  }
}
