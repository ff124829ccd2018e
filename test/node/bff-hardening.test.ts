// Hardening: fail-closed scopes, validated log windows, embed tokens that end.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SignJWT } from 'jose';
import { bearerTokenScope, createEmbedToken } from '../../src/server/index.ts';
import { makeBff, NOW, SECRET } from './bff-helpers.ts';

const DAY = 86_400_000;

describe('BFF: the scope fails closed', () => {
  for (const [label, scope] of [
    ['a string instead of a list', { userIds: '1042' }],
    ['a list with an empty id', { userIds: ['globex-ops', ''] }],
    ['a list with a non-string', { userIds: ['globex-ops', 42] }],
    ['an empty list', { userIds: [] }],
    ['no list', {}],
  ] as const) {
    it(`answers 500 (misconfiguration), never a query, for ${label}`, async () => {
      const bff = makeBff({ handler: { resolveScope: () => scope as never } });
      bff.sim.resetStats();
      const got = await bff.post('logs/tool_execution', { limit: 5 });
      assert.equal(got.status, 500);
      assert.match(got.body.error.message, /misconfiguration/);
      assert.equal(bff.sim.stats.requests, 0, 'no upstream call was made');
    });
  }
});

describe('BFF: log time ranges are validated like usage windows', () => {
  const bff = makeBff();
  it('refuses more than 366 days', async () => {
    const got = await bff.post('logs/tool_execution', { time_range: { from: NOW - 400 * DAY, to: NOW } });
    assert.equal(got.status, 400);
    assert.match(got.body.error.message, /366 days/);
  });
  it('refuses from after to with a fix to act on', async () => {
    const got = await bff.post('logs/tool_execution', { time_range: { from: NOW, to: NOW - DAY } });
    assert.equal(got.status, 400);
    assert.match(got.body.error.message, /from after to/);
    assert.match(got.body.error.suggested_fix, /Swap/);
  });
  it('accepts a valid window', async () => {
    assert.equal((await bff.post('logs/tool_execution', { time_range: { from: NOW - DAY, to: NOW } })).status, 200);
  });
});

describe('BFF: embed tokens must end', () => {
  const sign = (claims: Record<string, unknown>, build: (jwt: SignJWT) => SignJWT) =>
    build(new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setIssuer('composio-widgets').setAudience('composio-widgets-bff')).sign(
      new TextEncoder().encode(SECRET),
    );
  const bff = makeBff({ handler: { resolveScope: bearerTokenScope(SECRET) } });
  const ask = async (token: string) => bff.post('usage/summary', {}, { authorization: `Bearer ${token}` });

  it('refuses a signed token with no exp, with no iat, or living 100 years (401)', async () => {
    const users = { composio_user_ids: ['hooli_prod'] };
    const noExp = await sign(users, (jwt) => jwt.setIssuedAt());
    const noIat = await sign(users, (jwt) => jwt.setExpirationTime('10m'));
    const century = await sign(users, (jwt) => jwt.setIssuedAt().setExpirationTime('100y'));
    for (const token of [noExp, noIat, century]) assert.equal((await ask(token)).status, 401);
  });

  it('refuses an empty user list with a 401, not a 500', async () => {
    const empty = await sign({ composio_user_ids: [] }, (jwt) => jwt.setIssuedAt().setExpirationTime('10m'));
    const got = await ask(empty);
    assert.equal(got.status, 401);
    assert.equal(got.body.error.message, 'Invalid embed token');
  });

  it('accepts a token within the maximum lifetime, and createEmbedToken refuses a longer one', async () => {
    assert.equal((await ask(await createEmbedToken({ userIds: ['hooli_prod'], ttlSeconds: 3_600 }, SECRET))).status, 200);
    await assert.rejects(createEmbedToken({ userIds: ['hooli_prod'], ttlSeconds: 86_400 }, SECRET), /at most 3600/);
  });
});

/** A BFF whose upstream answers with `reply` (called with the attempt number), counting calls. */
function scripted(reply: (attempt: number) => Response, extra: Parameters<typeof makeBff>[0] = {}) {
  let calls = 0;
  const bff = makeBff({ ...extra, handler: { fetch: async () => reply(calls++), upstream: { backoffMs: 1 }, ...extra.handler } });
  return { bff, calls: () => calls };
}
const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

describe('BFF: upstream answers are validated before use or caching', () => {
  for (const [route, body, shapeless] of [
    ['usage/summary', { from: NOW - 5 * DAY, to: NOW - 4 * DAY }, {}],
    ['usage/tool_calls', { group_by: 'toolkit_slug', from: NOW - 5 * DAY, to: NOW - 4 * DAY }, null],
    [
      'usage/tool_calls/series',
      { from: NOW - 5 * DAY, to: NOW - 3 * DAY, interval: 'day', time_zone: 'UTC', group_by: 'toolkit_slug' },
      { groups: 'nope' },
    ],
    ['logs/tool_execution', { limit: 5 }, { logs: 'nope' }],
  ] as const) {
    it(`${route}: a 200 of the wrong shape is a 502 with a clear message, never cached`, async () => {
      const upstream = scripted(() => json(shapeless));
      const first = await upstream.bff.post(route, body);
      assert.equal(first.status, 502);
      assert.match(first.body.error.message, /unexpected shape/);
      const before = upstream.calls();
      await upstream.bff.post(route, body);
      assert.ok(upstream.calls() > before, 'the bad answer was not cached');
    });
  }
});

describe('BFF: 429s are waited out sanely', () => {
  it('a 429 without Retry-After is retried after about 2 s, not at once', async () => {
    const started = Date.now();
    const upstream = scripted((attempt) => (attempt === 0 ? json({ message: 'Rate limit exceeded' }, 429) : json({ entities: {} })));
    assert.equal((await upstream.bff.post('usage/summary', {})).status, 200);
    assert.ok(Date.now() - started >= 2_000, `waited ${Date.now() - started} ms`);
  });

  it('spreads the retries of callers told the same Retry-After over up to 500 ms (jitter), never before it', async (t) => {
    // the waits the BFF schedules, read from its setTimeout calls: exact, whatever the machine's load
    const scheduled: number[] = [];
    const setTimeoutAsIs = globalThis.setTimeout;
    t.mock.method(globalThis, 'setTimeout', ((callback: () => void, ms?: number) => {
      scheduled.push(ms ?? 0);
      return setTimeoutAsIs(callback, ms);
    }) as typeof setTimeout);
    await Promise.all(
      Array.from({ length: 20 }, async () => {
        const upstream = scripted((attempt) =>
          attempt === 0 ? json({ message: 'Rate limit exceeded' }, 429, { 'retry-after': '1' }) : json({ entities: {} }),
        );
        assert.equal((await upstream.bff.post('usage/summary', {})).status, 200);
      }),
    );
    // the other timers are each attempt's timeout (10 s)
    const waits = scheduled.filter((ms) => ms >= 500 && ms < 5_000);
    assert.equal(waits.length, 20, `waits ${waits.map(Math.round)}`);
    assert.ok(Math.min(...waits) >= 1_000 && Math.max(...waits) < 1_500, `waits ${waits.map(Math.round)}`);
    assert.ok(Math.max(...waits) - Math.min(...waits) > 150, `the same wait for all: ${waits.map(Math.round)}`);
  });

  it('never passes "Retry-After: 0" on to the browser', async () => {
    const upstream = scripted(() => json({ message: 'Rate limit exceeded' }, 429, { 'retry-after': '0' }), {
      handler: { upstream: { retries: 0 } },
    });
    const got = await upstream.bff.post('usage/summary', {});
    assert.equal(got.status, 429);
    assert.ok(Number(got.headers.get('retry-after')) >= 1, `Retry-After ${got.headers.get('retry-after')}`);
  });
});

describe('BFF: an upstream refusal reaches the browser in our words only', () => {
  it('builds the message from its own words; Composio’s text, scrubbed of anything key-like, goes to onError', async () => {
    const leak = 'key sim_ak_demo, token Bearer abc.def.ghi, secret Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MGFiY2RlZmdoaWpr, at db-7.internal:5432';
    const reported: unknown[] = [];
    const upstream = scripted(
      () => json({ error: { message: leak, status: 400, code: 10400, slug: 'BadRequest', suggested_fix: leak, errors: [leak] } }, 400),
      { handler: { onError: (error) => reported.push(error) } },
    );
    const got = await upstream.bff.post('usage/summary', {});
    assert.equal(got.status, 400);
    assert.equal(got.body.error.message, 'Composio refused the request (HTTP 400)');
    assert.equal(got.body.error.errors, undefined);
    assert.doesNotMatch(got.text, /sim_ak_demo|abc\.def\.ghi|Zm9vYmFy|db-7/, 'nothing of Composio’s text');
    assert.equal(reported.length, 1, 'the operator is told');
    const told = (reported[0] as Error).message;
    assert.match(told, /HTTP 400.*db-7\.internal/, 'in Composio’s words');
    assert.doesNotMatch(told, /sim_ak_demo|abc\.def\.ghi|Zm9vYmFy/, 'scrubbed of the key and anything key-like');
  });
});

describe('BFF: a log id’s existence does not leak', () => {
  it('another customer’s id, even one its owner just opened, and an unknown id take the same path: one upstream call, then the cache', async () => {
    const bff = makeBff();
    const owner = { 'x-test-users': 'hooli_prod' };
    const foreign = (await bff.post('logs/tool_execution', { limit: 1 }, owner)).body.logs[0].id as string;
    assert.equal((await bff.get(`logs/tool_execution/${foreign}`, owner)).status, 200, 'the owner opened it: it is cached');
    const unknown = 'log_doesnotexist0000';
    const seen = [];
    for (const id of [foreign, unknown]) {
      const calls = [];
      const answers = [];
      for (let ask = 0; ask < 2; ask++) {
        bff.sim.resetStats();
        const got = await bff.get(`logs/tool_execution/${id}`);
        calls.push(bff.sim.stats.requests);
        answers.push({ status: got.status, slug: got.body.error.slug, fix: got.body.error.suggested_fix });
      }
      assert.deepEqual(answers[1], answers[0], `${id}: the same answer from the cache`);
      seen.push({ calls, answer: answers[0] });
    }
    assert.deepEqual(seen[0].calls, [1, 0], 'a foreign id: first ask upstream, then cached for this customer');
    assert.deepEqual(seen[1].calls, [1, 0], 'an unknown id: first ask upstream, then cached for this customer');
    assert.deepEqual(seen[0].answer, seen[1].answer, 'a foreign id and an unknown id look the same');
    assert.equal(seen[0].answer.status, 404);
    assert.equal((await bff.get(`logs/tool_execution/${foreign}`, owner)).status, 200, 'the owner still sees it');
  });
});

describe('BFF: opt-in CORS', () => {
  const origin = 'https://app.example.com';
  const preflight = (bff: ReturnType<typeof makeBff>, from: string) =>
    bff.handler(
      new Request('http://app.test/api/composio/usage/summary', {
        method: 'OPTIONS',
        headers: { origin: from, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' },
      }),
    );

  it('answers a preflight from an allowed origin, naming that origin (never *)', async () => {
    const bff = makeBff({ handler: { cors: { origins: [origin] } } });
    const got = await preflight(bff, origin);
    assert.ok(got.status === 204 || got.status === 200, `status ${got.status}`);
    assert.equal(got.headers.get('access-control-allow-origin'), origin);
    assert.match(got.headers.get('access-control-allow-headers') ?? '', /authorization/i);
    const answer = await bff.post('usage/summary', {}, { origin });
    assert.equal(answer.headers.get('access-control-allow-origin'), origin);
    assert.match(answer.headers.get('vary') ?? '', /origin/i);
    assert.match(answer.headers.get('vary') ?? '', /authorization/i);
  });

  it('gives another origin nothing, and is off unless configured', async () => {
    const bff = makeBff({ handler: { cors: { origins: [origin] } } });
    assert.equal((await preflight(bff, 'https://evil.example')).headers.get('access-control-allow-origin'), null);
    assert.equal((await preflight(makeBff(), origin)).headers.get('access-control-allow-origin'), null);
    assert.throws(() => makeBff({ handler: { cors: { origins: ['*'] } } }), /exact origins/);
  });
});

describe('BFF: body limits', () => {
  it('refuses a declared length over the limit before reading the body, and a streamed one as it arrives', async () => {
    const bff = makeBff();
    const big = JSON.stringify({ filters: [{ field: 'tool_slug', operator: 'contains', value: 'x'.repeat(70_000) }] });
    const declared = await bff.handler(
      new Request('http://app.test/api/composio/logs/tool_execution', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': String(big.length) },
        body: big,
      }),
    );
    assert.equal(declared.status, 413);
    const streamed = await bff.post('logs/tool_execution', big);
    assert.equal(streamed.status, 413);
  });
});
