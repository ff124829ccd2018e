/**
 * The table benchmark's page (driven by bench/table.ts): one `<composio-log-table>` fed from an
 * in-page feed through its `fetch` property — no network, no BFF — so what is timed is the element.
 * Every 25th call is a meta tool whose 3 inner calls are listed just before it (newer), so trees
 * form, and some cross page boundaries as they do in real data.
 */
import '../../src/elements/log-table/define.ts';
import type { ComposioLogTable } from '../../src/elements/log-table/log-table.ts';
import type { LogEntry } from '../../src/contract/upstream.ts';
import { TableLayout } from '../../src/elements/log-table/layout.ts';
import { virtualize } from '@lit-labs/virtualizer/virtualize.js';
import { css, html, LitElement } from 'lit';

const FEED_ROWS = 110_000;
const NOW = Date.now() - 60_000;
const TOOLS = ['GMAIL_SEND_EMAIL', 'SLACK_SEND_MESSAGE', 'GITHUB_CREATE_ISSUE', 'NOTION_ADD_PAGE', 'LINEAR_CREATE_ISSUE'];

function makeFeed(count: number): LogEntry[] {
  const feed: LogEntry[] = [];
  for (let i = 0; i < count; i++) {
    const meta = i % 25 === 3;
    const inside =
      i % 25 < 3 ? { log_id: `log_${String(i + 3 - (i % 25)).padStart(8, '0')}`, tool_slug: 'COMPOSIO_MULTI_EXECUTE_TOOL' } : null;
    const tool = meta ? 'COMPOSIO_MULTI_EXECUTE_TOOL' : TOOLS[i % TOOLS.length];
    feed.push({
      id: `log_${String(i).padStart(8, '0')}`,
      timestamp: new Date(NOW - i * 2000).toISOString(),
      type: 'tool.execution',
      status: i % 13 === 0 ? 'failed' : 'success',
      level: 'info',
      message: `message ${i}`,
      metadata: { tool_slug: tool, toolkit_slug: tool.split('_')[0].toLowerCase(), user_id: `user_${i % 7}` },
      metrics: { duration_ms: 80 + (i % 400) },
      parent: inside,
    });
  }
  return feed;
}

const feed = makeFeed(FEED_ROWS);

/** What the fake BFF does with the next request. */
const server = {
  /** Rows in the next answer instead of the requested limit (to load 50k rows in one step). */
  nextSize: 0,
  /** Hold answers until `release()`: the benchmark times from the moment it lets one arrive. */
  hold: false,
  held: [] as (() => void)[],
  /** performance.now() when the last answer was handed to the element. */
  arrivedAt: 0,
};

/** The filter bar's toolkit list (a usage breakdown), answered at once: only log pages are timed. */
const TOOLKITS = JSON.stringify({
  entity_type: 'tool_calls',
  unit: 'calls',
  total_quantity: String(FEED_ROWS),
  event_count: FEED_ROWS,
  groups: ['gmail', 'slack', 'github', 'notion', 'linear', 'composio'].map((key) => ({ key, total_quantity: '1', event_count: 1 })),
});

const fakeFetch: typeof fetch = async (input, init) => {
  if (!String(input).endsWith('/logs/tool_execution')) return new Response(TOOLKITS, { headers: { 'content-type': 'application/json' } });
  const body = JSON.parse(String(init?.body)) as { cursor?: string; limit: number };
  const start = body.cursor ? Number(body.cursor) : 0;
  const logs = feed.slice(start, start + (server.nextSize || body.limit));
  server.nextSize = 0;
  const end = start + logs.length;
  const text = JSON.stringify({ logs, next_cursor: end < feed.length ? String(end) : null });
  if (server.hold) await new Promise<void>((resolve) => server.held.push(resolve));
  server.arrivedAt = performance.now();
  return new Response(text, { headers: { 'content-type': 'application/json' } });
};

const rowsOf = (host: HTMLElement) => [...host.shadowRoot!.querySelectorAll<HTMLElement>('[role="row"]:not(.head)')];

/** Resolves after the next frame has been rendered (rAF, then a task: the paint of that frame is done). */
const afterNextPaint = () =>
  new Promise<void>((resolve) =>
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve();
      channel.port2.postMessage(0);
    }),
  );

/** Waits until the row showing feed[index] is in the element's DOM, then for the frame that paints it. */
function paintedRow(host: HTMLElement, index: number): Promise<number> {
  const message = `message ${index}`;
  const shown = () => rowsOf(host).some((row) => row.querySelector('.c-message')?.textContent === message);
  return new Promise((resolve) => {
    const done = () => void afterNextPaint().then(() => resolve(performance.now()));
    if (shown()) return done();
    const observer = new MutationObserver(() => shown() && (observer.disconnect(), done()));
    observer.observe(host.shadowRoot!, { subtree: true, childList: true, characterData: true });
  });
}

const until = async (condition: () => boolean) => {
  while (!condition()) await new Promise(requestAnimationFrame);
};

const scrollerOf = (host: HTMLElement) => host.shadowRoot!.querySelector<HTMLElement>('.rows')!;

/**
 * The anchor: the same rows in a bare Lit element with the same virtualizer and layout, each row
 * seven text cells and nothing else — the floor for a virtualized list of this data in Lit.
 */
class PlainList extends LitElement {
  static override styles = css`
    .rows {
      height: 480px;
      overflow: auto;
    }
    .row {
      display: grid;
      grid-template-columns: 9rem 5rem 12rem 6rem 6rem 1fr 5rem;
      width: 100%;
      line-height: 1.4;
      padding: 0.45rem 0.5rem;
      box-sizing: border-box;
      border-bottom: 1px solid #ddd;
    }
    span {
      overflow: hidden;
      white-space: nowrap;
      text-overflow: ellipsis;
    }
  `;
  items: LogEntry[] = [];
  protected override render() {
    return html`<div class="rows">
      ${virtualize({
        items: this.items,
        scroller: true,
        layout: { type: TableLayout },
        keyFunction: (log) => log.id,
        renderItem: (log) =>
          html`<div class="row" role="row">
            <span>${log.timestamp}</span><span>${log.status}</span><span>${log.metadata.tool_slug}</span
            ><span>${log.metadata.toolkit_slug}</span><span>${log.metadata.user_id}</span><span class="c-message">${log.message}</span
            ><span>${log.metrics.duration_ms}</span>
          </div>`,
      })}
    </div>`;
  }
}
customElements.define('bench-plain-list', PlainList);

const elements = new Map<string, HTMLElement>();
const table = (key: string) => elements.get(key) as ComposioLogTable;

const bench = {
  rowCount: (key: string) => table(key).logs.length,
  rowElements: (key: string) => rowsOf(elements.get(key)!).length,

  /** A new table (side by side with the others) whose first request is held; its skeleton is painted when this resolves. */
  async mount(key: string, pageSize = 100): Promise<void> {
    elements.get(key)?.remove();
    server.hold = true;
    const element = document.createElement('composio-log-table');
    element.setAttribute('page-size', String(pageSize));
    element.range = '30d';
    element.fetch = fakeFetch;
    elements.set(key, element);
    document.querySelector('main')!.append(element);
    await until(() => server.held.length > 0);
    await afterNextPaint();
  },

  /** The anchor list with the first `count` rows of the feed: ms from handing it the rows to the first row painted. */
  async mountPlain(key: string, count: number): Promise<number> {
    elements.get(key)?.remove();
    const rows = feed.slice(0, count);
    const started = performance.now();
    const element = document.createElement('bench-plain-list') as PlainList;
    element.items = rows;
    elements.set(key, element);
    document.querySelector('main')!.append(element);
    return (await paintedRow(element, 0)) - started;
  },

  remove(key: string): void {
    elements.get(key)?.remove();
    elements.delete(key);
  },

  /** Lets the held answer arrive; ms from its arrival to the frame painting the row of feed[index]. */
  async release(key: string, index: number): Promise<number> {
    server.hold = false;
    const painted = paintedRow(elements.get(key)!, index);
    server.held.splice(0).forEach((resolve) => resolve());
    const at = await painted;
    return at - server.arrivedAt;
  },

  /** Loads rows up to `total` in one answer (not timed). */
  async loadTo(key: string, total: number): Promise<void> {
    const element = table(key);
    server.nextSize = total - element.logs.length;
    await element.loadMore();
    await until(() => element.logs.length >= total);
    await afterNextPaint();
  },

  /** Appends one page: ms from asking to the frame that paints it (the fake answer is immediate). */
  async appendPage(key: string): Promise<number> {
    const element = table(key);
    const started = performance.now();
    await element.loadMore();
    await element.updateComplete;
    await afterNextPaint();
    return performance.now() - started;
  },

  /** Scrolls to the end with answers held: ms from the arrival of the page this pulls in to its first row painted. */
  async laterPage(key: string): Promise<number> {
    const element = table(key);
    server.hold = true;
    const first = element.logs.length;
    // the virtualizer estimates row heights: scroll until the request for the next page goes out
    while (!server.held.length) {
      scrollerOf(element).scrollTop = scrollerOf(element).scrollHeight;
      await afterNextPaint();
    }
    // let the scroll's own rendering finish: what is timed is the page
    await afterNextPaint();
    await afterNextPaint();
    return bench.release(key, first);
  },

  /** Scroll position as a fraction of the whole list (0 top, 1 end). */
  async scrollToFraction(key: string, fraction: number): Promise<void> {
    const scroller = scrollerOf(elements.get(key)!);
    scroller.scrollTop = (scroller.scrollHeight - scroller.clientHeight) * fraction;
    await afterNextPaint();
    await afterNextPaint();
  },

  /** The rows area's box, for the scroll gesture. */
  scrollerBox(key: string): { x: number; y: number; width: number; height: number } {
    const { x, y, width, height } = scrollerOf(elements.get(key)!).getBoundingClientRect();
    return { x, y, width, height };
  },

  scrollTop: (key: string) => scrollerOf(elements.get(key)!).scrollTop,

  /** Marks every frame (performance.mark, seen in the trace) and records the most row elements, until stopped. */
  frames: { running: false, maxRows: 0, count: 0 },
  startFrames(key: string): void {
    const frames = bench.frames;
    const root = elements.get(key)!.shadowRoot!;
    Object.assign(frames, { running: true, maxRows: 0, count: 0 });
    const tick = () => {
      if (!frames.running) return;
      performance.mark('bench-frame');
      frames.count++;
      frames.maxRows = Math.max(frames.maxRows, root.querySelectorAll('[role="row"]:not(.head)').length);
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  },
  stopFrames(): { maxRows: number; count: number } {
    bench.frames.running = false;
    return { maxRows: bench.frames.maxRows, count: bench.frames.count };
  },
};

export type TableBench = typeof bench;
Object.assign(window, { bench, benchReady: true });
