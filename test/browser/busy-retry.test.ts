/**
 * A busy server (429 + Retry-After): every element keeps what it shows, says "Busy — retrying in
 * N s" (counting down), and asks again by itself; Retry now cuts the wait short; a removed element
 * leaves no timer behind. The elements' `fetch` is a transport in front of the real in-page BFF
 * that answers 429 a given number of times first; the last test has the BFF's own budget say it.
 */
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import './resize-observer-noise.ts';
import '../../src/elements/usage-chart/define.ts';
import '../../src/elements/usage-insights/define.ts';
import '../../src/elements/log-table/define.ts';
import '../../src/elements/log-detail/define.ts';
import type { ComposioUsageChart } from '../../src/elements/usage-chart/usage-chart.ts';
import type { ComposioUsageInsights } from '../../src/elements/usage-insights/usage-insights.ts';
import type { ComposioLogTable } from '../../src/elements/log-table/log-table.ts';
import type { ComposioLogDetail } from '../../src/elements/log-detail/log-detail.ts';
import { BffRequestError } from '../../src/client/bff-client.ts';
import { errorCodeFor } from '../../src/contract/errors.ts';
import type { LogListResponse } from '../../src/contract/upstream.ts';
import { busyWaitMs } from '../../src/elements/shared/busy-retry.ts';
import { createComposioHandler } from '../../src/server/index.ts';
import { memoryBudget } from '../../src/server/budget.ts';
import { bff, bffPost, GLOBEX, simulator } from './bff-in-page.ts';

const LONG = { timeout: 15_000 };

interface Sent {
  path: string;
  body: { cursor?: string; time_range?: { from: number; to: number } } | undefined;
  status: number;
  at: number;
}

/**
 * A transport in front of `handler`: `busyFor(n, match, retryAfter)` makes the next n requests
 * that match answer 429 with that Retry-After, in the BFF's envelope. Records what was sent.
 */
function busyTransport(handler: (request: Request) => Promise<Response> = bff) {
  const sent: Sent[] = [];
  let rule: { left: number; match: (s: Sent) => boolean; retryAfter: string | null } | undefined;
  const transport = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(new URL(String(input), location.href), init);
    const path = new URL(request.url).pathname.replace(/^\/api\/composio\//, '');
    const body = request.method === 'POST' ? await request.clone().json() : undefined;
    const entry: Sent = { path, body, status: 0, at: performance.now() };
    sent.push(entry);
    if (rule && rule.left > 0 && rule.match(entry)) {
      rule.left--;
      entry.status = 429;
      const error = { message: 'Too many requests for this account right now', ...errorCodeFor(429), status: 429, request_id: 'req_busy' };
      const headers: Record<string, string> = { 'content-type': 'application/json', 'x-request-id': 'req_busy' };
      if (rule.retryAfter !== null) headers['retry-after'] = rule.retryAfter;
      return new Response(JSON.stringify({ error }), { status: 429, headers });
    }
    const response = await handler(request);
    entry.status = response.status;
    return response;
  }) as typeof globalThis.fetch;
  return {
    fetch: transport,
    sent,
    busyFor(times: number, match: (s: Sent) => boolean, retryAfter: string | null = '1') {
      rule = { left: times, match, retryAfter };
    },
    /** Statuses of the requests to `path` (and matching `also`), in order. */
    statuses(path: string, also: (s: Sent) => boolean = () => true) {
      return sent.filter((s) => s.path === path && also(s)).map((s) => s.status);
    },
  };
}

const root = (el: Element) => el.shadowRoot!;
const part = (el: Element, name: string) => root(el).querySelector(`[part="${name}"]`) as HTMLElement | null;
const busyText = (el: Element) => part(el, 'busy')?.querySelector('.countdown')?.textContent?.trim() ?? '';
/** What screen readers are told: the polite live region next to the visible countdown. */
const spoken = (el: Element) =>
  [...root(el).querySelectorAll('[role="status"][aria-live="polite"]')].map((n) => n.textContent!.trim()).filter(Boolean);
const headerTotal = (el: Element) => part(el, 'total')!.textContent!;

/** The busy controller's timers (set from busy-retry.ts) that have neither fired nor been cleared. */
function trackTimers() {
  const live = new Map<unknown, { delay: number; repeats: boolean }>();
  const { setTimeout, setInterval, clearTimeout, clearInterval } = window;
  const original = { setTimeout, setInterval, clearTimeout, clearInterval };
  const ours = () => /busy-retry\.ts/.test(new Error().stack ?? '');
  window.setTimeout = ((fn: () => void, delay = 0) => {
    const id = original.setTimeout.call(window, () => (live.delete(id), fn()), delay);
    if (ours()) live.set(id, { delay, repeats: false });
    return id;
  }) as typeof setTimeout;
  window.setInterval = ((fn: () => void, delay = 0) => {
    const id = original.setInterval.call(window, fn, delay);
    if (ours()) live.set(id, { delay, repeats: true });
    return id;
  }) as typeof setInterval;
  window.clearTimeout = ((id?: number) => (live.delete(id), original.clearTimeout.call(window, id))) as typeof clearTimeout;
  window.clearInterval = ((id?: number) => (live.delete(id), original.clearInterval.call(window, id))) as typeof clearInterval;
  return {
    pending: () => [...live.values()],
    restore: () => Object.assign(window, original),
  };
}

describe('busy server: the wait', () => {
  it('honours Retry-After (at most 5 minutes); without one: 2 s, doubling, at most a minute', () => {
    const busy = (seconds?: number) => new BffRequestError('busy', 429, undefined, undefined, seconds);
    expect(busyWaitMs(busy(3), 0)).to.equal(3_000);
    expect(busyWaitMs(busy(3), 4)).to.equal(3_000, 'the server knows when its window opens');
    expect(busyWaitMs(busy(3600), 0)).to.equal(300_000);
    expect([0, 1, 2, 5, 9].map((n) => busyWaitMs(busy(), n))).to.deep.equal([2_000, 4_000, 8_000, 60_000, 60_000]);
    expect(busyWaitMs(busy(0), 1)).to.equal(4_000, 'Retry-After: 0 is no wait at all: back off');
  });
});

describe('busy server (429 + Retry-After): each element keeps its data and retries by itself', () => {
  it('usage chart: the bars and totals stay, the status counts down, and it reloads without a click', async () => {
    const t = busyTransport();
    const el = await fixture<ComposioUsageChart>(html`<composio-usage-chart range="7d" .fetch=${t.fetch}></composio-usage-chart>`);
    await waitUntil(() => el.chart, 'drawn', LONG);
    const chart = el.chart;
    const total = headerTotal(el);
    const errors: unknown[] = [];
    el.addEventListener('composio-error', (e) => errors.push(e.detail.error));
    t.busyFor(2, (s) => s.path === 'usage/tool_calls/series', '2');
    const reloaded = oneEvent(el, 'composio-load');
    el.refresh();

    await waitUntil(() => busyText(el) === 'Busy — retrying in 2 s', 'busy status with the seconds', LONG);
    expect(spoken(el)).to.include('Busy — retrying in 2 s');
    await waitUntil(() => busyText(el) === 'Busy — retrying in 1 s', 'counts down', LONG);
    expect(headerTotal(el)).to.equal(total, 'the totals stay');
    expect(el.chart === chart, 'the chart stays').to.equal(true);
    expect(part(el, 'error'), 'no error banner').to.equal(null);
    await expect(el).to.be.accessible();

    await reloaded;
    await el.updateComplete;
    expect(t.statuses('usage/tool_calls/series')).to.deep.equal([200, 429, 429, 200]);
    expect(part(el, 'busy')).to.equal(null);
    expect(spoken(el)).to.not.include('Busy — retrying in 2 s');
    expect(errors).to.have.length(1, 'one composio-error for the busy spell');
    expect((errors[0] as BffRequestError).status).to.equal(429);
  });

  it('usage insights: a busy first load shows placeholders with the status (not a blank), then the tiles; a busy reload keeps them', async () => {
    const t = busyTransport();
    t.busyFor(1, (s) => s.path === 'usage/insights');
    const el = await fixture<ComposioUsageInsights>(html`<composio-usage-insights range="7d" .fetch=${t.fetch}></composio-usage-insights>`);
    await waitUntil(() => busyText(el).startsWith('Busy — retrying in'), 'busy on the first load', LONG);
    expect(root(el).querySelectorAll('[part~="skeleton"]').length).to.be.greaterThan(0);
    expect(part(el, 'error')).to.equal(null);
    await waitUntil(() => part(el, 'value') && !part(el, 'busy'), 'tiles after the wait', LONG);

    const tiles = part(el, 'tiles')!.textContent;
    t.busyFor(1, (s) => s.path === 'usage/insights');
    const reloaded = oneEvent(el, 'composio-load');
    el.refresh();
    await waitUntil(() => part(el, 'busy'), 'busy on reload', LONG);
    expect(part(el, 'tiles')!.textContent).to.equal(tiles, 'the tiles stay');
    await expect(el).to.be.accessible();
    await reloaded;
    expect(t.statuses('usage/insights').filter((s) => s === 429)).to.have.length(2);
  });

  it('log table: new filters that meet a busy server keep the rows, and load by themselves', async () => {
    const t = busyTransport();
    const el = await fixture<ComposioLogTable>(html`<composio-log-table range="24h" .fetch=${t.fetch}></composio-log-table>`);
    await waitUntil(() => el.logs.length > 0, 'first page', LONG);
    const shown = el.logs.length;
    t.busyFor(1, (s) => s.path === 'logs/tool_execution' && !s.body?.cursor);
    el.filters = [{ field: 'status', operator: '==', value: 'failed' }];
    await waitUntil(() => part(el, 'busy'), 'busy', LONG);
    expect(el.logs.length).to.equal(shown, 'the rows stay');
    expect(root(el).querySelectorAll('[part~="row"]').length).to.be.greaterThan(0, 'and are on screen');
    expect(part(el, 'error')).to.equal(null);
    await expect(el).to.be.accessible();
    await waitUntil(() => !part(el, 'busy') && el.logs.every((l) => l.status === 'failed'), 'the failed calls', LONG);
  });

  it('log table: a busy next page is asked for once more after the wait, however the reader scrolls meanwhile', async () => {
    const t = busyTransport();
    t.busyFor(1, (s) => Boolean(s.body?.cursor), '2');
    const el = await fixture<ComposioLogTable>(
      html`<composio-log-table range="30d" page-size="60" .fetch=${t.fetch}></composio-log-table>`,
    );
    await waitUntil(() => el.logs.length === 60, 'first page', LONG);
    const scroller = root(el).querySelector('.rows') as HTMLElement;
    const rendered = (rowIndex: number) => root(el).querySelector(`[aria-rowindex="${rowIndex}"]`);
    const scrollTo = async (top: number, rowIndex: number) => {
      scroller.scrollTop = top;
      await waitUntil(() => rendered(rowIndex), `row ${rowIndex} rendered`, LONG);
    };
    // near the end the next page is asked for by itself, and is busy
    await scrollTo(scroller.scrollHeight, 61);
    await waitUntil(() => part(el, 'busy'), 'busy next page', LONG);
    const footer = part(el, 'footer')!;
    expect(footer.contains(part(el, 'busy'))).to.equal(true, 'the status sits where Load more was');
    expect([...footer.querySelectorAll('button')].map((b) => b.textContent!.trim())).to.not.include('Load more');
    // the reader scrolls away and back to the end during the wait: each return would ask for the page
    for (let i = 0; i < 2; i++) {
      await scrollTo(0, 2);
      await scrollTo(scroller.scrollHeight, 61);
    }
    await waitUntil(() => el.logs.length >= 120, 'the next page after the wait', LONG);
    const pages = t.sent.filter((s) => s.body?.cursor);
    expect(pages[0].status).to.equal(429);
    expect(pages[1].status).to.equal(200);
    expect(pages[1].body!.cursor).to.equal(pages[0].body!.cursor, 'the same page asked again');
    expect(pages[1].at - pages[0].at).to.be.at.least(1_900, 'not before Retry-After');
  });

  it('log table: the live tail waits out Retry-After with no poll on top of it, then polls on', async () => {
    const t = busyTransport();
    const el = await fixture<ComposioLogTable>(html`<composio-log-table range="24h" live="1" .fetch=${t.fetch}></composio-log-table>`);
    await waitUntil(() => el.logs.length > 0, 'first page', LONG);
    const errors: unknown[] = [];
    el.addEventListener('composio-error', (e) => errors.push(e.detail.error));
    const before = t.sent.length;
    t.busyFor(2, (s) => s.path === 'logs/tool_execution', '2');
    await waitUntil(() => busyText(el).startsWith('Busy — retrying in'), 'busy live tail', LONG);
    expect(part(el, 'live-status'), 'not "paused": busy').to.equal(null);
    await waitUntil(() => t.sent.slice(before).filter((s) => s.status === 200).length >= 2, 'polls again after the wait', LONG);
    const polls = t.sent.slice(before);
    expect(polls.slice(0, 3).map((s) => s.status)).to.deep.equal([429, 429, 200]);
    // every poll waited Retry-After (2 s) after a 429: the 1 s poll timer did not fire meanwhile
    expect(polls[1].at - polls[0].at).to.be.at.least(1_900);
    expect(polls[2].at - polls[1].at).to.be.at.least(1_900);
    expect(part(el, 'busy')).to.equal(null);
    expect(errors).to.have.length(1);
  });

  it('log table: a busy export starts again by itself and saves the file', async () => {
    const saved: string[] = [];
    const click = HTMLAnchorElement.prototype.click;
    HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
      saved.push(this.download);
    };
    try {
      const t = busyTransport();
      const el = await fixture<ComposioLogTable>(html`<composio-log-table range="24h" .fetch=${t.fetch}></composio-log-table>`);
      await waitUntil(() => el.logs.length > 0, 'first page', LONG);
      t.busyFor(1, (s) => s.path === 'logs/tool_execution/export');
      (root(el).querySelector('button.export') as HTMLButtonElement).click();
      await waitUntil(() => part(el, 'footer')!.contains(part(el, 'busy')), 'busy export', LONG);
      expect(root(el).querySelector('button.export-cancel'), 'Cancel still offered').to.not.equal(null);
      await waitUntil(() => saved.length === 1, 'file saved', LONG);
      expect(t.statuses('logs/tool_execution/export')).to.deep.equal([429, 200]);
    } finally {
      HTMLAnchorElement.prototype.click = click;
    }
  });

  it('log detail: what the row knew stays on screen while busy, then the full detail loads', async () => {
    const { logs } = await bffPost<LogListResponse>('logs/tool_execution', { limit: 1 });
    const entry = logs[0];
    const t = busyTransport();
    t.busyFor(1, (s) => s.path === `logs/tool_execution/${entry.id}`);
    const el = await fixture<ComposioLogDetail>(
      html`<composio-log-detail log-id=${entry.id} .entry=${entry} .fetch=${t.fetch}></composio-log-detail>`,
    );
    await waitUntil(() => part(el, 'busy'), 'busy', LONG);
    expect(root(el).querySelector('h2')!.textContent).to.equal(entry.metadata.tool_slug);
    expect(root(el).querySelector('[role="alert"]')).to.equal(null);
    await waitUntil(() => part(el, 'payload') && !part(el, 'busy'), 'full detail', LONG);
    expect(t.statuses(`logs/tool_execution/${entry.id}`)).to.deep.equal([429, 200]);
  });
});

describe('busy server: Retry now, and leaving the page', () => {
  it('Retry now asks at once and cancels the countdown', async () => {
    const t = busyTransport();
    const el = await fixture<ComposioUsageChart>(html`<composio-usage-chart range="7d" .fetch=${t.fetch}></composio-usage-chart>`);
    await waitUntil(() => el.chart, 'drawn', LONG);
    const timers = trackTimers();
    try {
      t.busyFor(1, (s) => s.path === 'usage/tool_calls/series', '30');
      el.refresh();
      await waitUntil(() => busyText(el) === 'Busy — retrying in 30 s', 'a long wait', LONG);
      const reloaded = oneEvent(el, 'composio-load');
      part(el, 'retry-now')!.click();
      await reloaded;
      await el.updateComplete;
      expect(t.statuses('usage/tool_calls/series')).to.deep.equal([200, 429, 200]);
      expect(part(el, 'busy')).to.equal(null);
      expect(timers.pending(), 'the 30 s retry and the ticker are gone').to.deep.equal([]);
    } finally {
      timers.restore();
    }
  });

  it('removed during the countdown, it leaves no timer; back in the page, it counts on and loads', async () => {
    const t = busyTransport();
    t.busyFor(1, (s) => s.path === 'usage/insights', '2');
    const timers = trackTimers();
    try {
      const el = await fixture<ComposioUsageInsights>(
        html`<composio-usage-insights range="7d" .fetch=${t.fetch}></composio-usage-insights>`,
      );
      await waitUntil(() => part(el, 'busy'), 'busy', LONG);
      expect(timers.pending().length).to.equal(2, 'the countdown runs: its retry and its ticker');
      const parent = el.parentElement!;
      el.remove();
      expect(timers.pending(), 'nothing left to fire').to.deep.equal([]);
      const sent = t.sent.length;
      parent.append(el);
      await waitUntil(() => part(el, 'value') && !part(el, 'busy'), 'loaded after coming back', LONG);
      expect(t.sent.length).to.be.greaterThan(sent);
    } finally {
      timers.restore();
    }
  });
});

describe('busy server: through the real BFF and its budget', () => {
  it("a customer's spent share is a 429 + Retry-After from our server; the chart says so and loads when the budget's window turns", async () => {
    const WINDOW_MS = 60_000;
    // the budget's clock stands 5 s before a minute turns, so the wait is seconds, not up to a minute
    const shift = WINDOW_MS - (Date.now() % WINDOW_MS) - 5_000;
    const handler = createComposioHandler({
      apiKey: 'sim_ak_demo',
      baseUrl: 'https://simulator.test',
      fetch: (input, init) => simulator.fetch(new Request(input, init)),
      resolveScope: () => ({ userIds: GLOBEX }),
      cursorSecret: 'busy-test-secret-busy-test-secret-00',
      budget: memoryBudget({ perMinute: 10_000, perScopePerMinute: 40 }, () => Date.now() + shift),
    });
    // spend the customer's share with distinct (uncached) questions until the BFF says no
    const hour = 3_600_000;
    const start = Math.floor(Date.now() / hour) * hour - 400 * hour;
    let answer: Response | undefined;
    for (let i = 0; i < 50; i++) {
      const body = JSON.stringify({ from: start + i * hour, to: start + (i + 1) * hour });
      answer = await handler(new Request(`${location.origin}/api/composio/usage/summary`, { method: 'POST', body }));
      if (answer.status === 429) break;
    }
    expect(answer!.status).to.equal(429);

    const t = busyTransport(handler);
    const errors: BffRequestError[] = [];
    const el = await fixture<ComposioUsageChart>(
      html`<composio-usage-chart
        range="7d"
        .fetch=${t.fetch}
        @composio-error=${(e: CustomEvent<{ error: BffRequestError }>) => errors.push(e.detail.error)}
      ></composio-usage-chart>`,
    );
    await waitUntil(() => /^Busy — retrying in [1-5] s$/.test(busyText(el)), 'busy, with the seconds our server gave', LONG);
    expect(errors[0].status).to.equal(429);
    expect(errors[0].message).to.equal('Too many requests for this account right now');
    expect(errors[0].retryAfterSeconds).to.be.within(1, 5);
    expect(part(el, 'error')).to.equal(null);
    await waitUntil(() => el.chart && !part(el, 'busy'), 'drawn once the window turned, without a click', LONG);
    expect(t.sent.some((s) => s.status === 429)).to.equal(true);
    expect(errors).to.have.length(1);
  });
});
