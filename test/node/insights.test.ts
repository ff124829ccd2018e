import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { LogEntry } from '../../src/contract/upstream.ts';
import { FAILURE_KINDS } from '../../src/core/failure-hints.ts';
import {
  addLog,
  classifyFailure,
  createAggregate,
  errorGroups,
  fromJSON,
  mergeJsonInto,
  merge,
  summarize,
  toJSON,
  topGroups,
  type InsightsAggregate,
} from '../../src/core/insights.ts';
import { createSimulator } from '../../src/simulator/index.ts';
import { Records } from '../../src/simulator/records.ts';
import { NOW } from './helpers.ts';

const sim = createSimulator({ now: NOW, historyDays: 14, toolCalls: 6_000 });
const records = new Records(sim.dataset);
const logs: LogEntry[] = Array.from({ length: sim.dataset.visibleCount(NOW) }, (_, i) => records.entry(i));

const aggregateOf = (list: LogEntry[], groupBy: 'tool_slug' | null = 'tool_slug'): InsightsAggregate => {
  const agg = createAggregate(groupBy);
  for (const log of list) addLog(agg, log);
  return agg;
};
const figures = (agg: InsightsAggregate) => ({ totals: summarize(agg, 86_400_000), top: topGroups(agg, 5), errors: errorGroups(agg, 50) });

describe('insights aggregate (core)', () => {
  it('classifies every failed simulator log into the kind the data set encodes', () => {
    let checked = 0;
    for (let i = 0; i < logs.length; i++) {
      const code = sim.dataset.failure[i];
      if (!code) continue;
      const expected = records.toolSlug(i) === 'COMPOSIO_MULTI_EXECUTE_TOOL' ? 'upstream_error' : FAILURE_KINDS[code - 1];
      assert.equal(classifyFailure(logs[i]), expected, logs[i].message);
      checked++;
    }
    assert.ok(checked > 100, `${checked} failures checked`);
    assert.equal(classifyFailure({ status: 'failed', message: 'the moon is in the wrong phase' }), 'other');
  });

  it('merging the aggregates of two halves equals aggregating everything, in either order', () => {
    const half = Math.floor(logs.length / 2);
    const whole = figures(aggregateOf(logs));
    assert.deepEqual(figures(merge(aggregateOf(logs.slice(0, half)), aggregateOf(logs.slice(half)))), whole);
    assert.deepEqual(figures(merge(aggregateOf(logs.slice(half)), aggregateOf(logs.slice(0, half)))), whole);
    assert.equal(whole.totals.calls, logs.length);
    assert.equal(whole.totals.failed, logs.filter((l) => l.status === 'failed').length);
    assert.equal(whole.totals.active_users, new Set(logs.map((l) => l.metadata.user_id)).size);
    assert.equal(whole.totals.sessions, new Set(logs.map((l) => l.metadata.session_id).filter(Boolean)).size);
  });

  it('survives a JSON round trip (the cache) unchanged, and merges after it', () => {
    const agg = aggregateOf(logs.slice(0, 2_000));
    const back = fromJSON(JSON.parse(JSON.stringify(toJSON(agg))));
    assert.deepEqual(figures(back), figures(agg));
    assert.deepEqual(figures(merge(back, aggregateOf(logs.slice(2_000)))), figures(aggregateOf(logs)));
    // merged straight from JSON (how the BFF merges stored slots): the same as decoding first
    assert.deepEqual(figures(mergeJsonInto(aggregateOf(logs.slice(2_000)), toJSON(agg))), figures(aggregateOf(logs)));
    // an empty aggregate too: no calls → null rates and quantiles
    const empty = fromJSON(JSON.parse(JSON.stringify(toJSON(createAggregate(null)))));
    assert.deepEqual(summarize(empty, 0), {
      calls: 0,
      failed: 0,
      error_rate: null,
      p50: null,
      p95: null,
      p99: null,
      active_users: 0,
      sessions: 0,
      sessions_per_day: null,
    });
  });

  it('stores a sketch of a few calls as key/count pairs, which read back and merge like the dense form', () => {
    // a 15-minute slot holds a few calls whose durations span hundreds of (mostly empty) sketch keys
    const few = logs.slice(0, 3);
    const json = toJSON(aggregateOf(few));
    const sketch = json.all.latency as { b: number[]; p?: number[] };
    assert.deepEqual(sketch.b, []);
    assert.equal(
      (sketch.p ?? []).reduce((sum, n, i) => sum + (i % 2 ? n : 0), 0),
      few.length,
      'every call counted once in the pairs',
    );
    const back = fromJSON(JSON.parse(JSON.stringify(json)));
    assert.deepEqual(figures(back), figures(aggregateOf(few)));
    assert.deepEqual(figures(merge(back, aggregateOf(logs.slice(3)))), figures(aggregateOf(logs)));
  });

  it('keeps quantiles within 1 % of the exact ones (rank floor(q·(n−1)))', () => {
    const durations = logs.map((l) => l.metrics.duration_ms as number).sort((a, b) => a - b);
    const totals = summarize(aggregateOf(logs), 1);
    for (const [q, got] of [
      [0.5, totals.p50],
      [0.95, totals.p95],
      [0.99, totals.p99],
    ] as const) {
      const exact = durations[Math.floor(q * (durations.length - 1))];
      assert.ok(Math.abs(got! - exact) <= 0.01 * exact, `p${q * 100}: ${got} vs exact ${exact}`);
    }
  });

  it('refuses to merge aggregates grouped differently', () => {
    assert.throws(() => merge(createAggregate('tool_slug'), createAggregate('user_id')), /cannot merge/);
  });
});
