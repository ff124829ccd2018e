// Export saves every matching log of the window through the BFF's export route, as CSV or JSON
// lines, with progress, and Cancel aborts the download.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import './resize-observer-noise.ts';
import '../../src/elements/log-table/define.ts';
import type { ComposioLogTable } from '../../src/elements/log-table/log-table.ts';
import type { LogEntry, LogFilter, LogListResponse } from '../../src/contract/upstream.ts';
import { bffPost, listWindows, resetWorker, startWorker } from './bff-in-page.ts';

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
      const { from, to } = listWindows[0];
      const expected: string[] = [];
      let cursor: string | null = null;
      do {
        const page: LogListResponse = await bffPost('logs/tool_execution', {
          limit: 100,
          ...(cursor ? { cursor } : {}),
          filters: el.filters,
          time_range: { from, to },
        });
        expected.push(...page.logs.map((l) => l.id));
        cursor = page.next_cursor;
      } while (cursor);
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
});
