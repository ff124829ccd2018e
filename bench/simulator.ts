/**
 * Simulator benchmark: data-set build time and 90-day summary latency at 100k and 1M tool calls.
 * Run: npm run bench -- simulator   (prints a Markdown table; results go in bench/README.md)
 */
import { createSimulator } from '../src/simulator/index.ts';
import { machine, median, percentile, table } from './stats.ts';

const NOW = Date.UTC(2026, 10, 23, 12);
const DAY = 86_400_000;
const BUILDS = 3;
const QUERIES = 50;

const rows: (string | number)[][] = [];
for (const toolCalls of [100_000, 1_000_000]) {
  const builds: number[] = [];
  let sim = createSimulator({ now: NOW, toolCalls });
  for (let i = 0; i < BUILDS; i++) {
    const started = performance.now();
    sim = createSimulator({ now: NOW, toolCalls, rateLimit: { limit: 1e9 } });
    builds.push(performance.now() - started);
  }
  const logs = sim.dataset.visibleCount(NOW);
  const latencies: number[] = [];
  for (let i = 0; i < QUERIES + 5; i++) {
    const started = performance.now();
    const response = await sim.fetch(
      new Request('https://backend.composio.dev/api/v3.1/org/usage/summary', {
        method: 'POST',
        headers: { 'x-org-api-key': 'sim_oak_demo', 'content-type': 'application/json' },
        body: JSON.stringify({ from: NOW - 90 * DAY, to: NOW }),
      }),
    );
    await response.json();
    if (i >= 5) latencies.push(performance.now() - started); // 5 warm-up runs
  }
  rows.push([
    toolCalls.toLocaleString('en-US'),
    logs.toLocaleString('en-US'),
    median(builds).toFixed(0),
    median(latencies).toFixed(1),
    percentile(latencies, 95).toFixed(1),
  ]);
}

console.log(machine());
console.log(table(['tool calls (option)', 'logs built', 'build ms (median of 3)', '90-day summary ms (median)', 'p95 ms'], rows));
