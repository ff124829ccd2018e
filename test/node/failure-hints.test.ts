import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { failureHint } from '../../src/core/failure-hints.ts';
import { FAILURE_KINDS } from '../../src/simulator/catalog.ts';
import { createSimulator } from '../../src/simulator/index.ts';
import { Records } from '../../src/simulator/records.ts';

describe('failure hints', () => {
  it('names the right cause for every failure pattern the simulator produces (200 messages each)', () => {
    const sim = createSimulator({ now: Date.UTC(2026, 10, 23), historyDays: 30, toolCalls: 40_000 });
    const ds = sim.dataset;
    const records = new Records(ds);
    const seen = new Map<string, number>();
    const n = ds.visibleCount(sim.now());
    for (let i = 0; i < n; i++) {
      const code = ds.failure[i];
      // the meta tool's own failure summarises its children; it is labelled upstream_error
      if (!code || records.toolSlug(i) === 'COMPOSIO_MULTI_EXECUTE_TOOL') continue;
      const kind = FAILURE_KINDS[code - 1];
      if ((seen.get(kind) ?? 0) >= 200) continue;
      const entry = records.entry(i);
      const hint = failureHint(entry.status, entry.message);
      assert.equal(hint?.kind, kind, `${kind}: ${entry.message}`);
      seen.set(kind, (seen.get(kind) ?? 0) + 1);
    }
    assert.deepEqual([...seen.keys()].sort(), [...FAILURE_KINDS].sort());
  });

  it('gives no hint for successes or unknown messages, and shows arguments for invalid input', () => {
    assert.equal(failureHint('success', '401 Unauthorized'), undefined);
    assert.equal(failureHint('failed', 'something odd happened'), undefined);
    assert.equal(failureHint('failed', 'GMAIL_SEND_EMAIL failed: 422 Unprocessable Entity: invalid input')?.showArguments, true);
    assert.equal(failureHint('failed', 'GITHUB_X failed: 403 Forbidden: missing required scopes (repo)')?.kind, 'missing_scopes');
  });
});
