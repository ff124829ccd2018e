import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { HOSTILE_STRINGS } from '../../src/simulator/catalog.ts';
import { createComposioHandler } from '../../src/server/index.ts';
import { NOW, SECRET } from './bff-helpers.ts';
import { smallSimulator } from './helpers.ts';

const API_KEY = 'ak_fuzz_do_not_leak_4f1c9e';
const DAY = 86_400_000;

const ROUTES = [
  ['POST', 'usage/summary', { from: NOW - 7 * DAY, to: NOW, entity_types: ['tool_calls'], filters: { session_id: ['trs_x'] } }],
  [
    'POST',
    'usage/tool_calls',
    { from: NOW - 7 * DAY, to: NOW, group_by: 'toolkit_slug', order_by: 'key', order_direction: 'asc', limit: 10 },
  ],
  ['POST', 'usage/sessions', { group_by: 'user_id', limit: 5 }],
  [
    'POST',
    'usage/tool_calls/series',
    { from: NOW - 3 * DAY, to: NOW, interval: 'day', time_zone: 'Asia/Kolkata', group_by: 'tool_slug', limit: 3 },
  ],
  [
    'POST',
    'logs/tool_execution',
    { limit: 5, filters: [{ field: 'status', operator: '==', value: 'failed' }], time_range: { from: NOW - DAY, to: NOW } },
  ],
  ['GET', 'logs/tool_execution/log_AAAAAAAAAAA', undefined],
] as const;

const hostile = fc.oneof(
  fc.constantFrom(...HOSTILE_STRINGS, '../../etc/passwd', '%2e%2e%2f', '\u0000', 'x'.repeat(5000), '__proto__', 'constructor'),
  fc.string(),
);
const anyValue = fc.oneof(fc.anything(), hostile, fc.integer(), fc.double(), fc.constant(null), fc.array(hostile));

/** A valid body with some fields replaced, removed or added. */
const mutatedBody = fc
  .tuple(
    fc.constantFrom(...ROUTES),
    fc.array(
      fc.tuple(
        fc.oneof(
          fc.constantFrom(
            'from',
            'to',
            'limit',
            'filters',
            'group_by',
            'interval',
            'time_zone',
            'cursor',
            'time_range',
            'entity_types',
            'order_by',
          ),
          hostile,
        ),
        fc.option(anyValue),
      ),
      { maxLength: 3 },
    ),
  )
  .map(([[method, path, body], mutations]) => {
    const copy: Record<string, unknown> = { ...(body ?? {}) };
    for (const [key, value] of mutations) {
      if (value === null) delete copy[key];
      else copy[key] = value;
    }
    return { method, path, body: JSON.stringify(copy) };
  });

const rawRequest = fc.record({
  method: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH'),
  path: fc.oneof(
    fc.constantFrom(...ROUTES.map(([, p]) => p), 'usage/x/series', 'logs/tool_execution/', 'usage', ''),
    hostile.map((h) => `logs/tool_execution/${encodeURIComponent(h)}`),
    hostile.map((h) => `usage/${encodeURIComponent(h)}/series`),
    fc.webPath().map((p) => p.replace(/^\//, '')),
  ),
  body: fc.oneof(
    fc.json(),
    fc.string(),
    anyValue.map((v) => JSON.stringify(v) ?? ''),
    fc.constant('{"filters":[{"field":"user_id","operator":"!=","value":""}]}'),
  ),
});

const scopeHeader = fc.oneof(
  fc.constant(undefined),
  fc
    .array(
      hostile.filter((s) => s.length > 0 && !s.includes(',')),
      { minLength: 1, maxLength: 4 },
    )
    .map((a) => a.map(encodeURIComponent).join(',')),
);

describe('BFF fuzz (fast-check)', () => {
  const sim = smallSimulator();
  const handler = createComposioHandler({
    apiKey: API_KEY,
    baseUrl: 'https://backend.composio.dev',
    now: () => NOW,
    cursorSecret: SECRET,
    fetch: (input, init) => {
      // the simulator knows the key under another name: translate it, so responses could leak it if anything echoed
      const headers = new Headers(init?.headers);
      if (headers.get('x-api-key') === API_KEY) headers.set('x-api-key', 'sim_ak_demo');
      return sim.fetch(new Request(input, { ...init, headers }));
    },
    resolveScope: (request) => ({ userIds: (request.headers.get('x-test-users') ?? 'globex-ops').split(',').map(decodeURIComponent) }),
    // 10,000 requests in seconds: the budget (tested on its own) would answer most of them with 429
    budget: { perMinute: 1e9, perScopePerMinute: 1e9 },
  });

  it('10,000 malformed or hostile requests: no 5xx, no key or upstream header, every 4xx explains itself', async (t) => {
    let count = 0;
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(mutatedBody, rawRequest),
        scopeHeader,
        fc.constantFrom('application/json', 'text/plain', ''),
        async (req, users, contentType) => {
          count++;
          const headers: Record<string, string> = {};
          if (users !== undefined) headers['x-test-users'] = users;
          if (contentType) headers['content-type'] = contentType;
          const response = await handler(
            new Request(`http://app.test/api/composio/${req.path}`, {
              method: req.method,
              headers,
              body: req.method === 'GET' ? undefined : req.body,
            }),
          );
          const text = await response.text();
          statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
          assert.ok(response.status < 500, `${response.status} for ${req.method} ${req.path} ${req.body}: ${text}`);
          assert.ok(!text.includes(API_KEY) && !text.includes('sim_ak_demo'), 'the key never appears');
          for (const [name, value] of response.headers) {
            assert.ok(!/^x-ratelimit|^x-api-key|^server$/i.test(name), `upstream header ${name}`);
            assert.ok(!value.includes(API_KEY));
          }
          if (response.status >= 400) {
            const body = JSON.parse(text);
            assert.equal(body.error.status, response.status);
            assert.ok(typeof body.error.message === 'string' && body.error.message.length > 5, text);
            assert.match(body.error.request_id, /^req_bff_/);
          }
        },
      ),
      { numRuns: 10_000, seed: 1123 },
    );
    t.diagnostic(`statuses: ${JSON.stringify(Object.fromEntries([...statuses].sort(([a], [b]) => a - b)))}`);
    assert.equal(count, 10_000);
    assert.ok((statuses.get(200) ?? 0) > 50, `some requests were valid: ${JSON.stringify([...statuses])}`);
    assert.ok((statuses.get(400) ?? 0) > 1000, `most were refused: ${JSON.stringify([...statuses])}`);
  });
});
