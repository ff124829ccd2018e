// The default clock moves with real time: history up to start-up, new logs as time passes, and the
// rate-limit window rolls over. (Date is mocked, so no test waits in real time.)
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it, mock } from 'node:test';
import { createSimulator } from '../../src/simulator/index.ts';
import { call, NOW } from './helpers.ts';

const MINUTE = 60_000;

describe('simulator: default clock is Date.now', () => {
  beforeEach(() => mock.timers.enable({ apis: ['Date'], now: NOW }));
  afterEach(() => mock.timers.reset());

  it('reads the clock on every call', () => {
    const sim = createSimulator({ historyDays: 3, toolCalls: 2_000 });
    assert.equal(sim.now(), NOW);
    mock.timers.tick(5 * MINUTE);
    assert.equal(sim.now(), NOW + 5 * MINUTE);
  });

  it('lets new logs arrive as time passes', async () => {
    const sim = createSimulator({ historyDays: 3, toolCalls: 6_000, rateLimit: { limit: 1e9 } });
    const newest = async () => (await call(sim, '/api/v3.1/logs/tool_execution', { limit: 1 })).body.logs[0].timestamp as string;
    const before = await newest();
    mock.timers.tick(3 * 60 * MINUTE);
    const after = await newest();
    assert.ok(Date.parse(after) > Date.parse(before), `newest log ${after} should be after ${before}`);
    assert.ok(Date.parse(after) <= NOW + 3 * 60 * MINUTE, 'never a log from the future');
  });

  it('rolls the rate-limit window over instead of refusing forever', async () => {
    const sim = createSimulator({ historyDays: 2, toolCalls: 1_000, rateLimit: { limit: 3 } });
    const summary = () => call(sim, '/api/v3.1/project/usage/summary', {});
    for (let i = 0; i < 3; i++) assert.equal((await summary()).status, 200);
    const refused = await summary();
    assert.equal(refused.status, 429);
    mock.timers.tick(Number(refused.headers.get('retry-after')) * 1000);
    assert.equal((await summary()).status, 200);
  });

  it('a livelier present (liveRate) adds calls after start-up only', () => {
    const options = { historyDays: 3, toolCalls: 6_000, now: NOW, seed: 7 };
    const plain = createSimulator(options);
    const lively = createSimulator({ ...options, liveRate: 10 });
    assert.equal(lively.dataset.visibleCount(NOW), plain.dataset.visibleCount(NOW), 'same history');
    const later = NOW + 6 * 60 * MINUTE;
    const added = (sim: typeof plain) => sim.dataset.visibleCount(later) - sim.dataset.visibleCount(NOW);
    assert.ok(added(lively) > 5 * added(plain), `liveRate 10 should add far more calls (${added(lively)} vs ${added(plain)})`);
  });

  it('a livelier present starts at start-up, not at the next full hour', () => {
    const start = NOW + 15 * MINUTE; // a quarter past: the rest of this hour is already generated
    const options = { historyDays: 3, toolCalls: 6_000, now: start, seed: 7 };
    const plain = createSimulator(options);
    const lively = createSimulator({ ...options, liveRate: 10 });
    const soon = start + 30 * MINUTE;
    const added = (sim: typeof plain) => sim.dataset.visibleCount(soon) - sim.dataset.visibleCount(start);
    assert.equal(lively.dataset.visibleCount(start), plain.dataset.visibleCount(start), 'the same history up to start-up');
    assert.ok(added(lively) > 3 * Math.max(1, added(plain)), `within the first half hour: ${added(lively)} vs ${added(plain)}`);
  });
});

describe('simulator: late-arriving logs', () => {
  it('lists a log only once it has arrived, up to arrivalLagMs after its timestamp', async () => {
    let clock = NOW;
    const sim = createSimulator({ now: () => clock, historyDays: 2, toolCalls: 20_000, rateLimit: { limit: 1e9 }, arrivalLagMs: 20_000 });
    const ids = async () =>
      new Set<string>(
        (
          await call(sim, '/api/v3.1/logs/tool_execution', { limit: 100, time_range: { from: NOW - 2 * MINUTE, to: NOW + 1 } })
        ).body.logs.map((l: { id: string }) => l.id),
      );
    const now = await ids();
    clock = NOW + 20_000; // every log of the window has arrived by now
    const later = await ids();
    const late = [...later].filter((id) => !now.has(id));
    assert.ok(late.length > 0, 'some logs of the last 20 s arrived late');
    assert.ok(
      [...now].every((id) => later.has(id)),
      'an arrived log stays',
    );
  });
});
