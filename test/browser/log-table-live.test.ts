/**
 * The live tail against a moving clock, late-arriving logs and an outage. The table talks to a
 * BFF + simulator of its own through its `fetch` property, so the simulated clock can move.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import './resize-observer-noise.ts';
import '../../src/elements/log-table/define.ts';
import type { ComposioLogTable } from '../../src/elements/log-table/log-table.ts';
import type { LogEntry, LogListResponse } from '../../src/contract/upstream.ts';
import { createComposioHandler } from '../../src/server/index.ts';
import { createSimulator } from '../../src/simulator/index.ts';
import { fakeLog } from './log-fixtures.ts';

const shadow = (el: Element, selector: string) => el.shadowRoot!.querySelector(selector) as HTMLElement;
const loaded = (el: ComposioLogTable, n = 1) => waitUntil(() => el.logs.length >= n, `${n} rows`, { timeout: 10_000 });
const ids = (logs: readonly LogEntry[]) => logs.map((l) => l.id);

/**
 * A BFF over a simulator whose clock the test moves; both read the simulated now. The present runs
 * at the daily peak (`liveRate`), so a minute holds calls whatever the hour the tests run at.
 */
function movingBff(arrivalLagMs = 0) {
  const sim = createSimulator({ now: Date.now(), historyDays: 2, toolCalls: 20_000, liveRate: 4, rateLimit: { limit: 1e9 }, arrivalLagMs });
  const bff = createComposioHandler({
    apiKey: 'sim_ak_demo',
    baseUrl: 'https://simulator.test',
    fetch: (input, init) => sim.fetch(new Request(input, init)),
    resolveScope: () => ({ userIds: ['globex-ops', 'globex-sales', 'globex-support'] }),
    cursorSecret: 'live-test-secret-live-test-secret-live',
    now: sim.now,
  });
  /** The window of each log list request the table sent, in order. */
  const windows: { from: number; to: number }[] = [];
  const fetch = ((input: RequestInfo | URL, init?: RequestInit) => {
    if (String(input).endsWith('logs/tool_execution') && typeof init?.body === 'string') windows.push(JSON.parse(init.body).time_range);
    return bff(new Request(new URL(String(input), location.origin), init));
  }) as typeof globalThis.fetch;
  return { sim, bff, fetch, windows };
}

/** A list endpoint over a feed the test edits (newest first), with id cursors. */
function feedFetch(feed: LogEntry[], state = { down: false, calls: 0 }) {
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    if (!url.includes('logs/tool_execution'))
      return new Response(JSON.stringify({ groups: [] }), { headers: { 'content-type': 'application/json' } });
    state.calls++;
    if (state.down) throw new TypeError('Failed to fetch');
    const body = JSON.parse(String(init?.body ?? '{}')) as { limit?: number; cursor?: string };
    const start = body.cursor ? feed.findIndex((l) => l.id === body.cursor) + 1 : 0;
    const logs = feed.slice(start, start + (body.limit ?? 20));
    const answer: LogListResponse = { logs, next_cursor: start + logs.length < feed.length ? logs.at(-1)!.id : null };
    return new Response(JSON.stringify(answer), { headers: { 'content-type': 'application/json' } });
  }) as typeof globalThis.fetch;
  return { fetch, state };
}

const T0 = Date.now();
function entry(i: number, extra: Partial<LogEntry> = {}): LogEntry {
  return fakeLog(`log_live${String(i).padStart(7, '0')}`, T0 - 120_000 - i * 1000, { message: `message ${i}`, ...extra });
}

describe('<composio-log-table> live tail', () => {
  it('shows the calls that happen as the simulated clock moves, without duplicates or gaps', async () => {
    const { sim, bff, fetch, windows } = movingBff();
    const el = await fixture<ComposioLogTable>(
      html`<composio-log-table live="1" range="1h" page-size="100" .fetch=${fetch}></composio-log-table>`,
    );
    await loaded(el);
    const before = ids(el.logs);
    sim.advance(20 * 60_000);
    await waitUntil(() => el.logs[0].id !== before[0], 'new calls shown', { timeout: 8000 });
    const shown = ids(el.logs);
    expect(new Set(shown).size).to.equal(shown.length, 'no duplicates');
    expect(shown.slice(-before.length)).to.deep.equal(before, 'the old rows stay, in order');
    // the same window straight from the BFF: the table has every row, in order (no gaps)
    const window = windows[0]; // the first page's window: the live tail keeps its start
    const expected: string[] = [];
    let cursor: string | null = null;
    do {
      const response = await bff(
        new Request(`${location.origin}/api/composio/logs/tool_execution`, {
          method: 'POST',
          body: JSON.stringify({ limit: 100, cursor, time_range: { from: window.from, to: sim.now() } }),
        }),
      );
      const page = (await response.json()) as LogListResponse;
      expected.push(...ids(page.logs));
      cursor = page.next_cursor;
    } while (cursor && expected.length < shown.length);
    expect(shown).to.deep.equal(expected.slice(0, shown.length));
  });

  it('misses none of the simulator’s late-arriving logs, and shows each once', async () => {
    // logs reach the list up to 20 s after their timestamp; the tail re-reads the last 60 s
    const { sim, bff, fetch } = movingBff(20_000);
    let polls = 0;
    const counting = ((input: RequestInfo | URL, init?: RequestInit) => {
      if (String(input).endsWith('logs/tool_execution')) polls++;
      return fetch(input, init);
    }) as typeof globalThis.fetch;
    const el = await fixture<ComposioLogTable>(
      html`<composio-log-table live="1" range="1h" page-size="100" .fetch=${counting}></composio-log-table>`,
    );
    await loaded(el);
    const nextPoll = async () => {
      const seen = polls;
      await waitUntil(() => polls > seen, 'a live poll', { timeout: 5000 });
    };
    for (let step = 0; step < 6; step++) {
      sim.advance(10_000); // ten simulated seconds per poll
      await nextPoll();
    }
    sim.advance(30_000); // everything up to now - 30 s has arrived
    const settled = sim.now() - 30_000;
    await nextPoll();
    await nextPoll();
    const shown = ids(el.logs);
    expect(new Set(shown).size).to.equal(shown.length, 'no duplicates');
    const response = await bff(
      new Request(`${location.origin}/api/composio/logs/tool_execution`, {
        method: 'POST',
        body: JSON.stringify({ limit: 100, time_range: { from: settled - 120_000, to: settled } }),
      }),
    );
    const arrived = ids(((await response.json()) as LogListResponse).logs);
    expect(arrived.length, 'calls in the two minutes checked').to.be.greaterThan(0);
    const missing = arrived.filter((id) => !shown.includes(id));
    expect(missing, 'late logs the table missed').to.deep.equal([]);
  });

  it('shows a log that reaches the API after its timestamp, once, at its time position', async () => {
    const feed = Array.from({ length: 30 }, (_, i) => entry(i));
    const { fetch, state } = feedFetch(feed);
    const el = await fixture<ComposioLogTable>(html`<composio-log-table live="1" .fetch=${fetch}></composio-log-table>`);
    await loaded(el, 20);
    await waitUntil(() => state.calls >= 2, 'a poll found nothing new', { timeout: 5000 });
    // logged half a second after entry(2), but only visible upstream now
    const late = entry(2, { id: 'log_late0000001', timestamp: new Date(Date.parse(entry(2).timestamp) + 500).toISOString() });
    feed.splice(2, 0, late);
    await waitUntil(() => el.logs.some((l) => l.id === late.id), 'the late log shown', { timeout: 5000 });
    const calls = state.calls;
    await waitUntil(() => state.calls >= calls + 2, 'two more polls', { timeout: 5000 });
    expect(ids(el.logs).filter((id) => id === late.id)).to.have.length(1);
    expect(ids(el.logs).slice(0, 4)).to.deep.equal(ids([entry(0), entry(1), late, entry(2)]));
  });

  it('says live updates are paused during an outage, backs off, and resumes by itself', async () => {
    const feed = Array.from({ length: 30 }, (_, i) => entry(i));
    const { fetch: feedFetchFn, state } = feedFetch(feed);
    /** When each poll was sent during and after the outage, and whether it failed. */
    const polls: { at: number; failed: boolean }[] = [];
    let outage = false;
    const fetch = ((input: RequestInfo | URL, init?: RequestInit) => {
      if (outage && String(input).includes('logs/tool_execution')) polls.push({ at: performance.now(), failed: state.down });
      return feedFetchFn(input, init);
    }) as typeof globalThis.fetch;
    const errors: Event[] = [];
    const el = await fixture<ComposioLogTable>(
      html`<composio-log-table live="1" .fetch=${fetch} @composio-error=${(e: Event) => errors.push(e)}></composio-log-table>`,
    );
    await loaded(el, 20);
    state.down = outage = true;
    await waitUntil(() => shadow(el, '[part="live-status"]'), 'paused banner', { timeout: 5000 });
    expect(shadow(el, '[part="live-status"]').textContent!.replace(/\s+/g, ' ')).to.match(
      /Live updates paused \(no connection\) — retrying in \d+ s/,
    );
    await waitUntil(() => polls.length >= 2, 'a retry', { timeout: 6000 });
    expect(errors, 'one composio-error per outage').to.have.length(1);
    feed.unshift(entry(-1));
    state.down = false;
    await waitUntil(() => el.logs[0].id === entry(-1).id && !shadow(el, '[part="live-status"]'), 'resumed', { timeout: 10_000 });
    // live="1" polls every second; while polls fail the waits double (2 s, then 4 s)
    expect(polls.slice(0, 3).map((p) => p.failed)).to.deep.equal([true, true, false]);
    const [firstWait, secondWait] = [polls[1].at - polls[0].at, polls[2].at - polls[1].at];
    expect(firstWait, 'the first retry waits past the poll interval').to.be.above(1_500);
    expect(secondWait, 'the next wait doubles').to.be.above(firstWait * 1.5);
    expect(errors, 'still one composio-error').to.have.length(1);
  });

  it('polls at once when the tab is shown again, not a whole interval later', async () => {
    const feed = Array.from({ length: 30 }, (_, i) => entry(i));
    const { fetch, state } = feedFetch(feed);
    // Chromium's own document.hidden cannot be toggled from a page: shadow it, as a tab switch would set it
    const showTab = (shown: boolean) => {
      Object.defineProperty(document, 'hidden', { configurable: true, get: () => !shown });
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => (shown ? 'visible' : 'hidden') });
      document.dispatchEvent(new Event('visibilitychange'));
    };
    try {
      // one poll a minute: any poll within the next seconds comes from the tab being shown
      const el = await fixture<ComposioLogTable>(html`<composio-log-table live="60" .fetch=${fetch}></composio-log-table>`);
      await loaded(el, 20);
      const afterLoad = state.calls;
      showTab(false);
      feed.unshift(entry(-1));
      showTab(true);
      await waitUntil(() => el.logs[0]?.id === entry(-1).id, 'the new call shown after the tab is shown', { timeout: 5000 });
      expect(state.calls, 'one poll for the tab switch').to.equal(afterLoad + 1);
    } finally {
      // back to the prototype's getters, so later tests see the real visibility
      delete (document as { hidden?: boolean }).hidden;
      delete (document as { visibilityState?: string }).visibilityState;
    }
  });

  it('does not reload the table when a busy project fills the overlap window', async () => {
    // 700 calls in the last 70 s: the 60 s overlap alone is more than the tail reads per poll
    const feed = Array.from({ length: 700 }, (_, i) => entry(i, { timestamp: new Date(T0 - i * 100).toISOString() }));
    const { fetch, state } = feedFetch(feed);
    const reloads: Event[] = [];
    const el = await fixture<ComposioLogTable>(html`<composio-log-table live="1" page-size="50" .fetch=${fetch}></composio-log-table>`);
    await loaded(el, 50);
    el.addEventListener('composio-load', (e) => (e as CustomEvent).detail.kind === 'logs-page' && reloads.push(e));
    feed.unshift(entry(-1, { timestamp: new Date(T0 + 1000).toISOString() }));
    await waitUntil(() => el.logs[0].id === entry(-1).id, 'the new call shown', { timeout: 5000 });
    const calls = state.calls;
    await waitUntil(() => state.calls >= calls + 2, 'two more polls', { timeout: 5000 });
    expect(reloads, 'first-page reloads').to.have.length(0);
    expect(el.logs.length).to.be.below(100, 'the overlap re-read does not load old rows');
  });
});
