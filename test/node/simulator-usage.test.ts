import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { USAGE_GROUP_BY } from '../../src/contract/constants.ts';
import type { LogEntry, UsageGroup } from '../../src/contract/upstream.ts';
import { call, DAY, listAll, NOW, ORG_KEY, smallSimulator } from './helpers.ts';

const sum = (groups: UsageGroup[]) => groups.reduce((n, g) => n + Number(g.total_quantity), 0);

describe('simulator: usage summary and breakdown', () => {
  const sim = smallSimulator();
  let all: LogEntry[];
  before(async () => {
    all = await listAll(sim);
  });
  const inWindow = (from: number, to: number) => all.filter((l) => Date.parse(l.timestamp) >= from && Date.parse(l.timestamp) < to);

  it('defaults to the last 30 days and counts every tool call as a decimal string', async () => {
    const reply = await call(sim, '/api/v3.1/project/usage/summary', {});
    assert.equal(reply.status, 200);
    const calls = reply.body.entities.tool_calls;
    assert.equal(calls.unit, 'count');
    assert.equal(typeof calls.total_quantity, 'string');
    assert.equal(calls.event_count, inWindow(NOW - 30 * DAY, NOW + 1).length);
    assert.equal(calls.total_quantity, String(calls.event_count));
    assert.ok(reply.body.entities.sessions.event_count > 0);
    assert.match(reply.body.instant_charge, /^\d+(\.\d+)?$/);
  });

  it('sums instant charges exactly from the logs’ metadata', async () => {
    const reply = await call(sim, '/api/v3.1/project/usage/summary', { from: NOW - 14 * DAY, to: NOW + 1 });
    const micros = all.reduce((n, l) => n + Math.round(Number(l.metadata.instant_charge ?? 0) * 1e6), 0);
    assert.ok(micros > 0, 'some calls are charged');
    assert.equal(Math.round(Number(reply.body.instant_charge) * 1e6), micros);
  });

  it('treats from as inclusive and to as exclusive', async () => {
    const t = Date.parse(all[100].timestamp);
    const count = async (from: number, to: number) =>
      (await call(sim, '/api/v3.1/project/usage/summary', { from, to, entity_types: ['tool_calls'] })).body.entities.tool_calls.event_count;
    const atT = all.filter((l) => Date.parse(l.timestamp) === t).length;
    assert.equal(await count(t, t + 1), atT);
    assert.equal(await count(t - 1, t), 0 + all.filter((l) => Date.parse(l.timestamp) === t - 1).length);
    assert.equal((await count(t - DAY, t)) + (await count(t, t + DAY)), await count(t - DAY, t + DAY));
  });

  it('filters by user_id and session_id arrays (OR within, AND across)', async () => {
    const users = ['globex-ops', 'hooli_prod'];
    const session = all.find((l) => l.metadata.user_id === 'hooli_prod' && l.metadata.session_id)!.metadata.session_id as string;
    const body = { from: NOW - 14 * DAY, to: NOW + 1, entity_types: ['tool_calls'] };
    const byUsers = await call(sim, '/api/v3.1/project/usage/summary', { ...body, filters: { user_id: users } });
    assert.equal(byUsers.body.entities.tool_calls.event_count, all.filter((l) => users.includes(l.metadata.user_id as string)).length);
    const both = await call(sim, '/api/v3.1/project/usage/summary', { ...body, filters: { user_id: users, session_id: [session] } });
    assert.equal(both.body.entities.tool_calls.event_count, all.filter((l) => l.metadata.session_id === session).length);
    const none = await call(sim, '/api/v3.1/project/usage/summary', {
      ...body,
      filters: { user_id: ['globex-ops'], session_id: [session] },
    });
    assert.equal(none.body.entities.tool_calls.event_count, 0);
  });

  it('rejects windows over 366 days, reversed windows and unknown entity types', async () => {
    const tooLong = await call(sim, '/api/v3.1/project/usage/summary', { from: NOW - 367 * DAY, to: NOW });
    assert.equal(tooLong.status, 400);
    assert.match(tooLong.body.error.message, /366 days/);
    assert.equal((await call(sim, '/api/v3.1/project/usage/summary', { from: NOW - 366 * DAY, to: NOW })).status, 200);
    assert.equal((await call(sim, '/api/v3.1/project/usage/summary', { from: NOW, to: NOW - 1 })).status, 400);
    assert.equal((await call(sim, '/api/v3.1/project/usage/summary', { entity_types: ['premium_tool_calls'] })).status, 400);
    assert.equal((await call(sim, '/api/v3.1/project/usage/premium_tool_calls', {})).status, 400);
    assert.equal((await call(sim, '/api/v3.1/project/usage/summary', { filters: { user_id: 'globex-ops' } })).status, 400);
  });

  for (const [entity, dimensions] of Object.entries(USAGE_GROUP_BY)) {
    for (const groupBy of dimensions) {
      it(`breaks ${entity} down by ${groupBy}; groups sum to the total`, async () => {
        // two days keep every group (even per session) under the 1000-group limit
        const [from, to] = [NOW - 2 * DAY, NOW + 1];
        const reply = await call(sim, `/api/v3.1/project/usage/${entity}`, { group_by: groupBy, limit: 1000, from, to });
        assert.equal(reply.status, 200);
        assert.equal(reply.body.entity_type, entity);
        assert.ok(reply.body.groups.length < 1000);
        assert.equal(sum(reply.body.groups), Number(reply.body.total_quantity));
        if (entity === 'tool_calls') {
          const logs = inWindow(from, to);
          assert.equal(reply.body.event_count, logs.length);
          const key = (l: LogEntry) => String(l.metadata[groupBy] ?? '');
          const expected = new Map<string, number>();
          for (const l of logs) expected.set(key(l), (expected.get(key(l)) ?? 0) + 1);
          assert.deepEqual(new Map(reply.body.groups.map((g: UsageGroup) => [g.key, g.event_count])), expected);
        }
        const counts = reply.body.groups.map((g: UsageGroup) => g.event_count);
        assert.deepEqual(
          counts,
          [...counts].sort((a, b) => b - a),
          'default order: total_quantity desc',
        );
      });
    }
  }

  it('uses the documented default group_by, order_by, order_direction and limit', async () => {
    const calls = await call(sim, '/api/v3.1/project/usage/tool_calls', {});
    assert.ok(
      calls.body.groups.every((g: UsageGroup) => /^[A-Z=]/.test(g.key)),
      'tool_calls → tool_slug',
    );
    const sessions = await call(sim, '/api/v3.1/project/usage/sessions', {});
    assert.ok(
      sessions.body.groups.some((g: UsageGroup) => g.key === 'globex-ops'),
      'sessions → user_id',
    );
    const byKey = await call(sim, '/api/v3.1/project/usage/tool_calls', { order_by: 'key', order_direction: 'asc', limit: 3 });
    const keys = byKey.body.groups.map((g: UsageGroup) => g.key);
    assert.equal(keys.length, 3);
    assert.deepEqual(keys, [...keys].sort());
    const asc = await call(sim, '/api/v3.1/project/usage/tool_calls', {
      order_by: 'event_count',
      order_direction: 'asc',
      group_by: 'toolkit_slug',
    });
    const counts = asc.body.groups.map((g: UsageGroup) => g.event_count);
    assert.deepEqual(
      counts,
      [...counts].sort((a, b) => a - b),
    );
    for (const body of [
      { limit: 1001 },
      { limit: 0 },
      { group_by: 'timestamp' },
      { group_by: 'project_id' },
      { order_by: 'count' },
      { order_direction: 'up' },
    ]) {
      const reply = await call(sim, '/api/v3.1/project/usage/tool_calls', body);
      assert.equal(reply.status, 400, JSON.stringify(body));
      assert.ok(reply.body.error.suggested_fix || reply.body.error.errors, 'says how to fix it');
    }
  });
});

describe('simulator: org usage', () => {
  const sim = smallSimulator();

  it('covers both projects, filters by project_id and groups by project_id', async () => {
    const window = { from: NOW - 14 * DAY, to: NOW + 1 };
    const org = await call(sim, '/api/v3.1/org/usage/summary', window, ORG_KEY);
    const prod = await call(sim, '/api/v3.1/project/usage/summary', window);
    const staging = await call(sim, '/api/v3.1/project/usage/summary', window, { 'x-api-key': 'sim_ak_staging' });
    assert.equal(org.status, 200);
    assert.equal(
      org.body.entities.tool_calls.event_count,
      prod.body.entities.tool_calls.event_count + staging.body.entities.tool_calls.event_count,
    );
    const onlyStaging = await call(
      sim,
      '/api/v3.1/org/usage/summary',
      { ...window, filters: { project_id: ['proj_acme_staging'] } },
      ORG_KEY,
    );
    assert.deepEqual(onlyStaging.body.entities, staging.body.entities);
    for (const entity of ['tool_calls', 'sessions']) {
      const grouped = await call(sim, `/api/v3.1/org/usage/${entity}`, { ...window, group_by: 'project_id' }, ORG_KEY);
      assert.equal(grouped.status, 200);
      assert.deepEqual(grouped.body.groups.map((g: UsageGroup) => g.key).sort(), ['proj_acme_prod', 'proj_acme_staging']);
      assert.equal(sum(grouped.body.groups), grouped.body.event_count);
    }
    const foreign = await call(sim, '/api/v3.1/org/usage/summary', { filters: { project_id: ['proj_other'] } }, ORG_KEY);
    assert.equal(foreign.status, 400);
  });

  it('keeps project and org keys apart', async () => {
    assert.equal((await call(sim, '/api/v3.1/org/usage/summary', {})).status, 401);
    assert.equal((await call(sim, '/api/v3.1/project/usage/summary', {}, ORG_KEY)).status, 401);
    assert.equal((await call(sim, '/api/v3.1/logs/tool_execution', {}, ORG_KEY)).status, 401);
  });
});
