/**
 * Insights benchmark: upstream calls of POST usage/insights for a demo-sized customer (Globex,
 * three user ids, 30 days, New York days) against the default simulator world over loopback
 * HTTP, and the CPU the BFF spends aggregating 100,000 logs (core/insights.ts alone).
 * Run: npm run bench -- insights
 */
import { addLog, createAggregate, merge, mergeJsonInto, summarize, toJSON, type InsightsAggregate } from '../src/core/insights.ts';
import { decodeEntry, encodeEntry, SLOT_MS } from '../src/server/insights-slots.ts';
import type { LogEntry } from '../src/contract/upstream.ts';
import { createComposioHandler } from '../src/server/index.ts';
import { createSimulator } from '../src/simulator/index.ts';
import { listen } from '../src/simulator/node.ts';
import { Records } from '../src/simulator/records.ts';
import { machine, median, table } from './stats.ts';

const NOW = Date.UTC(2026, 10, 23, 12);
const DAY = 86_400_000;
let clock = NOW;
const sim = createSimulator({ now: () => clock, rateLimit: { limit: 1e9 } });
const upstream = await listen(sim, 0);
const GLOBEX = ['globex-ops', 'globex-sales', 'globex-support'];
const makeHandler = () =>
  createComposioHandler({
    apiKey: 'sim_ak_demo',
    baseUrl: upstream.url,
    now: () => clock,
    resolveScope: () => ({ userIds: GLOBEX }),
    budget: { perMinute: 1e9, perScopePerMinute: 1e9 },
  });
const body = { from: NOW - 30 * DAY, to: NOW, time_zone: 'America/New_York' };

async function run(handler: ReturnType<typeof makeHandler>, label: string, count = 1, to = NOW) {
  sim.resetStats();
  const started = performance.now();
  const answers = await Promise.all(
    Array.from({ length: count }, () =>
      handler(new Request('http://bench/api/composio/usage/insights', { method: 'POST', body: JSON.stringify({ ...body, to }) })).then(
        async (r) => {
          if (!r.ok) throw new Error(`${r.status} ${await r.text()}`);
          return r.json();
        },
      ),
    ),
  );
  return { row: [label, sim.stats.requests, (performance.now() - started).toFixed(0)], totals: answers[0].totals };
}

const handler = makeHandler();
const cold = await run(handler, 'cold: 30 days, 3 users (31 local days, one stream per user)');
const warm = await run(handler, 'warm: same request again');
clock += 2 * 60_000;
const later = await run(handler, 'warm, 2 min later: the same "last 30 days", to = now', 1, clock);
clock += 60 * 60_000;
const hour = await run(handler, 'warm, an hour later', 1, clock);
const concurrent = await run(makeHandler(), '100 identical concurrent requests, cold BFF', 100);
// the BFF's CPU for a warm view (every slot from the store): the same request again, 5 times
const warmCpu: number[] = [];
for (let i = 0; i < 6; i++) {
  const before = process.cpuUsage();
  await run(handler, 'warm CPU', 1, clock);
  const used = process.cpuUsage(before);
  if (i > 0) warmCpu.push((used.user + used.system) / 1000);
}
await upstream.close();

// ---- CPU to aggregate 100,000 logs: entries built beforehand, only the aggregation is timed
const world = createSimulator({ now: NOW, historyDays: 90, toolCalls: 110_000 });
const records = new Records(world.dataset);
const count = Math.min(100_000, world.dataset.visibleCount(NOW));
const logs: LogEntry[] = Array.from({ length: count }, (_, i) => records.entry(i));

function cpuMs(fn: () => void): number {
  const before = process.cpuUsage();
  fn();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
}
function aggregate(groupBy: 'tool_slug' | null): InsightsAggregate {
  const agg = createAggregate(groupBy);
  for (const log of logs) addLog(agg, log);
  return agg;
}
const cpuRows: (string | number)[][] = [];
for (const groupBy of [null, 'tool_slug'] as const) {
  aggregate(groupBy); // warm-up (JIT)
  const times = Array.from({ length: 5 }, () => cpuMs(() => aggregate(groupBy)));
  cpuRows.push([
    `aggregate ${count.toLocaleString('en')} logs${groupBy ? ', grouped by tool' : ''}`,
    median(times).toFixed(1),
    Math.max(...times).toFixed(1),
  ]);
}
// a warm 30-day view: 30 UTC days of 96 cached slot aggregates each (the logs spread over 30 days
// by index, each in its own time of day's slot) parsed back from JSON and merged into 30 day buckets
const SLOTS = DAY / SLOT_MS;
const shelves = Array.from({ length: 30 }, (_, d) => {
  const slots: (InsightsAggregate | null)[] = Array.from({ length: SLOTS }, () => null);
  for (let i = d; i < logs.length; i += 30) {
    const slot = Math.floor((Date.parse(logs[i].timestamp) % DAY) / SLOT_MS);
    addLog((slots[slot] ??= createAggregate('tool_slug')), logs[i]);
  }
  return encodeEntry({ lo: 0, upTo: DAY, readAt: 0, settled: slots.map((slot) => slot && toJSON(slot)) });
});
const mergeTimes = Array.from({ length: 5 }, () =>
  cpuMs(() => {
    const days = shelves.map((text) => {
      const day = createAggregate('tool_slug');
      for (const slot of decodeEntry(text, SLOTS, 'tool_slug')!.settled) if (slot) mergeJsonInto(day, slot);
      return day;
    });
    summarize(
      days.reduce((a, b) => merge(a, b)),
      30 * DAY,
    );
  }),
);
cpuRows.push([
  `parse + merge 30 cached days of 96 slot aggregates, by tool (${(shelves.reduce((n, d) => n + d.length, 0) / 1024).toFixed(0)} kB JSON)`,
  median(mergeTimes).toFixed(1),
  Math.max(...mergeTimes).toFixed(1),
]);
cpuRows.push([
  'warm view through the BFF: Globex, 30 New York days (0 upstream calls)',
  median(warmCpu).toFixed(1),
  Math.max(...warmCpu).toFixed(1),
]);

console.log(machine());
console.log(
  table(['POST usage/insights (Globex, 30 days)', 'upstream calls', 'ms'], [cold.row, warm.row, later.row, hour.row, concurrent.row]),
);
console.log(`\nGlobex, 30 days: ${cold.totals.calls} calls, ${cold.totals.failed} failed, p95 ${cold.totals.p95?.toFixed(0)} ms\n`);
console.log(table(['BFF CPU (process.cpuUsage, 5 runs after a warm-up)', 'median CPU ms', 'max CPU ms'], cpuRows));
