/**
 * The project admin scope: only `resolveScope` can return it, no request input turns a customer
 * scope into it, and under it every route sees the whole project.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SignJWT } from 'jose';
import type { LogEntry } from '../../src/contract/upstream.ts';
import { bearerTokenScope, PROJECT_ADMIN_SCOPE, type ResolveScope } from '../../src/server/index.ts';
import { GLOBEX, makeBff, NOW, SECRET } from './bff-helpers.ts';
import { call, DAY, listAll } from './helpers.ts';

/** The host's admin login, reduced to one header the test controls; everyone else is Globex. */
const ADMIN = { 'x-admin-session': 'admin-session-secret' };
const resolveScope: ResolveScope = (request) =>
  request.headers.get('x-admin-session') === ADMIN['x-admin-session'] ? PROJECT_ADMIN_SCOPE : { userIds: GLOBEX };
const WINDOW = { from: NOW - 2 * DAY, to: NOW };

type Bff = ReturnType<typeof makeBff>;

async function allPages(bff: Bff, body: object, headers?: Record<string, string>): Promise<LogEntry[]> {
  const logs: LogEntry[] = [];
  let cursor: string | null = null;
  do {
    const page = await bff.post('logs/tool_execution', { ...body, cursor }, headers);
    assert.equal(page.status, 200, page.text);
    logs.push(...page.body.logs);
    cursor = page.body.next_cursor;
  } while (cursor);
  return logs;
}

const projectUsers = (bff: Bff) => bff.sim.customers.filter((c) => c.projectId === 'proj_acme_prod').flatMap((c) => c.userIds);

describe('BFF admin scope: only resolveScope returns it', () => {
  it('accepts exactly { kind: "project" }, and answers 500 for anything near it', async () => {
    const bad: unknown[] = [
      { kind: 'Project' },
      { kind: 'all' },
      { kind: true },
      { kind: 'project', userIds: GLOBEX },
      { kind: 'project', extra: 1 },
      { userIds: [] },
      { userIds: '*' },
      'project',
      { userIds: undefined },
    ];
    for (const scope of bad) {
      const bff = makeBff({ handler: { resolveScope: () => scope as never } });
      const got = await bff.post('usage/summary', WINDOW);
      assert.equal(got.status, 500, JSON.stringify(scope));
      assert.match(got.body.error.message, /Server misconfiguration/);
    }
    const admin = makeBff({ handler: { resolveScope: () => ({ kind: 'project' }) } });
    assert.equal((await admin.post('usage/summary', WINDOW)).status, 200);
  });

  it('never widens a customer: body fields, headers and filters leave the scope as it was', async () => {
    const bff = makeBff({ handler: { resolveScope } });
    const headers: Record<string, string>[] = [
      {},
      { 'x-admin-session': 'guess' },
      { 'x-scope': 'project' },
      { 'x-demo-admin': '1' },
      { cookie: 'admin=1; scope=project' },
      { 'x-test-users': '' },
    ];
    for (const h of headers) {
      const breakdown = await bff.post('usage/tool_calls', { ...WINDOW, group_by: 'user_id', limit: 100 }, h);
      assert.equal(breakdown.status, 200);
      for (const g of breakdown.body.groups) assert.ok(GLOBEX.includes(g.key), `${JSON.stringify(h)}: ${g.key}`);
      const logs = await allPages(bff, { limit: 100, time_range: { from: NOW - DAY / 4, to: NOW } }, h);
      assert.ok(logs.length > 0);
      assert.ok(
        logs.every((l) => GLOBEX.includes(l.metadata.user_id as string)),
        JSON.stringify(h),
      );
    }
    // a body that names a scope is refused by the strict schemas, never read
    for (const body of [
      { ...WINDOW, kind: 'project' },
      { ...WINDOW, scope: { kind: 'project' } },
    ]) {
      assert.equal((await bff.post('usage/summary', body)).status, 400);
      assert.equal((await bff.post('usage/insights', { ...body, time_zone: 'UTC' })).status, 400);
    }
    // user_id filters cannot name the others either
    const widened = await bff.post('usage/tool_calls', {
      ...WINDOW,
      group_by: 'user_id',
      filters: { user_id: projectUsers(bff) },
    });
    for (const g of widened.body.groups) assert.ok(GLOBEX.includes(g.key), g.key);
  });

  it('an embed token cannot carry the project scope', async () => {
    const bff = makeBff({ handler: { resolveScope: bearerTokenScope(SECRET) } });
    for (const claim of [{ kind: 'project' }, 'project', ['*'].slice(1)]) {
      const token = await new SignJWT({ composio_user_ids: claim })
        .setProtectedHeader({ alg: 'HS256' })
        .setIssuer('composio-widgets')
        .setAudience('composio-widgets-bff')
        .setIssuedAt()
        .setExpirationTime('5m')
        .sign(new TextEncoder().encode(SECRET));
      const got = await bff.post('usage/summary', WINDOW, { authorization: `Bearer ${token}` });
      assert.equal(got.status, 401, JSON.stringify(claim));
    }
  });

  it('a cursor minted under a customer scope does not page the project, nor the other way', async () => {
    const bff = makeBff({ handler: { resolveScope } });
    const body = { limit: 10, time_range: WINDOW };
    const customer = await bff.post('logs/tool_execution', body);
    const admin = await bff.post('logs/tool_execution', body, ADMIN);
    assert.ok(customer.body.next_cursor && admin.body.next_cursor);
    const up = await bff.post('logs/tool_execution', { ...body, cursor: customer.body.next_cursor }, ADMIN);
    assert.equal(up.status, 400);
    const down = await bff.post('logs/tool_execution', { ...body, cursor: admin.body.next_cursor });
    assert.equal(down.status, 400);
  });
});

describe('BFF admin scope: the whole project', () => {
  const bff = makeBff({ handler: { resolveScope } });
  const upstreamSummary = async (filters: object = {}) =>
    (await call(bff.sim, '/api/v3.1/project/usage/summary', { ...WINDOW, entity_types: ['tool_calls'], filters })).body.entities.tool_calls
      .event_count as number;

  it('summary, breakdown and series count every user of the project', async () => {
    const all = await upstreamSummary();
    const globex = await upstreamSummary({ user_id: GLOBEX });
    assert.ok(all > globex && globex > 0);
    const summary = await bff.post('usage/summary', { ...WINDOW, entity_types: ['tool_calls'] }, ADMIN);
    assert.equal(summary.body.entities.tool_calls.event_count, all);
    const breakdown = await bff.post('usage/tool_calls', { ...WINDOW, group_by: 'user_id', limit: 100 }, ADMIN);
    const keys = breakdown.body.groups.map((g: { key: string }) => g.key);
    assert.ok(keys.some((k: string) => !GLOBEX.includes(k)));
    assert.ok(keys.every((k: string) => projectUsers(bff).includes(k)));
    const series = await bff.post('usage/tool_calls/series', { ...WINDOW, interval: 'day', time_zone: 'UTC' }, ADMIN);
    assert.equal(series.status, 200, series.text);
    const total = series.body.buckets.reduce((n: number, b: { total_quantity: string }) => n + Number(b.total_quantity), 0);
    assert.equal(total, all);
  });

  it('logs list the whole project in one stream, and any log of it opens', async () => {
    const window = { from: NOW - DAY / 2, to: NOW };
    const logs = await allPages(bff, { limit: 100, time_range: window }, ADMIN);
    const upstream = await listAll(bff.sim, { time_range: window });
    assert.deepEqual(
      logs.map((l) => l.id),
      upstream.map((l) => l.id),
    );
    const foreign = logs.find((l) => !GLOBEX.includes(l.metadata.user_id as string))!;
    assert.ok(foreign);
    assert.equal((await bff.get(`logs/tool_execution/${foreign.id}`, ADMIN)).status, 200);
    assert.equal((await bff.get(`logs/tool_execution/${foreign.id}`)).status, 404); // still 404 for Globex
    // the admin's own user_id filter narrows, as any filter does
    const one = await allPages(
      bff,
      { limit: 100, time_range: window, filters: [{ field: 'user_id', operator: '==', value: 'globex-ops' }] },
      ADMIN,
    );
    assert.ok(one.length > 0 && one.every((l) => l.metadata.user_id === 'globex-ops'));
  });

  it('insights count every call of the project, grouped by user', async () => {
    const all = await upstreamSummary();
    const got = await bff.post('usage/insights', { ...WINDOW, time_zone: 'UTC', group_by: 'user_id', limit: 50 }, ADMIN);
    assert.equal(got.status, 200, got.text);
    assert.equal(got.body.totals.calls, all);
    assert.ok(got.body.totals.active_users > GLOBEX.length);
    const grouped = got.body.groups.reduce((n: number, g: { calls: number }) => n + g.calls, 0) + (got.body.other?.calls ?? 0);
    assert.equal(grouped, all);
    const customer = await bff.post('usage/insights', { ...WINDOW, time_zone: 'UTC', group_by: 'user_id', limit: 50 });
    assert.ok(customer.body.groups.every((g: { key: string }) => GLOBEX.includes(g.key)));
    assert.ok(customer.body.totals.calls < all);
  });
});
