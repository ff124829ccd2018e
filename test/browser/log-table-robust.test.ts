/**
 * The log table under hostile input, failures, small screens and impatient keyboards: each test
 * here reproduces one reported issue and fails without its fix.
 */
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import { http, HttpResponse } from 'msw';
import './resize-observer-noise.ts';
import '../../src/elements/log-table/define.ts';
import type { ComposioLogTable } from '../../src/elements/log-table/log-table.ts';
import type { LogEntry, LogListResponse } from '../../src/contract/upstream.ts';
import { failOnce, resetWorker, startWorker, worker } from './bff-in-page.ts';
import { fakeLog } from './log-fixtures.ts';
import { captureUncaught, captureWarnings } from './capture.ts';

before(startWorker);
afterEach(resetWorker);

const shadow = (el: Element, selector: string) => el.shadowRoot!.querySelector(selector) as HTMLElement;
const loaded = (el: ComposioLogTable, n = 1) => waitUntil(() => el.logs.length >= n, `${n} rows`, { timeout: 10_000 });
const LIST = '/api/composio/logs/tool_execution';

function entry(i: number, extra: Partial<LogEntry> = {}): LogEntry {
  return fakeLog(`log_rob${String(i).padStart(7, '0')}`, Date.now() - 60_000 - i * 1000, { message: `message ${i}`, ...extra });
}

/** Console warnings and uncaught errors while `run` runs. */
async function watchConsole(run: () => Promise<void>) {
  const { messages: warnings, restore: restoreWarn } = captureWarnings();
  const { errors: uncaught, restore } = captureUncaught();
  try {
    await run();
    // asserting that nothing is thrown late: let queued tasks run first
    await new Promise((r) => setTimeout(r, 50));
  } finally {
    restoreWarn();
    restore();
  }
  return { warnings, uncaught };
}

describe('<composio-log-table> bad attributes fall back and warn once', () => {
  const cases: [string, ReturnType<typeof html>, RegExp][] = [
    ['time-zone', html`<composio-log-table time-zone="Mars/Base"></composio-log-table>`, /time-zone "Mars\/Base"/],
    ['locale', html`<composio-log-table locale="xx-!!"></composio-log-table>`, /locale "xx-!!"/],
    ['filters (not JSON)', html`<composio-log-table filters="{oops"></composio-log-table>`, /filters/],
    ['filters (not an array)', html`<composio-log-table filters='{"field":"status"}'></composio-log-table>`, /filters/],
    [
      'filters (junk objects)',
      html`<composio-log-table
        filters='[1,null,{"field":"status","operator":"~~","value":"x"},{"field":"toolkit_slug","operator":"==","value":"gmail"}]'
      ></composio-log-table>`,
      /filters/,
    ],
    ['columns', html`<composio-log-table columns="time,bogus,status"></composio-log-table>`, /columns.*bogus/],
    ['range', html`<composio-log-table range="forever"></composio-log-table>`, /range "forever"/],
    ['page-size', html`<composio-log-table page-size="lots"></composio-log-table>`, /page-size/],
  ];
  for (const [name, template, warning] of cases) {
    it(`${name}: renders rows, warns once, throws nothing`, async () => {
      let el!: ComposioLogTable;
      const { warnings, uncaught } = await watchConsole(async () => {
        el = await fixture<ComposioLogTable>(template);
        await waitUntil(() => el.logs.length > 0 || shadow(el, '[part="empty"]'), 'rows or the empty state', { timeout: 10_000 });
        await waitUntil(
          () => el.shadowRoot!.querySelectorAll('[role="row"]:not(.head)').length > 0 || shadow(el, '[part="empty"]'),
          'rendered',
        );
        el.requestUpdate();
        await el.updateComplete;
      });
      expect(uncaught, 'uncaught errors').to.deep.equal([]);
      expect(warnings, 'exactly one warning').to.have.length(1);
      expect(warnings[0]).to.match(warning);
      expect(shadow(el, '[part="error"]')).to.equal(null);
    });
  }

  it('keeps the valid filters of a junk list and sends only those', async () => {
    const bodies: { filters?: unknown }[] = [];
    worker.use(
      http.post(
        LIST,
        async ({ request }) => (bodies.push((await request.json()) as object), HttpResponse.json({ logs: [entry(1)], next_cursor: null })),
      ),
    );
    const el = await fixture<ComposioLogTable>(
      html`<composio-log-table
        filters='[1,{"field":"status","operator":"~~","value":"x"},{"field":"toolkit_slug","operator":"==","value":"gmail"}]'
      ></composio-log-table>`,
    );
    await loaded(el);
    expect(el.filters).to.deep.equal([{ field: 'toolkit_slug', operator: '==', value: 'gmail' }]);
    expect(bodies[0].filters).to.deep.equal([{ field: 'toolkit_slug', operator: '==', value: 'gmail' }]);
  });
});

describe('<composio-log-table> search', () => {
  const toolFilter = (filters: { field: string; value: string }[]) => filters.find((f) => f.field === 'tool_slug')?.value;

  it('Escape clears the search at once; typing right after starts a fresh term', async () => {
    const el = await fixture<ComposioLogTable>(html`<composio-log-table></composio-log-table>`);
    await loaded(el);
    const search = shadow(el, 'input[type="search"]') as HTMLInputElement;
    search.focus();
    const first = oneEvent(el, 'composio-filters-change');
    await sendKeys({ type: 'notion_search' });
    expect(toolFilter((await first).detail.filters)).to.equal('NOTION_SEARCH');
    await el.updateComplete;
    const changes: (string | undefined)[] = [];
    el.addEventListener('composio-filters-change', (e) => changes.push(toolFilter((e as CustomEvent).detail.filters)));
    await sendKeys({ press: 'Escape' });
    await sendKeys({ type: 'gmail_send_email' });
    await waitUntil(() => changes.includes('GMAIL_SEND_EMAIL'), 'the new term applied', { timeout: 3000 });
    await el.updateComplete;
    expect(changes).to.deep.equal([undefined, 'GMAIL_SEND_EMAIL'], 'Escape cleared the search before the new term');
    expect(search.value.toUpperCase()).to.equal('GMAIL_SEND_EMAIL');
  });

  it('Clear filters cancels a search still being typed (the old term does not come back)', async () => {
    worker.use(http.post(LIST, () => HttpResponse.json({ logs: [], next_cursor: null })));
    const el = await fixture<ComposioLogTable>(
      html`<composio-log-table filters='[{"field":"status","operator":"==","value":"failed"}]'></composio-log-table>`,
    );
    await waitUntil(() => shadow(el, '[part="empty"] button'), 'empty state');
    const search = shadow(el, 'input[type="search"]') as HTMLInputElement;
    search.focus();
    await sendKeys({ type: 'zzz' });
    (shadow(el, '[part="empty"] button') as HTMLButtonElement).click();
    await new Promise((r) => setTimeout(r, 500)); // past the debounce
    await el.updateComplete;
    expect(el.filters).to.deep.equal([]);
    expect(search.value).to.equal('');
  });
});

describe('<composio-log-table> long values', () => {
  it('keeps a 100 kB toolkit key from widening the controls and cells, with the full text in a title', async () => {
    const huge = 'x'.repeat(100_000);
    worker.use(
      http.post('/api/composio/usage/tool_calls', () =>
        HttpResponse.json({
          groups: [
            { key: huge, count: 1 },
            { key: 'gmail', count: 1 },
          ],
        }),
      ),
      http.post(LIST, () =>
        HttpResponse.json({ logs: [entry(1, { metadata: { tool_slug: 'T', toolkit_slug: huge, user_id: 'u' } })], next_cursor: null }),
      ),
    );
    const el = await fixture<ComposioLogTable>(html`<div style="width: 900px"><composio-log-table></composio-log-table></div>`).then(
      (d) => d.firstElementChild as ComposioLogTable,
    );
    await loaded(el);
    const toolkit = el.shadowRoot!.querySelectorAll('select')[1] as HTMLSelectElement;
    await waitUntil(() => toolkit.options.length > 2, 'toolkit choices');
    await el.updateComplete;
    expect(toolkit.getBoundingClientRect().width).to.be.below(400);
    const option = [...toolkit.options].find((o) => o.value === huge)!;
    expect(option.textContent!.length).to.be.below(100);
    expect(option.title).to.equal(huge);
    const cell = shadow(el, '[role="row"]:not(.head) .c-toolkit');
    expect(cell.getBoundingClientRect().width).to.be.below(400);
    expect(cell.title).to.equal(huge);
    expect(el.getBoundingClientRect().width).to.be.at.most(900);
  });
});

describe('<composio-log-table> paging under a held End key', () => {
  it('keeps one page request in flight and a bounded number of them', async () => {
    const feed = Array.from({ length: 5000 }, (_, i) => entry(i));
    let inFlight = 0;
    let maxInFlight = 0;
    let pages = 0;
    worker.use(
      http.post(LIST, async ({ request }) => {
        const body = (await request.json()) as { limit?: number; cursor?: string };
        const start = body.cursor ? feed.findIndex((l) => l.id === body.cursor) + 1 : 0;
        const logs = feed.slice(start, start + (body.limit ?? 50));
        return HttpResponse.json({
          logs,
          next_cursor: start + logs.length < feed.length ? logs.at(-1)!.id : null,
        } satisfies LogListResponse);
      }),
    );
    const counting = (async (input: RequestInfo | URL, init?: RequestInit) => {
      const isList = String(input).includes('logs/tool_execution');
      if (isList) (pages++, inFlight++, (maxInFlight = Math.max(maxInFlight, inFlight)));
      try {
        return await fetch(input, init);
      } finally {
        if (isList) inFlight--;
      }
    }) as typeof fetch;
    const el = await fixture<ComposioLogTable>(html`<composio-log-table page-size="50" .fetch=${counting}></composio-log-table>`);
    await loaded(el, 50);
    await waitUntil(() => el.shadowRoot!.querySelector('[role="row"]:not(.head)'), 'rows');
    (el.shadowRoot!.querySelector('[role="row"]:not(.head)') as HTMLElement).focus();
    const grid = shadow(el, '.rows');
    // a held key repeats about every 30 ms
    for (let i = 0; i < 30; i++) {
      grid.dispatchEvent(new KeyboardEvent('keydown', { key: 'End', bubbles: true, composed: true, repeat: i > 0 }));
      await new Promise((r) => setTimeout(r, 30)); // a held key repeats about every 30 ms
    }
    // asserting a bound on requests: give a runaway pager time to show itself
    await new Promise((r) => setTimeout(r, 300));
    expect(maxInFlight).to.be.at.most(1);
    expect(pages - 1, `${pages - 1} page requests for one held End`).to.be.at.most(2);
    expect(el.logs.length).to.be.at.least(100, 'End still reaches further rows');
  });
});

describe('<composio-log-table> errors in plain words', () => {
  it('first load fails: one clear error with Retry, no skeleton or blank grid under it', async () => {
    worker.use(failOnce(new RegExp(`${LIST}$`), 500));
    const errors: Event[] = [];
    document.addEventListener('composio-error', (e) => errors.push(e), { once: true });
    const el = await fixture<ComposioLogTable>(html`<composio-log-table></composio-log-table>`);
    await waitUntil(() => shadow(el, '[part="error"]'), 'error shown');
    expect(errors).to.have.length(1);
    expect(el.shadowRoot!.querySelectorAll('[part="error"]')).to.have.length(1);
    expect(shadow(el, '[part="error"]').textContent).to.contain('Activity is temporarily unavailable');
    expect(shadow(el, '[part="error"]').textContent).to.not.contain('Could not load');
    expect(el.shadowRoot!.querySelector('.skeleton')).to.equal(null);
    const grid = shadow(el, '[part="grid"]');
    expect(grid ? grid.getBoundingClientRect().height : 0).to.be.below(200);
    (shadow(el, '[part="error"] button') as HTMLButtonElement).click();
    await loaded(el);
    expect(shadow(el, '[part="error"]')).to.equal(null);
  });

  it('a failed filter change marks the old rows as stale and says what is shown', async () => {
    const el = await fixture<ComposioLogTable>(html`<composio-log-table></composio-log-table>`);
    await loaded(el, 3);
    await waitUntil(() => shadow(el, '[role="row"]:not(.head)'), 'rows');
    worker.use(failOnce(new RegExp(`${LIST}$`), 500));
    const failed = oneEvent(el, 'composio-error');
    el.filters = [{ field: 'status', operator: '==', value: 'failed' }];
    await failed;
    await el.updateComplete;
    const banner = shadow(el, '[part="error"]');
    expect(banner.textContent).to.contain('Showing the last data that loaded');
    const grid = shadow(el, '[part="grid"]');
    expect(grid.classList.contains('stale')).to.equal(true);
    // marked by stripes and grey, not faded: the rows stay readable (axe checks their contrast)
    expect(getComputedStyle(grid).backgroundImage).to.contain('repeating-linear-gradient');
    expect(getComputedStyle(grid).filter).to.equal('grayscale(1)');
    expect(getComputedStyle(shadow(el, '.rows')).opacity).to.equal('1');
    expect(el.shadowRoot!.querySelectorAll('[role="row"]:not(.head)').length).to.be.above(0);
    await expect(el).to.be.accessible();
  });

  it('the empty state speaks plainly and chips use plain operators', async () => {
    worker.use(http.post(LIST, () => HttpResponse.json({ logs: [], next_cursor: null })));
    const el = await fixture<ComposioLogTable>(
      html`<composio-log-table
        filters='[{"field":"status","operator":"==","value":"failed"},{"field":"tool_slug","operator":"contains","value":"ZZZ"},{"field":"session_id","operator":"!=","value":"trs_1"}]'
      ></composio-log-table>`,
    );
    await waitUntil(() => shadow(el, '[part="empty"]'), 'empty state');
    const text = shadow(el, '[part="empty"]').textContent!.replace(/\s+/g, ' ');
    expect(text).to.contain("No failed calls matching 'ZZZ' in the last 24 hours");
    expect(text).to.not.match(/==|tool_slug|contains ZZZ/);
    expect(shadow(el, '[part="empty"] button').textContent).to.equal('Clear filters');
    expect(shadow(el, '.chip').textContent).to.contain('Session is not trs_1');
    expect(text, 'fields in plain words too').to.contain('where Session is not trs_1');
  });
});

describe('<composio-log-table> small screens', () => {
  afterEach(() => setViewport({ width: 800, height: 600 }));

  for (const width of [375, 320])
    it(`works at ${width} px: no sideways page scroll, whole times, full-width detail with its close button visible`, async () => {
      await setViewport({ width, height: 700 });
      const el = await fixture<ComposioLogTable>(html`<composio-log-table></composio-log-table>`);
      await loaded(el, 3);
      await waitUntil(() => shadow(el, '[role="row"]:not(.head)'), 'rows');
      expect(document.documentElement.scrollWidth).to.be.at.most(width);
      // the time is whole (day over clock), never "Dec 2, 4:30:4…"
      const times = [...el.shadowRoot!.querySelectorAll<HTMLElement>('[role="row"]:not(.head) .c-time')];
      expect(times.length).to.be.above(0);
      for (const cell of times) expect(cell.scrollWidth, cell.textContent!).to.be.at.most(cell.clientWidth);
      el.open(el.logs[0]);
      await waitUntil(() => el.shadowRoot!.querySelector('composio-log-detail')?.shadowRoot?.querySelector('h2'), 'detail loaded');
      await el.updateComplete;
      expect(document.documentElement.scrollWidth).to.be.at.most(width);
      const close = shadow(el, '[part="detail"] .close').getBoundingClientRect();
      expect(close.left).to.be.at.least(0);
      expect(close.right).to.be.at.most(width);
      const detail = shadow(el, '[part="detail"]');
      expect(detail.scrollWidth, 'the detail fits without scrolling sideways').to.be.at.most(detail.clientWidth + 1);
      const panel = detail.getBoundingClientRect();
      expect(panel.left).to.be.at.least(-1);
      expect(panel.right).to.be.at.most(width + 1);
      expect(panel.width, 'as wide as the table').to.be.at.least(el.getBoundingClientRect().width - 4);
    });
});
