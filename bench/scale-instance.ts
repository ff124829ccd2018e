/**
 * One BFF instance for bench/scale.ts, in its own process: a handler on 127.0.0.1:0 in front of the
 * simulator at SIM_URL; with REDIS_URL, the shared store and budget (else per-process memory).
 * Tells its parent its port, answers 'stats' with its cache figures.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createComposioHandler } from '../src/server/index.ts';
import { toNodeListener } from '../src/server/node.ts';
import { connectRedis, createRedisStore, redisBudget } from '../src/server/redis.ts';

const { SIM_URL, REDIS_URL, PREFIX = 'bench:', INSTANCES = '1', REDIS_TIMEOUT_MS = '250' } = process.env;
const timeoutMs = Number(REDIS_TIMEOUT_MS);
const redis = REDIS_URL ? connectRedis(REDIS_URL, { commandTimeout: timeoutMs }) : undefined;
/** Times this instance fell back to its own memory (Redis failed or was slower than timeoutMs). */
let fallbacks = 0;
const onError = (error: unknown) => {
  if (/unavailable/.test(String((error as Error).message))) fallbacks++;
};
if (redis) await new Promise((resolve) => redis.once('ready', resolve));
const handler = createComposioHandler({
  apiKey: 'sim_ak_demo',
  baseUrl: SIM_URL,
  cursorSecret: 'bench-scale-secret-bench-scale-secret!',
  // one customer = one Composio user id, named by the load generator
  resolveScope: (request) => {
    const customer = request.headers.get('x-customer');
    return customer ? { userIds: [customer] } : null;
  },
  ...(redis
    ? {
        store: createRedisStore({ redis, prefix: PREFIX, timeoutMs, onError }),
        budget: redisBudget({ redis, prefix: PREFIX, timeoutMs, onError, instances: Number(INSTANCES) }),
      }
    : {}),
});
const server = createServer(toNodeListener(handler)).listen(0, '127.0.0.1', () => {
  process.send!({ port: (server.address() as AddressInfo).port });
});
process.on('message', (message) => {
  if (message === 'stats') process.send!({ stats: { ...handler.cacheStats, fallbacks } });
  if (message === 'stop') {
    redis?.disconnect();
    server.close();
    process.exit(0);
  }
});
