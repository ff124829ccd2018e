import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { LOG_RETENTION_MS } from '../../src/contract/constants.ts';
import {
  INSIGHTS_RELATIVE_ACCURACY,
  type InsightsBucket,
  type InsightsFigures,
  type InsightsResponse,
} from '../../src/contract/protocol.ts';
import type { LogEntry } from '../../src/contract/upstream.ts';
import { resolveRange } from '../../src/core/ranges.ts';
import { HOSTILE_STRINGS } from '../../src/simulator/catalog.ts';
import { memoryBudget } from '../../src/server/budget.ts';
import { usageInsights, type InsightsContext } from '../../src/server/insights.ts';
import { memoryStore } from '../../src/server/store.ts';
import { Upstream } from '../../src/server/upstream.ts';
import type { ComposioHandlerOptions } from '../../src/server/index.ts';
import { createSimulator, type Simulator, type SimulatorOptions } from '../../src/simulator/index.ts';
import { GLOBEX, makeBff, NOW } from './bff-helpers.ts';
import { listAll } from './helpers.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const α = INSIGHTS_RELATIVE_ACCURACY;

/** Every log of these users, listed straight from the simulator (not through the BFF). */
async function rawLogs(sim: Simulator, users: readonly string[], from: number, to: number): Promise<LogEntry[]> {
  const all: LogEntry[] = [];
  for (const user of users)
    all.push(...(await listAll(sim, { filters: [{ field: 'user_id', operator: '==', value: user }], time_range: { from, to } })));
  return all;
}

const within = (logs: LogEntry[], from: number, to: number) =>
  logs.filter((l) => Date.parse(l.timestamp) >= from && Date.parse(l.timestamp) < to);

/** A quantile is right when it lies within the sketch's accuracy of the exact value at rank ⌊q·(n−1)⌋, give or take one rank. */
function assertQuantile(got: number | null, sorted: number[], q: number, label: string): void {
  if (!sorted.length) return assert.equal(got, null, label);
  const k = Math.floor(q * (sorted.length - 1));
  const lo = sorted[Math.max(0, k - 1)] * (1 - α);
  const hi = sorted[Math.min(sorted.length - 1, k + 1)] * (1 + α);
  assert.ok(
    got !== null && got >= lo && got <= hi,
    `${label} p${q * 100}: ${got} not in [${lo}, ${hi}] (exact ${sorted[k]}, n=${sorted.length})`,
  );
}

/** The figures computed independently from raw logs, compared with what the BFF answered. */
function assertFigures(got: InsightsFigures, logs: LogEntry[], label: string): void {
  const failed = logs.filter((l) => l.status === 'failed').length;
  assert.equal(got.calls, logs.length, `${label} calls`);
  assert.equal(got.failed, failed, `${label} failed`);
  assert.equal(got.error_rate, logs.length ? failed / logs.length : null, `${label} error rate`);
  assert.equal(got.active_users, new Set(logs.map((l) => l.metadata.user_id)).size, `${label} active users`);
  const durations = logs.map((l) => l.metrics.duration_ms as number).sort((a, b) => a - b);
  assertQuantile(got.p50, durations, 0.5, label);
  assertQuantile(got.p95, durations, 0.95, label);
  assertQuantile(got.p99, durations, 0.99, label);
}

/** Wall-clock hour in a zone, read with an independent formatter. */
const localHour = (epochMs: number, timeZone: string) =>
  Number(new Intl.DateTimeFormat('en-GB', { timeZone, hourCycle: 'h23', hour: '2-digit' }).format(epochMs));

/** A BFF whose upstream requests (path and body) are recorded. */
function recordedBff(sim: SimulatorOptions, handler: Partial<ComposioHandlerOptions> = {}) {
  const seen: { path: string; body: any }[] = [];
  const bff = makeBff({
    sim,
    handler: {
      fetch: async (input, init) => {
        seen.push({ path: new URL(String(input)).pathname, body: init?.body ? JSON.parse(String(init.body)) : undefined });
        return bff.sim.fetch(new Request(input, init));
      },
      ...handler,
    },
  });
  return { ...bff, seen };
}

describe('BFF insights: figures equal those computed from the raw logs', () => {
  // 40 days of history reach back past New York's fall-back night (2026-11-01)
  const bff = makeBff({ sim: { historyDays: 40, toolCalls: 8_000 } });
  let raw: LogEntry[] = [];
  const rawFor = async () => (raw.length ? raw : (raw = await rawLogs(bff.sim, GLOBEX, NOW - 40 * DAY, NOW)));

  const cases: { label: string; body: Record<string, unknown>; check?: (r: InsightsResponse) => void }[] = [
    { label: 'UTC, 8 days, edges inside days', body: { from: NOW - 10 * DAY + 3 * HOUR, to: NOW - 2 * DAY, time_zone: 'UTC' } },
    {
      label: 'America/New_York across the fall-back day (25 hours)',
      // 2026-10-29 00:00 EDT = 04:00Z … 2026-11-04 00:00 EST = 05:00Z
      body: {
        from: Date.UTC(2026, 9, 29, 4),
        to: Date.UTC(2026, 10, 4, 5),
        time_zone: 'America/New_York',
        group_by: 'toolkit_slug',
        limit: 50,
      },
      check: (r) => {
        assert.equal(r.interval, 'day');
        const hours = r.buckets.map((b) => (b.to - b.from) / HOUR);
        assert.deepEqual(hours, [24, 24, 24, 25, 24, 24]);
        r.buckets.forEach((b) => assert.equal(localHour(b.from, 'America/New_York'), 0, 'day buckets start at local midnight'));
      },
    },
    {
      label: 'Asia/Kolkata, 36 hours → hourly buckets on :30 UTC',
      body: { from: NOW - 40 * HOUR, to: NOW - 4 * HOUR, time_zone: 'Asia/Kolkata', group_by: 'user_id' },
      check: (r) => {
        assert.equal(r.interval, 'hour');
        r.buckets.slice(1).forEach((b) => assert.equal(new Date(b.from).getUTCMinutes(), 30));
      },
    },
    {
      label: 'America/New_York, 30 days to now, by tool',
      body: { from: NOW - 30 * DAY, to: NOW, time_zone: 'America/New_York', group_by: 'tool_slug', limit: 5 },
    },
  ];

  for (const { label, body, check } of cases) {
    it(label, async () => {
      const logs = await rawFor();
      const got = await bff.post('usage/insights', body);
      assert.equal(got.status, 200, got.text);
      const r: InsightsResponse = got.body;
      const from = body.from as number;
      const to = body.to as number;
      const inWindow = within(logs, from, to);
      assert.ok(inWindow.length > 20, `${label}: ${inWindow.length} logs is enough to mean something`);

      assertFigures(r.totals, inWindow, `${label} totals`);
      assert.equal(r.totals.sessions, new Set(inWindow.map((l) => l.metadata.session_id).filter(Boolean)).size, 'distinct sessions');
      assert.equal(r.totals.sessions_per_day, r.totals.sessions / ((to - from) / DAY));
      assert.deepEqual(r.coverage, { from, to, complete: true });
      assert.deepEqual(r.accuracy, { relative: 0.01 });

      // buckets: contiguous over [from, to), each one exact for its own logs
      assert.equal(r.buckets[0].from, from);
      assert.equal(r.buckets.at(-1)!.to, to);
      r.buckets.forEach((b: InsightsBucket, i) => {
        if (i > 0) assert.equal(b.from, r.buckets[i - 1].to);
        assertFigures(b, within(inWindow, b.from, b.to), `${label} bucket ${new Date(b.from).toISOString()}`);
      });

      // groups: each exact for the logs carrying its key; top `limit` plus `other` add up to the totals
      if (body.group_by) {
        const field = body.group_by as string;
        for (const g of r.groups!)
          assertFigures(
            g,
            inWindow.filter((l) => (l.metadata[field] ?? '') === g.key),
            `${label} group ${g.key}`,
          );
        const keys = new Set(inWindow.map((l) => String(l.metadata[field] ?? '')));
        assert.equal(r.groups!.length, Math.min(keys.size, (body.limit as number | undefined) ?? 10));
        assert.equal(r.groups!.reduce((n, g) => n + g.calls, 0) + (r.other?.calls ?? 0), r.totals.calls);
        assert.deepEqual(
          [...r.groups!].sort((a, b) => b.calls - a.calls),
          r.groups,
          'most calls first',
        );
      }

      // failures by kind add up; error groups (the top 50) count each failure once; each example is a failed call of that tool
      const failedById = new Map(inWindow.filter((l) => l.status === 'failed').map((l) => [l.id, l]));
      assert.equal(
        Object.values(r.failed_by_kind).reduce((n, c) => n + c, 0),
        failedById.size,
      );
      const grouped = r.error_groups.reduce((n, e) => n + e.count, 0);
      if (r.error_groups.length < 50) assert.equal(grouped, failedById.size);
      else assert.ok(grouped < failedById.size);
      for (const [kind, count] of Object.entries(r.failed_by_kind)) {
        if (r.error_groups.length < 50)
          assert.equal(
            r.error_groups.filter((e) => e.kind === kind).reduce((n, e) => n + e.count, 0),
            count,
            kind,
          );
      }
      for (const e of r.error_groups) {
        assert.equal(failedById.get(e.example_log_id)?.metadata.tool_slug, e.tool_slug, `example of ${e.kind}/${e.tool_slug}`);
        assert.equal(e.hint === null, e.kind === 'other');
      }

      // reconcile with the Usage API: the same calls, counted two ways
      const summary = await bff.post('usage/summary', { from, to, entity_types: ['tool_calls'] });
      assert.equal(r.totals.calls, summary.body.entities.tool_calls.event_count, 'insights calls = usage summary event_count');
      check?.(r);
    });
  }

  it('Asia/Kathmandu, edges at arbitrary milliseconds inside slots with calls, over slots the UTC case stored', async () => {
    const logs = await rawFor();
    const times = logs.map((l) => Date.parse(l.timestamp)).sort((a, b) => a - b);
    // a call strictly inside its 15-minute slot, so that an edge next to it splits a slot that has calls on both sides
    const inside = (lo: number) => times.find((t) => t >= lo && t % (15 * 60_000) > 1)!;
    const from = inside(NOW - 9 * DAY) + 1; // that call is just before the window
    const to = inside(NOW - 4 * DAY); // and this one just after it
    const body = { from, to, time_zone: 'Asia/Kathmandu', group_by: 'toolkit_slug' };
    const got = await bff.post('usage/insights', body);
    assert.equal(got.status, 200, got.text);
    const r: InsightsResponse = got.body;
    assert.deepEqual([r.buckets[0].from, r.buckets.at(-1)!.to], [from, to]);
    r.buckets.slice(1).forEach((b) => assert.equal(localHour(b.from, 'Asia/Kathmandu'), 0, 'day buckets start at local midnight'));
    assertFigures(r.totals, within(logs, from, to), 'Kathmandu window');
    for (const b of r.buckets) assertFigures(b, within(logs, b.from, b.to), `Kathmandu bucket ${new Date(b.from).toISOString()}`);
  });

  it('answers for the caller’s scope only', async () => {
    const body = { from: NOW - 7 * DAY, to: NOW, time_zone: 'UTC' };
    const hooli = await bff.post('usage/insights', body, { 'x-test-users': 'hooli_prod' });
    assert.equal(hooli.status, 200, hooli.text);
    assertFigures(hooli.body.totals, await rawLogs(bff.sim, ['hooli_prod'], body.from, body.to), 'hooli');
    assert.equal(hooli.body.totals.active_users, 1);
    assert.equal((await bff.post('usage/insights', body, { 'x-test-users': '' })).status, 401);
  });
});

describe('BFF insights: upstream cost', () => {
  // enough calls that a user's day runs over several pages of 100
  const sim = { historyDays: 35, toolCalls: 60_000 };
  const body = { from: NOW - 30 * DAY, to: NOW, time_zone: 'America/New_York' };

  /** Pages a read of the whole window must take: one stream per user, ⌈its logs / 100⌉ pages (none without logs). */
  async function expectedPages(s: Simulator, to: number): Promise<{ pages: number; logs: number }> {
    const logs = await rawLogs(s, GLOBEX, body.from, to);
    const pages = GLOBEX.reduce((sum, user) => sum + Math.ceil(logs.filter((l) => l.metadata.user_id === user).length / 100), 0);
    return { pages, logs: logs.length };
  }

  it('cold: Σ⌈logs of a user / 100⌉ + 1 (within ⌈logs/100⌉ + 2); warm: none; two minutes later: ≤ 2, from the open day’s watermark', async () => {
    const bff = recordedBff(sim);
    const cold = await bff.post('usage/insights', body);
    assert.equal(cold.status, 200, cold.text);
    const coldCalls = bff.sim.stats.requests;
    bff.sim.resetStats();
    const { pages, logs } = await expectedPages(bff.sim, NOW);
    bff.sim.resetStats();
    assert.equal(cold.body.totals.calls, logs);
    assert.equal(coldCalls, pages + 1, `cold: ${coldCalls} upstream calls for ${pages} pages of ${logs} logs`);
    assert.ok(coldCalls <= Math.ceil(logs / 100) + 2, `cold: ${coldCalls} upstream calls for ${logs} logs`);

    bff.seen.length = 0;
    const warm = await bff.post('usage/insights', body);
    assert.deepEqual(warm.body, cold.body);
    assert.equal(bff.sim.stats.requests, 0, 'warm: every bucket from the store');

    // two minutes later (the same "last 30 days", now ending two minutes later): only the open day's new logs are read
    bff.sim.advance(2 * 60_000);
    bff.sim.resetStats();
    const later = await bff.post('usage/insights', { ...body, to: bff.sim.now() });
    assert.equal(later.status, 200, later.text);
    assert.ok(bff.sim.stats.requests <= 2, `later: ${bff.sim.stats.requests} upstream calls`);
    for (const read of bff.seen.filter((s) => s.path.endsWith('/logs/tool_execution')))
      assert.ok(read.body.time_range.from >= NOW - 60_000, 'nothing settled is read again');
    // and the answer is still exact: every log of the window, counted once
    const now = await expectedPages(bff.sim, bff.sim.now());
    bff.sim.resetStats();
    assert.equal(later.body.totals.calls, now.logs);
  });

  it('reads only what the store lacks when windows overlap, and skips users without calls', async () => {
    const bff = recordedBff(sim);
    assert.equal((await bff.post('usage/insights', { ...body, from: NOW - 7 * DAY })).status, 200);
    bff.seen.length = 0;
    const wider = await bff.post('usage/insights', body);
    assert.equal(wider.status, 200, wider.text);
    const reads = bff.seen.filter((s) => s.path.endsWith('/logs/tool_execution'));
    assert.ok(reads.length > 0);
    for (const read of reads) assert.ok(read.body.time_range.to <= NOW - 7 * DAY + DAY, 'the last 7 days are not read again');
    // a customer with one user id: one stream; a window without any of its calls: no log read at all
    bff.seen.length = 0;
    // the simulated history starts 35 days ago
    const quiet = await bff.post('usage/insights', { from: NOW - 50 * DAY, to: NOW - 40 * DAY, time_zone: 'UTC' });
    assert.equal(quiet.status, 200, quiet.text);
    assert.equal(bff.seen.filter((s) => s.path.endsWith('/logs/tool_execution')).length, 0, 'no log read for a window without calls');
    assert.deepEqual(
      bff.seen.map((s) => s.path),
      ['/api/v3.1/project/usage/tool_calls'],
      'one usage breakdown by user, nothing else',
    );
  });

  it('a time-zone change reads only the new edge: Kolkata, Los Angeles, Kathmandu after UTC cost ≤ 1 breakdown + 1 page per user, figures as cold', async () => {
    const bff = recordedBff(sim);
    const window = (timeZone: string) => ({ ...resolveRange('30d', NOW, timeZone), time_zone: timeZone, group_by: 'toolkit_slug' });
    const utc = window('UTC');
    assert.equal((await bff.post('usage/insights', utc)).status, 200);
    let readFrom = utc.from;
    for (const zone of ['Asia/Kolkata', 'America/Los_Angeles', 'Asia/Kathmandu']) {
      const body = window(zone);
      bff.sim.resetStats();
      bff.seen.length = 0;
      const got = await bff.post('usage/insights', body);
      assert.equal(got.status, 200, got.text);
      const calls = bff.sim.stats.requests;
      const reads = bff.seen.filter((s) => s.path.endsWith('/logs/tool_execution'));
      assert.ok(calls <= 1 + GLOBEX.length, `${zone}: ${calls} upstream calls (${reads.length} log pages)`);
      // only the part before anything read so far: no log is read twice
      for (const read of reads) assert.ok(read.body.time_range.to <= readFrom, `${zone}: read ${JSON.stringify(read.body.time_range)}`);
      readFrom = Math.min(readFrom, body.from);

      // the same answer as a BFF that never saw another zone (counts, error rates, users, the same merged sketches)
      const cold = makeBff({ sim });
      const fresh = await cold.post('usage/insights', body);
      assert.equal(fresh.status, 200, fresh.text);
      assert.deepEqual(got.body, fresh.body, zone);
      assert.ok(cold.sim.stats.requests > 20 * calls, `${zone}: cold ${cold.sim.stats.requests} calls`);
      const logs = within(await rawLogs(bff.sim, GLOBEX, body.from, NOW), body.from, NOW);
      assertFigures(got.body.totals, logs, zone);
    }
  });

  it('100 identical concurrent requests make one scan', async () => {
    const single = makeBff({ sim });
    await single.post('usage/insights', body);
    const oneScan = single.sim.stats.requests;

    const bff = makeBff({ sim });
    const answers = await Promise.all(Array.from({ length: 100 }, () => bff.post('usage/insights', body)));
    assert.ok(
      answers.every((a) => a.status === 200 && a.text === answers[0].text),
      'every caller gets the same answer',
    );
    assert.equal(bff.sim.stats.requests, oneScan, `${bff.sim.stats.requests} upstream calls for 100 requests, one scan is ${oneScan}`);

    // not only the upstream calls are shared: the route's computation itself runs once (one answer object)
    const s = createSimulator({ now: NOW, rateLimit: { limit: 1e9 }, ...sim });
    const upstream = new Upstream(
      {
        baseUrl: 'https://sim.test',
        apiKey: 'sim_ak_demo',
        fetch: (input, init) => s.fetch(new Request(input, init)),
        timeoutMs: 10_000,
        retries: 0,
        maxRetryAfterMs: 0,
        backoffMs: 1,
        deadlineMs: 12_000,
      },
      memoryStore({ maxEntries: 100, maxBytes: 1e7, now: s.now }),
      memoryBudget({ perMinute: 1e9, perScopePerMinute: 1e9 }),
    );
    const ctx: InsightsContext = {
      upstream,
      now: s.now,
      concurrency: 6,
      maxBuckets: 400,
      maxPages: 10_000,
      ttl: { openMs: 30_000, closedMs: 86_400_000, closeLagMs: 60_000 },
      store: upstream.derived(),
      inFlight: new Map(),
    };
    const results = await Promise.all(Array.from({ length: 100 }, () => usageInsights(ctx, { userIds: GLOBEX }, body)));
    assert.ok(
      results.every((r) => r === results[0]),
      'one computation, one answer object',
    );
    assert.equal(ctx.inFlight.size, 0, 'nothing left in flight');
  });

  it('spends the calling customer’s budget: a spent budget is a 429 for that customer only', async () => {
    const bff = makeBff({ sim, handler: { budget: { perMinute: 10_000, perScopePerMinute: 40 } } });
    const got = await bff.post('usage/insights', body);
    assert.equal(got.status, 429, got.text);
    assert.ok(Number(got.headers.get('retry-after')) >= 1);
    const other = await bff.post('usage/insights', { ...body, from: NOW - 3 * DAY, interval: 'day' }, { 'x-test-users': 'hooli_prod' });
    assert.equal(other.status, 200, other.text);
  });

  it('refuses a scan above the page cap with a 400, before reading any log', async () => {
    const bff = recordedBff(sim, { limits: { maxInsightPages: 50 } });
    const got = await bff.post('usage/insights', body);
    assert.equal(got.status, 400, got.text);
    assert.match(got.body.error.message, /pages of logs/);
    assert.match(got.body.error.suggested_fix, /Narrow the window/);
    assert.equal(bff.seen.filter((s) => s.path.endsWith('/logs/tool_execution')).length, 0, 'no log was read');
    // a narrower window fits, and once read, its days cost nothing towards the wider one
    assert.equal((await bff.post('usage/insights', { ...body, from: NOW - 2 * DAY, interval: 'day' })).status, 200);
  });
});

describe('BFF insights: coverage and validation', () => {
  const bff = makeBff();

  it('reports the covered part where logs are not kept (retention) or do not exist yet (future)', async () => {
    const old = await bff.post(
      'usage/insights',
      { from: NOW - 366 * DAY, to: NOW - 330 * DAY, time_zone: 'UTC' },
      { 'x-test-users': 'hooli_prod' },
    );
    assert.equal(old.status, 200, old.text);
    assert.deepEqual(old.body.coverage, { from: NOW - LOG_RETENTION_MS, to: NOW - 330 * DAY, complete: false });
    const future = await bff.post('usage/insights', { from: NOW - DAY, to: NOW + DAY, time_zone: 'UTC' });
    assert.equal(future.status, 200, future.text);
    assert.deepEqual(future.body.coverage, { from: NOW - DAY, to: NOW, complete: false });
    assert.equal(future.body.totals.sessions_per_day, future.body.totals.sessions, 'sessions per day of the covered part');
  });

  const valid = { from: NOW - 3 * DAY, to: NOW, time_zone: 'UTC' };
  const bad: [string, unknown][] = [
    ['no time zone', { from: valid.from, to: valid.to }],
    ['unknown zone', { ...valid, time_zone: 'Mars/Olympus' }],
    ['weekly interval', { ...valid, interval: 'week' }],
    ['group by session', { ...valid, group_by: 'session_id' }],
    ['limit 0', { ...valid, limit: 0 }],
    ['limit 51', { ...valid, limit: 51 }],
    ['unknown field', { ...valid, filters: { user_id: ['hooli_prod'] } }],
    ['from after to', { ...valid, from: valid.to + 1 }],
    ['over 366 days', { ...valid, from: valid.to - 367 * DAY }],
    ['hourly for 30 days (720 buckets)', { ...valid, from: valid.to - 30 * DAY, interval: 'hour' }],
    ['not JSON', '{"from":'],
  ];
  for (const [label, body] of bad) {
    it(`400: ${label}`, async () => {
      const got = await bff.post('usage/insights', body);
      assert.equal(got.status, 400, `${label}: ${got.text}`);
      assert.ok(got.body.error.message.length > 5);
    });
  }
});

describe('BFF insights fuzz (fast-check)', () => {
  const bff = makeBff({ handler: { budget: { perMinute: 1e9, perScopePerMinute: 1e9 } } });
  const hostile = fc.oneof(fc.constantFrom(...HOSTILE_STRINGS, '__proto__', 'constructor', 'x'.repeat(5000)), fc.string());
  const anyValue = fc.oneof(fc.anything(), hostile, fc.integer(), fc.double(), fc.constant(null), fc.array(hostile));
  const base = { from: NOW - 5 * DAY, to: NOW, time_zone: 'Asia/Kolkata', interval: 'day', group_by: 'tool_slug', limit: 3 };
  const body = fc.oneof(
    // valid-ish: windows and options anywhere in range
    fc
      .record({
        from: fc.integer({ min: NOW - 20 * DAY, max: NOW }),
        span: fc.integer({ min: 0, max: 20 * DAY }),
        time_zone: fc.constantFrom('UTC', 'America/New_York', 'Asia/Kolkata', 'Australia/Lord_Howe'),
        interval: fc.option(fc.constantFrom('hour', 'day'), { nil: undefined }),
        group_by: fc.option(fc.constantFrom('toolkit_slug', 'tool_slug', 'user_id', 'connected_account_id'), { nil: undefined }),
      })
      .map(({ span, ...b }) => JSON.stringify({ ...b, to: b.from + span })),
    // a valid body with fields replaced, removed or added
    fc
      .array(
        fc.tuple(
          fc.oneof(fc.constantFrom('from', 'to', 'time_zone', 'interval', 'group_by', 'limit', 'cursor'), hostile),
          fc.option(anyValue),
        ),
        { maxLength: 3 },
      )
      .map((mutations) => {
        const copy: Record<string, unknown> = { ...base };
        for (const [key, value] of mutations) {
          if (value === null) delete copy[key];
          else copy[key] = value;
        }
        return JSON.stringify(copy);
      }),
    fc.oneof(fc.json(), fc.string()),
  );
  const users = fc.option(
    fc.constantFrom('hooli_prod', 'globex-ops,globex-sales', 'nobody-at-all', encodeURIComponent(HOSTILE_STRINGS[0])),
    { nil: undefined },
  );

  it('2,000 requests: no 5xx, every 4xx explains itself, every 200 adds up', async (t) => {
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(body, users, async (text, who) => {
        const got = await bff.post('usage/insights', text, who === undefined ? {} : { 'x-test-users': who });
        statuses.set(got.status, (statuses.get(got.status) ?? 0) + 1);
        assert.ok(got.status < 500, `${got.status} for ${text}: ${got.text}`);
        if (got.status >= 400) assert.equal(got.body.error.status, got.status);
        if (got.status === 200) {
          const r: InsightsResponse = got.body;
          assert.equal(
            r.buckets.reduce((n, b) => n + b.calls, 0),
            r.totals.calls,
          );
          assert.equal(
            r.buckets.reduce((n, b) => n + b.failed, 0),
            r.totals.failed,
          );
        }
      }),
      { numRuns: 2_000, seed: 2026 },
    );
    t.diagnostic(`statuses: ${JSON.stringify(Object.fromEntries(statuses))}`);
    assert.ok((statuses.get(200) ?? 0) > 200, 'many requests were valid');
    assert.ok((statuses.get(400) ?? 0) > 200, 'many were refused');
  });
});
