import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setupServer } from 'msw/node';
import { simulatorHandlers } from '../../src/simulator/msw.ts';
import { listen } from '../../src/simulator/node.ts';
import { call, NOW, ORG_KEY, PROJECT_KEY, smallSimulator } from './helpers.ts';

const SUMMARY = '/api/v3.1/project/usage/summary';

describe('simulator: auth', () => {
  const sim = smallSimulator();
  for (const [name, headers] of [
    ['missing', {}],
    ['wrong project key', { 'x-api-key': 'ak_wrong' }],
    ['wrong org key', { 'x-org-api-key': 'oak_wrong' }],
  ] as const) {
    it(`answers 401 with the envelope for a ${name} key`, async () => {
      const reply = await call(sim, SUMMARY, {}, headers);
      assert.equal(reply.status, 401);
      assert.deepEqual(Object.keys(reply.body), ['error']);
      assert.equal(reply.body.error.slug, 'Unauthorized');
      assert.equal(reply.body.error.code, 10401);
      assert.match(reply.body.error.message, /x-api-key/);
    });
  }

  it('accepts configured keys instead of the defaults', async () => {
    const custom = smallSimulator({ projectApiKeys: { ak_mine: 'proj_acme_staging' }, orgApiKeys: ['oak_mine'] });
    assert.equal((await call(custom, SUMMARY, {}, PROJECT_KEY)).status, 401);
    assert.equal((await call(custom, SUMMARY, {}, { 'x-api-key': 'ak_mine' })).status, 200);
    assert.equal((await call(custom, '/api/v3.1/org/usage/summary', {}, { 'x-org-api-key': 'oak_mine' })).status, 200);
    assert.equal((await call(custom, '/api/v3.1/org/usage/summary', {}, ORG_KEY)).status, 401);
  });
});

describe('simulator: rate limit', () => {
  it('sends the limit headers, then a bare 429 with Retry-After, per key and per fixed window', async () => {
    const sim = smallSimulator({ rateLimit: { limit: 3 } });
    const remaining: string[] = [];
    for (let i = 0; i < 3; i++) {
      const reply = await call(sim, SUMMARY, {});
      assert.equal(reply.status, 200);
      assert.equal(reply.headers.get('X-RateLimit'), '3');
      assert.equal(reply.headers.get('X-RateLimit-Window-Size'), '60s');
      remaining.push(reply.headers.get('X-RateLimit-Remaining')!);
    }
    assert.deepEqual(remaining, ['2', '1', '0']);
    const limited = await call(sim, SUMMARY, {});
    assert.equal(limited.status, 429);
    assert.deepEqual(Object.keys(limited.body), ['message'], 'bare body, not the envelope');
    assert.match(limited.body.message, /Rate limit exceeded\. Limit: 3 requests per 1 minutes/);
    const retryAfter = Number(limited.headers.get('Retry-After'));
    assert.ok(retryAfter >= 1 && retryAfter <= 60, `Retry-After ${retryAfter}`);
    assert.equal(limited.headers.get('X-RateLimit-Remaining'), '0');
    // another key has its own budget
    assert.equal((await call(sim, SUMMARY, {}, { 'x-api-key': 'sim_ak_staging' })).status, 200);
    // the window rolls over
    sim.advance(retryAfter * 1000);
    assert.equal((await call(sim, SUMMARY, {})).status, 200);
  });

  it('defaults to 2,000 requests per minute', async () => {
    const sim = smallSimulator({ rateLimit: undefined });
    const reply = await call(sim, SUMMARY, {});
    assert.equal(reply.headers.get('X-RateLimit'), '2000');
    assert.equal(reply.headers.get('X-RateLimit-Remaining'), '1999');
  });
});

describe('simulator: faults', () => {
  it('injects 5xx envelopes deterministically for a seed', async () => {
    const statuses = async () => {
      const sim = smallSimulator({ faults: { errorRate: 0.5, seed: 7 } });
      const out: number[] = [];
      for (let i = 0; i < 40; i++) out.push((await call(sim, SUMMARY, {})).status);
      return out;
    };
    const first = await statuses();
    assert.deepEqual(await statuses(), first, 'same seed, same fates');
    const errors = first.filter((s) => s >= 500);
    assert.ok(errors.length > 8 && errors.length < 32, `about half fail: ${errors.length}`);
    assert.ok(errors.every((s) => [500, 502, 503].includes(s)));
    const sim = smallSimulator({ faults: { errorRate: 1 } });
    const reply = await call(sim, SUMMARY, {});
    assert.equal(reply.body.error.status, reply.status);
  });

  it('cuts JSON short at the malformed rate', async () => {
    const sim = smallSimulator({ faults: { malformedRate: 1 } });
    const response = await sim.fetch(new Request(`https://x${SUMMARY}`, { method: 'POST', headers: PROJECT_KEY, body: '{}' }));
    assert.equal(response.status, 200);
    const text = await response.text();
    assert.throws(() => JSON.parse(text), SyntaxError);
  });

  it('never answers at the timeout rate, until the caller aborts', async () => {
    // Over a real socket: a Request built in-process follows its parent signal through a WeakRef
    // (undici), which GC may drop, so the abort is tested the way a BFF would meet it.
    const sim = smallSimulator({ faults: { timeoutRate: 1 } });
    const server = await listen(sim, 0);
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new DOMException('gave up', 'TimeoutError')), 150);
    const started = Date.now();
    try {
      await assert.rejects(
        fetch(`${server.url}${SUMMARY}`, { method: 'POST', headers: PROJECT_KEY, body: '{}', signal: controller.signal }),
        (error: Error) => error.name === 'TimeoutError',
      );
      assert.ok(Date.now() - started >= 140);
    } finally {
      clearTimeout(timer);
      await server.close();
    }
  });

  it('adds latency with jitter', async () => {
    const sim = smallSimulator({ faults: { latencyMs: 60, jitterMs: 20 } });
    const started = performance.now();
    await call(sim, SUMMARY, {});
    const elapsed = performance.now() - started;
    assert.ok(elapsed >= 55, `took ${elapsed} ms`);
  });

  it('can change faults at run time', async () => {
    const sim = smallSimulator();
    assert.equal((await call(sim, SUMMARY, {})).status, 200);
    sim.setFaults({ errorRate: 1 });
    assert.ok((await call(sim, SUMMARY, {})).status >= 500);
    sim.setFaults({});
    assert.equal((await call(sim, SUMMARY, {})).status, 200);
  });
});

describe('simulator: errors and stats', () => {
  it('answers unknown routes and bad JSON with the envelope, and counts requests by route', async () => {
    const sim = smallSimulator();
    const missing = await call(sim, '/api/v3.1/nothing/here', {});
    assert.equal(missing.status, 404);
    assert.equal(missing.body.error.slug, 'URLNotFound');
    const badJson = await call(sim, SUMMARY, '{"from": ');
    assert.equal(badJson.status, 400);
    assert.match(badJson.body.error.message, /JSON/);
    await call(sim, '/api/v3.1/logs/tool_execution/log_AAAAAAAAAAA');
    assert.equal(sim.stats.requests, 3);
    assert.equal(sim.stats.byRoute[`POST ${SUMMARY}`], 1);
    assert.equal(sim.stats.byRoute['GET /api/v3.1/logs/tool_execution/:id'], 1);
    sim.resetStats();
    assert.equal(sim.stats.requests, 0);
  });

  it('is deterministic for a seed and a clock', async () => {
    const page = async (seed: string) => (await call(smallSimulator({ seed }), '/api/v3.1/logs/tool_execution', { limit: 50 })).body.logs;
    assert.deepEqual(await page('a'), await page('a'));
    assert.notDeepEqual(await page('a'), await page('b'));
  });
});

describe('simulator: adapters', () => {
  it('serves through msw setupServer handlers (Node)', async () => {
    const sim = smallSimulator();
    const server = setupServer(...simulatorHandlers(sim));
    server.listen({ onUnhandledRequest: 'error' });
    try {
      const response = await fetch('https://backend.composio.dev/api/v3.1/project/usage/summary', {
        method: 'POST',
        headers: { ...PROJECT_KEY, 'content-type': 'application/json' },
        body: JSON.stringify({ to: NOW + 1 }),
      });
      assert.equal(response.status, 200);
      const body = await response.json();
      assert.ok(body.entities.tool_calls.event_count > 0);
      assert.equal(response.headers.get('X-RateLimit'), String(1e9));
    } finally {
      server.close();
    }
  });

  it('serves on a loopback HTTP port', async () => {
    const sim = smallSimulator({ faults: { timeoutRate: 0 } });
    const server = await listen(sim, 0);
    try {
      assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+$/);
      const response = await fetch(`${server.url}/api/v3.1/logs/tool_execution`, {
        method: 'POST',
        headers: { ...PROJECT_KEY, 'content-type': 'application/json' },
        body: JSON.stringify({ limit: 2 }),
      });
      assert.equal(response.status, 200);
      assert.equal((await response.json()).logs.length, 2);
    } finally {
      await server.close();
    }
  });
});
