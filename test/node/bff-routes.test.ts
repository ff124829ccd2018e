import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import { setupServer } from 'msw/node';
import type { LogEntry, UsageGroup } from '../../src/contract/upstream.ts';
import { createComposioHandler } from '../../src/server/index.ts';
import { toNodeListener } from '../../src/server/node.ts';
import { simulatorHandlers } from '../../src/simulator/msw.ts';
import { listen } from '../../src/simulator/node.ts';
import { GLOBEX, makeBff, NOW } from './bff-helpers.ts';
import { call, DAY, listAll, smallSimulator } from './helpers.ts';

describe('BFF: usage routes', () => {
  const bff = makeBff();

  it('POST usage/summary mirrors v3.1, scoped to the caller, default last 30 days', async () => {
    const got = await bff.post('usage/summary', {});
    assert.equal(got.status, 200);
    const direct = await call(bff.sim, '/api/v3.1/project/usage/summary', { filters: { user_id: GLOBEX } });
    assert.deepEqual(got.body, direct.body);
    assert.equal(got.headers.get('cache-control'), 'private, no-cache');
    assert.match(got.headers.get('x-request-id')!, /^req_bff_/);
  });

  it('replaces a client user_id filter with the scope, never merges it', async () => {
    const hooli = await bff.post('usage/summary', { filters: { user_id: ['hooli_prod'] } });
    const mine = await bff.post('usage/summary', {});
    assert.deepEqual(hooli.body, mine.body);
  });

  it('passes session_id filters and entity_types through', async () => {
    const logs = await listAll(bff.sim, {
      filters: [{ field: 'user_id', operator: '==', value: 'globex-ops' }],
      time_range: { from: NOW - DAY, to: NOW },
    });
    const session = logs.find((l) => l.metadata.session_id)!.metadata.session_id as string;
    const got = await bff.post('usage/summary', { entity_types: ['tool_calls'], filters: { session_id: [session] } });
    assert.deepEqual(Object.keys(got.body.entities), ['tool_calls']);
    assert.equal(got.body.entities.tool_calls.event_count, logs.filter((l) => l.metadata.session_id === session).length);
  });

  it('POST usage/{entity_type} breaks down with explicit defaults', async () => {
    const got = await bff.post('usage/tool_calls', { group_by: 'user_id' });
    assert.equal(got.status, 200);
    assert.deepEqual(got.body.groups.map((g: UsageGroup) => g.key).sort(), [...GLOBEX].sort());
    const sessions = await bff.post('usage/sessions', {});
    assert.equal(sessions.status, 200);
    assert.ok(sessions.body.groups.every((g: UsageGroup) => GLOBEX.includes(g.key)));
    for (const body of [{ group_by: 'project_id' }, { group_by: 'timestamp' }, { limit: 1001 }, { order_by: 'count' }]) {
      const bad = await bff.post('usage/tool_calls', body);
      assert.equal(bad.status, 400, JSON.stringify(body));
      assert.ok(bad.body.error.suggested_fix);
    }
    const unknown = await bff.post('usage/premium_tool_calls', {});
    assert.equal(unknown.status, 400, 'unknown entity: 400, so a series 404 keeps meaning "no series route"');
  });

  it('POST usage/{entity_type}/series buckets by day and reconciles with the summary', async () => {
    const window = { from: NOW - 10 * DAY, to: NOW };
    const series = await bff.post('usage/tool_calls/series', { ...window, interval: 'day', time_zone: 'America/New_York' });
    assert.equal(series.status, 200);
    assert.equal(series.body.interval, 'day');
    assert.equal(series.body.buckets.length, 11);
    const total = series.body.buckets.reduce((n: number, b: { event_count: number }) => n + b.event_count, 0);
    const summary = await bff.post('usage/summary', { ...window, entity_types: ['tool_calls'] });
    assert.equal(total, summary.body.entities.tool_calls.event_count);
  });

  it('groups a series into the top N plus other, per bucket', async () => {
    const got = await bff.post('usage/tool_calls/series', {
      from: NOW - 5 * DAY,
      to: NOW,
      interval: 'day',
      time_zone: 'UTC',
      group_by: 'toolkit_slug',
      limit: 2,
    });
    assert.equal(got.status, 200);
    assert.equal(got.body.group_keys.length, 2);
    const overall = await bff.post('usage/tool_calls', { from: NOW - 5 * DAY, to: NOW, group_by: 'toolkit_slug', limit: 2 });
    assert.deepEqual(
      got.body.group_keys,
      overall.body.groups.map((g: UsageGroup) => g.key),
    );
    for (const bucket of got.body.buckets) {
      assert.deepEqual(
        bucket.groups.map((g: UsageGroup) => g.key),
        got.body.group_keys,
      );
      const parts = bucket.groups.reduce((n: number, g: UsageGroup) => n + g.event_count, 0) + bucket.other.event_count;
      assert.equal(parts, bucket.event_count);
      assert.equal(String(parts), bucket.total_quantity);
    }
  });

  it('rejects series without a valid zone, interval or window, and too many buckets', async () => {
    const base = { from: NOW - DAY, to: NOW, interval: 'hour', time_zone: 'UTC' };
    assert.equal((await bff.post('usage/tool_calls/series', base)).status, 200);
    for (const body of [
      { ...base, time_zone: 'Mars/Olympus' },
      { ...base, interval: 'minute' },
      { ...base, from: undefined },
      { ...base, from: NOW, to: NOW - 1 },
      { ...base, from: NOW - 40 * DAY },
      { ...base, limit: 50, group_by: 'tool_slug' },
    ]) {
      const got = await bff.post('usage/tool_calls/series', body);
      assert.equal(got.status, 400, JSON.stringify(body));
      assert.match(got.body.error.message, /\w/);
    }
  });
});

describe('BFF: logs routes', () => {
  const bff = makeBff();

  it('POST logs/tool_execution pages the scope’s logs newest first, with no duplicates or gaps', async () => {
    const expected = (await listAll(bff.sim, { time_range: { from: 0, to: NOW } })).filter((l) =>
      GLOBEX.includes(l.metadata.user_id as string),
    );
    const got: LogEntry[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: any = await bff.post('logs/tool_execution', { limit: 100, cursor });
      assert.equal(page.status, 200);
      got.push(...page.body.logs);
      cursor = page.body.next_cursor;
      pages++;
    } while (cursor);
    assert.ok(pages > 10);
    assert.deepEqual(
      got.map((l) => l.id),
      expected.map((l) => l.id),
    );
  });

  it('narrows the scope with a client user_id filter, and never widens it', async () => {
    const one = await bff.post('logs/tool_execution', {
      limit: 50,
      filters: [{ field: 'user_id', operator: '==', value: 'globex-sales' }],
    });
    assert.ok(one.body.logs.length > 0);
    assert.ok(one.body.logs.every((l: LogEntry) => l.metadata.user_id === 'globex-sales'));
    const foreign = await bff.post('logs/tool_execution', { filters: [{ field: 'user_id', operator: '==', value: 'hooli_prod' }] });
    assert.deepEqual(foreign.body, { logs: [], next_cursor: null });
    const notOps = await bff.post('logs/tool_execution', {
      limit: 100,
      filters: [{ field: 'user_id', operator: '!=', value: 'globex-ops' }],
    });
    assert.ok(notOps.body.logs.every((l: LogEntry) => ['globex-sales', 'globex-support'].includes(l.metadata.user_id as string)));
  });

  it('passes other filters and the time range through', async () => {
    const got = await bff.post('logs/tool_execution', {
      limit: 100,
      filters: [{ field: 'status', operator: '==', value: 'failed' }],
      time_range: { from: NOW - 3 * DAY, to: NOW - DAY },
    });
    assert.ok(got.body.logs.length > 0);
    for (const log of got.body.logs) {
      assert.equal(log.status, 'failed');
      const t = Date.parse(log.timestamp);
      assert.ok(t >= NOW - 3 * DAY && t < NOW - DAY);
    }
  });

  it('GET logs/tool_execution/{id} returns the caller’s log with ETag revalidation', async () => {
    const page = await bff.post('logs/tool_execution', { limit: 1 });
    const id = page.body.logs[0].id;
    const detail = await bff.get(`logs/tool_execution/${id}`);
    assert.equal(detail.status, 200);
    assert.equal(detail.body.id, id);
    assert.ok(detail.body.data && detail.body.context && detail.body.source);
    assert.equal(detail.headers.get('cache-control'), 'private, max-age=60');
    const etag = detail.headers.get('etag')!;
    assert.ok(etag);
    const again = await bff.get(`logs/tool_execution/${id}`, { 'if-none-match': etag });
    assert.equal(again.status, 304);
    const bad = await bff.get('logs/tool_execution/..%2Fsecrets');
    assert.equal(bad.status, 400);
  });

  it('makes a detail’s text once per process: its owner’s later requests reuse it; another customer gets a 404', async () => {
    let made = 0;
    const counting = makeBff({ handler: { redact: (log) => ('data' in log ? (made++, log) : log) } });
    const id = (await counting.post('logs/tool_execution', { limit: 1 })).body.logs[0].id;
    const first = await counting.get(`logs/tool_execution/${id}`);
    const second = await counting.get(`logs/tool_execution/${id}`);
    assert.equal(first.status, 200);
    assert.equal(second.text, first.text);
    assert.equal(second.headers.get('etag'), first.headers.get('etag'));
    assert.equal((await counting.get(`logs/tool_execution/${id}`, { 'if-none-match': `"x", ${first.headers.get('etag')}` })).status, 304);
    assert.equal((await counting.get(`logs/tool_execution/${id}`, { 'x-test-users': 'hooli_prod' })).status, 404, 'not another customer’s');
    assert.equal(made, 1, 'serialised once');
  });

  it('applies redact to list entries and details', async () => {
    const redacting = makeBff({
      handler: { redact: (log) => ({ ...log, message: '[redacted]', ...('data' in log ? { data: {} } : {}) }) },
    });
    const page = await redacting.post('logs/tool_execution', { limit: 3 });
    assert.ok(page.body.logs.every((l: LogEntry) => l.message === '[redacted]'));
    const detail = await redacting.get(`logs/tool_execution/${page.body.logs[0].id}`);
    assert.equal(detail.body.message, '[redacted]');
    assert.deepEqual(detail.body.data, {});
  });

  it('answers 501 for logs when only an org key is configured', async () => {
    const org = makeBff({ handler: { apiKey: undefined, orgApiKey: 'sim_oak_demo', projectIds: ['proj_acme_prod'] } });
    assert.equal((await org.post('logs/tool_execution', {})).status, 501);
    const summary = await org.post('usage/summary', {});
    assert.equal(summary.status, 200);
    const project = await makeBff().post('usage/summary', {});
    assert.deepEqual(summary.body.entities, project.body.entities);
    assert.equal((await org.post('usage/tool_calls', { group_by: 'project_id' })).status, 200);
  });
});

describe('BFF: mounting and errors', () => {
  it('accepts paths with or without its base path, and answers unknown routes with the envelope', async () => {
    const bff = makeBff();
    const bare = await bff.handler(new Request('http://app.test/usage/summary', { method: 'POST', body: '{}' }));
    assert.equal(bare.status, 200);
    const custom = makeBff({ handler: { basePath: '/internal/usage-api/' } });
    const mounted = await custom.handler(new Request('http://app.test/internal/usage-api/usage/summary', { method: 'POST', body: '{}' }));
    assert.equal(mounted.status, 200);
    const missing = await bff.post('nothing', {});
    assert.equal(missing.status, 404);
    assert.match(missing.body.error.suggested_fix, /usage\/summary/);
    const wrongMethod = await bff.get('usage/summary');
    assert.equal(wrongMethod.status, 404);
  });

  it('answers 400 for bad JSON and unknown fields, 413 for a body over 64 kB, 401 without a scope', async () => {
    const bff = makeBff();
    const badJson = await bff.post('usage/summary', '{"from":');
    assert.equal(badJson.status, 400);
    assert.match(badJson.body.error.message, /JSON/);
    const unknown = await bff.post('usage/summary', { form: 1 });
    assert.equal(unknown.status, 400);
    assert.match(unknown.body.error.errors[0], /form/);
    const big = await bff.post('logs/tool_execution', { filters: [{ field: 'tool_slug', operator: '==', value: 'x'.repeat(70_000) }] });
    assert.equal(big.status, 413);
    assert.equal(big.body.error.status, 413);
    const anonymous = await bff.post('usage/summary', {}, { 'x-test-users': '' });
    assert.equal(anonymous.status, 401);
  });

  it('answers 500 without details when resolveScope is misconfigured or throws', async () => {
    const seen: unknown[] = [];
    const empty = makeBff({ handler: { resolveScope: () => ({ userIds: [] }) } });
    assert.equal((await empty.post('usage/summary', {})).status, 500);
    const throwing = makeBff({
      handler: {
        resolveScope: () => {
          throw new Error('session store down: password=hunter2');
        },
        onError: (e) => seen.push(e),
      },
    });
    const got = await throwing.post('usage/summary', {});
    assert.equal(got.status, 500);
    assert.doesNotMatch(got.text, /hunter2|session store/);
    assert.equal(seen.length, 1);
  });

  it('refuses to start without a key, a scope resolver or a long enough cursor secret', () => {
    const resolveScope = () => null;
    assert.throws(() => createComposioHandler({ resolveScope }), /apiKey/);
    assert.throws(() => createComposioHandler({ orgApiKey: 'k', resolveScope }), /projectIds/);
    assert.throws(() => createComposioHandler({ apiKey: 'k' } as never), /resolveScope/);
    assert.throws(() => createComposioHandler({ apiKey: 'k', resolveScope, cursorSecret: 'short' }), /32 bytes/);
  });
});

describe('BFF: transports and the Node adapter', () => {
  it('talks to the simulator over real loopback HTTP, mounted on node:http (with and without a pre-parsed body)', async () => {
    const sim = smallSimulator();
    const upstream = await listen(sim, 0);
    const handler = createComposioHandler({
      apiKey: 'sim_ak_demo',
      baseUrl: upstream.url,
      now: sim.now,
      resolveScope: () => ({ userIds: GLOBEX }),
    });
    const listener = toNodeListener(handler);
    const server = createServer((req, res) => {
      if (req.headers['x-preparse']) {
        // what express.json() does before the handler runs
        let raw = '';
        req.on('data', (chunk) => (raw += chunk));
        req.on('end', () => {
          Object.assign(req, { body: JSON.parse(raw), originalUrl: req.url });
          listener(req, res);
        });
      } else listener(req, res);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/composio`;
    try {
      for (const preparse of ['', '1']) {
        const response = await fetch(`${base}/usage/summary`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(preparse ? { 'x-preparse': '1' } : {}) },
          body: JSON.stringify({ entity_types: ['sessions'] }),
        });
        assert.equal(response.status, 200);
        assert.deepEqual(Object.keys((await response.json()).entities), ['sessions']);
      }
      const page = await (await fetch(`${base}/logs/tool_execution`, { method: 'POST', body: '{"limit":2}' })).json();
      assert.equal(page.logs.length, 2);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await upstream.close();
    }
  });

  it('talks to Composio’s real base URL through global fetch, intercepted by msw', async () => {
    const sim = smallSimulator();
    const server = setupServer(...simulatorHandlers(sim));
    server.listen({ onUnhandledRequest: 'error' });
    try {
      const handler = createComposioHandler({ apiKey: 'sim_ak_demo', now: sim.now, resolveScope: () => ({ userIds: ['hooli_prod'] }) });
      const response = await handler(
        new Request('http://app.test/api/composio/usage/tool_calls', { method: 'POST', body: '{"group_by":"user_id"}' }),
      );
      assert.equal(response.status, 200);
      assert.deepEqual(
        (await response.json()).groups.map((g: UsageGroup) => g.key),
        ['hooli_prod'],
      );
      assert.ok(sim.stats.byRoute['POST /api/v3.1/project/usage/tool_calls'] === 1);
    } finally {
      server.close();
    }
  });
});
