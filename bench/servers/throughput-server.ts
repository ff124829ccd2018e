/**
 * One server for bench/throughput.ts, in its own process: `bff` (createComposioHandler through
 * toNodeListener, upstream = the in-process simulator) or `bare` (a bare Hono app answering the same
 * JSON). Prints its URL on stdout.
 */
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createComposioHandler } from '../../src/server/index.ts';
import { toNodeListener } from '../../src/server/node.ts';
import { createSimulator } from '../../src/simulator/index.ts';

const NOW = Date.UTC(2026, 10, 23, 12);
const kind = process.argv[2];
const sim = createSimulator({ now: NOW, rateLimit: { limit: 1e9 } });
const handler = createComposioHandler({
  apiKey: 'sim_ak_demo',
  baseUrl: 'https://simulator.invalid',
  fetch: (input, init) => sim.fetch(new Request(input, init)),
  now: () => NOW,
  resolveScope: () => ({ userIds: ['globex-ops', 'globex-sales', 'globex-support'] }),
  budget: { perMinute: 1e9, perScopePerMinute: 1e9 },
});
const body = JSON.stringify({ from: NOW - 30 * 86_400_000, to: NOW - 86_400_000 });
const warm = await handler(new Request('http://bench/api/composio/usage/summary', { method: 'POST', body }));
const answer = await warm.text();

if (kind === 'bff') {
  const server = createServer(toNodeListener(handler)).listen(0, '127.0.0.1', () =>
    console.log(`http://127.0.0.1:${(server.address() as AddressInfo).port}`),
  );
} else {
  const app = new Hono();
  app.post('/api/composio/usage/summary', async (c) => {
    await c.req.text();
    return c.body(answer, 200, { 'content-type': 'application/json' });
  });
  serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => console.log(`http://127.0.0.1:${info.port}`));
}
