/**
 * Demo soak: the demo on the simulator with its real, moving clock, used the way a person would —
 * switching customer, time zone, the insights' and the chart's range and the log's time window,
 * clicking days — for SOAK_MINUTES (default 15), one action every SOAK_PAUSE_MS (default 3000).
 * Reports upstream calls per action kind and per minute, 429s the simulator gave, errors the
 * elements showed, and live rows that arrived. A healthy run shows no rate-limit error at all.
 * Run: npm run bench -- soak        (SOAK_MINUTES=1 for a quick look)
 */
import { chromium, type Page } from 'playwright-core';
import { build } from 'vite';
import { startDemoServer } from '../demo/server.ts';
import { DEMO_LIVE_RATE } from '../demo/session.ts';
import { createSimulator } from '../src/simulator/index.ts';
import { findChromium } from '../scripts/find-chromium.mjs';
import { machine, median, table } from './stats.ts';

const MINUTES = Number(process.env.SOAK_MINUTES ?? 15);
const PAUSE_MS = Number(process.env.SOAK_PAUSE_MS ?? 3000);

const simulator = createSimulator({ liveRate: DEMO_LIVE_RATE });
const statuses = new Map<number, number>();
const upstream = { calls: 0 };
const fetchThrough = simulator.fetch;
Object.assign(simulator, {
  fetch: async (request: Request) => {
    upstream.calls++;
    const response = await fetchThrough(request);
    statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
    return response;
  },
});

await build({
  configFile: 'demo/vite.config.ts',
  mode: 'server',
  logLevel: 'silent',
  build: { outDir: `${process.cwd()}/.tmp/bench-soak` },
});
const demo = await startDemoServer({ root: '.tmp/bench-soak', simulator });
const browser = await chromium.launch({
  executablePath: findChromium(),
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--no-first-run'],
});
const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
const pageErrors: string[] = [];
page.on('pageerror', (e) => pageErrors.push(String(e)));
const shownErrors: string[] = [];
await page.exposeFunction('__soakError', (text: string) => shownErrors.push(text));
await page.addInitScript({
  content: `addEventListener('composio-error', (e) => window.__soakError(String(e.detail.error && e.detail.error.message)), true);`,
});
await page.goto(`${demo.url}/`);
await page.waitForFunction(
  () => (document.querySelector('composio-log-table') as unknown as { logs?: unknown[] })?.logs?.length,
  undefined,
  { timeout: 30_000 },
);

const pick = <T>(list: readonly T[]) => list[Math.floor(Math.random() * list.length)];
const optionsOf = (page: Page, selector: string) =>
  page
    .locator(selector)
    .locator('option')
    .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));

const actions: Record<string, () => Promise<unknown>> = {
  customer: async () => page.selectOption('#customer', pick(await optionsOf(page, '#customer'))),
  zone: async () => page.selectOption('#zone', pick(await optionsOf(page, '#zone'))),
  locale: async () => page.selectOption('#locale', pick(await optionsOf(page, '#locale'))),
  'insights range': async () =>
    page.locator('composio-usage-insights select[part="range-picker"]').selectOption(pick(['24h', '7d', '30d', '90d'])),
  'chart range': async () =>
    page.locator('composio-usage-chart select[part="range-picker"]').selectOption(pick(['24h', '7d', '30d', '90d'])),
  'log time': async () =>
    page
      .locator('composio-log-table select')
      .last()
      .selectOption(pick(['1h', '24h', '7d', '30d'])),
  'click a day': async () => {
    const box = await page.locator('composio-usage-chart canvas').boundingBox();
    if (box) await page.mouse.click(box.x + box.width * (0.1 + 0.8 * Math.random()), box.y + box.height * 0.85);
  },
};

const perKind = new Map<string, number[]>();
const perMinute: number[] = [];
const started = Date.now();
let minuteStart = upstream.calls;
let nextMinute = started + 60_000;
let liveRows = 0;
await page.exposeFunction('__soakLive', (n: number) => (liveRows += n));
await page.evaluate(() =>
  addEventListener(
    'composio-load',
    (e) =>
      (e as CustomEvent).detail.kind === 'logs-live' &&
      (window as unknown as { __soakLive(n: number): void }).__soakLive((e as CustomEvent).detail.count),
    true,
  ),
);

while (Date.now() - started < MINUTES * 60_000) {
  const kind = pick(Object.keys(actions));
  const before = upstream.calls;
  await actions[kind]().catch((error) => pageErrors.push(`${kind}: ${error}`));
  await page.waitForTimeout(PAUSE_MS);
  perKind.set(kind, [...(perKind.get(kind) ?? []), upstream.calls - before]);
  if (Date.now() >= nextMinute) {
    perMinute.push(upstream.calls - minuteStart);
    minuteStart = upstream.calls;
    nextMinute += 60_000;
  }
}

await browser.close();
await demo.close();

console.log(machine());
console.log(
  `${MINUTES} min, one action every ${PAUSE_MS} ms; ${upstream.calls} upstream calls; statuses ${JSON.stringify(Object.fromEntries(statuses))}`,
);
console.log(
  `upstream calls per minute: max ${Math.max(0, ...perMinute)}, median ${perMinute.length ? median(perMinute) : 0} (limit 2,000)`,
);
console.log(
  `errors shown by the elements: ${shownErrors.length}${shownErrors.length ? ` (${[...new Set(shownErrors)].slice(0, 5).join(' | ')})` : ''}; page errors: ${pageErrors.length}${pageErrors.length ? ` (${pageErrors.slice(0, 3).join(' | ')})` : ''}`,
);
console.log(`live rows that arrived in the table: ${liveRows}`);
console.log(
  table(
    ['action', 'times', 'upstream calls, median', 'max'],
    [...perKind].map(([k, v]) => [k, v.length, median(v), Math.max(...v)]),
  ),
);
