/**
 * Scale benchmark: N BFF instances (separate processes, bench/scale-instance.ts) behind a
 * stateless load balancer, one simulator on loopback HTTP keeping Composio's Hobby limit
 * (2,000 calls a minute per key), M customers opening the usage page — summary, 30-day daily
 * series, the 7-day insights and the previous 7 days' (as the insights element asks), first log
 * page — with Zipf-skewed popularity, at a fixed rate for a bounded time. Each
 * configuration runs twice: per-process memory caches and budgets, then one shared Redis.
 * Run: npm run bench -- scale     (SCALE_SECONDS, default 30; SCALE_RATE page views/s, default 10;
 * SCALE_CUSTOMERS, default 200,2000; SCALE_INSTANCES, default 1,4,8; REDIS_TIMEOUT_MS, default 250)
 */
import { fork, type ChildProcess } from 'node:child_process';
import { createSimulator } from '../src/simulator/index.ts';
import { listen } from '../src/simulator/node.ts';
import { startRedis } from '../test/node/redis-server.ts';
import { machine, percentile, table } from './stats.ts';

const SECONDS = Number(process.env.SCALE_SECONDS ?? 30);
const RATE = Number(process.env.SCALE_RATE ?? 10);
const CUSTOMERS = (process.env.SCALE_CUSTOMERS ?? '200,2000').split(',').map(Number);
const INSTANCES = (process.env.SCALE_INSTANCES ?? '1,4,8').split(',').map(Number);
const DAY = 86_400_000;

/** Customer ranks 0…m−1 with P(k) ∝ 1/(k+1) (Zipf, s = 1): a few customers open the page most. */
function zipf(m: number): () => number {
  const cdf: number[] = [];
  let sum = 0;
  for (let k = 1; k <= m; k++) cdf.push((sum += 1 / k));
  return () => {
    const x = Math.random() * sum;
    let lo = 0;
    let hi = m - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cdf[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

interface Instance {
  child: ChildProcess;
  url: string;
}

function startInstance(env: Record<string, string>): Promise<Instance> {
  const child = fork(new URL('./scale-instance.ts', import.meta.url).pathname, [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`instance exited with ${code}`)));
    child.once('message', (message) => resolve({ child, url: `http://127.0.0.1:${(message as { port: number }).port}/api/composio` }));
  });
}

function ask<T>(child: ChildProcess, message: string): Promise<T> {
  return new Promise((resolve) => {
    child.once('message', (answer) => resolve(answer as T));
    child.send(message);
  });
}

async function run(mode: 'memory' | 'redis', n: number, m: number, redisUrl: string, prefix: string) {
  const sim = createSimulator({});
  const upstream = { calls: 0, refused: 0 };
  const through = sim.fetch;
  Object.assign(sim, {
    fetch: async (request: Request) => {
      upstream.calls++;
      const response = await through(request);
      if (response.status === 429) upstream.refused++;
      return response;
    },
  });
  const server = await listen(sim, 0);
  const env = { SIM_URL: server.url, INSTANCES: String(n), PREFIX: prefix, ...(mode === 'redis' ? { REDIS_URL: redisUrl } : {}) };
  const instances = await Promise.all(Array.from({ length: n }, () => startInstance(env)));
  for (const instance of instances) instance.child.removeAllListeners('exit');

  const pick = zipf(m);
  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  const seen = new Set<number>();
  const send = async (customer: number, path: string, body: object) => {
    const instance = instances[Math.floor(Math.random() * n)];
    const started = performance.now();
    let status = 0;
    try {
      const response = await fetch(`${instance.url}/${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-customer': `customer-${customer}` },
        body: JSON.stringify(body),
      });
      await response.arrayBuffer();
      status = response.status;
    } catch {
      status = -1;
    }
    latencies.push(performance.now() - started);
    statuses.set(status, (statuses.get(status) ?? 0) + 1);
  };
  // what the usage page sends: the 30-day summary and daily series up to now, the insights of the
  // last 7 days and of the 7 before (by toolkit), the first log page
  const view = (customer: number) => {
    const now = Date.now();
    const today = Math.floor(now / DAY) * DAY;
    const from = today - 29 * DAY;
    const week = today - 6 * DAY;
    const insights = { time_zone: 'UTC', group_by: 'toolkit_slug' };
    return Promise.all([
      send(customer, 'usage/summary', { from, to: now }),
      send(customer, 'usage/tool_calls/series', { from, to: now, interval: 'day', time_zone: 'UTC' }),
      send(customer, 'usage/insights', { ...insights, from: week, to: now }),
      send(customer, 'usage/insights', { ...insights, from: week - 7 * DAY, to: week }),
      send(customer, 'logs/tool_execution', { limit: 50 }),
    ]);
  };

  const started = Date.now();
  const views: Promise<unknown>[] = [];
  for (let v = 0; v < SECONDS * RATE; v++) {
    const due = started + (v * 1000) / RATE;
    if (due > Date.now()) await new Promise((resolve) => setTimeout(resolve, due - Date.now()));
    const customer = pick();
    seen.add(customer);
    views.push(view(customer));
  }
  await Promise.all(views);
  const elapsedMin = (Date.now() - started) / 60_000;
  const stats = await Promise.all(
    instances.map((i) => ask<{ stats: { lookups: number; hits: number; fallbacks: number } }>(i.child, 'stats')),
  );
  const lookups = stats.reduce((s, x) => s + x.stats.lookups, 0);
  const hits = stats.reduce((s, x) => s + x.stats.hits, 0);
  const fallbacks = stats.reduce((s, x) => s + x.stats.fallbacks, 0);
  for (const instance of instances) instance.child.send('stop');
  await Promise.all(
    instances.map((i) => new Promise((resolve) => (i.child.exitCode !== null ? resolve(null) : i.child.once('exit', resolve)))),
  );
  await server.close();
  const errors = [...statuses].filter(([s]) => s !== 200 && s !== 429).reduce((sum, [, c]) => sum + c, 0);
  return {
    calls: upstream.calls,
    row: [
      mode,
      n,
      m,
      `${SECONDS * RATE} (${seen.size})`,
      upstream.calls,
      Math.round(upstream.calls / elapsedMin),
      upstream.refused,
      `${((100 * hits) / Math.max(1, lookups)).toFixed(1)} %`,
      percentile(latencies, 50).toFixed(0),
      percentile(latencies, 95).toFixed(0),
      statuses.get(429) ?? 0,
      errors,
      mode === 'redis' ? fallbacks : '–',
    ] as (string | number)[],
  };
}

const redis = await startRedis();
const rows: (string | number)[][] = [];
const ratios: (string | number)[][] = [];
let configs = 0;
try {
  for (const m of CUSTOMERS) {
    for (const n of INSTANCES) {
      const memory = await run('memory', n, m, redis.url, `scale${++configs}:`);
      const shared = await run('redis', n, m, redis.url, `scale${++configs}:`);
      rows.push(memory.row, shared.row);
      ratios.push([n, m, memory.calls, shared.calls, (memory.calls / Math.max(1, shared.calls)).toFixed(2)]);
      console.error(`done: N=${n} M=${m}`);
    }
  }
} finally {
  await redis.stop();
}

console.log(machine());
console.log(
  `${SECONDS} s per configuration, ${RATE} page views/s (3 requests each), stateless load balancing, Composio limit 2,000/min, BFF budget 1,500/min + 600/min per customer, Redis command timeout ${process.env.REDIS_TIMEOUT_MS ?? 250} ms\n`,
);
console.log(
  table(
    [
      'cache',
      'N instances',
      'M customers',
      'page views (distinct customers)',
      'upstream calls',
      'upstream calls/min',
      'upstream 429s',
      'BFF cache hits',
      'p50 ms',
      'p95 ms',
      '429s to clients',
      'other errors',
      'Redis fallbacks',
    ],
    rows,
  ),
);
console.log('');
console.log(table(['N instances', 'M customers', 'upstream calls, memory', 'upstream calls, Redis', 'memory ÷ Redis'], ratios));
