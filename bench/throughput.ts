/**
 * BFF cache-hit throughput: requests a second for a cached `POST usage/summary` through
 * createComposioHandler + toNodeListener, beside a bare Hono app answering the same JSON, each
 * server in its own process pinned to one core (taskset, when present), autocannon (50
 * connections, 10 s) from this process. The ratio is the figure.
 * Run: npm run bench -- throughput
 */
import autocannon from 'autocannon';
import { spawn, spawnSync } from 'node:child_process';
import { machine, table } from './stats.ts';

const NOW = Date.UTC(2026, 10, 23, 12);
const body = JSON.stringify({ from: NOW - 30 * 86_400_000, to: NOW - 86_400_000 });
const pin = spawnSync('taskset', ['--version']).status === 0;

async function measure(kind: 'bff' | 'bare'): Promise<number> {
  const args = ['--import', 'tsx', 'bench/servers/throughput-server.ts', kind];
  const child = pin ? spawn('taskset', ['-c', '0', process.execPath, ...args]) : spawn(process.execPath, args);
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => resolve(chunk.toString().trim()));
    child.on('exit', (code) => reject(new Error(`${kind} server exited (${code})`)));
  });
  const result = await autocannon({
    url: `${url}/api/composio/usage/summary`,
    method: 'POST',
    body,
    headers: { 'content-type': 'application/json' },
    connections: 50,
    duration: 10,
  });
  child.kill();
  if (result.non2xx) throw new Error(`${kind}: ${result.non2xx} answers were not 2xx`);
  return result.requests.average;
}

const bare = await measure('bare');
const bff = await measure('bff');
console.log(machine());
console.log(`servers pinned to one core: ${pin ? 'yes (taskset -c 0)' : 'no'}`);
console.log(
  table(
    ['cached POST usage/summary', 'req/s (mean of 10 s)', 'ratio to bare Hono'],
    [
      ['bare Hono app, same JSON', bare.toFixed(0), '1.00'],
      ['createComposioHandler + toNodeListener', bff.toFixed(0), (bff / bare).toFixed(2)],
    ],
  ),
);
