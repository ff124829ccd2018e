/**
 * Table benchmark: `<composio-log-table>` at 100,000 rows in headless Chromium, fed through its
 * `fetch` property from an in-page feed (bench/render/table-page.ts; no network, no BFF): row
 * elements in the DOM, script per frame while scrolling (Chrome trace), data arrival → painted
 * rows, and the cost of appending a page at 1k vs 50k rows loaded. Anchors from the same run: a
 * bare Lit + virtualizer list of the same rows, and the 1k table beside the 50k one.
 * Run: npm run bench -- table   (about a minute and a half)
 */
import type { Page } from 'playwright-core';
import { benchCaller, buildPage, launch, openPage } from './render/browser.ts';
import type { TableBench } from './render/table-page.ts';
import { scriptPerFrame, TRACE_CATEGORIES } from './render/trace.ts';
import { machine, median, percentile, table } from './stats.ts';

const FIRST_PAGE_RUNS = 9;
const APPEND_ROUNDS = 20;
const LATER_PAGE_RUNS = 5;
const SCROLL_ROUNDS = 3;
/** Continuous scrolls, px/s: reading speed, and a fling. */
const SPEEDS = [1500, 6000];
const GESTURE_SECONDS = 2;

await buildPage('table');
const browser = await launch();
const page = await openPage(browser, 'table');

const call = benchCaller<TableBench>(page);

const ms = (values: number[], p = 50) => percentile(values, p).toFixed(1);

// ---- data arrival → first rows painted: the table's first page, and the anchor given the same 100 rows
const firstPage: number[] = [];
const plainFirst: number[] = [];
for (let i = 0; i < FIRST_PAGE_RUNS; i++) {
  await call('mount', 'table');
  firstPage.push(await call('release', 'table', 0));
  await call('remove', 'table');
  plainFirst.push(await call('mountPlain', 'plain', 100));
  await call('remove', 'plain');
}

// ---- appending pages at 1k and at 50k rows loaded: two tables side by side, pages alternating
for (const [key, rows] of [
  ['small', 1_000],
  ['large', 50_000],
] as const) {
  await call('mount', key);
  await call('release', key, 0);
  await call('loadTo', key, rows);
}
const append: Record<'small' | 'large', number[]> = { small: [], large: [] };
for (let i = 0; i < APPEND_ROUNDS; i++) {
  append.small.push(await call('appendPage', 'small'));
  append.large.push(await call('appendPage', 'large'));
}
await call('remove', 'small');

// ---- a later page's arrival → its rows painted (scrolled to the end, the way infinite scroll pulls it in)
const laterPage: Record<string, number[]> = {};
for (const rows of [50_000, 100_000]) {
  if ((await call('rowCount', 'large')) < rows) await call('loadTo', 'large', rows);
  const label = `${(await call('rowCount', 'large')).toLocaleString('en')} rows`;
  laterPage[label] = [];
  for (let i = 0; i < LATER_PAGE_RUNS; i++) laterPage[label].push(await call('laterPage', 'large'));
}
const atRest = await call('rowElements', 'large');
const loaded = await call('rowCount', 'large');

// ---- continuous scrolling at 100k rows: the table and the anchor list, alternating, traced
await call('mountPlain', 'plain', loaded);
const cdp = await page.context().newCDPSession(page);
const scroll: Record<string, { script: number[]; maxRows: number }> = {};
async function traceScroll(target: Page, key: string, speed: number, from: number) {
  await call('scrollToFraction', key, from);
  const box = await call('scrollerBox', key);
  await browser.startTracing(target, { categories: TRACE_CATEGORIES });
  await call('startFrames', key);
  await cdp.send('Input.synthesizeScrollGesture', {
    x: box.x + box.width / 2,
    y: box.y + box.height / 2,
    yDistance: -speed * GESTURE_SECONDS,
    speed,
    gestureSourceType: 'mouse',
  });
  const { maxRows } = await call('stopFrames');
  const frames = scriptPerFrame(await browser.stopTracing());
  const entry = (scroll[`${key} ${speed}`] ??= { script: [], maxRows: 0 });
  entry.script.push(...frames.map((f) => f.scriptMs));
  entry.maxRows = Math.max(entry.maxRows, maxRows);
}
for (const speed of SPEEDS) {
  for (let round = 0; round < SCROLL_ROUNDS; round++) {
    for (const key of ['large', 'plain']) await traceScroll(page, key, speed, 0.2 + round * 0.2);
  }
}
await browser.close();

// ---- report
const perSecond = (msPerPage: number[]) => Math.round(100 / (median(msPerPage) / 1000)).toLocaleString('en');
console.log(machine());
console.log('\nData arrival → first rows painted (ms)\n');
console.log(
  table(
    ['what', 'runs', 'median ms', 'p95 ms'],
    [
      ['table: first page (100 rows) arrives → its rows painted', FIRST_PAGE_RUNS, ms(firstPage), ms(firstPage, 95)],
      ...Object.entries(laterPage).map(([label, values]) => [
        `table: a later page arrives at ${label} → its first row painted`,
        values.length,
        ms(values),
        ms(values, 95),
      ]),
      ['anchor: Lit + virtualizer list handed 100 rows → painted', FIRST_PAGE_RUNS, ms(plainFirst), ms(plainFirst, 95)],
    ],
  ),
);
console.log('\nAppending a page of 100 rows (Load more → painted), alternating between two tables\n');
console.log(
  table(
    ['rows loaded', 'pages', 'median ms per page', 'p95 ms', 'rows/s (median)'],
    [
      ['1,000 (→ 3,000)', APPEND_ROUNDS, ms(append.small), ms(append.small, 95), perSecond(append.small)],
      ['50,000 (→ 52,000)', APPEND_ROUNDS, ms(append.large), ms(append.large, 95), perSecond(append.large)],
    ],
  ),
);
console.log(`\nratio 50k ÷ 1k (median ms per page): ${(median(append.large) / median(append.small)).toFixed(2)}`);
console.log(`\nContinuous scrolling, ${loaded.toLocaleString('en')} rows, ${SCROLL_ROUNDS} × ${GESTURE_SECONDS} s per speed\n`);
console.log(
  table(
    ['list', 'speed px/s', 'frames', 'script ms per frame (main-thread CPU), median', 'p95', 'most row elements'],
    Object.entries(scroll).map(([label, s]) => {
      const [key, speed] = label.split(' ');
      return [key === 'large' ? 'table' : 'anchor (Lit + virtualizer)', speed, s.script.length, ms(s.script), ms(s.script, 95), s.maxRows];
    }),
  ),
);
console.log(`\nrow elements at rest at ${loaded.toLocaleString('en')} rows: ${atRest}`);
