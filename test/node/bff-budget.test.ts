// The upstream budget: one customer cannot spend what the others need. Upstream calls are counted
// at the simulator, which keeps Composio's real limit (2,000 a minute per key).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_BUDGET, memoryBudget, type UpstreamBudget } from '../../src/server/budget.ts';
import { BffError } from '../../src/server/errors.ts';
import { createComposioHandler } from '../../src/server/index.ts';
import { makeBff, NOW } from './bff-helpers.ts';

const DAY = 86_400_000;
const ATTACKER = { 'x-test-users': 'globex-ops' };
const VICTIM = { 'x-test-users': 'hooli_prod' };
const composioLimit = { rateLimit: { limit: 2_000 } };
/** A year of days, with a random session filter so that every request misses the cache. */
const costly = (i: number) => ({
  from: NOW - 365 * DAY,
  to: NOW,
  interval: 'day',
  time_zone: 'UTC',
  filters: { session_id: [`trs_random_${i}`] },
});

/** A page's burst of exactly 100 upstream calls: a 100-day daily series no cache holds. */
const hundredCalls = (tag: string) => ({
  from: NOW - 99 * DAY,
  to: NOW,
  interval: 'day',
  time_zone: 'UTC',
  filters: { session_id: [`trs_page_${tag}`] },
});

/** Spends one call at a time for `scopeKey` until the budget refuses (or `max`): what was served and the refusal. */
async function spendUntilRefused(budget: UpstreamBudget, scopeKey: string, max = 10_000) {
  let served = 0;
  for (; served < max; served++) {
    const refusal = await budget.spend(scopeKey).then(
      () => undefined,
      (error: unknown) => error,
    );
    if (refusal) {
      assert.ok(refusal instanceof BffError && refusal.status === 429, `a 429, got ${String(refusal)}`);
      return { served, refusal };
    }
  }
  return { served, refusal: undefined };
}

/** The attack in issue 11: three hourly 31-day series (744 buckets each), each with a random session filter. */
async function hourlyAttack(bff: ReturnType<typeof makeBff>) {
  bff.sim.resetStats();
  const statuses: number[] = [];
  for (let i = 0; i < 3; i++) {
    const body = { from: NOW - 31 * DAY, to: NOW, interval: 'hour', time_zone: 'UTC', filters: { session_id: [`trs_hourly_${i}`] } };
    statuses.push((await bff.post('usage/tool_calls/series', body, ATTACKER)).status);
  }
  const spent = bff.sim.stats.requests;
  const victim = await bff.post('usage/summary', { from: NOW - 30 * DAY, to: NOW }, VICTIM);
  return { statuses, spent, victim: victim.status };
}

describe('BFF upstream budget', () => {
  it('the hourly 31-day attack (three requests, random session filters) makes no upstream call; another customer is served', async () => {
    const after = await hourlyAttack(makeBff({ sim: composioLimit }));
    console.log(
      `hourly attack, defaults: ${after.spent} upstream calls, statuses ${after.statuses.join(',')}, other customer ${after.victim}`,
    );
    assert.deepEqual(after.statuses, [400, 400, 400], 'each refused by the cost cap');
    assert.equal(after.spent, 0);
    assert.equal(after.victim, 200);
  });

  it('the same attack on a BFF without the cost cap and the budget spends Composio’s limit and blanks another customer', async () => {
    // the scenario is real: with the protections off (the BFF before issue 11) it starves the others
    const before = await hourlyAttack(
      makeBff({ sim: composioLimit, handler: { limits: { maxBuckets: 1_000 }, budget: { perMinute: 1e9, perScopePerMinute: 1e9 } } }),
    );
    console.log(
      `hourly attack, unprotected: ${before.spent} upstream calls, statuses ${before.statuses.join(',')}, other customer ${before.victim}`,
    );
    assert.ok(before.spent >= 2_000, `spent ${before.spent}`);
    assert.equal(before.victim, 429);
  });

  it('refuses a request whose cost is over the cap, before any upstream call, saying how to narrow it', async () => {
    const bff = makeBff({ sim: composioLimit });
    bff.sim.resetStats();
    const got = await bff.post('usage/tool_calls/series', { from: NOW - 31 * DAY, to: NOW, interval: 'hour', time_zone: 'UTC' }, ATTACKER);
    assert.equal(got.status, 400);
    assert.match(got.body.error.message, /74\d upstream calls/);
    assert.match(got.body.error.suggested_fix, /interval "day"/);
    assert.equal(bff.sim.stats.requests, 0);
  });

  it('an amplification attack spends only the attacker’s share; another customer is still served', async () => {
    const bff = makeBff({ sim: composioLimit });
    bff.sim.resetStats();
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 6; i++) {
      const got = await bff.post('usage/tool_calls/series', costly(i), ATTACKER);
      statuses.push(got.status);
      if (got.status === 429) retryAfter ??= got.headers.get('retry-after');
    }
    const spent = bff.sim.stats.requests;
    console.log(`attack: 6 requests × 366 buckets → ${spent} upstream calls, statuses ${statuses.join(',')}`);
    assert.ok(spent <= 600, `the attacker's share is 600 calls a minute, spent ${spent}`);
    assert.ok(statuses.includes(429), 'the attacker is told to wait');
    assert.ok(Number(retryAfter) >= 1 && Number(retryAfter) <= 60, `Retry-After ${retryAfter}`);
    const victim = await bff.post('usage/summary', { from: NOW - 30 * DAY, to: NOW }, VICTIM);
    assert.equal(victim.status, 200, 'another customer is served');
  });

  it('cache hits spend nothing: a spent customer still gets what is cached', async () => {
    const bff = makeBff({ handler: { budget: { perScopePerMinute: 40 } } });
    const closed = { from: NOW - 10 * DAY, to: NOW - 5 * DAY, interval: 'day', time_zone: 'UTC' };
    assert.equal((await bff.post('usage/tool_calls/series', closed, ATTACKER)).status, 200);
    let status = 200;
    for (let i = 0; status === 200 && i < 20; i++) status = (await bff.post('usage/tool_calls/series', costly(i), ATTACKER)).status;
    assert.equal(status, 429, 'the share is spent');
    assert.equal((await bff.post('usage/tool_calls/series', closed, ATTACKER)).status, 200, 'the cached series still answers');
  });

  it('the organisation’s budget holds when many customers together ask for more', async () => {
    const bff = makeBff({ handler: { budget: { perMinute: 50, perScopePerMinute: 30 } } });
    bff.sim.resetStats();
    const customers = ['globex-ops', 'hooli_prod', 'initech-1', 'umbrella-1'];
    const got = await Promise.all(customers.map((user, i) => bff.post('usage/tool_calls/series', costly(i), { 'x-test-users': user })));
    assert.ok(bff.sim.stats.requests <= 50, `spent ${bff.sim.stats.requests} of the organisation's 50`);
    assert.ok(got.some((r) => r.status === 429 && /on this server/.test(r.body.error.message)));
  });

  it('three heavy customers together get perMinute − reserve; light ones share the reserve; the organisation never passes perMinute', async () => {
    const budget = memoryBudget(DEFAULT_BUDGET, () => NOW);
    const heavy = ['users:globex-ops', 'users:initech-1', 'users:umbrella-1'];
    const servedTo = new Map(heavy.map((scope) => [scope, 0]));
    const refusals = new Map<string, BffError>();
    // one call each in turn, as concurrent pages would, until every heavy customer is refused
    while (refusals.size < heavy.length) {
      for (const scope of heavy.filter((s) => !refusals.has(s))) {
        const error = await budget.spend(scope).then(
          () => undefined,
          (e: BffError) => e,
        );
        if (error) refusals.set(scope, error);
        else servedTo.set(scope, servedTo.get(scope)! + 1);
      }
    }
    const heavyTotal = [...servedTo.values()].reduce((a, b) => a + b, 0);
    console.log(`reserve, in memory: three heavy customers served ${[...servedTo.values()].join(' + ')} = ${heavyTotal}`);
    assert.equal(heavyTotal, DEFAULT_BUDGET.perMinute - DEFAULT_BUDGET.reservePerMinute, 'heavy customers stop at 1,200 in all');
    for (const error of refusals.values()) {
      assert.match(error.message, /for this account/, 'their share of the shared part is gone, not the server');
      assert.ok(error.details.retryAfterSeconds! >= 1 && error.details.retryAfterSeconds! <= 60);
    }
    // newcomers find the reserve: each up to lightPerMinute, until the organisation's minute is spent
    const first = await spendUntilRefused(budget, 'users:hooli_prod');
    const second = await spendUntilRefused(budget, 'users:acme-1');
    const third = await spendUntilRefused(budget, 'users:acme-2');
    assert.deepEqual([first.served, second.served, third.served], [150, 150, 0]);
    assert.match(first.refusal!.message, /for this account/, 'a light customer turned heavy is refused at the reserve');
    assert.match(third.refusal!.message, /on this server/, 'the organisation’s minute is spent');
    assert.equal(heavyTotal + first.served + second.served, DEFAULT_BUDGET.perMinute, 'never more than perMinute');
  });

  it('three customers spending their full shares leave the reserve: a fourth customer’s 100-call page is served in full', async () => {
    const bff = makeBff({ sim: composioLimit });
    bff.sim.resetStats();
    const heavy = ['globex-ops', 'initech-1', 'umbrella-1'];
    const refusals = await Promise.all(
      heavy.map(async (user) => {
        // each asks for more than its 600-call share (366 calls a request)
        for (let i = 0; i < 6; i++) {
          const got = await bff.post('usage/tool_calls/series', costly(100 * heavy.indexOf(user) + i), { 'x-test-users': user });
          if (got.status === 429) return got;
          assert.equal(got.status, 200);
        }
        return undefined;
      }),
    );
    const heavySpent = bff.sim.stats.requests;
    bff.sim.resetStats();
    const page = await bff.post('usage/tool_calls/series', hundredCalls('fourth'), VICTIM);
    const lightSpent = bff.sim.stats.requests;
    console.log(`reserve, through the BFF: three heavy customers spent ${heavySpent}; a fourth: ${page.status}, ${lightSpent} calls`);
    assert.equal(heavySpent, 1_200, 'heavy customers get 429 at perMinute − reserve in all');
    for (const refused of refusals) {
      assert.equal(refused?.status, 429);
      assert.match(refused.body.error.message, /for this account/);
    }
    assert.equal(page.status, 200, 'the light customer is served');
    assert.equal(lightSpent, 100, 'in full');
    assert.ok(heavySpent + lightSpent <= DEFAULT_BUDGET.perMinute);
  });

  it('refuses at creation a reserve not below perMinute, or a light threshold above the share', () => {
    const options = { apiKey: 'sim_ak_demo', resolveScope: () => ({ userIds: ['u'] }) };
    assert.throws(
      () => createComposioHandler({ ...options, budget: { reservePerMinute: 1_500 } }),
      /^Error: createComposioHandler: budget: reservePerMinute \(1500\) must be below perMinute \(1500\)/,
    );
    assert.throws(
      () => createComposioHandler({ ...options, budget: { perScopePerMinute: 100, lightPerMinute: 150 } }),
      /createComposioHandler: budget: lightPerMinute \(150\) must be at most perScopePerMinute \(100\)/,
    );
    // lowering perMinute or the share alone stays valid: the reserve and the threshold follow them
    assert.doesNotThrow(() => createComposioHandler({ ...options, budget: { perMinute: 50, perScopePerMinute: 30 } }));
  });
});
