// Hardening: fail-closed scopes and validated log windows.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { makeBff, NOW } from './bff-helpers.ts';

const DAY = 86_400_000;

describe('BFF: the scope fails closed', () => {
  for (const [label, scope] of [
    ['a string instead of a list', { userIds: '1042' }],
    ['a list with an empty id', { userIds: ['globex-ops', ''] }],
    ['a list with a non-string', { userIds: ['globex-ops', 42] }],
    ['an empty list', { userIds: [] }],
    ['no list', {}],
  ] as const) {
    it(`answers 500 (misconfiguration), never a query, for ${label}`, async () => {
      const bff = makeBff({ handler: { resolveScope: () => scope as never } });
      bff.sim.resetStats();
      const got = await bff.post('logs/tool_execution', { limit: 5 });
      assert.equal(got.status, 500);
      assert.match(got.body.error.message, /misconfiguration/);
      assert.equal(bff.sim.stats.requests, 0, 'no upstream call was made');
    });
  }
});

describe('BFF: log time ranges are validated like usage windows', () => {
  const bff = makeBff();
  it('refuses more than 366 days', async () => {
    const got = await bff.post('logs/tool_execution', { time_range: { from: NOW - 400 * DAY, to: NOW } });
    assert.equal(got.status, 400);
    assert.match(got.body.error.message, /366 days/);
  });
  it('refuses from after to with a fix to act on', async () => {
    const got = await bff.post('logs/tool_execution', { time_range: { from: NOW, to: NOW - DAY } });
    assert.equal(got.status, 400);
    assert.match(got.body.error.message, /from after to/);
    assert.match(got.body.error.suggested_fix, /Swap/);
  });
  it('accepts a valid window', async () => {
    assert.equal((await bff.post('logs/tool_execution', { time_range: { from: NOW - DAY, to: NOW } })).status, 200);
  });
});
