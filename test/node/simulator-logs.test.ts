import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { LOG_FILTER_FIELDS, LOG_FILTER_OPERATORS } from '../../src/contract/constants.ts';
import type { LogEntry, LogFilter } from '../../src/contract/upstream.ts';
import { matchesFilter as matches } from '../../src/core/filters.ts';
import { call, DAY, fieldOf, listAll, NOW, smallSimulator } from './helpers.ts';

describe('simulator: POST /api/v3.1/logs/tool_execution', () => {
  const sim = smallSimulator();
  let all: LogEntry[];

  before(async () => {
    all = await listAll(sim);
  });

  it('lists the project’s logs newest first with unique ids, default page size 20', async () => {
    assert.ok(all.length > 4000, `expected thousands of logs, got ${all.length}`);
    assert.equal(new Set(all.map((l) => l.id)).size, all.length);
    for (let i = 1; i < all.length; i++) assert.ok(all[i - 1].timestamp >= all[i].timestamp, `order broken at ${i}`);
    assert.ok(
      all.every((l) => l.metadata.project_id === 'proj_acme_prod'),
      'only the key’s project',
    );
    const first = await call(sim, '/api/v3.1/logs/tool_execution', {});
    assert.equal(first.body.logs.length, 20);
    assert.deepEqual(first.body.logs, all.slice(0, 20));
  });

  for (const field of LOG_FILTER_FIELDS) {
    it(`filters on ${field} with ==, !=, contains and not_contains`, async () => {
      const sample = all.find((l) => fieldOf(l, field) !== '' && fieldOf(l, field).length >= 4);
      assert.ok(sample, `no log has ${field}`);
      const value = fieldOf(sample!, field);
      const fragment = field === 'status' ? 'fail' : value.slice(1, Math.min(value.length, 6));
      for (const operator of LOG_FILTER_OPERATORS) {
        const filter: LogFilter = { field, operator, value: operator.includes('contains') ? fragment : value };
        const got = await listAll(sim, { filters: [filter] });
        const expected = all.filter((l) => matches(operator, filter.value, fieldOf(l, field)));
        assert.deepEqual(
          got.map((l) => l.id),
          expected.map((l) => l.id),
          `${field} ${operator} ${filter.value}`,
        );
        assert.ok(expected.length > 0, `${field} ${operator} should match something`);
      }
    });
  }

  it('AND-combines filters across fields', async () => {
    const filters: LogFilter[] = [
      { field: 'status', operator: '==', value: 'failed' },
      { field: 'toolkit_slug', operator: '==', value: 'gmail' },
      { field: 'user_id', operator: '!=', value: 'globex-ops' },
    ];
    const got = await listAll(sim, { filters });
    const expected = all.filter((l) => l.status === 'failed' && l.metadata.toolkit_slug === 'gmail' && l.metadata.user_id !== 'globex-ops');
    assert.ok(expected.length > 0);
    assert.deepEqual(
      got.map((l) => l.id),
      expected.map((l) => l.id),
    );
  });

  it('applies time_range with from inclusive and to exclusive', async () => {
    const pivot = all[Math.floor(all.length / 2)];
    const t = Date.parse(pivot.timestamp);
    const ids = async (from: number, to: number) => (await listAll(sim, { time_range: { from, to } })).map((l) => l.id);
    assert.ok((await ids(t, t + 1)).includes(pivot.id), 'from is inclusive');
    assert.ok(!(await ids(t + 1, t + DAY)).includes(pivot.id), 'after from');
    assert.ok(!(await ids(t - DAY, t)).includes(pivot.id), 'to is exclusive');
    const window = await ids(t - DAY, t + DAY);
    assert.deepEqual(
      window,
      all.filter((l) => Date.parse(l.timestamp) >= t - DAY && Date.parse(l.timestamp) < t + DAY).map((l) => l.id),
    );
  });

  it('pages with no duplicates and no gaps while new logs keep arriving', async () => {
    const live = smallSimulator();
    const snapshot = await listAll(smallSimulator()); // same seed and clock: what page one saw
    const before = live.dataset.visibleCount(live.now());
    const paged = await listAll(live, { limit: 37 }, () => live.advance(15 * 60_000));
    assert.ok(live.dataset.visibleCount(live.now()) > before, 'logs arrived during paging');
    assert.deepEqual(
      paged.map((l) => l.id),
      snapshot.map((l) => l.id),
    );
    // and the new logs are on a fresh first page
    const fresh = await call(live, '/api/v3.1/logs/tool_execution', { limit: 5 });
    assert.ok(Date.parse(fresh.body.logs[0].timestamp) > NOW);
  });

  it('rejects bad limits, filters, time ranges and cursors with a 400 envelope', async () => {
    const bad = [
      { limit: 101 },
      { limit: 0 },
      { limit: 'ten' },
      { filters: [{ field: 'message', operator: '==', value: 'x' }] },
      { filters: [{ field: 'status', operator: 'like', value: 'x' }] },
      { filters: [{ field: 'status', operator: '==' }] },
      { time_range: { from: NOW } },
      { time_range: { from: NOW, to: NOW - 1 } },
      { cursor: 'not a cursor' },
    ];
    for (const body of bad) {
      const reply = await call(sim, '/api/v3.1/logs/tool_execution', body);
      assert.equal(reply.status, 400, JSON.stringify(body));
      assert.equal(reply.body.error.status, 400);
      assert.equal(reply.body.error.slug, 'BadRequest');
      assert.match(reply.body.error.message, /\w/);
      assert.match(reply.body.error.request_id, /^req_/);
    }
    const page = await call(sim, '/api/v3.1/logs/tool_execution', { limit: 5 });
    const replay = await call(sim, '/api/v3.1/logs/tool_execution', {
      cursor: page.body.next_cursor,
      filters: [{ field: 'status', operator: '==', value: 'failed' }],
    });
    assert.equal(replay.status, 400, 'a cursor is bound to its query');
    assert.match(replay.body.error.message, /cursor/i);
  });

  it('accepts the v3 alias path', async () => {
    const reply = await call(sim, '/api/v3/logs/tool_execution', { limit: 3 });
    assert.equal(reply.status, 200);
    assert.deepEqual(reply.body.logs, all.slice(0, 3));
  });
});

describe('simulator: GET /api/v3.1/logs/tool_execution/{id}', () => {
  const sim = smallSimulator();

  it('returns the entry plus timings, context, source and data', async () => {
    const page = await call(sim, '/api/v3.1/logs/tool_execution', { limit: 50 });
    const failed = page.body.logs.find((l: LogEntry) => l.status === 'failed') ?? page.body.logs[0];
    const detail = await call(sim, `/api/v3.1/logs/tool_execution/${failed.id}`);
    assert.equal(detail.status, 200);
    const { timings, context, source, data, ...entry } = detail.body;
    assert.deepEqual(entry, failed);
    assert.equal(timings.end_time, Date.parse(failed.timestamp));
    assert.equal(timings.end_time - timings.start_time, failed.metrics.duration_ms);
    assert.equal(context.request_id, failed.metadata.request_id);
    assert.equal(context.session_id, failed.metadata.session_id);
    assert.ok(['sdk', 'mcp', 'api'].includes(source.host));
    assert.ok(data.request.arguments && typeof data.request.arguments === 'object');
    assert.equal(data.response.successful, failed.status === 'success');
  });

  it('answers 404 with the envelope for unknown, forged and other-project ids', async () => {
    const staging = await call(sim, '/api/v3.1/logs/tool_execution', { limit: 1 }, { 'x-api-key': 'sim_ak_staging' });
    for (const id of ['log_doesnotexist', 'log_AAAAAAAAAAA', staging.body.logs[0].id, '<script>']) {
      const reply = await call(sim, `/api/v3.1/logs/tool_execution/${encodeURIComponent(id)}`);
      assert.equal(reply.status, 404, id);
      assert.equal(reply.body.error.status, 404);
      assert.equal(reply.body.error.code, 10404);
    }
  });
});
