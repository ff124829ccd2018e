/**
 * Export: every log matching the filters in the window, streamed by the BFF's export route
 * (`logs/tool_execution/export`, at most 100,000 rows) and saved as one file, CSV or JSON lines
 * (NDJSON). One export at a time: rows and bytes so far are shown while it runs; Cancel aborts the
 * request, which stops the BFF's upstream paging. A busy server (429) is waited out: the same
 * export starts again by itself when the wait is over.
 */
import { html, type ReactiveController, type ReactiveControllerHost } from 'lit';
import type { BffClient } from '../../client/bff-client.ts';
import { formatNumber } from '../../client/format.ts';
import type { LogExportFormat } from '../../contract/protocol.ts';
import { BusyRetryController } from '../shared/busy-retry.ts';
import { count } from '../shared/i18n/count.ts';
import type { Words } from '../shared/i18n/strings.ts';
import { renderBusy } from '../shared/problem.ts';
import { requestBody, type LogQuery } from './data.ts';

export interface ExportOptions {
  client(): BffClient;
  /** The query of the rows shown (filters and window); undefined before the first page. */
  query(): LogQuery | undefined;
  /** The export failed (a busy server: once per wait, not per retry). */
  onError(error: unknown): void;
}

/** The BFF's export cap (one final notice line says when it was reached). */
const MAX_EXPORT_ROWS = 100_000;

export class ExportController implements ReactiveController {
  running = false;
  /** The format of the export running (or the last one). */
  format: LogExportFormat = 'csv';
  /** Line breaks so far (the CSV header is one). */
  private lines = 0;
  bytes = 0;
  private abort?: AbortController;
  /** The export answered "busy": counting down to asking again, for the query and format the reader chose. */
  readonly busy: BusyRetryController;
  private waiting?: LogQuery;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: ExportOptions,
  ) {
    host.addController(this);
    this.busy = new BusyRetryController(host, { retry: () => void this.start(this.format, this.waiting) });
  }

  hostDisconnected(): void {
    this.cancel();
  }

  /** Resolves when this attempt ends: saved, cancelled, failed (reported) or waiting out a busy server. */
  async start(format: LogExportFormat = 'csv', query = this.options.query()): Promise<void> {
    if (!query || this.running) return;
    this.busy.started();
    const abort = (this.abort = new AbortController());
    Object.assign(this, { running: true, format, lines: 0, bytes: 0 });
    this.host.requestUpdate();
    const { filters, time_range } = requestBody(query);
    try {
      // the transfer itself is its own chunk: a table that never exports never downloads it
      const { runExport } = await import('./export-stream.ts');
      await runExport(this.options.client(), { filters, time_range, format }, abort.signal, (bytes, lines) => {
        this.bytes += bytes;
        this.lines += lines;
        this.host.requestUpdate();
      });
      this.busy.clear();
    } catch (error) {
      if (abort.signal.aborted) return;
      this.waiting = query;
      const busy = this.busy.handle(error);
      if (!busy || this.busy.attempts === 1) this.options.onError(error);
    } finally {
      if (this.abort === abort) {
        this.running = false;
        this.abort = undefined;
        this.host.requestUpdate();
      }
    }
  }

  /** Rows received so far. */
  get rows(): number {
    return this.format === 'csv' ? Math.max(0, this.lines - 1) : this.lines;
  }

  /** Stop the export, or the wait before it starts again. */
  cancel(): void {
    this.abort?.abort();
    this.busy.clear();
  }
}

/** Export buttons (CSV, JSON lines), or progress and Cancel while an export runs (or waits out a busy server). */
export function renderExport(e: ExportController, enabled: boolean, words: Words<'table'>, locale?: string) {
  return html`${renderBusy(e.busy, words, locale)}${renderExportControls(e, enabled, words, locale)}`;
}

function renderExportControls(e: ExportController, enabled: boolean, words: Words<'table'>, locale?: string) {
  const w = words.table;
  if (e.busy.phase === 'waiting')
    return html`<button type="button" class="export-cancel" @click=${() => e.cancel()}>${w.cancelExport}</button>`;
  if (!e.running) {
    const title = w.exportTitle(formatNumber(MAX_EXPORT_ROWS, locale));
    const button = (format: LogExportFormat, label: string) =>
      html`<button type="button" class="export" data-format=${format} ?disabled=${!enabled} @click=${() => e.start(format)} title=${title}>
        ${label}
      </button>`;
    return html`${button('csv', w.exportCsv)}${button('ndjson', w.exportNdjson)}`;
  }
  const size = w.kilobytes(formatNumber(Math.round(e.bytes / 1024), locale));
  return html`<span class="export-progress" role="status">${w.exporting(count(e.rows, locale), size)}</span>
    <button type="button" class="export-cancel" @click=${() => e.cancel()}>${w.cancelExport}</button>`;
}
