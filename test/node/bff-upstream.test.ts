import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BffClient, BffRequestError } from '../../src/client/bff-client.ts';
import { makeBff, NOW } from './bff-helpers.ts';

const DAY = 86_400_000;
const SERIES = { from: NOW - 30 * DAY, to: NOW, interval: 'day', time_zone: 'Europe/Berlin' };

describe('BFF upstream economy (counted at the simulator)', () => {
  it('100 concurrent identical requests → 1 upstream call', async () => {
    for (const [path, body] of [
      ['usage/summary', { from: NOW - 7 * DAY, to: NOW }],
      ['usage/tool_calls', { group_by: 'toolkit_slug' }],
      ['logs/tool_execution', { limit: 50, filters: [{ field: 'user_id', operator: '==', value: 'globex-ops' }] }],
    ] as const) {
      const bff = makeBff();
      const replies = await Promise.all(Array.from({ length: 100 }, () => bff.post(path, body)));
      assert.ok(replies.every((r) => r.status === 200));
      assert.ok(
        replies.every((r) => r.text === replies[0].text),
        'all 100 see the same answer',
      );
      assert.equal(bff.sim.stats.requests, 1, `${path}: ${JSON.stringify(bff.sim.stats.byRoute)}`);
    }
  });

  it('a warm 30-day daily series costs ≤ 1 upstream call: only the open bucket is refreshed', async () => {
    const bff = makeBff();
    const cold = await bff.post('usage/tool_calls/series', SERIES);
    assert.equal(cold.status, 200);
    assert.equal(bff.sim.stats.requests, cold.body.buckets.length, 'one call per bucket when cold');
    bff.sim.resetStats();
    const warm = await bff.post('usage/tool_calls/series', SERIES);
    assert.equal(bff.sim.stats.requests, 0, 'nothing while the open bucket is fresh');
    assert.deepEqual(warm.body, cold.body);
    bff.sim.advance(45_000); // past the open bucket's 30 s TTL
    const later = await bff.post('usage/tool_calls/series', SERIES);
    assert.equal(later.status, 200);
    assert.equal(bff.sim.stats.requests, 1, JSON.stringify(bff.sim.stats.byRoute));
  });

  it('keeps at most 6 upstream calls in flight for one series', async () => {
    let inFlight = 0;
    let peak = 0;
    const bff = makeBff();
    const counting = makeBff({
      handler: {
        fetch: async (input, init) => {
          peak = Math.max(peak, ++inFlight);
          await new Promise((resolve) => setTimeout(resolve, 5));
          try {
            return await bff.sim.fetch(new Request(input, init));
          } finally {
            inFlight--;
          }
        },
      },
    });
    assert.equal((await counting.post('usage/tool_calls/series', SERIES)).status, 200);
    assert.equal(peak, 6);
  });

  it('10,000 distinct queries keep the cache within its entry and byte bounds', async () => {
    // 10,000 cold queries in a second: lift the budget (tested on its own), this is about the cache
    const bff = makeBff({ handler: { cache: { maxEntries: 300, maxBytes: 40_000 }, budget: { perMinute: 1e9, perScopePerMinute: 1e9 } } });
    for (let i = 0; i < 10_000; i++) {
      const reply = await bff.post('usage/summary', { from: NOW - 7 * DAY - i * 60_000, to: NOW - DAY, entity_types: ['tool_calls'] });
      assert.equal(reply.status, 200);
      const size = bff.handler.cacheSize;
      assert.ok(size.entries <= 300 && size.bytes <= 40_000, JSON.stringify(size));
    }
    assert.ok(bff.handler.cacheSize.entries > 100, 'the cache was in use');
    assert.equal(bff.sim.stats.requests, 10_000);
  });
});

describe('BFF under upstream faults (injected by the simulator)', () => {
  it('waits out a short 429 Retry-After and succeeds', async () => {
    // the simulator's clock starts at a window's start, so the three calls share one 1 s window
    // (on Date.now() itself they straddled a boundary about one run in forty, and none was refused)
    const started = Date.now();
    const windowStart = Math.ceil(started / 1_000) * 1_000;
    const bff = makeBff({ sim: { now: () => windowStart + (Date.now() - started), rateLimit: { limit: 2, windowMs: 1_000 } } });
    const replies = [];
    const base = Date.now();
    for (let i = 0; i < 3; i++) replies.push(await bff.post('usage/summary', { from: base - DAY - i * 1000, to: base - i * 1000 }));
    assert.deepEqual(
      replies.map((r) => r.status),
      [200, 200, 200],
    );
    assert.equal(bff.sim.stats.requests, 4, 'one 429, then the retry');
  });

  it('hands a long Retry-After to the browser as a 429 envelope with Retry-After', async () => {
    const bff = makeBff({ sim: { rateLimit: { limit: 1 } } });
    assert.equal((await bff.post('usage/summary', { to: NOW })).status, 200);
    const limited = await bff.post('usage/summary', { to: NOW - 1 });
    assert.equal(limited.status, 429);
    assert.deepEqual(Object.keys(limited.body), ['error'], 'normalised into the envelope');
    assert.equal(limited.body.error.slug, 'RateLimitExceeded');
    const retryAfter = Number(limited.headers.get('retry-after'));
    assert.ok(retryAfter > 5 && retryAfter <= 60, `Retry-After ${retryAfter}`);
    assert.equal(limited.headers.get('x-ratelimit-remaining'), null, 'upstream headers are not passed on');
  });

  it('retries 5xx with backoff, then answers 502 with the envelope', async () => {
    const bff = makeBff({ sim: { faults: { errorRate: 1 } } });
    const got = await bff.post('usage/summary', {});
    assert.equal(got.status, 502);
    assert.match(got.body.error.message, /Composio is unavailable \(HTTP 50[023]\)/);
    assert.equal(bff.sim.stats.requests, 3, 'first try + 2 retries');
    const flaky = makeBff({ sim: { faults: { errorRate: 0.3, seed: 3 } } });
    const statuses = [];
    for (let i = 0; i < 20; i++) statuses.push((await flaky.post('usage/summary', { to: NOW - i })).status);
    assert.ok(statuses.filter((s) => s === 200).length >= 18, `retries hide transient errors: ${statuses}`);
    assert.ok(flaky.sim.stats.requests > 20);
  });

  it('times out a silent upstream with a 504 instead of hanging', async () => {
    const bff = makeBff({ sim: { faults: { timeoutRate: 1 } }, handler: { upstream: { timeoutMs: 80, retries: 1, backoffMs: 1 } } });
    const started = Date.now();
    const got = await bff.post('usage/summary', {});
    assert.equal(got.status, 504);
    assert.match(
      got.body.error.message,
      /did not answer in time: 2 attempts over \d+ ms \(each waits at most 80 ms, all of them 12000 ms\)/,
    );
    assert.ok(Date.now() - started < 2_000);
  });

  it('ends all attempts of a silent upstream by the deadline, however many retries are allowed', async () => {
    const bff = makeBff({
      sim: { faults: { timeoutRate: 1 } },
      handler: { upstream: { timeoutMs: 10_000, retries: 5, backoffMs: 1, deadlineMs: 300 } },
    });
    const started = Date.now();
    const got = await bff.post('usage/summary', {});
    assert.equal(got.status, 504);
    assert.ok(Date.now() - started < 1_500, `answered after ${Date.now() - started} ms`);
    // the message names the deadline, not the last attempt's remainder of it
    assert.match(got.body.error.message, /all of them 300 ms\)$/);
  });

  it('with every default, the browser’s client shows a hung upstream as an error within 15 s, in one BFF request', async () => {
    // makeBff shortens the backoff; `upstream: {}` restores every default
    const bff = makeBff({ sim: { faults: { timeoutRate: 1 } }, handler: { upstream: {} } });
    let bffRequests = 0;
    const client = new BffClient({
      endpoint: 'http://app.test/api/composio',
      maxRetryAfterMs: 0, // as the elements configure it
      fetch: (input, init) => (bffRequests++, bff.handler(new Request(input, init))),
    });
    const started = Date.now();
    const error = await client.post('usage/summary', {}).catch((e: unknown) => e);
    const seconds = (Date.now() - started) / 1000;
    console.log(`hung upstream, defaults: an error after ${seconds.toFixed(1)} s, ${bff.sim.stats.requests} upstream attempts`);
    assert.ok(error instanceof BffRequestError);
    assert.equal(error.status, 504);
    assert.ok(seconds < 15, `shown after ${seconds} s`);
    assert.equal(bffRequests, 1, 'the browser does not retry what the BFF already retried');
    assert.ok(bff.sim.stats.requests <= 3, `${bff.sim.stats.requests} upstream attempts`);
  });

  it('answers 502 for malformed upstream JSON after retrying', async () => {
    const bff = makeBff({ sim: { faults: { malformedRate: 1 } } });
    const got = await bff.post('logs/tool_execution', {}, { 'x-test-users': 'hooli_prod' });
    assert.equal(got.status, 502);
    assert.match(got.body.error.message, /malformed/);
    assert.equal(bff.sim.stats.requests, 3);
  });

  it('answers 502 (not 401) when Composio rejects the server’s key, and never echoes the key', async () => {
    const bff = makeBff({ handler: { apiKey: 'ak_live_supersecret' } });
    const got = await bff.post('usage/summary', {});
    assert.equal(got.status, 502);
    assert.match(got.body.error.suggested_fix, /key/);
    assert.doesNotMatch(got.text, /supersecret/);
    assert.equal(bff.sim.stats.requests, 1, 'no retry on 401');
  });
});
