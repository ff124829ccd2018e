// The upstream budget: one customer cannot spend what the others need. Upstream calls are counted
// at the simulator, which keeps Composio's real limit (2,000 a minute per key).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
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
});
