/**
 * What a time-zone change costs in the demo, and whether one person walking through the demo's
 * zones stays within the BFF's budget. The demo on the simulator (its real clock), in headless
 * Chromium, as Globex. First each element alone gets a zone it has not seen (its `time-zone` set
 * directly), which splits a change's upstream calls by element and by upstream route; then the
 * page's zone picker walks through the other zones, waiting after each until the calls stop, and
 * each step's calls, the BFF's 429 answers and the errors the elements report are counted.
 * Run: npm run bench -- zones
 */
import { chromium } from 'playwright-core';
import { build } from 'vite';
import { startDemoServer } from '../demo/server.ts';
import { DEMO_LIVE_RATE } from '../demo/session.ts';
import { DEFAULT_BUDGET } from '../src/server/budget.ts';
import { createSimulator } from '../src/simulator/index.ts';
import { findChromium } from '../scripts/find-chromium.mjs';
import { machine, table } from './stats.ts';

const simulator = createSimulator({ liveRate: DEMO_LIVE_RATE });
/** Each upstream call, named by its route (and a breakdown's dimension). */
const upstream: string[] = [];
const fetchThrough = simulator.fetch;
Object.assign(simulator, {
  fetch: async (request: Request) => {
    const body = request.method === 'POST' ? ((await request.clone().json()) as { group_by?: string }) : {};
    const path = new URL(request.url).pathname.replace('/api/v3.1/', '');
    upstream.push(body.group_by ? `${path} by ${body.group_by}` : path);
    return fetchThrough(request);
  },
});

await build({
  configFile: 'demo/vite.config.ts',
  mode: 'server',
  logLevel: 'silent',
  build: { outDir: `${process.cwd()}/.tmp/bench-zones` },
});
const demo = await startDemoServer({ root: '.tmp/bench-zones', simulator });
const browser = await chromium.launch({
  executablePath: findChromium(),
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--no-first-run'],
});
const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
let busyAnswers = 0;
page.on('response', (r) => new URL(r.url()).pathname.startsWith('/api/composio/') && r.status() === 429 && busyAnswers++);
const shownErrors: string[] = [];
await page.exposeFunction('__zonesError', (text: string) => shownErrors.push(text));
await page.addInitScript({
  content: `addEventListener('composio-error', (e) => window.__zonesError(e.target.localName + ': ' + String(e.detail.error && e.detail.error.message)), true);`,
});

/** Waits until no upstream call has been made for a second and a half; returns the calls made since `from`. */
async function settle(from: number): Promise<string[]> {
  let seen = -1;
  while (seen !== upstream.length) {
    seen = upstream.length;
    await page.waitForTimeout(1500);
  }
  return upstream.slice(from);
}
const tally = (calls: string[]) => {
  const counts = new Map<string, number>();
  for (const call of calls) counts.set(call, (counts.get(call) ?? 0) + 1);
  return counts;
};

const started = Date.now();
await page.goto(`${demo.url}/`);
await page.waitForFunction(
  () => (document.querySelector('composio-log-table') as unknown as { logs?: unknown[] })?.logs?.length,
  undefined,
  {
    timeout: 60_000,
  },
);
const load = await settle(0);
const zones = await page.locator('#zone option').evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));

// one element at a time, each to a zone it has not seen: whose calls are whose
const elements = ['composio-usage-chart', 'composio-usage-insights', 'composio-log-table'];
const byElement = new Map<string, Map<string, number>>();
for (const tag of elements) {
  const mark = upstream.length;
  await page.evaluate(([selector, zone]) => document.querySelector(selector)!.setAttribute('time-zone', zone), [tag, zones[1]]);
  byElement.set(tag, tally(await settle(mark)));
}
const routes = [...new Set([...byElement.values()].flatMap((m) => [...m.keys()]))].sort();

// the page's picker, as a person uses it: every other zone in turn, then back to the first
const walk: (string | number)[][] = [];
for (const zone of [...zones.slice(2), zones[0]]) {
  const mark = upstream.length;
  const errorsBefore = shownErrors.length;
  const busyBefore = busyAnswers;
  await page.selectOption('#zone', zone);
  const calls = await settle(mark);
  walk.push([
    zone,
    ((Date.now() - started) / 1000).toFixed(0),
    calls.length,
    upstream.length,
    busyAnswers - busyBefore,
    shownErrors.length - errorsBefore,
  ]);
}

await browser.close();
await demo.close();

console.log(machine());
console.log(`page load (Globex, ${zones[0]}): ${load.length} upstream calls`);
console.log(`\none zone change (to ${zones[1]}), each element alone:\n`);
console.log(
  table(
    ['upstream route', ...elements.map((t) => t.replace('composio-', ''))],
    [
      ...routes.map((route) => [route, ...elements.map((t) => byElement.get(t)!.get(route) ?? 0)]),
      ['**total**', ...elements.map((t) => [...byElement.get(t)!.values()].reduce((a, b) => a + b, 0))],
    ],
  ),
);
console.log(
  `\nthe zone picker, every zone in turn (Globex's budget: ${DEFAULT_BUDGET.perScopePerMinute} upstream calls a minute, fixed windows):\n`,
);
console.log(table(['zone', 's since load', 'upstream calls', 'cumulative', 'BFF 429s', 'errors shown'], walk));
console.log(`\nerrors shown: ${shownErrors.length ? [...new Set(shownErrors)].join(' | ') : 'none'}`);
