/**
 * BFF benchmark: upstream calls and latency for the requests the widgets make, against the
 * simulator (default 100k world) over real loopback HTTP.
 * Run: npm run bench -- bff
 */
import { createComposioHandler } from '../src/server/index.ts';
import { createSimulator } from '../src/simulator/index.ts';
import { listen } from '../src/simulator/node.ts';
import { machine, median, table } from './stats.ts';

const NOW = Date.UTC(2026, 10, 23, 12);
const DAY = 86_400_000;
let clock = NOW;
const sim = createSimulator({ now: () => clock, rateLimit: { limit: 1e9 } });
const upstream = await listen(sim, 0);
const handler = createComposioHandler({
  apiKey: 'sim_ak_demo',
  baseUrl: upstream.url,
  now: () => clock,
  resolveScope: () => ({ userIds: ['globex-ops', 'globex-sales', 'globex-support'] }),
});

async function measure(label: string, run: () => Promise<unknown>, repeat = 5) {
  const times: number[] = [];
  const calls: number[] = [];
  for (let i = 0; i < repeat; i++) {
    sim.resetStats();
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
    calls.push(sim.stats.requests);
  }
  return [label, calls.join(' / '), median(times).toFixed(1)];
}

const post = (path: string, body: object) =>
  handler(new Request(`http://bench/api/composio/${path}`, { method: 'POST', body: JSON.stringify(body) })).then(async (r) => {
    if (!r.ok) throw new Error(`${path}: ${r.status} ${await r.text()}`);
    return r.json();
  });
const series = { from: NOW - 30 * DAY, to: NOW, interval: 'day', time_zone: 'Europe/Berlin' };

const rows = [
  await measure('30-day daily series, cold (1st run), then warm', () => post('usage/tool_calls/series', series)),
  await measure('same series after the open bucket’s TTL (clock +45 s each run)', async () => {
    clock += 45_000;
    await post('usage/tool_calls/series', series);
  }),
  await measure(
    '30-day daily series grouped by toolkit (top 5 + other), new window each run',
    async () => {
      clock += 45_000;
      await post('usage/tool_calls/series', { ...series, to: clock, group_by: 'toolkit_slug' });
    },
    3,
  ),
  await measure('100 concurrent identical summaries', async () => {
    clock += 45_000;
    await Promise.all(Array.from({ length: 100 }, () => post('usage/summary', { to: clock })));
  }),
  await measure('log page of 50 for a 3-user customer (first page, then page 2)', async () => {
    clock += 2_000;
    const first = (await post('logs/tool_execution', { limit: 50 })) as { next_cursor: string };
    await post('logs/tool_execution', { limit: 50, cursor: first.next_cursor });
  }),
];
await upstream.close();

console.log(machine());
console.log(table(['request', 'upstream calls per run (5 runs)', 'median ms'], rows));
