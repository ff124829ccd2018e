/**
 * Demo benchmark: time from navigation to both elements showing data (chart drawn, table rows
 * rendered), on loopback, in headless Chromium. Cold = fresh browser context (empty HTTP cache);
 * warm = a reload in the same context. Median of repeated runs.
 * Run: npm run bench -- demo
 */
import { chromium } from 'playwright-core';
import { build } from 'vite';
import { startDemoServer } from '../demo/server.ts';
import { findChromium } from '../scripts/find-chromium.mjs';
import { machine, median, percentile, table } from './stats.ts';

const RUNS = 15;
await build({
  configFile: 'demo/vite.config.ts',
  mode: 'server',
  logLevel: 'silent',
  build: { outDir: `${process.cwd()}/.tmp/bench-demo` },
});
const demo = await startDemoServer({ root: '.tmp/bench-demo' });
const browser = await chromium.launch({
  executablePath: findChromium(),
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--no-first-run'],
});

// records, in the page, the first animation frame at which both elements show data
// (source text, not a function: tsx would wrap a serialized function in helpers the page lacks)
const probe = `(() => {
  const check = () => {
    const chart = document.querySelector('composio-usage-chart');
    const table = document.querySelector('composio-log-table');
    const rows = table && table.shadowRoot ? table.shadowRoot.querySelectorAll('[role="row"]:not(.head)').length : 0;
    if (chart && chart.chart && rows > 0) window.__ready = performance.now();
    else requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
})();`;

const cold: number[] = [];
const warm: number[] = [];
for (let i = 0; i < RUNS; i++) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addInitScript({ content: probe });
  const page = await context.newPage();
  for (const [list, go] of [
    [cold, () => page.goto(`${demo.url}/`)],
    [warm, () => page.reload()],
  ] as const) {
    await go();
    await page.waitForFunction(() => (window as unknown as { __ready?: number }).__ready !== undefined, undefined, { timeout: 20_000 });
    list.push(await page.evaluate(() => (window as unknown as { __ready: number }).__ready));
  }
  await context.close();
}
await browser.close();
await demo.close();

const row = (label: string, values: number[]) => [
  label,
  median(values).toFixed(0),
  percentile(values, 90).toFixed(0),
  Math.min(...values).toFixed(0),
];
console.log(machine());
console.log(
  table(
    ['navigation → both elements show data', 'median ms', 'p90 ms', 'min ms'],
    [row(`cold (new context), ${RUNS} runs`, cold), row(`warm (reload), ${RUNS} runs`, warm)],
  ),
);
