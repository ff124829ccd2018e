// Export saves every matching log of the window through the BFF's export route, as CSV or JSON
// lines, with progress, and Cancel aborts the download; ≥ 20,000 rows equal the BFF's listing.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { http } from 'msw';
import './resize-observer-noise.ts';
import '../../src/elements/log-table/define.ts';
import type { ComposioLogTable } from '../../src/elements/log-table/log-table.ts';
import type { LogEntry, LogFilter, LogListResponse } from '../../src/contract/upstream.ts';
import { createComposioHandler } from '../../src/server/index.ts';
import { createSimulator } from '../../src/simulator/index.ts';
import { bffPost, GLOBEX, listWindows, resetWorker, startWorker, worker } from './bff-in-page.ts';

before(startWorker);
afterEach(resetWorker);

const $ = (el: Element, selector: string) => el.shadowRoot!.querySelector(selector) as HTMLElement | null;

/** Downloads (anchor clicks on blob URLs) while `run` runs. */
async function captureDownloads(run: (saved: { href: string; name: string }[]) => Promise<void>) {
  const saved: { href: string; name: string }[] = [];
  const click = HTMLAnchorElement.prototype.click;
  HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
    saved.push({ href: this.href, name: this.download });
  };
  try {
    await run(saved);
  } finally {
    HTMLAnchorElement.prototype.click = click;
  }
}

/** The log_id column of CSV text (quoted cells may hold commas, quotes and line breaks). */
function csvColumn(text: string, column: number): string[] {
  const records: string[][] = [[]];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted && ch === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (ch === '"') {
      quoted = !quoted;
    } else if (quoted || (ch !== ',' && ch !== '\r')) {
      field += ch;
    } else {
      records.at(-1)!.push(field);
      field = '';
      if (ch === '\r') {
        records.push([]);
        i++;
      }
    }
  }
  return records.slice(1, -1).map((r) => r[column]);
}

/** Every log `post` lists for `filters` in `window`, page by page, as the table would scroll them. */
async function listAll(
  post: (path: string, body: unknown) => Promise<LogListResponse>,
  filters: LogFilter[],
  window: { from: number; to: number },
): Promise<LogEntry[]> {
  const logs: LogEntry[] = [];
  let cursor: string | null = null;
  do {
    const page: LogListResponse = await post('logs/tool_execution', {
      limit: 100,
      ...(cursor ? { cursor } : {}),
      filters,
      time_range: window,
    });
    logs.push(...page.logs);
    cursor = page.next_cursor;
  } while (cursor);
  return logs;
}

/** The row counts the progress status showed, in order, while it is watched. */
function watchProgress(el: ComposioLogTable): { counts: number[]; stop(): void } {
  const counts: number[] = [];
  const observer = new MutationObserver(() => {
    const text = el.shadowRoot!.querySelector('.export-progress')?.textContent ?? '';
    const rows = /([\d,]+) rows/.exec(text)?.[1];
    if (rows && Number(rows.replace(/,/g, '')) !== counts.at(-1)) counts.push(Number(rows.replace(/,/g, '')));
  });
  observer.observe(el.shadowRoot!, { subtree: true, childList: true, characterData: true });
  return { counts, stop: () => observer.disconnect() };
}

describe('<composio-log-table> export', () => {
  it('saves every matching log of the window, not only the loaded rows, in the listing’s order', async () => {
    await captureDownloads(async (saved) => {
      const el = await fixture<ComposioLogTable>(
        html`<composio-log-table
          range="30d"
          page-size="20"
          filters='[{"field":"status","operator":"==","value":"failed"}]'
        ></composio-log-table>`,
      );
      await waitUntil(() => el.logs.length > 0, 'first page', { timeout: 10_000 });
      const expected = (await listAll(bffPost, el.filters, listWindows[0])).map((l) => l.id);
      expect(expected.length).to.be.greaterThan(el.logs.length);
      $(el, 'button.export')!.click();
      await waitUntil(() => saved.length === 1, 'file saved', { timeout: 20_000 });
      expect(saved[0].name).to.match(/^tool-calls_.*_status-is-failed\.csv$/);
      const text = await (await fetch(saved[0].href)).text();
      expect(csvColumn(text, 7)).to.deep.equal(expected);
      await waitUntil(() => $(el, 'button.export'), 'button back');
    });
  });

  it('Export JSON lines saves every matching log as NDJSON, one per line in the listing’s order, named for the window and filters', async () => {
    await captureDownloads(async (saved) => {
      const el = await fixture<ComposioLogTable>(
        html`<composio-log-table
          range="30d"
          page-size="20"
          filters='[{"field":"status","operator":"==","value":"failed"}]'
        ></composio-log-table>`,
      );
      await waitUntil(() => el.logs.length > 0, 'first page', { timeout: 10_000 });
      const expected = await listAll(bffPost, el.filters, listWindows[0]);
      expect(expected.length).to.be.greaterThan(el.logs.length);
      const button = $(el, 'button.export[data-format="ndjson"]')!;
      expect(button.textContent!.trim()).to.equal('Export JSON lines');
      button.click();
      await waitUntil(() => saved.length === 1, 'file saved', { timeout: 20_000 });
      expect(saved[0].name).to.match(/^tool-calls_.*_status-is-failed\.ndjson$/);
      const file = await (await fetch(saved[0].href)).blob();
      expect(file.type).to.match(/^application\/x-ndjson/);
      const text = await file.text();
      const lines = text.split('\n');
      expect(lines.pop(), 'ends with a line break').to.equal('');
      expect(lines.map((line) => JSON.parse(line) as LogEntry)).to.deep.equal(expected);
      await waitUntil(() => $(el, 'button.export'), 'buttons back');
      // the same export from script
      await el.exportAll({ format: 'ndjson' });
      expect(saved).to.have.length(2);
      expect(saved[1].name).to.equal(saved[0].name);
      expect(await (await fetch(saved[1].href)).text()).to.equal(text);
    });
  });

  it('shows rows and bytes so far, and Cancel aborts the download', async () => {
    let aborted = false;
    let push: ((line: string) => void) | undefined;
    const scripted: typeof fetch = (input, init) => {
      if (!String(input).endsWith('/logs/tool_execution/export')) return fetch(input, init);
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          push = (line) => controller.enqueue(new TextEncoder().encode(line));
          init!.signal!.addEventListener('abort', () => ((aborted = true), controller.error(init!.signal!.reason)));
        },
      });
      return Promise.resolve(
        new Response(body, { headers: { 'content-type': 'text/csv', 'content-disposition': 'attachment; filename="x.csv"' } }),
      );
    };
    await captureDownloads(async (saved) => {
      const el = await fixture<ComposioLogTable>(html`<composio-log-table range="30d" .fetch=${scripted}></composio-log-table>`);
      await waitUntil(() => el.logs.length > 0, 'first page', { timeout: 10_000 });
      $(el, 'button.export')!.click();
      await waitUntil(() => push, 'export requested');
      push!('time,status\r\n' + 'a,b\r\n'.repeat(1500));
      await waitUntil(() => /Exporting… 1,500 rows \(7 kB\)/.test($(el, '.export-progress')?.textContent ?? ''), 'progress shown');
      push!('a,b\r\n'.repeat(500));
      await waitUntil(() => /2,000 rows/.test($(el, '.export-progress')?.textContent ?? ''), 'progress moves');
      $(el, 'button.export-cancel')!.click();
      await waitUntil(() => aborted && $(el, 'button.export'), 'cancelled');
      expect(saved).to.have.length(0);
      expect($(el, '[part="error"]')).to.equal(null);
    });
  });

  it('exports ≥ 20,000 rows through the element: the file is the BFF’s listing of the same filters and window; progress moves; Cancel stops mid-way', async function () {
    this.timeout(60_000);
    const began = performance.now();
    // a busier world than the shared one: more than 20,000 successful calls of the customer in the
    // last 7 × 24 hours (a fixed window, not "7d", which is shorter early in the day)
    const now = Date.now();
    const simulator = createSimulator({ now, historyDays: 8, toolCalls: 110_000, rateLimit: { limit: 1e9 } });
    const big = createComposioHandler({
      apiKey: 'sim_ak_demo',
      baseUrl: 'https://simulator.test',
      fetch: (input, init) => simulator.fetch(new Request(input, init)),
      resolveScope: () => ({ userIds: GLOBEX }),
    });
    const bigPost = (path: string, body: unknown) =>
      big(new Request(`${location.origin}/api/composio/${path}`, { method: 'POST', body: JSON.stringify(body) })).then(
        (r) => r.json() as Promise<LogListResponse>,
      );
    // the table's list windows, and whether each export stream the BFF answered was read to its end
    const windows: { from: number; to: number }[] = [];
    const streams: { ended: boolean }[] = [];
    worker.use(
      http.all('/api/composio/*', async ({ request }) => {
        const path = new URL(request.url).pathname;
        if (path.endsWith('/logs/tool_execution'))
          windows.push(((await request.clone().json()) as { time_range: { from: number; to: number } }).time_range);
        const response = await big(request);
        if (!path.endsWith('/logs/tool_execution/export') || !response.body) return response;
        const seen = { ended: false };
        streams.push(seen);
        const reader = response.body.getReader();
        const body = new ReadableStream<Uint8Array>({
          async pull(controller) {
            const { done, value } = await reader.read();
            if (done) ((seen.ended = true), controller.close());
            else controller.enqueue(value);
          },
          cancel: (reason) => reader.cancel(reason),
        });
        return new Response(body, { status: response.status, headers: response.headers });
      }),
    );
    const SUCCESS: LogFilter = { field: 'status', operator: '==', value: 'success' };
    // the page's own fetch (through the service worker), noting each export request's signal
    const exportSignals: AbortSignal[] = [];
    const recordingFetch: typeof fetch = (input, init) => {
      if (String(input).endsWith('/logs/tool_execution/export') && init?.signal) exportSignals.push(init.signal);
      return fetch(input, init);
    };
    await captureDownloads(async (saved) => {
      const el = await fixture<ComposioLogTable>(
        html`<composio-log-table
          from=${now - 7 * 86_400_000}
          to=${now}
          .filters=${[SUCCESS]}
          .fetch=${recordingFetch}
        ></composio-log-table>`,
      );
      await waitUntil(() => el.logs.length > 0, 'first page', { timeout: 20_000 });
      const csvButton = () => $(el, 'button.export[data-format="csv"]');

      // Cancel mid-way: the element aborts its request before the BFF's stream has ended, and saves nothing
      // (that the BFF then stops paging upstream is test/node/bff-export.test.ts's: msw in the page keeps
      // reading the stream it hands to the service worker)
      const partial = watchProgress(el);
      csvButton()!.click();
      await waitUntil(() => (partial.counts.at(-1) ?? 0) >= 2_000, 'export under way', { timeout: 20_000 });
      partial.stop();
      $(el, 'button.export-cancel')!.click();
      await waitUntil(() => exportSignals[0]?.aborted && csvButton(), 'cancelled', { timeout: 10_000 });
      expect(streams[0].ended, 'aborted before the end').to.equal(false);
      expect(saved).to.have.length(0);
      expect($(el, '[part="error"]')).to.equal(null);

      // the whole set
      const progress = watchProgress(el);
      const started = performance.now();
      csvButton()!.click();
      await waitUntil(() => saved.length === 1, 'file saved', { timeout: 45_000 });
      const exportMs = performance.now() - started;
      progress.stop();
      const ids = csvColumn(await (await fetch(saved[0].href)).text(), 7);
      const listed = (await listAll(bigPost, [SUCCESS], windows[0])).map((l) => l.id);
      expect(listed.length).to.be.at.least(20_000);
      expect(new Set(ids).size, 'no row twice').to.equal(ids.length);
      expect(ids.length, 'no row missing').to.equal(listed.length);
      expect(ids, 'the listing, in its order').to.deep.equal(listed);
      expect(progress.counts.length, 'progress shown as rows arrived').to.be.at.least(5);
      expect(progress.counts.every((n, i) => i === 0 || n > progress.counts[i - 1])).to.equal(true);
      expect(progress.counts.at(-1)).to.be.at.most(ids.length);
      console.log(
        `# exported ${ids.length} rows (export ${Math.round(exportMs)} ms, test ${Math.round(performance.now() - began)} ms, ${simulator.stats.requests} upstream calls)`,
      );
    });
  });
});
