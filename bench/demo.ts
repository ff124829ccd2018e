/**
 * Demo benchmark: time from navigation to both elements showing data (chart drawn, table rows
 * rendered), on loopback, in headless Chromium, beside a static anchor page of comparable content
 * served by the same server in the same run (the ratio is the figure). Cold = fresh browser
 * context (empty HTTP cache); warm = a reload in the same context. Runs are interleaved (demo and
 * anchor alternate which goes first). Then the request waterfall of one cold and one warm load.
 * Run: npm run bench -- demo        (DEMO_RUNS=5 for a quick look)
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { chromium, type BrowserContext, type CDPSession, type Page, type Request as PlaywrightRequest } from 'playwright-core';
import { build } from 'vite';
import { startDemoServer } from '../demo/server.ts';
import { findChromium } from '../scripts/find-chromium.mjs';
import { summariseTrace, TRACE_CATEGORIES, type MainThreadSummary } from './demo-trace.ts';
import { anchorPage, READ_REQUESTS, readWaterfall, waterfallTable, type Request, type Waterfall } from './demo-waterfall.ts';
import { machine, median, percentile, table } from './stats.ts';

const RUNS = Number(process.env.DEMO_RUNS ?? 15);
// tall enough for the whole page: the insights sit above the chart and the table starts ~1,870 px
// down, and the table's virtualizer renders no row while it is out of view
const VIEWPORT = { width: 1280, height: 2400 };
const OUT = `${process.cwd()}/.tmp/bench-demo`;
await build({ configFile: 'demo/vite.config.ts', mode: 'server', logLevel: 'silent', build: { outDir: OUT } });
const stylesheet = /href="(\.\/assets\/[^"]+\.css)"/.exec(readFileSync(`${OUT}/index.html`, 'utf8'))?.[1];
if (!stylesheet) throw new Error('the built demo page names no stylesheet');
writeFileSync(`${OUT}/anchor.html`, anchorPage(stylesheet));
const demo = await startDemoServer({ root: OUT });
const browser = await chromium.launch({
  executablePath: findChromium(),
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--no-first-run'],
});

// records, in the page, the first animation frame at which it shows its data: for the demo both
// elements (chart drawn, table rows), for the anchor its parsed content
// (source text, not a function: tsx would wrap a serialized function in helpers the page lacks)
const probe = `(() => {
  const check = () => {
    const chart = document.querySelector('composio-usage-chart');
    const table = document.querySelector('composio-log-table');
    const rows = table && table.shadowRoot ? table.shadowRoot.querySelectorAll('[role="row"]:not(.head)').length : 0;
    const anchor = document.body && document.body.hasAttribute('data-anchor') && document.readyState !== 'loading';
    if ((chart && chart.chart && rows > 0) || anchor) {
      window.__ready = performance.now();
      performance.mark('demo-ready');
    }
    else requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
})();`;

/** Main-thread time Chromium counted since the navigation (CDP Performance metrics restart with each document; seconds → ms). */
type Busy = { script: number; task: number; layout: number; style: number };
const readBusy = async (cdp: CDPSession): Promise<Busy> => {
  const { metrics } = await cdp.send('Performance.getMetrics');
  const get = (name: string) => 1000 * (metrics.find((m) => m.name === name)?.value ?? 0);
  return { script: get('ScriptDuration'), task: get('TaskDuration'), layout: get('LayoutDuration'), style: get('RecalcStyleDuration') };
};

interface Load {
  ready: number;
  busy: Busy;
}

async function open(): Promise<{ context: BrowserContext; page: Page; cdp: CDPSession }> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  await context.addInitScript({ content: probe });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  return { context, page, cdp };
}

async function load(page: Page, cdp: CDPSession, go: () => Promise<unknown>): Promise<Load> {
  await go();
  await page.waitForFunction(() => (window as unknown as { __ready?: number }).__ready !== undefined, undefined, { timeout: 30_000 });
  const [ready, busy] = await Promise.all([page.evaluate(() => (window as unknown as { __ready: number }).__ready), readBusy(cdp)]);
  return { ready, busy };
}

/** A cold load (new context) and a warm one (reload) of `path`. */
async function pair(path: string): Promise<[Load, Load]> {
  const { context, page, cdp } = await open();
  const cold = await load(page, cdp, () => page.goto(`${demo.url}${path}`));
  const warm = await load(page, cdp, () => page.reload());
  await context.close();
  return [cold, warm];
}

// one pair first, not counted: the BFF's caches fill (a cold customer costs ~60 upstream calls),
// so "cold" below is a cold browser against a warm server, as most visits are
await pair('/');

const results = { demoCold: [] as Load[], demoWarm: [] as Load[], anchorCold: [] as Load[], anchorWarm: [] as Load[] };
for (let i = 0; i < RUNS; i++) {
  const order = i % 2 ? (['/anchor.html', '/'] as const) : (['/', '/anchor.html'] as const);
  for (const path of order) {
    const [cold, warm] = await pair(path);
    const [coldList, warmList] = path === '/' ? [results.demoCold, results.demoWarm] : [results.anchorCold, results.anchorWarm];
    coldList.push(cold);
    warmList.push(warm);
  }
}

// the waterfall and a main-thread trace of one cold and one warm load (not timed: tracing costs),
// each read once the network is quiet; the BFF requests of the cold one are kept for the replay
const waterfalls: Waterfall[] = [];
const traces: MainThreadSummary[] = [];
const dataRequests: { url: string; body: string; at: number }[] = [];
{
  const { context, page } = await open();
  const capture = (r: PlaywrightRequest) =>
    r.url().includes('/api/') && dataRequests.push({ url: r.url(), body: r.postData() ?? '', at: Date.now() });
  page.on('request', capture);
  for (const go of [() => page.goto(`${demo.url}/`), () => page.reload()]) {
    await browser.startTracing(page, { categories: TRACE_CATEGORIES });
    await go();
    await page.waitForFunction(() => (window as unknown as { __ready?: number }).__ready !== undefined, undefined, { timeout: 30_000 });
    traces.push(summariseTrace((await browser.stopTracing()).toString('utf8'), 'demo-ready'));
    await page.waitForLoadState('networkidle');
    waterfalls.push(readWaterfall((await page.evaluate(READ_REQUESTS)) as Request[]));
    page.off('request', capture);
  }
  await context.close();
}

// the server's share: the cold load's BFF requests fired at once from Node (no browser), with
// their open ends ("to" = now) moved on at each round so that, as on a real view, the BFF's cache
// cannot answer the still-open buckets
const REPLAYS = 7;
/**
 * `body` with every time derived from "now" moved on to the present: the open ends, and the
 * previous period's end (both land off a whole minute, where calendar boundaries never do).
 */
const moved = (value: unknown, capturedAt: number): unknown =>
  Array.isArray(value)
    ? value.map((v) => moved(v, capturedAt))
    : value && typeof value === 'object'
      ? Object.fromEntries(
          Object.entries(value).map(([k, v]) => [
            k,
            (k === 'to' || k === 'from') && typeof v === 'number' && v % 60_000 !== 0 ? v + Date.now() - capturedAt : moved(v, capturedAt),
          ]),
        )
      : value;
/** Fires the requests (all at once, or one after another) with their open ends moved to now; ms for each and in all. */
async function replay(together: boolean): Promise<{ all: number; each: number[] }> {
  await new Promise((wait) => setTimeout(wait, 50)); // a new "now" for every round
  const started = performance.now();
  const one = async ({ url, body, at }: (typeof dataRequests)[number]) => {
    const t = performance.now();
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(moved(JSON.parse(body), at)),
    });
    if (!response.ok) throw new Error(`replay of ${url}: ${response.status} ${await response.text()}`);
    await response.arrayBuffer();
    return performance.now() - t;
  };
  const each: number[] = [];
  if (together) each.push(...(await Promise.all(dataRequests.map(one))));
  else for (const request of dataRequests) each.push(await one(request));
  return { all: performance.now() - started, each };
}
const together: number[] = [];
const alone: number[][] = dataRequests.map(() => []);
for (let round = 0; round < REPLAYS; round++) {
  together.push((await replay(true)).all);
  (await replay(false)).each.forEach((ms, i) => alone[i].push(ms));
}
await browser.close();
await demo.close();

const ms = (loads: Load[], pick: (l: Load) => number) => median(loads.map(pick)).toFixed(0);
const row = (label: string, demoLoads: Load[], anchorLoads: Load[]) => {
  const ready = demoLoads.map((l) => l.ready);
  const anchor = anchorLoads.map((l) => l.ready);
  return [
    label,
    median(ready).toFixed(0),
    percentile(ready, 90).toFixed(0),
    Math.min(...ready).toFixed(0),
    median(anchor).toFixed(0),
    (median(ready) / median(anchor)).toFixed(1),
    ms(demoLoads, (l) => l.busy.task),
    ms(demoLoads, (l) => l.busy.script),
    ms(demoLoads, (l) => l.busy.style + l.busy.layout),
  ];
};
console.log(machine());
console.log(
  table(
    [
      `navigation → data on screen (${RUNS} runs each, interleaved)`,
      'demo median ms',
      'demo p90 ms',
      'demo min ms',
      'static anchor median ms',
      'demo ÷ anchor',
      'demo CDP TaskDuration ms',
      'ScriptDuration ms',
      'RecalcStyle + Layout ms',
    ],
    [row('cold (new context)', results.demoCold, results.anchorCold), row('warm (reload)', results.demoWarm, results.anchorWarm)],
  ),
);
console.log(
  '\n' +
    table(
      [
        'waterfall',
        'requests before first data',
        'round trips before first data',
        'first data request at ms',
        'script before it: wire kB',
        'body kB',
        'parsed kB',
        'data requests',
        'their starts spread over ms',
        'all requests',
      ],
      waterfalls.map((w, i) => [
        i ? 'warm' : 'cold',
        w.beforeData.requests,
        w.roundTripsBeforeData,
        w.firstDataStart.toFixed(0),
        (w.beforeData.scriptTransfer / 1000).toFixed(1),
        (w.beforeData.scriptEncoded / 1000).toFixed(1),
        (w.beforeData.scriptDecoded / 1000).toFixed(1),
        w.dataRequests,
        w.dataSpread.toFixed(0),
        w.requests.length,
      ]),
    ),
);
for (const [i, w] of waterfalls.entries()) console.log(`\n${i ? 'warm' : 'cold'} load:\n${waterfallTable(w)}`);

const kinds = [...new Set(traces.flatMap((t) => [...t.byKind.keys()]))].sort(
  (a, b) => (traces[0].byKind.get(b) ?? 0) - (traces[0].byKind.get(a) ?? 0),
);
console.log(
  '\n' +
    table(
      [
        'main thread, navigation → ready (traced load)',
        'window ms',
        'in tasks ms',
        'idle ms',
        'on CPU ms',
        ...kinds.map((k) => `CPU: ${k} ms`),
      ],
      traces.map((t, i) => [
        i ? 'warm' : 'cold',
        t.window.toFixed(0),
        t.busy.toFixed(0),
        (t.window - t.busy).toFixed(0),
        t.cpu.toFixed(0),
        ...kinds.map((k) => (t.byKind.get(k) ?? 0).toFixed(0)),
      ]),
    ),
);
console.log(
  '\n' +
    table(
      [`the page's BFF requests from Node (no browser), open ends moved to now, ${REPLAYS} rounds`, 'median ms', 'min ms'],
      [
        [`all ${dataRequests.length} at once`, median(together).toFixed(0), Math.min(...together).toFixed(0)],
        ...dataRequests.map(({ url, body }, i) => [
          `alone: ${new URL(url).pathname.replace('/api/composio/', '')} ${body.length > 60 ? `${body.slice(0, 57)}…` : body}`,
          median(alone[i]).toFixed(1),
          Math.min(...alone[i]).toFixed(1),
        ]),
      ],
    ),
);
