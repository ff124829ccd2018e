import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import './resize-observer-noise.ts';
import '../../src/elements/log-table/define.ts';
import type { ComposioLogTable } from '../../src/elements/log-table/log-table.ts';
import type { LogEntry, LogListResponse } from '../../src/contract/upstream.ts';
import { bff, bffPost, failOnce, listWindows, resetWorker, seen, session, startWorker, worker } from './bff-in-page.ts';
import { fakeLog } from './log-fixtures.ts';

before(startWorker);
afterEach(resetWorker);

const shadow = (el: Element, selector: string) => el.shadowRoot!.querySelector(selector) as HTMLElement;
const bodyRows = (el: Element) => [...el.shadowRoot!.querySelectorAll<HTMLElement>('[role="row"]:not(.head)')];
const loaded = (el: ComposioLogTable, n = 1) => waitUntil(() => el.logs.length >= n, `${n} rows`, { timeout: 10_000 });

/** Recent enough for the default 24h window (the live tail reads by time). */
const BASE = Date.now() - 60_000;

function entry(i: number, extra: Partial<LogEntry> = {}): LogEntry {
  const id = `log_test${String(i).padStart(7, '0')}`;
  return fakeLog(id, BASE - i * 1000, {
    status: i % 10 === 0 ? 'failed' : 'success',
    message: `message ${i}`,
    metrics: { duration_ms: 100 + i },
    ...extra,
  });
}

/** A BFF list route over a fixed feed (newest first) with index cursors; tests push to the front. */
function feedRoute(feed: LogEntry[], bodies: unknown[] = []) {
  return http.post('/api/composio/logs/tool_execution', async ({ request }) => {
    const body = (await request.json()) as { limit?: number; cursor?: string };
    bodies.push(body);
    const start = body.cursor ? feed.findIndex((l) => l.id === body.cursor) + 1 : 0;
    const logs = feed.slice(start, start + (body.limit ?? 20));
    const more = start + logs.length < feed.length;
    return HttpResponse.json({ logs, next_cursor: more ? logs.at(-1)!.id : null } satisfies LogListResponse);
  });
}

describe('<composio-log-table> paging and virtualization', () => {
  it('pages through ≥ 1,000 rows with no duplicates and no gaps', async () => {
    const el = await fixture<ComposioLogTable>(html`<composio-log-table range="30d" page-size="100"></composio-log-table>`);
    await loaded(el);
    while (el.logs.length < 1000) await el.loadMore();
    const ids = el.logs.map((l) => l.id);
    expect(new Set(ids).size).to.equal(ids.length);
    // the same listing straight from the BFF (same window: the element's first request)
    const expected: string[] = [];
    let cursor: string | null = null;
    const window = listWindows[0];
    do {
      const page: LogListResponse = await bffPost('logs/tool_execution', {
        limit: 100,
        cursor,
        time_range: { from: window.from, to: window.to },
      });
      expected.push(...page.logs.map((l) => l.id));
      cursor = page.next_cursor;
    } while (cursor && expected.length < ids.length);
    expect(ids).to.deep.equal(expected.slice(0, ids.length));
    expect(shadow(el, '[part="footer"] [role="status"]').textContent).to.match(/^[\d,]+ loaded$/);
  });

  it('keeps at most 60 row elements in the DOM with 100,000 rows loaded, with grid semantics', async () => {
    const feed = Array.from({ length: 100_000 }, (_, i) => entry(i));
    worker.use(http.post('/api/composio/logs/tool_execution', () => HttpResponse.json({ logs: feed, next_cursor: null })));
    const el = await fixture<ComposioLogTable>(html`<composio-log-table></composio-log-table>`);
    await loaded(el, 100_000);
    await waitUntil(() => bodyRows(el).length > 5, 'rows rendered');
    expect(bodyRows(el).length).to.be.at.most(60);
    const grid = shadow(el, '[role="grid"]');
    expect(grid.getAttribute('aria-rowcount')).to.equal('100001');
    const scroller = shadow(el, '.rows');
    scroller.scrollTop = scroller.scrollHeight / 2;
    await waitUntil(() => Number(bodyRows(el)[0]?.getAttribute('aria-rowindex')) > 40_000, 'scrolled to the middle');
    expect(bodyRows(el).length).to.be.at.most(60);
    const first = bodyRows(el)[0];
    const index = Number(first.getAttribute('aria-rowindex')) - 2;
    expect(first.textContent).to.contain(`message ${index}`);
    expect(shadow(el, '[part="footer"] [role="status"]').textContent).to.equal('100,000 loaded · all');
  });

  it('appends a page without reading the rows already loaded again (O(page), not O(rows))', async () => {
    // meta-tool calls every 25 rows, one cut by the page boundary: its first call waits on page 1 for a parent on page 2
    const parent = (i: number) => ({
      log_id: `log_test${String(i - (i % 25) + 3).padStart(7, '0')}`,
      tool_slug: 'COMPOSIO_MULTI_EXECUTE_TOOL',
    });
    const feed = Array.from({ length: 5_101 }, (_, i) => entry(i, i % 25 < 3 ? { parent: parent(i) } : {}));
    const FIRST = 5_001;
    worker.use(
      http.post('/api/composio/logs/tool_execution', async ({ request }) => {
        const { cursor } = (await request.json()) as { cursor?: string };
        const logs = cursor ? feed.slice(FIRST) : feed.slice(0, FIRST);
        return HttpResponse.json({ logs, next_cursor: cursor ? null : 'page-2' } satisfies LogListResponse);
      }),
    );
    const el = await fixture<ComposioLogTable>(html`<composio-log-table page-size="100"></composio-log-table>`);
    await loaded(el, FIRST);
    await waitUntil(() => bodyRows(el).length > 5, 'rows rendered');
    // count every read of an earlier row's id or parent from now on
    let reads = 0;
    for (const log of el.logs) {
      for (const key of ['id', 'parent'] as const) {
        const value = log[key];
        Object.defineProperty(log, key, { get: () => (reads++, value), enumerable: true, configurable: true });
      }
    }
    await el.loadMore();
    await el.updateComplete;
    await waitUntil(() => shadow(el, '[role="grid"]').getAttribute('aria-rowcount') === String(feed.length + 1), 'page 2 shown');
    await new Promise(requestAnimationFrame);
    // the rows on screen render again, and the waiting call is placed under its parent; a rebuild reads every row
    expect(reads).to.be.below(500); // measured: ~100 with the page placed incrementally, ~45,000 with a rebuild
    expect(el.logs).to.have.length(feed.length);
  });

  it('fetches the next page before the reader reaches the end (infinite scroll), and offers Load more', async () => {
    const feed = Array.from({ length: 300 }, (_, i) => entry(i));
    worker.use(feedRoute(feed));
    const el = await fixture<ComposioLogTable>(html`<composio-log-table page-size="100"></composio-log-table>`);
    await loaded(el, 100);
    const scroller = shadow(el, '.rows');
    scroller.scrollTop = scroller.scrollHeight;
    // automatic pages keep a second apart (a held End key); on a loaded machine the page takes longer
    await waitUntil(() => el.logs.length >= 200, 'next page on scroll', { timeout: 10_000 });
    expect(el.logs.map((l) => l.id)).to.deep.equal(feed.slice(0, el.logs.length).map((l) => l.id));
    await el.loadMore();
    await el.loadMore();
    expect(el.logs).to.have.length(300);
    await el.updateComplete;
    expect([...el.shadowRoot!.querySelectorAll('[part="footer"] button')].map((b) => b.textContent)).to.not.include('Load more');
  });
});

describe('<composio-log-table> filters', () => {
  it('maps the filter bar to v3.1 filters, debounces typing, and emits composio-filters-change', async () => {
    const bodies: { filters?: unknown[] }[] = [];
    worker.use(feedRoute([entry(1)], bodies));
    const el = await fixture<ComposioLogTable>(
      html`<composio-log-table filters='[{"field":"session_id","operator":"==","value":"trs_1"}]'></composio-log-table>`,
    );
    await loaded(el);
    const [status, toolkit] = [...el.shadowRoot!.querySelectorAll('select')];
    let change = oneEvent(el, 'composio-filters-change');
    status.value = 'failed';
    status.dispatchEvent(new Event('change'));
    expect((await change).detail.filters).to.deep.equal([
      { field: 'session_id', operator: '==', value: 'trs_1' },
      { field: 'status', operator: '==', value: 'failed' },
    ]);
    await waitUntil(() => bodies.length === 2);
    expect(bodies[1].filters).to.deep.equal((await change).detail.filters);
    await waitUntil(() => toolkit.querySelectorAll('option').length > 1, 'toolkit choices from the breakdown');
    const search = shadow(el, 'input[type="search"]') as HTMLInputElement;
    change = oneEvent(el, 'composio-filters-change');
    for (const typed of ['s', 'se', 'sen', 'send']) {
      search.value = typed;
      search.dispatchEvent(new Event('input'));
    }
    const { detail } = await change;
    expect(detail.filters.at(-1)).to.deep.equal({ field: 'tool_slug', operator: 'contains', value: 'SEND' });
    await waitUntil(() => bodies.length === 3);
    // asserting that no more requests come: wait past the 300 ms debounce
    await new Promise((r) => setTimeout(r, 400));
    expect(bodies).to.have.length(3, 'one request for four keystrokes');
    expect(shadow(el, '.chip').textContent).to.contain('Session is trs_1');
  });

  it('aborts the request in flight when the filters change', async () => {
    /** Each log list request the table sends: the status it filters on, and its signal. */
    const lists: { status: unknown; signal: AbortSignal; answered?: boolean }[] = [];
    const el = await fixture<ComposioLogTable>(html`<composio-log-table></composio-log-table>`);
    await loaded(el);
    const errors: Event[] = [];
    el.addEventListener('composio-error', (e) => errors.push(e));
    el.fetch = (input, init) => {
      if (!String(input).endsWith('/logs/tool_execution')) return fetch(input, init);
      const request: (typeof lists)[number] = { status: JSON.parse(String(init!.body)).filters?.[0]?.value, signal: init!.signal! };
      lists.push(request);
      if (request.status !== 'failed') return fetch(input, init).then((r) => ((request.answered = true), r));
      // the first query never answers: only an abort ends it, so nothing races the filter change
      return new Promise<Response>((_, reject) => request.signal.addEventListener('abort', () => reject(request.signal.reason)));
    };
    await el.updateComplete;
    el.filters = [{ field: 'status', operator: '==', value: 'failed' }];
    await waitUntil(() => lists.some((l) => l.status === 'failed'), 'the first query sent');
    // a query no earlier test made: the client's cache (shared within a minute) cannot answer it
    el.filters = [
      { field: 'status', operator: '==', value: 'success' },
      { field: 'tool_slug', operator: 'not_contains', value: 'aborts-in-flight-test' },
    ];
    // the unfiltered rows may all be successes: wait for the second query's answer, not for the rows
    await waitUntil(() => lists.some((l) => l.status === 'success' && l.answered), 'second query answered');
    await waitUntil(() => el.logs.length && el.logs.every((l) => l.status === 'success'), 'second query shown');
    const byStatus = (status: string) => lists.filter((l) => l.status === status);
    expect(byStatus('failed'), 'one request for the first query').to.have.length(1);
    expect(byStatus('failed')[0].signal.aborted, 'the first query was aborted').to.equal(true);
    expect(byStatus('success').length, 'the second query was sent').to.be.greaterThan(0);
    expect(
      byStatus('success').every((l) => !l.signal.aborted),
      'the second query ran to the end',
    ).to.equal(true);
    // an abort is not a failure: nothing to tell the host or the reader
    expect(errors, 'composio-error events').to.have.length(0);
    expect(shadow(el, '[part="error"]'), 'error banner').to.equal(null);
  });

  it('says which filters left nothing, in plain words, and clears them', async () => {
    const el = await fixture<ComposioLogTable>(
      html`<composio-log-table filters='[{"field":"tool_slug","operator":"==","value":"NO_SUCH_TOOL"}]'></composio-log-table>`,
    );
    await waitUntil(() => shadow(el, '[part="empty"]'), 'empty state');
    expect(shadow(el, '[part="empty"]').textContent).to.contain('No tool calls in the last 24 hours, where Tool is NO_SUCH_TOOL.');
    const change = oneEvent(el, 'composio-filters-change');
    (shadow(el, '[part="empty"] button') as HTMLButtonElement).click();
    expect((await change).detail.filters).to.deep.equal([]);
    await loaded(el);
  });
});

describe('<composio-log-table> columns', () => {
  const headerColumns = (el: Element) => [...el.shadowRoot!.querySelectorAll('[role="columnheader"]')].map((h) => h.className);
  const rowColumns = (row: Element) => [...row.querySelectorAll(':scope > [role="gridcell"]')].map((c) => c.className);

  it('shows the columns named in `columns`, in that order, in the header and every row, and follows a change', async () => {
    worker.use(feedRoute(Array.from({ length: 30 }, (_, i) => entry(i))));
    const el = await fixture<ComposioLogTable>(html`<composio-log-table columns="message, status,tool"></composio-log-table>`);
    await loaded(el);
    await waitUntil(() => bodyRows(el).length > 0, 'rows rendered');
    expect(headerColumns(el)).to.deep.equal(['c-message', 'c-status', 'c-tool']);
    expect(shadow(el, '[role="grid"]').getAttribute('aria-colcount')).to.equal('3');
    for (const row of bodyRows(el)) expect(rowColumns(row)).to.deep.equal(['c-message', 'c-status', 'c-tool']);
    expect(bodyRows(el)[0].querySelector('.c-message')!.textContent).to.equal('message 0');

    el.columns = ['duration', 'time'];
    await waitUntil(() => headerColumns(el).join() === 'c-duration,c-time', 'the new header');
    await waitUntil(() => bodyRows(el).every((row) => rowColumns(row).join() === 'c-duration,c-time'), 'the new cells in every row');
    expect(bodyRows(el).length).to.be.greaterThan(0);
  });
});

describe('<composio-log-table> detail, keyboard and export', () => {
  it('opens the detail on Enter, walks rows with arrow keys, and returns focus on Escape', async () => {
    const el = await fixture<ComposioLogTable>(html`<composio-log-table></composio-log-table>`);
    await loaded(el, 5);
    await waitUntil(() => bodyRows(el).length >= 5);
    bodyRows(el)[0].focus();
    const grid = shadow(el, '.rows');
    for (let i = 0; i < 3; i++) grid.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true, composed: true }));
    await waitUntil(() => el.shadowRoot!.activeElement?.getAttribute('aria-rowindex') === '5', 'focus on the 4th row');
    const selected = oneEvent(el, 'composio-log-select');
    grid.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true }));
    expect((await selected).detail.log.id).to.equal(el.logs[3].id);
    await waitUntil(() => el.shadowRoot!.querySelector('composio-log-detail'), 'detail rendered');
    const panel = shadow(el, '[part="detail"]');
    await waitUntil(() => el.shadowRoot!.activeElement === panel, 'focus moves into the panel');
    panel.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true }));
    await waitUntil(
      () => !shadow(el, '[part="detail"]') && el.shadowRoot!.activeElement?.getAttribute('aria-rowindex') === '5',
      'closed, focus back on the row',
    );
  });

  it('exports the loaded rows as RFC 4180 CSV with formulas neutralised', async () => {
    session.userIds = ['tyrell"><img src=x onerror=alert(1)>'];
    const el = await fixture<ComposioLogTable>(html`<composio-log-table range="30d" page-size="100"></composio-log-table>`);
    await loaded(el, 50);
    const csv = el.toCsv();
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).to.equal('time,status,tool,toolkit,user,message,duration_ms,log_id,parent_tool');
    expect(lines.length).to.equal(el.logs.length + 1);
    expect(csv).to.contain(`"'=HYPERLINK(""http://evil.example"",""CLICK"")"`);
    expect(csv).to.not.match(/(^|,)=HYPERLINK/m);
    expect(csv).to.contain('"tyrell""><img src=x onerror=alert(1)>"');
  });

  it('keeps loaded rows when the next page fails, and Retry continues', async () => {
    const el = await fixture<ComposioLogTable>(html`<composio-log-table range="30d" page-size="20"></composio-log-table>`);
    await loaded(el, 20);
    const before = el.logs.map((l) => l.id);
    worker.use(failOnce(/\/api\/composio\/logs\/tool_execution$/, 500));
    const failed = oneEvent(el, 'composio-error');
    await el.loadMore();
    await failed;
    await el.updateComplete;
    const alert = shadow(el, '[part="error"]');
    expect(alert.textContent).to.contain('req_bff_test_failure');
    expect(el.logs.slice(0, before.length).map((l) => l.id)).to.deep.equal(before);
    (alert.querySelector('button') as HTMLButtonElement).click();
    await waitUntil(() => el.logs.length > before.length && !shadow(el, '[part="error"]'), 'retried');
  });

  it('has no axe violations, with and without the detail panel', async () => {
    const el = await fixture<ComposioLogTable>(html`<composio-log-table></composio-log-table>`);
    await loaded(el, 3);
    await el.updateComplete;
    await expect(el).to.be.accessible();
    el.open(el.logs[0]);
    await waitUntil(() => el.shadowRoot!.querySelector('composio-log-detail')?.shadowRoot?.querySelector('h2'), 'detail loaded');
    await expect(el).to.be.accessible();
  });

  it('loads no Chart.js on a page with only the log table', async () => {
    const el = await fixture<ComposioLogTable>(html`<composio-log-table></composio-log-table>`);
    await loaded(el);
    el.open(el.logs[0]);
    await waitUntil(() => el.shadowRoot!.querySelector('composio-log-detail'));
    const chartJs = performance.getEntriesByType('resource').filter((e) => /\/chart\.js\/|chart-register/.test(e.name));
    expect(chartJs).to.have.length(0);
    expect(
      performance.getEntriesByType('resource').some((e) => /log-table/.test(e.name)),
      'the timing buffer saw the table load',
    ).to.equal(true);
  });
});

describe('<composio-log-table> live tail', () => {
  it('inserts new logs at the top without duplicates or gaps, and holds them behind "N new" when scrolled away', async () => {
    const feed = Array.from({ length: 120 }, (_, i) => entry(i + 1000));
    worker.use(feedRoute(feed));
    const el = await fixture<ComposioLogTable>(html`<composio-log-table live="1" page-size="50"></composio-log-table>`);
    await loaded(el, 50);
    // three new logs arrive; the reader is at the top: they appear
    feed.unshift(entry(3), entry(4), entry(5));
    await waitUntil(() => el.logs[0].id === entry(3).id, 'new logs inserted', { timeout: 5000 });
    expect(el.logs.slice(0, 4).map((l) => l.id)).to.deep.equal([entry(3), entry(4), entry(5), entry(1000)].map((l) => l.id));
    // the reader scrolls away; 60 more arrive (more than a page: the tail reads until it overlaps)
    const scroller = shadow(el, '.rows');
    const scrolled = new Promise((r) => scroller.addEventListener('scroll', r, { once: true }));
    scroller.scrollTop = 400;
    await scrolled;
    // newer than everything shown, newest first
    const burst = Array.from({ length: 60 }, (_, i) => entry(i - 60, { id: `log_burst${String(i).padStart(5, '0')}` }));
    feed.unshift(...burst);
    await waitUntil(() => shadow(el, '[part="new-logs"]'), '"N new" button', { timeout: 5000 });
    expect(shadow(el, '[part="new-logs"]').textContent).to.equal('60 new');
    expect(scroller.scrollTop).to.be.at.least(390, 'the scroll position is kept');
    (shadow(el, '[part="new-logs"]') as HTMLButtonElement).click();
    await el.updateComplete;
    const ids = el.logs.map((l) => l.id);
    expect(ids.slice(0, 64)).to.deep.equal(feed.slice(0, 64).map((l) => l.id));
    expect(new Set(ids).size).to.equal(ids.length);
  });
});

describe('<composio-log-table> against the real BFF', () => {
  it('shows only the signed-in customer’s rows', async () => {
    session.userIds = ['hooli_prod'];
    const el = await fixture<ComposioLogTable>(html`<composio-log-table page-size="100"></composio-log-table>`);
    await loaded(el, 10);
    expect(el.logs.every((l) => l.metadata.user_id === 'hooli_prod')).to.equal(true);
    // and the rows came through the BFF's list route, not from a canned answer
    expect(seen).to.include('POST logs/tool_execution');
    const direct = await bff(
      new Request(`${location.origin}/api/composio/logs/tool_execution`, { method: 'POST', body: JSON.stringify({ limit: 100 }) }),
    );
    const upstreamIds = ((await direct.json()) as { logs: { id: string }[] }).logs.map((l) => l.id);
    expect(el.logs.slice(0, 10).map((l) => l.id)).to.deep.equal(upstreamIds.slice(0, 10));
  });
});

describe('<composio-log-table> embed token (fetchToken)', () => {
  it('sends the token on every request, the detail panel’s included', async () => {
    const requests: { url: string; authorization: string | null }[] = [];
    const recording = ((input: RequestInfo | URL, init?: RequestInit) => {
      requests.push({ url: String(input), authorization: new Headers(init?.headers).get('authorization') });
      return fetch(input, init);
    }) as typeof fetch;
    let issued = 0;
    const fetchToken = async () => `embed-token-${++issued}`;
    const el = await fixture<ComposioLogTable>(
      html`<composio-log-table .fetch=${recording} .fetchToken=${fetchToken}></composio-log-table>`,
    );
    await loaded(el);
    el.open(el.logs[0]);
    const detailUrl = `/logs/tool_execution/${encodeURIComponent(el.logs[0].id)}`;
    await waitUntil(() => requests.some((r) => r.url.endsWith(detailUrl)), 'the detail panel asked for the log');
    expect(
      requests.some((r) => r.url.endsWith('/logs/tool_execution')),
      'the list was asked for',
    ).to.equal(true);
    const unsigned = requests.filter((r) => !/^Bearer embed-token-\d+$/.test(r.authorization ?? ''));
    expect(unsigned, 'requests without the token').to.deep.equal([]);
    // one token per client while it is valid: the table's, and the detail panel's own
    expect(issued).to.be.within(1, 2);
  });
});
