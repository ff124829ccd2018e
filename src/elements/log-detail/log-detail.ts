/**
 * `<composio-log-detail>`: one tool call in full — status, message, a failure hint, timings,
 * context ids with copy buttons, source, the parent meta-tool call, metadata and the request /
 * response payload as a JSON tree. Usable alone with `log-id`, or inside the log table's panel.
 */
import { Task, TaskStatus } from '@lit/task';
import { css, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { BffRequestError } from '../../client/bff-client.ts';
import { formatDateTime, formatDuration } from '../../client/format.ts';
import { BFF_PATHS } from '../../contract/protocol.ts';
import type { LogEntry } from '../../contract/upstream.ts';
import { failureHint } from '../../core/failure-hints.ts';
import { ComposioElement } from '../shared/base.ts';
import { common, problem } from '../shared/i18n/en/common.ts';
import { detail } from '../shared/i18n/en/detail.ts';
import { hints } from '../shared/i18n/en/hints.ts';
import type { DetailStrings, Words } from '../shared/i18n/strings.ts';
import { renderBusy } from '../shared/problem.ts';
import { themeStyles } from '../shared/theme.ts';
import { childOf, isEmptyPayload, jsonTree } from './json-tree.ts';
import { openDetail, type LoadedDetail } from './payload-reader.ts';
import { PayloadTree } from './payload-tree.ts';

/**
 * @tagname composio-log-detail
 * @fires {CustomEvent<LogSelectDetail>} composio-log-select - The parent log was opened from this one: `{ log }`.
 * @fires {CustomEvent<ErrorDetail>} composio-error - Loading the detail failed (a busy server, 429: once, then it retries by itself).
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
 * @csspart hint - The failure hint (cause and next step).
 * @csspart payload - The request/response JSON tree.
 * @csspart busy - "Busy — retrying in N s" while the server is busy (429 + Retry-After); what is shown stays, and the detail loads by itself.
 * @csspart retry-now - The busy status's Retry now button.
 */
export class ComposioLogDetail extends ComposioElement<'detail' | 'hints'> {
  protected static override english: Words<'detail' | 'hints'> = { common, problem, hints, detail };

  static override styles = [
    themeStyles,
    css`
      :host {
        padding: 1rem;
        font-size: 0.9rem;
      }
      h2 {
        font-size: 1.05rem;
        margin: 0 2rem 0.3rem 0;
        font-family: ui-monospace, SFMono-Regular, Menlo, monospace;
        overflow-wrap: anywhere;
      }
      h3 {
        font-size: 0.8rem;
        text-transform: uppercase;
        letter-spacing: 0.04em;
        color: var(--_muted);
        margin: 1.1rem 0 0.4rem;
      }
      .badge {
        font-size: 0.85em;
        padding: 0.05rem 0.45rem;
        border-radius: 999px;
        border: 1px solid currentColor;
      }
      .success {
        color: var(--_success);
      }
      .failed {
        color: var(--_danger);
        font-weight: 600;
      }
      .message {
        white-space: pre-wrap;
        overflow-wrap: anywhere;
        margin: 0.5rem 0;
      }
      .hint {
        border-inline-start: 3px solid var(--_warning);
        background: var(--_surface);
        padding: 0.5rem 0.75rem;
        border-radius: var(--_radius);
      }
      .hint p {
        margin: 0.2rem 0;
      }
      dl {
        display: grid;
        grid-template-columns: max-content 1fr;
        gap: 0.25rem 0.75rem;
        margin: 0;
      }
      dt {
        color: var(--_muted);
      }
      dd {
        margin: 0;
        overflow-wrap: anywhere;
        display: flex;
        gap: 0.4rem;
        align-items: baseline;
      }
      code,
      .j-node,
      .j-row {
        font-family: ui-monospace, SFMono-Regular, Menlo, monospace;
        font-size: 0.85em;
      }
      .j-children {
        padding-inline-start: 1.1rem;
        border-inline-start: 1px dotted var(--_border);
      }
      .j-row {
        padding-inline-start: 1rem;
        overflow-wrap: anywhere;
        white-space: pre-wrap;
      }
      summary {
        cursor: pointer;
      }
      /* a revealed string is a block of blocks: appending one lays out that one, not megabytes of
         inline text, and the ones off screen are skipped */
      .j-revealed {
        display: block;
      }
      .j-chunk {
        display: block;
        content-visibility: auto;
        contain-intrinsic-block-size: auto 10rem;
      }
      .j-key {
        color: var(--_accent);
      }
      .j-string {
        color: var(--_success);
      }
      .j-number,
      .j-boolean,
      .j-null {
        color: var(--_warning);
      }
      .j-preview {
        color: var(--_muted);
      }
      button.small,
      .more {
        font-size: 0.8em;
        padding: 0 0.4rem;
      }
      .muted {
        color: var(--_muted);
      }
      .placeholder {
        height: 8rem;
      }
    `,
  ];

  /** The log to show. */
  @property({ attribute: 'log-id' }) logId = '';
  /** A link that opens this log (the log table's `url-state` sets it): shown with a Copy link button. */
  @property({ attribute: false }) link?: string;
  /** The list entry, if the caller has it: shown at once while the detail loads. */
  @property({ attribute: false }) entry?: LogEntry;

  /** What the last copy button copied, and how it went. */
  @state() private copied?: { name: keyof DetailStrings['copyNames']; outcome: 'copied' | 'blocked' | 'unreadable' };

  private readonly tree = new PayloadTree(this, ['$', '$/request', '$/request/arguments', '$/response']);

  /** The last detail that loaded: a failed reload (Task forgets its value on error) keeps it on screen. */
  private loaded?: LoadedDetail;

  // the body goes to the JSON worker unread: the page keeps the detail and a preview of its payload
  private readonly detail = new Task(this, {
    task: async ([client, id], { signal }) => {
      this.busy.started();
      return id ? client.get<LoadedDetail>(BFF_PATHS.logDetail(id), signal, openDetail) : undefined;
    },
    args: () => [this.client, this.logId, this.reloads] as const,
    onComplete: (detail) => {
      this.busy.clear();
      this.loaded = detail;
      if (!detail || detail.log.id !== this.parentAsked) return;
      this.parentAsked = undefined;
      // once it is on screen: a host that reacts reads the parent's detail, not the child's
      void this.updateComplete.then(() => this.emit('composio-log-select', { log: detail.log }));
    },
    onError: (error) => this.loadFailed(error),
  });

  private async copy(name: keyof DetailStrings['copyNames'], value: string): Promise<void> {
    try {
      await navigator.clipboard.writeText(value);
      this.copied = { name, outcome: 'copied' };
    } catch {
      this.copied = { name, outcome: 'blocked' };
    }
  }

  /** The whole payload, pretty-printed where it is kept (the worker): the page only hands it on. */
  private async copyPayload(full: LoadedDetail): Promise<void> {
    let text: string;
    try {
      text = await full.payload.pretty();
    } catch {
      this.copied = { name: 'payload', outcome: 'unreadable' };
      return;
    }
    await this.copy('payload', text);
  }

  /** The parent log asked for: announced with `composio-log-select` when it loads, after a busy wait too. */
  private parentAsked?: string;

  private openParent(id: string): void {
    this.logId = id;
    this.entry = undefined;
    this.parentAsked = id;
  }

  private copyButton(name: keyof DetailStrings['copyNames'], value: string | undefined) {
    if (!value) return nothing;
    const w = this.words.detail;
    return html`<code>${value}</code
      ><button type="button" class="small" aria-label=${w.copyWhat(w.copyNames[name])} @click=${() => this.copy(name, value)}>
        ${w.copy}
      </button>`;
  }

  private get copiedWords(): string {
    if (!this.copied) return '';
    const w = this.words.detail;
    const what = w.copyNames[this.copied.name];
    const { outcome } = this.copied;
    return outcome === 'copied' ? w.copied(what) : outcome === 'blocked' ? w.copyBlocked(what) : w.copyUnreadable;
  }

  private renderDetail(log: LogEntry, full?: LoadedDetail) {
    const hint = failureHint(log.status, log.message);
    const args = childOf(childOf(full?.data, 'request'), 'arguments');
    const duration = Number(log.metrics.duration_ms ?? 0);
    const timings = full?.log.timings;
    const ctx = full?.log.context ?? {};
    const src = full?.log.source ?? {};
    const { common, hints, detail: w } = this.words;
    const tree = { words: w, locale: this.formatLocale };
    return html`
      <h2 id="title">${String(log.metadata.tool_slug ?? log.type)}</h2>
      ${this.link ? html`<button type="button" class="small copy-link" @click=${() => this.copy('link', this.link!)}>${w.copyLink}</button>` : nothing}
      <span class="badge ${log.status}">${log.status === 'failed' ? common.failed : common.success}</span>
      <span class="muted"
        >${formatDateTime(Date.parse(log.timestamp), this.zone, this.formatLocale)} · ${formatDuration(duration, this.formatLocale)}</span
      >
      ${log.message ? html`<p class="message">${log.message}</p>` : nothing}
      ${
        hint
          ? html`<div class="hint" part="hint" role="note">
              <p><strong>${hints.likelyCause}</strong> ${hints.causes[hint.kind]}</p>
              <p><strong>${hints.nextStep}</strong> ${hints.nextSteps[hint.kind]}</p>
              ${
                hint.showArguments && args !== undefined
                  ? html`<h3>${hints.argumentsSent}</h3>
                      ${jsonTree(args, this.tree, tree, { path: ['request', 'arguments'], tree: 'hint' })}`
                  : nothing
              }
            </div>`
          : nothing
      }
      ${
        log.parent
          ? html`<p>
              ${w.calledInside}
              <button type="button" class="small" @click=${() => this.openParent(log.parent!.log_id)}>
                ${w.openParent(log.parent.tool_slug)}
              </button>
            </p>`
          : nothing
      }
      <h3>${w.timing}</h3>
      <dl>
        ${
          timings
            ? html`<dt>${w.start}</dt>
                <dd>${formatDateTime(timings.start_time, this.zone, this.formatLocale)}</dd>
                <dt>${w.end}</dt>
                <dd>${formatDateTime(timings.end_time, this.zone, this.formatLocale)}</dd>`
            : nothing
        }
        <dt>${w.duration}</dt>
        <dd>${formatDuration(duration, this.formatLocale)}</dd>
      </dl>
      <h3>${w.context}</h3>
      <dl>
        ${(['log', 'session', 'trace', 'request'] as const).map((name) => {
          const id = name === 'log' ? log.id : ctx[`${name}_id`];
          return id
            ? html`<dt>${w.ids[name]}</dt>
                <dd>${this.copyButton(name, id)}</dd>`
            : nothing;
        })}
      </dl>
      <p class="muted" role="status">${this.copiedWords}</p>
      ${
        src.host || src.framework || src.language
          ? html`<h3>${w.source}</h3>
              <dl>
                ${(['host', 'framework', 'language'] as const).map((k) =>
                  src[k]
                    ? html`<dt>${w.sources[k]}</dt>
                        <dd>${src[k]}</dd>`
                    : nothing,
                )}
              </dl>`
          : nothing
      }
      <h3>${w.metadata}</h3>
      <dl class="metadata">
        ${Object.entries(log.metadata).map(
          ([k, v]) =>
            html`<dt>${k}</dt>
              <dd>${typeof v === 'string' ? v : JSON.stringify(v)}</dd>`,
        )}
      </dl>
      <h3>${w.payload}</h3>
      ${
        !full
          ? html`<p class="muted">${common.loading}</p>`
          : !isEmptyPayload(full.data)
            ? html`<div part="payload">
                <button type="button" class="small" @click=${() => this.copyPayload(full)}>${w.copyJson}</button>
                ${jsonTree(full.data, this.tree, tree)}
              </div>`
            : html`<p class="muted" part="payload">${w.noPayload}</p>`
      }
    `;
  }

  protected override willUpdate(): void {
    this.tree.reader = this.shownDetail()?.payload;
  }

  private shownDetail(): LoadedDetail | undefined {
    return this.loaded?.log.id === this.logId ? this.loaded : undefined;
  }

  protected override render() {
    const full = this.shownDetail();
    const log = full?.log ?? (this.entry?.id === this.logId ? this.entry : undefined);
    const { common, detail: w } = this.words;
    // a busy server is no failure: what is known stays, and the detail loads when the wait is over
    if (this.detail.status === TaskStatus.ERROR && !this.busy.active) {
      const error = this.detail.error as Error;
      const notFound = error instanceof BffRequestError && error.status === 404;
      return html`<div class="error" role="alert">
        <span>${notFound ? w.notFound : w.couldNotLoad(error.message)}</span>
        ${error instanceof BffRequestError && error.requestId ? html`<span class="meta">${w.requestId(error.requestId)}</span>` : nothing}
        ${notFound ? nothing : html`<button type="button" @click=${() => this.refresh()}>${common.retry}</button>`}
      </div>`;
    }
    const busy = renderBusy(this.busy, this.words, this.formatLocale);
    if (!log)
      return html`${busy}
        <div class="skeleton placeholder" aria-hidden="true"></div>
        <p class="visually-hidden" role="status">${common.loading}</p>`;
    return html`${busy}${this.renderDetail(log, full)}`;
  }
}
