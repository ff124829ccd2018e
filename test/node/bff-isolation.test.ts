import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SignJWT } from 'jose';
import type { LogEntry } from '../../src/contract/upstream.ts';
import { bearerTokenScope, createEmbedToken } from '../../src/server/index.ts';
import { GLOBEX, makeBff, NOW, SECRET } from './bff-helpers.ts';
import { call } from './helpers.ts';

const HOOLI = { 'x-test-users': 'hooli_prod' };

async function allPages(bff: ReturnType<typeof makeBff>, body: object, headers?: Record<string, string>) {
  const logs: LogEntry[] = [];
  let cursor: string | null = null;
  do {
    const page: any = await bff.post('logs/tool_execution', { ...body, cursor }, headers);
    assert.equal(page.status, 200, JSON.stringify(page.body));
    logs.push(...page.body.logs);
    cursor = page.body.next_cursor;
  } while (cursor);
  return logs;
}

describe('BFF isolation: a customer sees only their own data', () => {
  const bff = makeBff();

  it('returns zero foreign rows whatever the filters say', async () => {
    const hostile = [
      [{ field: 'user_id', operator: '!=', value: 'globex-ops' }],
      [{ field: 'user_id', operator: 'contains', value: '' }],
      [{ field: 'user_id', operator: 'not_contains', value: 'hooli' }],
      [
        { field: 'user_id', operator: '==', value: 'globex-ops' },
        { field: 'user_id', operator: '!=', value: 'x' },
      ],
      [{ field: 'toolkit_slug', operator: '!=', value: '' }],
      [{ field: 'log_id', operator: 'contains', value: 'log_' }],
    ];
    for (const filters of hostile) {
      const logs = await allPages(bff, { limit: 100, filters, time_range: { from: NOW - 86_400_000, to: NOW } }, HOOLI);
      assert.ok(
        logs.every((l) => l.metadata.user_id === 'hooli_prod'),
        JSON.stringify(filters),
      );
    }
    const usage = await bff.post('usage/tool_calls', { group_by: 'user_id', filters: { user_id: GLOBEX } }, HOOLI);
    assert.deepEqual(
      usage.body.groups.map((g: { key: string }) => g.key),
      ['hooli_prod'],
    );
  });

  it('refuses a cursor replayed by another customer, or with other filters', async () => {
    const page = await bff.post('logs/tool_execution', { limit: 10 });
    const cursor = page.body.next_cursor;
    const replayed = await bff.post('logs/tool_execution', { limit: 10, cursor }, HOOLI);
    assert.equal(replayed.status, 400);
    assert.equal(replayed.body.error.status, 400);
    const otherFilters = await bff.post('logs/tool_execution', {
      limit: 10,
      cursor,
      filters: [{ field: 'status', operator: '==', value: 'failed' }],
    });
    assert.equal(otherFilters.status, 400);
    const otherLimit = await bff.post('logs/tool_execution', { limit: 11, cursor });
    assert.equal(otherLimit.status, 400);
  });

  it('refuses tampered and forged cursors', async () => {
    const page = await bff.post('logs/tool_execution', { limit: 10 });
    const [body, mac] = page.body.next_cursor.split('.');
    const payload = JSON.parse(Buffer.from(body, 'base64url').toString());
    payload.st = payload.st.map(() => [null, 0]); // try to restart every stream
    const forgedBody = Buffer.from(JSON.stringify(payload)).toString('base64url');
    const otherSecret = makeBff({ handler: { cursorSecret: 'another-secret-another-secret-another!' } });
    const foreignCursor = (await otherSecret.post('logs/tool_execution', { limit: 10 })).body.next_cursor;
    for (const cursor of [
      `${forgedBody}.${mac}`,
      `${body}.${mac.slice(0, -2)}AA`,
      `${body}`,
      'eyJwYWdlIjoyfQ==',
      foreignCursor,
      '..',
      `${body}.${mac}.x`,
    ]) {
      const got = await bff.post('logs/tool_execution', { limit: 10, cursor });
      assert.equal(got.status, 400, cursor);
      assert.match(got.body.error.message, /cursor/i);
    }
  });

  it('answers 404, not 403, for another customer’s log id, and for made-up ids', async () => {
    const theirs = (
      await call(bff.sim, '/api/v3.1/logs/tool_execution', {
        limit: 1,
        filters: [{ field: 'user_id', operator: '==', value: 'hooli_prod' }],
      })
    ).body.logs[0].id;
    const staging = (await call(bff.sim, '/api/v3.1/logs/tool_execution', { limit: 1 }, { 'x-api-key': 'sim_ak_staging' })).body.logs[0].id;
    for (const id of [theirs, staging, 'log_AAAAAAAAAAA']) {
      const got = await bff.get(`logs/tool_execution/${id}`);
      assert.equal(got.status, 404, id);
      assert.doesNotMatch(got.text, /hooli_prod|proj_acme_staging/);
    }
    assert.equal((await bff.get(`logs/tool_execution/${theirs}`, HOOLI)).status, 200);
  });
});

describe('BFF scope size', () => {
  it('merges up to 20 user ids into one newest-first listing; more is a server misconfiguration', async () => {
    const scoped = makeBff({
      handler: { resolveScope: (r) => ({ userIds: r.headers.get('x-test-users')!.split(',').map(decodeURIComponent) }) },
    });
    const real = scoped.sim.customers.filter((c) => c.projectId === 'proj_acme_prod').flatMap((c) => c.userIds);
    const twenty = [...real, ...Array.from({ length: 20 - real.length }, (_, i) => `nobody-${i}`)];
    const headers = { 'x-test-users': twenty.map(encodeURIComponent).join(',') };
    const logs = await allPages(scoped, { limit: 100, time_range: { from: NOW - 86_400_000, to: NOW } }, headers);
    for (let i = 1; i < logs.length; i++) assert.ok(logs[i - 1].timestamp >= logs[i].timestamp, 'newest first across users');
    assert.equal(new Set(logs.map((l) => l.metadata.user_id)).size, real.length);
    const summary = await scoped.post('usage/summary', { from: NOW - 86_400_000, to: NOW, entity_types: ['tool_calls'] }, headers);
    assert.equal(summary.body.entities.tool_calls.event_count, logs.length, 'the merged listing reconciles with the summary');
    const tooMany = await scoped.post('usage/summary', {}, { 'x-test-users': [...twenty, 'one-more'].join(',') });
    assert.equal(tooMany.status, 500);
    assert.match(tooMany.body.error.message, /at most 20/);
  });
});

describe('BFF embed tokens', () => {
  const bff = makeBff({ handler: { resolveScope: bearerTokenScope(SECRET) } });

  it('scopes a request by a valid token', async () => {
    const token = await createEmbedToken({ userIds: ['hooli_prod'], ttlSeconds: 60 }, SECRET);
    const got = await bff.post('usage/tool_calls', { group_by: 'user_id' }, { authorization: `Bearer ${token}` });
    assert.equal(got.status, 200);
    assert.deepEqual(
      got.body.groups.map((g: { key: string }) => g.key),
      ['hooli_prod'],
    );
  });

  it('answers 401 for missing, forged, tampered, wrongly signed and expired tokens', async () => {
    const good = await createEmbedToken({ userIds: ['hooli_prod'] }, SECRET);
    const [header, payload, signature] = good.split('.');
    const widened = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), composio_user_ids: GLOBEX }),
    ).toString('base64url');
    const otherKey = await createEmbedToken({ userIds: ['hooli_prod'] }, 'x'.repeat(40));
    const none = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${payload}.`;
    const wrongIssuer = await new SignJWT({ composio_user_ids: GLOBEX })
      .setProtectedHeader({ alg: 'HS256' })
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode(SECRET));
    for (const authorization of [
      undefined,
      'Bearer',
      `Basic ${good}`,
      `Bearer ${header}.${widened}.${signature}`,
      `Bearer ${otherKey}`,
      `Bearer ${none}`,
      `Bearer ${wrongIssuer}`,
    ]) {
      const got = await bff.post('usage/summary', {}, authorization ? { authorization } : {});
      assert.equal(got.status, 401, authorization);
      assert.equal(got.body.error.slug, 'Unauthorized');
    }
    const clock = makeBff({ handler: { resolveScope: bearerTokenScope(SECRET, { now: () => Date.now() + 120_000 }) } });
    const expired = await clock.post(
      'usage/summary',
      {},
      { authorization: `Bearer ${await createEmbedToken({ userIds: ['hooli_prod'], ttlSeconds: 60 }, SECRET)}` },
    );
    assert.equal(expired.status, 401);
    assert.equal(expired.body.error.message, 'Embed token expired');
  });

  it('refuses short secrets and empty user lists', async () => {
    await assert.rejects(createEmbedToken({ userIds: ['a'] }, 'short'), /32 bytes/);
    await assert.rejects(createEmbedToken({ userIds: [] }, SECRET), /userIds/);
    assert.throws(() => bearerTokenScope('short'), /32 bytes/);
  });
});
