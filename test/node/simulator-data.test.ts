import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FAILURE_KINDS, HOSTILE_STRINGS, HOSTILE_TOOLKIT, META_TOOL } from '../../src/simulator/catalog.ts';
import { FLAG_HOSTILE, FLAG_LARGE } from '../../src/simulator/dataset.ts';
import { createSimulator } from '../../src/simulator/index.ts';
import { call, DAY, NOW } from './helpers.ts';

describe('simulator: the default data set', () => {
  const sim = createSimulator({ now: NOW, rateLimit: { limit: 1e9 } });
  const ds = sim.dataset;
  const n = ds.visibleCount(NOW);
  const staging = { 'x-api-key': 'sim_ak_staging' };

  it('holds ≥ 100,000 tool calls over 90 days for one org with two projects', () => {
    assert.ok(n >= 100_000 * 0.97, `${n} logs`);
    assert.ok(ds.ts[0] < NOW - 89 * DAY && ds.ts[0] >= NOW - 90 * DAY - 3_600_000);
    assert.deepEqual(
      sim.projects.map((p) => p.id),
      ['proj_acme_prod', 'proj_acme_staging'],
    );
  });

  it('has at least 6 customers, one of them with 3 user_ids', () => {
    assert.ok(sim.customers.length >= 6);
    assert.ok(sim.customers.some((c) => c.userIds.length === 3));
  });

  it('fails 5–10 % of calls, covering every documented failure pattern', async () => {
    const counts = new Array(FAILURE_KINDS.length + 1).fill(0);
    for (let i = 0; i < n; i++) counts[ds.failure[i]]++;
    const failed = (n - counts[0]) / n;
    assert.ok(failed >= 0.05 && failed <= 0.1, `failure share ${failed}`);
    FAILURE_KINDS.forEach((kind, k) => assert.ok(counts[k + 1] > 50, `${kind}: ${counts[k + 1]}`));
    const messages = await call(sim, '/api/v3.1/logs/tool_execution', {
      limit: 100,
      filters: [{ field: 'status', operator: '==', value: 'failed' }],
    });
    const text = messages.body.logs.map((l: { message: string }) => l.message).join('\n');
    for (const pattern of [/401/, /403/, /422/, /not found/, /No connected account/, /429/, /50[023]/, /timed out/]) {
      assert.match(text, pattern);
    }
  });

  it('has a daily and a weekly rhythm', () => {
    // Globex works New York hours: compare its 10:00–16:00 with its 01:00–05:00, weekdays with weekends
    const globex = new Set(ds.actors.flatMap((a, i) => (a.userId.startsWith('globex') && a.project === 0 ? [i] : [])));
    const byHour = new Array(24).fill(0);
    const byWeekday = new Array(7).fill(0);
    for (let i = 0; i < n; i++) {
      if (!globex.has(ds.actor[i])) continue;
      const local = new Date(ds.ts[i] - 5 * 3_600_000);
      byHour[local.getUTCHours()]++;
      byWeekday[local.getUTCDay()]++;
    }
    const day = byHour.slice(10, 16).reduce((a, b) => a + b) / 6;
    const night = byHour.slice(1, 5).reduce((a, b) => a + b) / 4;
    assert.ok(day > 4 * night, `day ${day} vs night ${night}`);
    const weekday = byWeekday.slice(1, 6).reduce((a, b) => a + b) / 5;
    const weekend = (byWeekday[0] + byWeekday[6]) / 2;
    assert.ok(weekday > 2 * weekend, `weekday ${weekday} vs weekend ${weekend}`);
  });

  it('has lognormal durations, sessions, sandboxes, accounts and meta-tool parents', async () => {
    const durations = Array.from(ds.durationMs.subarray(0, n))
      .filter((d) => d < 60_000)
      .sort((a, b) => a - b);
    const median = durations[durations.length >> 1];
    const mean = durations.reduce((a, b) => a + b, 0) / durations.length;
    assert.ok(mean > median * 1.1, `right-skewed: mean ${mean} > median ${median}`);
    const page = await call(sim, '/api/v3.1/logs/tool_execution', {
      limit: 100,
      filters: [{ field: 'sandbox_id', operator: 'contains', value: 'sbx_' }],
    });
    const child = page.body.logs.find((l: { parent: unknown }) => l.parent);
    assert.ok(child, 'a meta-tool child inside a sandboxed session');
    assert.equal(child.parent.tool_slug, META_TOOL);
    const parent = await call(sim, `/api/v3.1/logs/tool_execution/${child.parent.log_id}`);
    assert.equal(parent.status, 200);
    assert.equal(parent.body.metadata.tool_slug, META_TOOL);
    assert.equal(parent.body.metadata.session_id, child.metadata.session_id);
    assert.match(child.metadata.connected_account_id ?? 'ca_', /^ca_/);
    assert.ok(ds.sessionIds.length - 1 > 1000);
  });

  it('has large payloads, PII-like fields and hostile strings in messages, slugs and payloads', async () => {
    const find = (flag: number, from = 0) => {
      for (let i = n - 1 - from; i >= 0; i--) if (ds.flags[i] & flag && ds.actors[ds.actor[i]].project === 0) return i;
      return -1;
    };
    const detailOf = async (index: number) => {
      const id = (
        await call(sim, '/api/v3.1/logs/tool_execution', {
          limit: 1,
          time_range: { from: ds.ts[index], to: ds.ts[index] + 1 },
        })
      ).body.logs[0].id;
      return (await call(sim, `/api/v3.1/logs/tool_execution/${id}`)).body;
    };
    const large = await detailOf(find(FLAG_LARGE));
    assert.ok(JSON.stringify(large.data).length >= 200_000, `large payload ${JSON.stringify(large.data).length} bytes`);

    const contacts = await call(sim, '/api/v3.1/logs/tool_execution', {
      limit: 1,
      filters: [
        { field: 'tool_slug', operator: '==', value: 'HUBSPOT_CREATE_CONTACT' },
        { field: 'status', operator: '==', value: 'success' },
      ],
    });
    const contact = (await call(sim, `/api/v3.1/logs/tool_execution/${contacts.body.logs[0].id}`)).body;
    assert.match(JSON.stringify(contact.data), /"email":"[^"]+@[^"]+"/);
    assert.match(JSON.stringify(contact.data), /\+1-555-\d{3}-\d{4}/);

    const hostileLogs = await call(sim, '/api/v3.1/logs/tool_execution', {
      limit: 100,
      filters: [{ field: 'user_id', operator: 'contains', value: '<img' }],
    });
    const all = JSON.stringify(hostileLogs.body.logs);
    assert.ok(
      hostileLogs.body.logs.some((l: { metadata: { toolkit_slug: string } }) => l.metadata.toolkit_slug === HOSTILE_TOOLKIT),
      'hostile slugs',
    );
    assert.ok(
      HOSTILE_STRINGS.some((h) => hostileLogs.body.logs.some((l: { message: string }) => l.message.includes(h))),
      'hostile messages',
    );
    assert.match(all, /onerror=alert/);
    let hostilePayload = '';
    for (let from = 0; !hostilePayload.includes('<') && from < 50; from++) {
      const index = find(FLAG_HOSTILE, from * 7);
      hostilePayload = JSON.stringify((await detailOf(index)).data);
    }
    assert.ok(
      HOSTILE_STRINGS.some((h) => hostilePayload.includes(JSON.stringify(h).slice(1, -1))),
      'hostile payloads',
    );
  });

  it('stores no payloads for the project with storage off, but keeps the audit row', async () => {
    const page = await call(sim, '/api/v3.1/logs/tool_execution', { limit: 5 }, staging);
    assert.equal(page.body.logs.length, 5);
    const detail = await call(sim, `/api/v3.1/logs/tool_execution/${page.body.logs[0].id}`, undefined, staging);
    assert.deepEqual(detail.body.data, {});
    assert.equal(detail.body.id, page.body.logs[0].id);
  });

  it('builds the 1,000,000-call scale option', () => {
    const big = createSimulator({ now: NOW, toolCalls: 1_000_000 });
    const count = big.dataset.visibleCount(NOW);
    assert.ok(count > 970_000 && count < 1_030_000, `${count}`);
  });
});

describe('simulator: largePayloadScale', () => {
  const options = { now: NOW, historyDays: 30, toolCalls: 20_000, rateLimit: { limit: 1e9 } };
  const usual = createSimulator(options);
  const big = createSimulator({ ...options, largePayloadScale: 21 });
  const ds = big.dataset;
  /** The detail, from each simulator, of the newest large call of `tool` in production. */
  const details = async (tool: string) => {
    const entries = await call(big, '/api/v3.1/logs/tool_execution', {
      limit: 100,
      time_range: { from: NOW - 30 * DAY, to: NOW },
      filters: [{ field: 'tool_slug', operator: '==', value: tool }],
    });
    for (const { id } of entries.body.logs as { id: string }[]) {
      const scaled = (await call(big, `/api/v3.1/logs/tool_execution/${id}`)).body;
      if (JSON.stringify(scaled.data).length < 1_000_000) continue;
      return { scaled, plain: (await call(usual, `/api/v3.1/logs/tool_execution/${id}`)).body };
    }
    throw new Error(`no large ${tool} call among ${entries.body.logs.length} (of ${ds.visibleCount(NOW)} logs)`);
  };

  it('makes a large download a ≥ 5 MB string and a large commit list a ≥ 5 MB array; the rest is unchanged', async () => {
    const download = await details('GOOGLEDRIVE_DOWNLOAD_FILE');
    const file = download.scaled.data.response.data.content_base64 as string;
    assert.ok(JSON.stringify(download.scaled.data).length >= 5_000_000, `${file.length} characters`);
    assert.equal(download.plain.data.response.data.content_base64.length * 21, file.length);
    const commits = await details('GITHUB_LIST_COMMITS');
    assert.ok(JSON.stringify(commits.scaled.data).length >= 5_000_000, `${JSON.stringify(commits.scaled.data).length} bytes`);
    assert.equal(commits.scaled.data.response.data.commits.length, 21 * commits.plain.data.response.data.commits.length);
    // only the size of the payload changes: ids, message, metadata and the start of the payload agree
    const { data: scaledData, ...scaledRest } = download.scaled;
    const { data: plainData, ...plainRest } = download.plain;
    assert.deepEqual(scaledRest, plainRest);
    assert.deepEqual(scaledData.request, plainData.request);
  });
});
