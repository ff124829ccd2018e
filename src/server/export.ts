/**
 * `POST logs/tool_execution/export`: every log matching the filters in the window, streamed as CSV
 * or NDJSON. It pages through `listLogs` (100 rows a page, each user's stream read through
 * `Upstream.call` with the caller as payer), so an export spends the same budget as scrolling the
 * table and is bounded the same way; it stops at `maxRows` with a final notice line. The stream
 * pulls one page per read: a client that cancels stops the paging. When the caller's budget is
 * spent mid-file, the export waits for the budget's next window (Retry-After) and goes on, so a
 * long export is slower, never cut short; only an outage or waits beyond `maxWaitMs` in all end
 * the file early, with a notice line that says so.
 */
import type { LogExportFormat } from '../contract/protocol.ts';
import type { LogEntry, LogFilter } from '../contract/upstream.ts';
import { LOG_CSV_HEADER, csvLine, logCsvCells } from '../core/log-csv.ts';
import { BffError } from './errors.ts';
import { listLogs, type LogsContext } from './logs.ts';
import type { Scope } from './scope.ts';

/** Documented cap: most rows one export returns (then a final notice line). */
export const EXPORT_MAX_ROWS = 100_000;
/** Most time one export spends waiting for a spent budget, in all, before it ends the file. */
export const EXPORT_MAX_WAIT_MS = 5 * 60_000;

export interface ExportOptions {
  maxRows?: number;
  maxWaitMs?: number;
  /** Waits `ms` (or until `signal` aborts); the handler's clock decides when a budget refills, tests inject one. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

const realSleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
  });

export interface ExportRequest {
  filters?: LogFilter[];
  time_range?: { from: number; to: number };
  format?: LogExportFormat;
}

const stamp = (ms: number) => new Date(ms).toISOString().slice(0, 16).replace(/[:]/g, '');
const safe = (text: string) => text.replace(/[^A-Za-z0-9._-]+/g, '-').slice(0, 40);

/** `tool-calls_2026-11-22T1200_2026-11-23T1200_status-is-failed.csv`: the window and the filters. */
export function exportFileName(body: ExportRequest, window: [number, number], format: LogExportFormat): string {
  const words = { '==': 'is', '!=': 'not', contains: 'has', not_contains: 'lacks' } as const;
  const filters = (body.filters ?? []).map((f) => safe(`${f.field}-${words[f.operator]}-${f.value}`));
  return (
    [`tool-calls_${stamp(window[0])}_${stamp(window[1])}`, ...filters].join('_').slice(0, 200) + `.${format === 'csv' ? 'csv' : 'ndjson'}`
  );
}

function line(log: LogEntry, format: LogExportFormat): string {
  return format === 'csv' ? csvLine(logCsvCells(log)) : `${JSON.stringify(log)}\n`;
}

function notice(text: string, format: LogExportFormat): string {
  return format === 'csv' ? csvLine([`# ${text}`]) : `${JSON.stringify({ notice: text })}\n`;
}

/**
 * The first page is read before the response starts, so a bad filter, a spent budget or an
 * upstream outage is an ordinary error envelope; a failure later ends the file with a notice line.
 */
export async function exportLogs(
  ctx: LogsContext,
  scope: Scope,
  body: ExportRequest,
  { maxRows = EXPORT_MAX_ROWS, maxWaitMs = EXPORT_MAX_WAIT_MS, sleep = realSleep }: ExportOptions = {},
): Promise<{ stream: ReadableStream<Uint8Array>; fileName: string; contentType: string }> {
  const format = body.format ?? 'csv';
  const to = body.time_range?.to ?? Math.floor(ctx.now() / 1000) * 1000;
  const window: [number, number] = [body.time_range?.from ?? to - 30 * 86_400_000, to];
  const query = { limit: 100, filters: body.filters, time_range: { from: window[0], to: window[1] } };
  let page = await listLogs(ctx, scope, query);
  let rows = 0;
  let started = false;
  let waited = 0;
  const cancelled = new AbortController();
  /** The next page; a spent budget (429) is waited out while the total wait allows. */
  const nextPage = async (cursor: string): Promise<typeof page> => {
    for (;;) {
      try {
        return await listLogs(ctx, scope, { ...query, cursor });
      } catch (error) {
        const seconds = error instanceof BffError && error.status === 429 ? error.details.retryAfterSeconds : undefined;
        if (seconds === undefined || waited + seconds * 1000 > maxWaitMs || cancelled.signal.aborted) throw error;
        waited += seconds * 1000;
        await sleep(seconds * 1000, cancelled.signal);
      }
    }
  };
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    cancel: () => cancelled.abort(),
    pull: async (controller) => {
      if (!started) {
        started = true;
        if (format === 'csv') controller.enqueue(encoder.encode(csvLine(LOG_CSV_HEADER)));
      } else if (!page.next_cursor) {
        return controller.close();
      } else {
        try {
          page = await nextPage(page.next_cursor);
        } catch (error) {
          const message = error instanceof Error ? error.message : 'upstream error';
          controller.enqueue(encoder.encode(notice(`export stopped after ${rows} rows: ${message}`, format)));
          return controller.close();
        }
      }
      const take = page.logs.slice(0, maxRows - rows);
      rows += take.length;
      let text = take.map((log) => line(log, format)).join('');
      if (rows >= maxRows && (page.next_cursor || take.length < page.logs.length)) {
        text += notice(`export stopped at the cap of ${maxRows} rows; narrow the filters or the window for the rest`, format);
        page = { logs: [], next_cursor: null };
      }
      controller.enqueue(encoder.encode(text));
    },
  });
  return {
    stream,
    fileName: exportFileName(body, window, format),
    contentType: format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8',
  };
}
