// Several BFF instances sharing one real redis-server (started by the test, see redis-server.ts):
// one upstream call per cold query across all of them, one budget, cursors that need one secret,
// and answers that keep coming when Redis dies or stalls.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { Redis } from 'ioredis';
import { DEFAULT_BUDGET, type BudgetSettings } from '../../src/server/budget.ts';
import { createComposioHandler } from '../../src/server/index.ts';
import { connectRedis, createRedisStore, redisBudget, type RedisBudget, type RedisStore } from '../../src/server/redis.ts';
import type { Simulator } from '../../src/simulator/index.ts';
import { makeBff, NOW, SECRET } from './bff-helpers.ts';
import { DAY, smallSimulator } from './helpers.ts';
import { startRedis, waitFor, type RedisServer } from './redis-server.ts';

const clients: Redis[] = [];
const servers: RedisServer[] = [];
let redis: RedisServer;

before(async () => {
  redis = await startRedis();
  servers.push(redis);
});
after(async () => {
  for (const client of clients) client.disconnect();
  for (const server of servers) await server.stop();
});

/**
 * A client as an instance would have one (connectRedis: no offline queue), once connected. Command
 * timeouts are 2 s unless a test is about them: on a busy CI machine 250 ms can pass without Redis
 * being slow, and a fallback would (rightly) make a second upstream call.
 */
async function client(server = redis, timeoutMs = 2_000): Promise<Redis> {
  const created = connectRedis(server.url, { commandTimeout: timeoutMs });
  clients.push(created);
  await waitFor(() => created.status === 'ready', 'the client is connected');
  return created;
}

let prefixes = 0;
interface Instance extends ReturnType<typeof makeBff> {
  store: RedisStore;
  budget?: RedisBudget;
  reports: string[];
}

/** `n` BFF instances in front of one simulator, each with its own Redis client, sharing one key prefix. */
async function fleet(
  n: number,
  options: { sim?: Simulator; budget?: Partial<BudgetSettings>; server?: RedisServer; timeoutMs?: number } = {},
) {
  const timeoutMs = options.timeoutMs ?? 2_000;
  const sim = options.sim ?? smallSimulator();
  const prefix = `t${++prefixes}:`;
  const instances: Instance[] = [];
  for (let i = 0; i < n; i++) {
    const connection = await client(options.server, timeoutMs);
    const reports: string[] = [];
    const onError = (error: unknown) => reports.push(String((error as Error).message));
    const store = createRedisStore({ redis: connection, prefix, onError, timeoutMs });
    // instances: n — while Redis is away (or a command times out on a busy machine) each spends at most 1/n
    const budget = options.budget
      ? redisBudget({ redis: connection, prefix, onError, timeoutMs, instances: n, ...options.budget })
      : undefined;
    const bff = makeBff({ simulator: sim, handler: { store, ...(budget ? { budget } : {}) } });
    instances.push({ ...bff, store, budget, reports });
  }
  return { sim, prefix, instances };
}

const closed = (i = 0) => ({ from: NOW - 10 * DAY - i * 60_000, to: NOW - 5 * DAY });
/** A year of days with a random session filter: every request misses every cache. */
const costly = (i: number) => ({
  from: NOW - 365 * DAY,
  to: NOW,
  interval: 'day',
  time_zone: 'UTC',
  filters: { session_id: [`trs_random_${i}`] },
});

describe('BFF instances sharing Redis', () => {
  it('100 concurrent identical cold requests spread over 3 instances make one upstream call', async () => {
    const { sim, instances } = await fleet(3);
    sim.resetStats();
    const replies = await Promise.all(Array.from({ length: 100 }, (_, i) => instances[i % 3].post('usage/summary', closed())));
    assert.deepEqual(new Set(replies.map((r) => r.status)), new Set([200]));
    assert.equal(new Set(replies.map((r) => r.text)).size, 1, 'every instance answers the same');
    assert.equal(sim.stats.requests, 1, 'one upstream call for all instances');
    const stats = instances.map((i) => i.handler.cacheStats);
    assert.deepEqual(
      [stats.reduce((n, s) => n + s.lookups, 0), stats.reduce((n, s) => n + s.hits, 0)],
      [100, 99],
      'cacheStats: 99 of 100 lookups were hits',
    );

    // the control: the same load on per-process memory caches costs one call per instance
    const sim2 = smallSimulator();
    const alone = [0, 1, 2].map(() => makeBff({ simulator: sim2 }));
    await Promise.all(Array.from({ length: 100 }, (_, i) => alone[i % 3].post('usage/summary', closed())));
    assert.equal(sim2.stats.requests, 3);
  });

  it('a value one instance fetched is served by the others from Redis; keys hold no API key', async () => {
    const { sim, prefix, instances } = await fleet(2);
    const [a, b] = instances;
    const series = { from: NOW - 20 * DAY, to: NOW - 10 * DAY, interval: 'day', time_zone: 'UTC' };
    sim.resetStats();
    assert.equal((await a.post('usage/tool_calls/series', series)).status, 200);
    const cold = sim.stats.requests;
    assert.ok(cold >= 10, `at least one call per closed day, made ${cold}`);
    assert.equal((await b.post('usage/tool_calls/series', series)).status, 200);
    assert.equal(sim.stats.requests, cold, 'the other instance asked nobody upstream');
    const keys = await (await client()).keys(`${prefix}*`);
    assert.ok(keys.length >= 10, `${keys.length} keys`);
    assert.ok(!keys.some((key) => key.includes('sim_ak_demo')), 'no key holds the API key');
    assert.ok(
      keys.every((key) => key.length < 300),
      'long keys are hashed',
    );
  });

  it('insights: 20 concurrent cold requests over 2 instances read the logs once; a third instance reads nothing', async () => {
    const { sim, instances } = await fleet(3);
    const [a, b, c] = instances;
    const body = { from: NOW - 10 * DAY, to: NOW - 2 * DAY, time_zone: 'UTC' };
    const alone = makeBff({ simulator: sim });
    sim.resetStats();
    const control = await alone.post('usage/insights', body);
    const oneScan = sim.stats.requests;
    sim.resetStats();
    const replies = await Promise.all(Array.from({ length: 20 }, (_, i) => [a, b][i % 2].post('usage/insights', body)));
    assert.deepEqual(new Set(replies.map((r) => r.status)), new Set([200]));
    assert.deepEqual(replies[0].body.totals, control.body.totals);
    assert.equal(
      sim.stats.requests,
      oneScan,
      `${sim.stats.requests} upstream calls for 20 requests over 2 instances; one scan is ${oneScan}`,
    );
    sim.resetStats();
    assert.deepEqual((await c.post('usage/insights', body)).body.totals, control.body.totals);
    assert.equal(sim.stats.requests, 0, 'the aggregates are in Redis');
  });

  it('an entry under our key that is not ours (not our JSON) is a miss, never a 500', async () => {
    const { sim, prefix, instances } = await fleet(2);
    const [a, b] = instances;
    assert.equal((await a.post('usage/summary', closed(7))).status, 200);
    const redisClient = await client();
    const keys = await redisClient.keys(`${prefix}v:*`);
    assert.equal(keys.length, 1);
    await redisClient.set(keys[0], 'not json', 'PX', 60_000);
    sim.resetStats();
    const reply = await b.post('usage/summary', closed(7));
    assert.equal(reply.status, 200, reply.text);
    assert.equal(sim.stats.requests, 1, 'asked upstream again');
  });

  it('the same query from two customers is two entries: the scope is in the key, never shared', async () => {
    const { sim, instances } = await fleet(2);
    const [a, b] = instances;
    sim.resetStats();
    const globex = await a.post('usage/summary', closed(11), { 'x-test-users': 'globex-ops,globex-sales' });
    const hooli = await b.post('usage/summary', closed(11), { 'x-test-users': 'hooli_prod' });
    assert.equal(sim.stats.requests, 2, 'one upstream call per customer');
    assert.notDeepEqual(globex.body, hooli.body, 'each got its own figures');
    assert.deepEqual((await b.post('usage/summary', closed(11), { 'x-test-users': 'globex-sales,globex-ops' })).body, globex.body);
    assert.equal(sim.stats.requests, 2, 'the same scope on another instance is a hit');
  });

  it('a shared log detail is still shown only to its owner, on any instance', async () => {
    const { sim, instances } = await fleet(2);
    const [a, b] = instances;
    const list = await a.post('logs/tool_execution', { limit: 1 }, { 'x-test-users': 'globex-ops' });
    const id = list.body.logs[0].id as string;
    sim.resetStats();
    assert.equal((await a.get(`logs/tool_execution/${id}`, { 'x-test-users': 'globex-ops' })).status, 200);
    assert.equal((await b.get(`logs/tool_execution/${id}`, { 'x-test-users': 'globex-ops' })).status, 200);
    assert.equal(sim.stats.requests, 1, 'the owner on another instance is a hit');
    assert.equal((await b.get(`logs/tool_execution/${id}`, { 'x-test-users': 'hooli_prod' })).status, 404, 'another customer is refused');
    assert.equal(sim.stats.requests, 2, 'and asks upstream as for an unknown id: the owner’s entry never answers it');
    assert.equal((await a.get(`logs/tool_execution/${id}`, { 'x-test-users': 'hooli_prod' })).status, 404);
    assert.equal(sim.stats.requests, 2, 'its own entry answers it on every instance');
  });

  it('a lock whose holder dies expires, and a waiting instance takes over', async () => {
    const [one, two] = [
      createRedisStore({ redis: await client(), prefix: 'lock:', timeoutMs: 2_000 }),
      createRedisStore({ redis: await client(), prefix: 'lock:', timeoutMs: 2_000 }),
    ];
    const token = await one.acquire('k', 300);
    assert.ok(token);
    assert.equal(await two.acquire('k', 300), undefined, 'held by the other instance');
    const started = Date.now();
    assert.equal(await two.waitFor('k', 5_000), undefined, 'no value: the holder never stored one');
    assert.ok(Date.now() - started >= 250, 'waited for the lock to expire');
    const mine = await two.acquire('k', 1_000);
    assert.ok(mine, 'the waiter proceeds');
    // and a holder that does store a value wakes the waiter with it
    const waiting = one.waitFor('k', 5_000);
    await two.set('k', '{"v":1}', 10_000);
    await two.release('k', mine);
    assert.equal(await waiting, '{"v":1}');
  });

  it('one budget across instances: the organisation’s limit holds for their sum', async () => {
    const { sim, instances } = await fleet(2, { budget: { perMinute: 50, perScopePerMinute: 30 } });
    sim.resetStats();
    const customers = ['globex-ops', 'hooli_prod', 'initech-1', 'umbrella-1'];
    const got = await Promise.all(
      customers.map((user, i) => instances[i % 2].post('usage/tool_calls/series', costly(i), { 'x-test-users': user })),
    );
    assert.ok(sim.stats.requests <= 50, `spent ${sim.stats.requests} of the organisation's 50 over two instances`);
    assert.ok(sim.stats.requests > 30, 'more than one customer was served');
    assert.ok(got.some((r) => r.status === 429 && /on this server/.test(r.body.error.message)));
  });

  it('a customer over its share gets 429 + Retry-After on every instance while another is served', async () => {
    const { sim, instances } = await fleet(2, { budget: { perMinute: 1_000, perScopePerMinute: 40 } });
    sim.resetStats();
    let refused: Awaited<ReturnType<Instance['post']>> | undefined;
    for (let i = 0; i < 10 && !refused; i++) {
      const got = await instances[i % 2].post(
        'usage/tool_calls/series',
        { ...costly(i), from: NOW - 30 * DAY },
        { 'x-test-users': 'globex-ops' },
      );
      if (got.status === 429) refused = got;
    }
    assert.ok(refused, 'the share is spent');
    assert.match(refused.body.error.message, /for this account/);
    assert.ok(Number(refused.headers.get('retry-after')) >= 1);
    assert.ok(sim.stats.requests <= 40, `the attacker spent ${sim.stats.requests} of its 40 across both instances`);
    for (const instance of instances)
      assert.equal((await instance.post('usage/summary', closed(), { 'x-test-users': 'hooli_prod' })).status, 200);
  });

  it('the reserve across 2 instances: three heavy customers get perMinute − reserve in all; a fourth’s 100-call page is served in full', async () => {
    const { sim, instances } = await fleet(2, { budget: {} });
    sim.resetStats();
    const heavy = ['globex-ops', 'initech-1', 'umbrella-1'];
    const refusals = await Promise.all(
      heavy.map(async (user, u) => {
        // each asks for more than its 600-call share, alternating instances
        for (let i = 0; i < 6; i++) {
          const got = await instances[i % 2].post('usage/tool_calls/series', costly(100 * u + i), { 'x-test-users': user });
          if (got.status === 429) return got;
          assert.equal(got.status, 200, got.text);
        }
        return undefined;
      }),
    );
    const heavySpent = sim.stats.requests;
    const page = (tag: string) => ({ ...costly(0), from: NOW - 99 * DAY, filters: { session_id: [`trs_page_${tag}`] } });
    const light: number[] = [];
    for (const [i, user] of ['hooli_prod', 'acme-1'].entries()) {
      const before = sim.stats.requests;
      const got = await instances[i].post('usage/tool_calls/series', page(user), { 'x-test-users': user });
      assert.equal(got.status, 200, `${user} is served: ${got.text}`);
      light.push(sim.stats.requests - before);
    }
    console.log(
      `reserve on Redis, 2 instances: three heavy customers spent ${heavySpent}; then two light pages: ${light.join(', ')} calls`,
    );
    const reports = instances.flatMap((i) => i.reports);
    assert.deepEqual(reports, [], 'Redis answered every command (no local fallback)');
    assert.equal(heavySpent, DEFAULT_BUDGET.perMinute - DEFAULT_BUDGET.reservePerMinute, 'heavy customers stop at 1,200 in all');
    for (const refused of refusals) {
      assert.equal(refused?.status, 429);
      assert.match(refused.body.error.message, /for this account/);
      assert.ok(Number(refused.headers.get('retry-after')) >= 1);
    }
    assert.deepEqual(light, [100, 100], 'each light page in full, on either instance');
    assert.ok(sim.stats.requests <= DEFAULT_BUDGET.perMinute, `${sim.stats.requests} calls in the minute`);
  });

  it('redisBudget refuses a reserve not below perMinute, or a light threshold above the share, when created', async () => {
    const redisClient = await client();
    assert.throws(
      () => redisBudget({ redis: redisClient, perMinute: 100, reservePerMinute: 100 }),
      /^Error: redisBudget: reservePerMinute/,
    );
    assert.throws(
      () => redisBudget({ redis: redisClient, perScopePerMinute: 100, lightPerMinute: 101 }),
      /^Error: redisBudget: lightPerMinute/,
    );
  });

  it('refuses to start with a shared store but no cursorSecret (cursors must verify on every instance)', async () => {
    const store = createRedisStore({ redis: await client() });
    const options = { apiKey: 'sim_ak_demo', resolveScope: () => ({ userIds: ['u'] }), store };
    assert.throws(() => createComposioHandler(options), /shared store.*cursorSecret/);
    assert.doesNotThrow(() => createComposioHandler({ ...options, cursorSecret: SECRET }));
  });
});

it('ioredis is imported by the server/redis entry only (an optional peer)', () => {
  const dir = new URL('../../src/server/', import.meta.url);
  const importers = readdirSync(dir).filter((file) => /from 'ioredis'/.test(readFileSync(new URL(file, dir), 'utf8')));
  assert.deepEqual(importers, ['redis.ts']);
  assert.doesNotMatch(readFileSync(new URL('index.ts', dir), 'utf8'), /redis/);
});

describe('BFF when Redis dies or stalls', () => {
  it('answers from upstream while Redis is killed, reports once, and shares again once it is back', async () => {
    const server = await startRedis();
    servers.push(server);
    const { sim, instances } = await fleet(2, { server, budget: { perMinute: 1_000, perScopePerMinute: 600 } });
    const [a, b] = instances;
    let i = 0;
    const round = () => Promise.all(Array.from({ length: 20 }, () => instances[i % 2].post('usage/summary', closed(++i))));
    assert.deepEqual(new Set((await round()).map((r) => r.status)), new Set([200]));

    // killed mid-run: requests in flight and after it still answer 200
    const during = round();
    await server.kill();
    const after = await round();
    for (const reply of [...(await during), ...after]) assert.equal(reply.status, 200, reply.text);
    assert.ok(!a.store.healthy && !b.store.healthy);
    for (const instance of instances) {
      assert.equal(instance.reports.filter((r) => /unavailable/.test(r)).length, 1, `reported once: ${instance.reports.join(' | ')}`);
    }

    await server.restart();
    await waitFor(() => a.store.healthy && b.store.healthy && a.budget!.healthy && b.budget!.healthy, 'both instances are back on Redis');
    assert.ok(a.reports.some((r) => /available again/.test(r)));
    sim.resetStats();
    const fresh = { from: NOW - 40 * DAY, to: NOW - 35 * DAY };
    assert.equal((await a.post('usage/summary', fresh)).status, 200);
    assert.equal((await b.post('usage/summary', fresh)).status, 200);
    assert.equal(sim.stats.requests, 1, 'the value one instance stored after recovery is seen by the other');
  });

  it('every route keeps answering 200 when Redis is killed mid-run: usage, insights, log pages and details', async () => {
    const server = await startRedis();
    servers.push(server);
    const { instances } = await fleet(2, { server, budget: { perMinute: 100_000, perScopePerMinute: 100_000 } });
    const window = { from: NOW - 7 * DAY, to: NOW };
    const first = await instances[0].post('logs/tool_execution', { limit: 20, time_range: window });
    assert.equal(first.status, 200, first.text);
    const { logs, next_cursor: cursor } = first.body;
    let n = 0;
    // new windows each round (cold: upstream and the store are asked), and what is cached already
    const round = () =>
      Promise.all(
        Array.from({ length: 12 }, (_, i) => {
          const bff = instances[++n % 2];
          const shift = n * 60_000;
          if (i % 6 === 0) return bff.post('usage/summary', { from: NOW - 20 * DAY - shift, to: NOW - 5 * DAY });
          if (i % 6 === 1)
            return bff.post('usage/tool_calls/series', { from: NOW - 8 * DAY - shift, to: NOW - DAY, interval: 'day', time_zone: 'UTC' });
          if (i % 6 === 2) return bff.post('usage/insights', { from: NOW - 6 * DAY - 60 * shift, to: NOW - 2 * DAY, time_zone: 'UTC' });
          if (i % 6 === 3) return bff.post('logs/tool_execution', { limit: 20, time_range: window });
          if (i % 6 === 4) return bff.post('logs/tool_execution', { limit: 20, cursor, time_range: window });
          return bff.get(`logs/tool_execution/${logs[n % logs.length].id}`);
        }),
      );
    const replies = await round();
    const during = round();
    await server.kill();
    replies.push(...(await during), ...(await round()), ...(await round()));
    for (const reply of replies) assert.equal(reply.status, 200, reply.text);
    assert.ok(
      instances.every((i) => !i.store.healthy),
      'Redis was gone',
    );
  });

  it('while Redis is away each instance spends its share only, and what it spent is counted once Redis is back', async () => {
    const server = await startRedis();
    servers.push(server);
    const { sim, instances } = await fleet(2, { server, budget: { perMinute: 40, perScopePerMinute: 1_000 } });
    await server.kill();
    await waitFor(() => instances.every((i) => !i.budget!.healthy), 'both instances see Redis gone');
    sim.resetStats();
    let n = 0;
    const spendAll = async () => {
      for (const instance of instances) {
        for (let i = 0; i < 3; i++) await instance.post('usage/tool_calls/series', costly(1_000 + n++), { 'x-test-users': `c${n}` });
      }
    };
    await spendAll();
    assert.equal(sim.stats.requests, 40, 'each of 2 instances spent its 20 of the 40 (perMinute / instances)');

    assert.ok(
      instances.every((i) => i.budget!.unsynced > 0),
      'both spent while Redis was away',
    );
    // checked before the restart: an instance may reconnect and sync before restart() returns
    await server.restart();
    await waitFor(
      () => instances.every((i) => i.budget!.healthy && i.budget!.unsynced === 0),
      'both instances added their spending to Redis',
    );
    await spendAll();
    assert.equal(sim.stats.requests, 40, "the organisation's 40 a minute held over the outage");
  });

  it('while Redis is away the reserve still holds on each instance: heavy customers stop at its share of perMinute − reserve, a light page is served in full', async () => {
    const server = await startRedis();
    servers.push(server);
    const { sim, instances } = await fleet(2, { server, budget: {} });
    await server.kill();
    await waitFor(async () => {
      await instances[0].post('usage/summary', closed(900)); // a command finds Redis gone
      return !instances[0].budget!.healthy;
    }, 'the instance sees Redis gone');
    const probes = sim.stats.requests; // spent from the local budget too
    sim.resetStats();
    const [a] = instances;
    const refusals = await Promise.all(
      ['globex-ops', 'initech-1', 'umbrella-1'].map(async (user, u) => {
        for (let i = 0; i < 6; i++) {
          const got = await a.post('usage/tool_calls/series', costly(500 + 100 * u + i), { 'x-test-users': user });
          if (got.status === 429) return got.status;
          assert.equal(got.status, 200, got.text);
        }
        return 200;
      }),
    );
    const heavySpent = sim.stats.requests;
    const page = { ...costly(0), from: NOW - 99 * DAY, filters: { session_id: ['trs_page_outage'] } };
    const got = await a.post('usage/tool_calls/series', page, { 'x-test-users': 'hooli_prod' });
    assert.equal(got.status, 200, `the light customer is served: ${got.text}`);
    const { perMinute, reservePerMinute } = DEFAULT_BUDGET;
    assert.deepEqual(refusals, [429, 429, 429], 'every heavy customer was refused in the end');
    assert.equal(heavySpent + probes, (perMinute - reservePerMinute) / 2, "heavy customers stop at this instance's half of 1,200");
    assert.equal(sim.stats.requests - heavySpent, 100, 'the light page in full, from the reserve');
    assert.ok(sim.stats.requests <= perMinute / 2, `${sim.stats.requests} calls: within this instance's half of the minute`);
  });

  it('a sync that fails right after Redis is back is tried again a second later, with no reconnection to prompt it', async () => {
    const server = await startRedis();
    servers.push(server);
    const connection = await client(server);
    const budget = redisBudget({ redis: connection, prefix: `t${++prefixes}:`, onError: () => undefined });
    await server.kill();
    for (let i = 0; i < 3; i++) await budget.spend('c1'); // spent locally: Redis is gone
    assert.ok(budget.unsynced > 0, 'spent while Redis was away');
    // the first counting command after the reconnection fails, as a slow first answer would
    const counted = connection as unknown as { rlflxIncr: (args: string[]) => Promise<unknown> };
    const count = counted.rlflxIncr.bind(connection);
    let injected = 0;
    counted.rlflxIncr = (args) => (injected++ === 0 ? Promise.reject(new Error('injected: no answer in time')) : count(args));
    await server.restart();
    await waitFor(() => injected > 0, 'the sync on reconnection was tried');
    await waitFor(() => budget.healthy && budget.unsynced === 0, 'the failed sync was tried again and added the spending to Redis');
    await budget.close();
  });

  it('a stalled Redis (SIGSTOP) costs at most its command timeout, never an error', async () => {
    const server = await startRedis();
    servers.push(server);
    const { instances } = await fleet(1, { server, timeoutMs: 250, budget: { perMinute: 1_000, perScopePerMinute: 600 } });
    const [a] = instances;
    server.pause();
    try {
      for (let i = 0; i < 5; i++) {
        const started = Date.now();
        const reply = await a.post('usage/summary', closed(100 + i));
        assert.equal(reply.status, 200, reply.text);
        assert.ok(Date.now() - started < 2_000, `answered in ${Date.now() - started} ms`);
      }
      assert.equal(a.reports.filter((r) => /unavailable/.test(r)).length, 1);
    } finally {
      server.resume();
    }
    // a stall has no reconnection to announce the end: the next commands find out
    let probe = 200;
    await waitFor(
      async () => (await a.post('usage/summary', closed(probe++))).status === 200 && a.store.healthy,
      'the instance is back on Redis',
    );
  });
});
