import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import { http } from 'msw';
import '../../src/elements/usage-insights/define.ts';
import type { ComposioUsageInsights } from '../../src/elements/usage-insights/usage-insights.ts';
import { buildTiles } from '../../src/elements/usage-insights/figures.ts';
import { en } from '../../src/elements/shared/i18n/en.ts';
import type { InsightsResponse } from '../../src/contract/protocol.ts';
import { formatDuration } from '../../src/client/format.ts';
import { bff, bffPost, failOnce, resetWorker, seen, session, startWorker, worker } from './bff-in-page.ts';

before(startWorker);
afterEach(resetWorker);

const DAY = 86_400_000;
// a fixed, day-aligned UTC window: the last 7 whole days
const TO = Math.floor(Date.now() / DAY) * DAY;
const FROM = TO - 7 * DAY;

const $ = (el: Element, selector: string) => el.shadowRoot!.querySelector(selector) as HTMLElement | null;
const $$ = (el: Element, selector: string) => [...el.shadowRoot!.querySelectorAll(selector)] as HTMLElement[];
const tileValue = (el: Element, key: string) => $(el, `[data-key="${key}"] [part="value"]`)?.textContent?.trim();
const loaded = (el: ComposioUsageInsights) => waitUntil(() => $(el, '[part="table"]'), 'table was not shown', { timeout: 15_000 });
const columnOf = (el: Element, i: number) => $$(el, 'tbody tr.selectable').map((tr) => tr.children[i].textContent!.trim());

function insights(): Promise<InsightsResponse> {
  return bffPost('usage/insights', { from: FROM, to: TO, time_zone: 'UTC', group_by: 'toolkit_slug', limit: 10 });
}

async function mount(extra = '') {
  const el = await fixture<ComposioUsageInsights>(
    html`<composio-usage-insights
      from=${FROM}
      to=${TO}
      time-zone="UTC"
      locale="en-US"
      group-by=${extra || 'toolkit_slug'}
    ></composio-usage-insights>`,
  );
  await loaded(el);
  return el;
}

describe('<composio-usage-insights>', () => {
  it('shows skeleton tiles while the scan runs, then exactly the BFF’s totals, formatted', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    worker.use(
      http.post(/usage\/insights$/, async ({ request }) => {
        await gate;
        return bff(request);
      }),
    );
    const el = await fixture<ComposioUsageInsights>(
      html`<composio-usage-insights from=${FROM} to=${TO} time-zone="UTC" locale="en-US"></composio-usage-insights>`,
    );
    expect($$(el, '[part="tile"] [part="skeleton"]')).to.have.length(5);
    expect($(el, '[part="tiles"]')!.getAttribute('aria-busy')).to.equal('true');
    release();
    await loaded(el);
    const { totals, groups } = await insights();
    expect(totals.calls).to.be.greaterThan(0);
    expect(tileValue(el, 'calls')).to.equal(totals.calls.toLocaleString('en-US'));
    expect(tileValue(el, 'error_rate')).to.equal(
      new Intl.NumberFormat('en-US', { style: 'percent', maximumFractionDigits: 1 }).format(totals.error_rate!),
    );
    expect(tileValue(el, 'p95')).to.equal(formatDuration(totals.p95!, 'en-US'));
    expect(tileValue(el, 'p95')).to.match(/^[\d,.]+ (ms|s)$/);
    expect(tileValue(el, 'active_users')).to.equal(String(totals.active_users));
    expect(tileValue(el, 'sessions_per_day')).to.equal(totals.sessions_per_day!.toLocaleString('en-US', { maximumFractionDigits: 1 }));
    // the simulator reports instant charges: a sixth tile, in dollars
    expect(tileValue(el, 'charges')).to.match(/^\$[\d,.]+$/);
    // a change against the previous period on every tile, and one sparkline per bucketed tile
    expect($$(el, '[part="change"]')).to.have.length(6);
    expect($$(el, '[part="sparkline"] path')).to.have.length(4);
    // the table: the BFF's groups, busiest first
    expect(columnOf(el, 0)).to.deep.equal(groups!.map((g) => g.key || '(none)'));
    expect(columnOf(el, 1)).to.deep.equal(groups!.map((g) => g.calls.toLocaleString('en-US')));
  });

  it('never loads chart.js, not even lazily once drawn', async () => {
    // observe every resource the page fetches from before the element exists (Chart.js is a lazy
    // import in the chart: it would show up here); the static module graph is test/node/insights-imports.test.ts
    performance.setResourceTimingBufferSize(10_000);
    const fetched: string[] = [];
    const observer = new PerformanceObserver((list) => fetched.push(...list.getEntries().map((e) => e.name)));
    observer.observe({ type: 'resource' });
    try {
      const el = await mount();
      await waitUntil(() => fetched.some((name) => name.includes('usage/insights')), 'the observer saw no request at all');
      expect(fetched.filter((name) => /chart\.js|chart\.umd|chart-register|chart-controller/.test(name))).to.deep.equal([]);
      expect(customElements.get('composio-usage-chart')).to.equal(undefined);
      expect(el.shadowRoot!.querySelector('canvas')).to.equal(null);
    } finally {
      observer.disconnect();
    }
  });

  it('sorts by a column with the mouse and the keyboard, saying so with aria-sort', async () => {
    const el = await mount();
    const headers = () => $$(el, 'thead th');
    expect(headers()[1].getAttribute('aria-sort')).to.equal('descending'); // calls, by default
    const rate = (s: string) => (s === '—' ? -1 : Number(s.replace('%', '')));
    headers()[2].querySelector('button')!.click();
    await el.updateComplete;
    expect(headers()[2].getAttribute('aria-sort')).to.equal('descending');
    expect(headers()[1].getAttribute('aria-sort')).to.equal('none');
    const down = columnOf(el, 2).map(rate);
    expect(down).to.deep.equal([...down].sort((a, b) => b - a));
    // keyboard: the same header again reverses
    headers()[2].querySelector('button')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => headers()[2].getAttribute('aria-sort') === 'ascending', 'Enter did not reverse the sort');
    const up = columnOf(el, 2).map(rate);
    expect(up).to.deep.equal([...up].sort((a, b) => a - b));
    // by name: A first
    headers()[0].querySelector('button')!.click();
    await el.updateComplete;
    const names = columnOf(el, 0);
    expect(names).to.deep.equal([...names].sort((a, b) => a.localeCompare(b)));
  });

  it('emits composio-group-select for a row click and for Enter on a row', async () => {
    const el = await mount('tool_slug');
    const rows = $$(el, 'tbody tr.selectable');
    const key = rows[1].dataset.key!;
    setTimeout(() => (rows[1].children[3] as HTMLElement).click());
    const clicked = await oneEvent(el, 'composio-group-select');
    expect(clicked.detail).to.deep.equal({ groupBy: 'tool_slug', key });
    const button = rows[0].querySelector('button')!;
    button.focus();
    const entered = oneEvent(el, 'composio-group-select');
    await sendKeys({ press: 'Enter' });
    expect((await entered).detail).to.deep.equal({ groupBy: 'tool_slug', key: rows[0].dataset.key });
  });

  it('lists the top errors with count, example and hint, and asks for their calls as log filters', async () => {
    const el = await mount();
    const { error_groups } = await insights();
    expect(error_groups.length).to.be.greaterThan(0);
    const items = $$(el, '[part="error-group"]');
    expect(items).to.have.length(Math.min(5, error_groups.length));
    const first = error_groups[0];
    expect(items[0].textContent)
      .to.contain(first.tool_slug)
      .and.contain(`${first.count.toLocaleString('en-US')} call`);
    expect(items[0].querySelector('[part="example"]')!.textContent).to.equal(first.example_log_id);
    if (first.hint) expect(items[0].querySelector('[part="hint"]')!.textContent).to.contain(first.hint.cause);
    setTimeout(() => (items[0].querySelector('button') as HTMLButtonElement).click());
    const { detail } = await oneEvent(el, 'composio-filters-request');
    expect(detail).to.deep.equal({
      filters: [
        { field: 'status', operator: '==', value: 'failed' },
        { field: 'tool_slug', operator: '==', value: first.tool_slug },
      ],
      from: FROM,
      to: TO,
    });
  });

  it('shows a first-load failure in plain words with Retry, and Retry loads', async () => {
    worker.use(failOnce(/usage\/insights$/));
    const el = await fixture<ComposioUsageInsights>(
      html`<composio-usage-insights from=${FROM} to=${TO} time-zone="UTC"></composio-usage-insights>`,
    );
    await waitUntil(() => $(el, '[role="alert"]'), 'no error shown', { timeout: 15_000 });
    expect($(el, '[role="alert"]')!.textContent).to.contain('Usage data is temporarily unavailable');
    expect($(el, '[part="tiles"]')).to.equal(null); // no placeholders waiting for nothing
    $(el, '[part="retry"]')!.click();
    await loaded(el);
    expect($(el, '[role="alert"]')).to.equal(null);
    expect(tileValue(el, 'calls')).to.match(/^[\d,]+$/);
  });

  it('keeps the last data marked (striped, grey, still readable) when a later load fails', async () => {
    const el = await mount();
    const before = tileValue(el, 'calls');
    worker.use(failOnce(/usage\/insights$/));
    el.from = FROM - DAY;
    await waitUntil(() => $(el, '[role="alert"]'), 'no error shown', { timeout: 15_000 });
    expect($(el, '[part="tiles"]')!.classList.contains('stale')).to.equal(true);
    expect(getComputedStyle($(el, '[part="tiles"]')!).backgroundImage).to.contain('repeating-linear-gradient');
    await expect(el).to.be.accessible(); // the stale figures keep their contrast
    expect($(el, '[part="shown"]')!.textContent).to.match(/^Showing custom range \(/);
    expect($(el, '[role="alert"]')!.textContent).to.contain('Showing the last data that loaded');
    expect(tileValue(el, 'calls')).to.equal(before);
  });

  it('says so in plain words when the period has no calls', async () => {
    session.userIds = ['nobody-at-all'];
    const el = await fixture<ComposioUsageInsights>(
      html`<composio-usage-insights from=${FROM} to=${TO} time-zone="UTC"></composio-usage-insights>`,
    );
    await waitUntil(() => $(el, '[part="empty"]'), 'no empty state', { timeout: 15_000 });
    expect($(el, '[part="empty"]')!.textContent).to.equal('No tool calls in this period.');
    expect(tileValue(el, 'calls')).to.equal('0');
    expect($(el, '[data-key="calls"] [part="change"]')!.textContent).to.equal('No data for the previous period');
  });

  it('says “No data for the previous period” instead of a percentage of nothing', () => {
    const figures = { calls: 0, failed: 0, error_rate: null, p50: null, p95: null, p99: null, active_users: 0 };
    const previous = { totals: { ...figures, sessions: 0, sessions_per_day: null }, buckets: [] } as unknown as InsightsResponse;
    const current = {
      totals: { ...figures, calls: 10, failed: 1, error_rate: 0.1, p95: 2600, active_users: 2, sessions: 3, sessions_per_day: 1.5 },
      buckets: [],
    } as unknown as InsightsResponse;
    const tiles = buildTiles({ current, previous, summary: { entities: {} }, previousSummary: { entities: {} } }, 'en-US', en);
    expect(tiles.map((t) => t.change)).to.deep.equal(Array(5).fill('No data for the previous period'));
    expect(tiles.find((t) => t.key === 'p95')!.value).to.equal('2.6 s');
    expect(tiles.find((t) => t.key === 'error_rate')!.value).to.equal('10%');
    expect(tiles.some((t) => t.key === 'charges')).to.equal(false);
  });

  it('fits 375 px and is accessible', async () => {
    await setViewport({ width: 375, height: 800 });
    try {
      const el = await mount();
      expect(el.getBoundingClientRect().width).to.be.at.most(375);
      expect(document.documentElement.scrollWidth).to.be.at.most(375);
      for (const tile of $$(el, '[part="tile"]')) expect(tile.getBoundingClientRect().right).to.be.at.most(376);
      await expect(el).to.be.accessible();
    } finally {
      await setViewport({ width: 800, height: 600 });
    }
  });

  it('asks the BFF once per window: the insights, the previous period and their summaries', async () => {
    await mount();
    expect(seen.filter((r) => r.endsWith('usage/insights'))).to.have.length(2);
    expect(seen.filter((r) => r.endsWith('usage/summary'))).to.have.length(2);
  });
});
