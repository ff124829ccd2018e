import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { LogFilter, UsageGroup } from '../../src/contract/upstream.ts';
import { call, DAY, listAll, NOW, smallSimulator } from './helpers.ts';

const HOUR = 3_600_000;

describe('simulator: consistency (fast-check)', () => {
  const sim = smallSimulator();
  const start = NOW - 14 * DAY;
  const prodUsers = sim.customers.filter((c) => c.projectId === 'proj_acme_prod').flatMap((c) => c.userIds);

  const windows = fc
    .tuple(fc.integer({ min: start - DAY, max: NOW + HOUR }), fc.integer({ min: 1, max: 6 * DAY }))
    .map(([from, span]) => ({ from, to: from + span }));

  it('summary tool_calls equals the number of logs listed to the end, for any window and filters', async () => {
    await fc.assert(
      fc.asyncProperty(
        windows,
        fc.option(fc.constantFrom(...prodUsers), { nil: undefined }),
        fc.boolean(),
        async (window, user, bySession) => {
          let sessionId: string | undefined;
          if (bySession) {
            const page = await call(sim, '/api/v3.1/logs/tool_execution', { limit: 100, time_range: window });
            sessionId = page.body.logs.find((l: { metadata: { session_id?: string } }) => l.metadata.session_id)?.metadata.session_id;
          }
          const filters: LogFilter[] = [];
          if (user) filters.push({ field: 'user_id', operator: '==', value: user });
          if (sessionId) filters.push({ field: 'session_id', operator: '==', value: sessionId });
          const listed = await listAll(sim, { filters, time_range: window });
          const summary = await call(sim, '/api/v3.1/project/usage/summary', {
            ...window,
            entity_types: ['tool_calls'],
            filters: { user_id: user ? [user] : null, session_id: sessionId ? [sessionId] : null },
          });
          assert.equal(summary.status, 200);
          assert.equal(summary.body.entities.tool_calls.event_count, listed.length);
          assert.equal(summary.body.entities.tool_calls.total_quantity, String(listed.length));
        },
      ),
      { numRuns: 60, seed: 20261123 },
    );
  });

  it('breakdown groups sum to the breakdown total, which equals the summary, for any window and dimension', async () => {
    await fc.assert(
      fc.asyncProperty(
        windows,
        fc.constantFrom('tool_slug', 'toolkit_slug', 'connected_account_id', 'user_id'),
        fc.option(fc.subarray(prodUsers, { minLength: 1 }), { nil: undefined }),
        async (window, groupBy, users) => {
          const filters = { user_id: users ?? null };
          const breakdown = await call(sim, '/api/v3.1/project/usage/tool_calls', { ...window, group_by: groupBy, limit: 1000, filters });
          const summary = await call(sim, '/api/v3.1/project/usage/summary', { ...window, entity_types: ['tool_calls'], filters });
          const groups: UsageGroup[] = breakdown.body.groups;
          assert.equal(
            groups.reduce((n, g) => n + g.event_count, 0),
            breakdown.body.event_count,
          );
          assert.equal(breakdown.body.total_quantity, summary.body.entities.tool_calls.total_quantity);
        },
      ),
      { numRuns: 80, seed: 7 },
    );
  });
});
