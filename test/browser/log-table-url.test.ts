// url-state: filters, range or custom window, and the open log in the page URL under a prefix; back/forward; deep
// links to a log go through the BFF's ownership check; "Copy link" on an open detail.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { http } from 'msw';
import './resize-observer-noise.ts';
import '../../src/elements/log-table/define.ts';
import type { ComposioLogTable } from '../../src/elements/log-table/log-table.ts';
import type { LogFilter, LogListResponse } from '../../src/contract/upstream.ts';
import { bff, bffPost, resetWorker, session, startWorker, worker } from './bff-in-page.ts';

const START = location.href;
before(startWorker);
afterEach(() => {
  resetWorker();
  history.replaceState(null, '', START);
});

const $ = <T extends Element = HTMLElement>(el: Element, selector: string) => el.shadowRoot!.querySelector(selector) as T;
const params = () => new URL(location.href).searchParams;
type Detail = HTMLElement & { logId: string; link?: string };
const detailText = (el: ComposioLogTable) => ($(el, 'composio-log-detail') as Detail | null)?.shadowRoot?.textContent ?? '';

function recordBodies(): { filters?: LogFilter[]; time_range?: { from: number; to: number } }[] {
  const bodies: { filters?: LogFilter[] }[] = [];
  worker.use(
    http.post('/api/composio/logs/tool_execution', async ({ request }) => {
      bodies.push((await request.clone().json()) as { filters?: LogFilter[] });
      return bff(request);
    }),
  );
  return bodies;
}

function visit(query: Record<string, string>) {
  const url = new URL(START);
  for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
  history.replaceState(null, '', url);
}

const FAILED: LogFilter = { field: 'status', operator: '==', value: 'failed' };
const NOT_OPS: LogFilter = { field: 'user_id', operator: '!=', value: 'globex-ops' };

describe('<composio-log-table url-state>', () => {
  it('restores filters and range from the URL, keeps the host’s parameters, and writes changes back', async () => {
    const hostParams = [...new URL(START).searchParams];
    visit({ page: '2', 'log.f': JSON.stringify([FAILED, NOT_OPS]), 'log.range': '7d' });
    const bodies = recordBodies();
    const el = await fixture<ComposioLogTable>(html`<composio-log-table url-state></composio-log-table>`);
    await waitUntil(() => bodies.length > 0 && el.logs.length > 0, 'first page', { timeout: 10_000 });
    expect(el.filters).to.deep.equal([FAILED, NOT_OPS]);
    expect(el.range).to.equal('7d');
    expect(bodies[0].filters).to.deep.equal([FAILED, NOT_OPS]);
    const span = bodies[0].time_range!.to - bodies[0].time_range!.from;
    expect(span).to.be.within(6 * 86_400_000, 8 * 86_400_000);
    expect(el.logs.every((l) => l.status === 'failed' && l.metadata.user_id !== 'globex-ops')).to.equal(true);
    // a change (removing the user chip) is written back; the host's own parameters stay
    const length = history.length;
    $(el, '.chip button').click();
    await waitUntil(() => params().get('log.f') === JSON.stringify([FAILED]), 'URL follows the filters');
    expect(history.length).to.equal(length + 1);
    expect(params().get('page')).to.equal('2');
    for (const [k, v] of hostParams) expect(params().get(k)).to.equal(v);
  });

  it('back and forward move between states', async () => {
    visit({ 'log.range': '24h' });
    const bodies = recordBodies();
    const el = await fixture<ComposioLogTable>(html`<composio-log-table url-state></composio-log-table>`);
    await waitUntil(() => el.logs.length > 0, 'first page', { timeout: 10_000 });
    const time = [...el.shadowRoot!.querySelectorAll<HTMLSelectElement>('select')].find((s) =>
      [...s.options].some((o) => o.value === '30d'),
    )!;
    time.value = '30d';
    time.dispatchEvent(new Event('change'));
    await waitUntil(() => params().get('log.range') === '30d', 'range in the URL');
    el.open(el.logs[0]);
    const opened = el.logs[0].id;
    await waitUntil(() => params().get('log.id') === opened, 'open log in the URL');
    history.back();
    await waitUntil(() => el.openLogId === undefined && params().get('log.range') === '30d', 'back: detail closed');
    const before = bodies.length;
    history.back();
    await waitUntil(() => el.range === '24h', 'back: 24h again');
    const span = (b: (typeof bodies)[number]) => b.time_range!.to - b.time_range!.from;
    await waitUntil(() => bodies.slice(before).some((b) => span(b) <= 25 * 3_600_000), 'reloaded for 24h', { timeout: 10_000 });
    history.forward();
    await waitUntil(() => el.range === '30d', 'forward: 30d');
    history.forward();
    await waitUntil(() => el.openLogId === opened, 'forward: the log again');
  });

  it('a custom window (from/to) is in the URL: restored from a link, followed, and undone by back', async () => {
    const day = 86_400_000;
    const to = Date.now() - 2 * day;
    const from = to - day;
    const inWindow = (el: ComposioLogTable, start: number, end: number) =>
      el.logs.length > 0 && el.logs.every((l) => Date.parse(l.timestamp) >= start && Date.parse(l.timestamp) < end);
    visit({ 'log.from': String(from), 'log.to': String(to) });
    const el = await fixture<ComposioLogTable>(html`<composio-log-table url-state range="7d"></composio-log-table>`);
    await waitUntil(() => inWindow(el, from, to), 'the linked window', { timeout: 10_000 });
    expect([el.from, el.to]).to.deep.equal([String(from), String(to)]);
    // the host narrows to the day before (as the demo does on a chart click): one history entry
    el.from = String(from - day);
    el.to = String(from);
    await waitUntil(() => params().get('log.from') === String(from - day) && params().get('log.to') === String(from), 'URL follows');
    expect(params().get('log.range')).to.equal(null);
    await waitUntil(() => inWindow(el, from - day, from), 'the day before', { timeout: 10_000 });
    // a preset from the Time select: the custom window leaves the URL
    const time = [...el.shadowRoot!.querySelectorAll<HTMLSelectElement>('select')].find((s) =>
      [...s.options].some((o) => o.value === '24h'),
    )!;
    time.value = '24h';
    time.dispatchEvent(new Event('change'));
    await waitUntil(() => params().get('log.range') === '24h' && !params().has('log.from') && !params().has('log.to'), 'preset in the URL');
    history.back();
    await waitUntil(() => el.from === String(from - day) && el.to === String(from), 'back: the day before again');
    await waitUntil(() => inWindow(el, from - day, from), 'its rows', { timeout: 10_000 });
    history.back();
    await waitUntil(() => el.from === String(from) && el.to === String(to), 'back: the linked window');
  });

  it('a link naming one of the customer’s logs opens its detail, with Copy link', async () => {
    const own: LogListResponse = await bffPost('logs/tool_execution', { limit: 5 });
    const id = own.logs[2].id;
    visit({ 'log.id': id });
    const el = await fixture<ComposioLogTable>(html`<composio-log-table url-state></composio-log-table>`);
    await waitUntil(() => detailText(el).includes(id) && detailText(el).includes('Request and response'), 'detail shown', {
      timeout: 10_000,
    });
    const detail = $(el, 'composio-log-detail') as Detail;
    expect(new URL(detail.link!).searchParams.get('log.id')).to.equal(id);
    const button = [...detail.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Copy link')!;
    button.click();
    await waitUntil(() => detail.shadowRoot!.textContent!.includes('Copied link'), 'copied (or told it was blocked)');
  });

  it('another customer’s log or an unknown id shows "not found", never the log', async () => {
    session.userIds = ['hooli_prod'];
    const theirs: LogListResponse = await bffPost('logs/tool_execution', { limit: 1 });
    session.userIds = ['globex-ops', 'globex-sales', 'globex-support'];
    const foreign = theirs.logs[0];
    expect(foreign.metadata.user_id).to.equal('hooli_prod');
    for (const id of [foreign.id, 'log_NoSuchLog00']) {
      history.replaceState(null, '', START);
      visit({ 'log.id': id });
      const el = await fixture<ComposioLogTable>(html`<composio-log-table url-state></composio-log-table>`);
      await waitUntil(() => /not found/.test(detailText(el)), `not found for ${id}`, { timeout: 10_000 });
      expect(detailText(el)).to.contain('This log was not found, or is not yours to see.');
      expect(detailText(el)).to.not.contain(String(foreign.metadata.request_id));
      expect(detailText(el)).to.not.contain(foreign.message ?? '');
    }
  });
});

// What a framework sets: Svelte passes `true` for a bare attribute; React/Vue/Svelte bind `columns` as a list.
describe('<composio-log-table> properties set by a framework', () => {
  const headers = (el: ComposioLogTable) => [...el.shadowRoot!.querySelectorAll('[role="columnheader"]')].map((h) => h.className);

  it('urlState = true mirrors under "log."; false turns it off', async () => {
    visit({ 'log.range': '7d' });
    const on = await fixture<ComposioLogTable>(html`<composio-log-table .urlState=${true}></composio-log-table>`);
    await waitUntil(() => on.logs.length > 0, 'first page', { timeout: 10_000 });
    expect(on.range).to.equal('7d');
    history.replaceState(null, '', START);
    visit({ 'log.range': '7d' });
    const off = await fixture<ComposioLogTable>(html`<composio-log-table .urlState=${false}></composio-log-table>`);
    await waitUntil(() => off.logs.length > 0, 'first page', { timeout: 10_000 });
    expect(off.range).to.equal('24h');
  });

  it('columns as a list shows those columns in that order; the attribute form still works', async () => {
    const list = await fixture<ComposioLogTable>(html`<composio-log-table .columns=${['status', 'time']}></composio-log-table>`);
    await waitUntil(() => headers(list).length > 0, 'headers');
    expect(headers(list)).to.deep.equal(['c-status', 'c-time']);
    const attr = await fixture<ComposioLogTable>(html`<composio-log-table columns="tool, status"></composio-log-table>`);
    await waitUntil(() => headers(attr).length > 0, 'headers');
    expect(headers(attr)).to.deep.equal(['c-tool', 'c-status']);
  });
});
