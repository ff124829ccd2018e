// The export route streams every log of the filtered window, in the listing's order, through the
// same upstream calls (and budget) as the listing; cancelling the download stops the paging.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { LogEntry, LogListResponse } from '../../src/contract/upstream.ts';
import { makeBff, NOW } from './bff-helpers.ts';
import { DAY, smallSimulator } from './helpers.ts';

const WINDOW = { from: NOW - 14 * DAY, to: NOW };
const BIG = { sim: { toolCalls: 70_000 }, handler: { budget: { perMinute: 1e9, perScopePerMinute: 1e9 } } };

async function listAll(bff: ReturnType<typeof makeBff>, body: object): Promise<LogEntry[]> {
  const logs: LogEntry[] = [];
  let cursor: string | null = null;
  do {
    const reply = await bff.post('logs/tool_execution', { limit: 100, ...body, ...(cursor ? { cursor } : {}) });
    assert.equal(reply.status, 200, reply.text);
    const page = reply.body as LogListResponse;
    logs.push(...page.logs);
    cursor = page.next_cursor;
  } while (cursor);
  return logs;
}

function exportRequest(body: object): Request {
  return new Request('http://app.test/api/composio/logs/tool_execution/export', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

/** Splits CSV text into records (quoted fields may hold line breaks). */
function csvIds(text: string): string[] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted && ch === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (ch === '"') {
      quoted = !quoted;
    } else if (quoted || (ch !== ',' && ch !== '\r')) {
      field += ch;
    } else if (ch === ',') {
      record.push(field);
      field = '';
    } else {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i++; // the \n of CRLF
    }
  }
  assert.deepEqual(records[0], ['time', 'status', 'tool', 'toolkit', 'user', 'message', 'duration_ms', 'log_id', 'parent_tool']);
  return records.slice(1).map((r) => r[7]);
}

describe('BFF log export', () => {
  it('streams every matching log as CSV, in the order of the listing (≥ 20,000 rows)', async () => {
    const bff = makeBff(BIG);
    const listed = await listAll(bff, { time_range: WINDOW });
    assert.ok(listed.length >= 20_000, `only ${listed.length} logs in the window`);
    const response = await bff.handler(exportRequest({ time_range: WINDOW }));
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^text\/csv/);
    assert.match(
      response.headers.get('content-disposition') ?? '',
      /^attachment; filename="tool-calls_2026-11-09T1200_2026-11-23T1200\.csv"$/,
    );
    const ids = csvIds(await response.text());
    console.log(`# exported ${ids.length} rows`);
    assert.deepEqual(
      ids,
      listed.map((l) => l.id),
    );
  });

  it('NDJSON with filters: each line a log that matches, the file name names the filters', async () => {
    const bff = makeBff(BIG);
    const filters = [{ field: 'status', operator: '==', value: 'failed' }];
    const listed = await listAll(bff, { time_range: WINDOW, filters });
    const response = await bff.handler(exportRequest({ time_range: WINDOW, filters, format: 'ndjson' }));
    assert.match(response.headers.get('content-disposition') ?? '', /_status-is-failed\.ndjson"$/);
    const logs = (await response.text())
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as LogEntry);
    assert.ok(logs.length > 100);
    assert.ok(logs.every((l) => l.status === 'failed'));
    assert.deepEqual(
      logs.map((l) => l.id),
      listed.map((l) => l.id),
    );
  });

  it('stops at the cap with a final notice line', async () => {
    const bff = makeBff({ ...BIG, handler: { ...BIG.handler, limits: { maxExportRows: 250 } } });
    const text = await (await bff.handler(exportRequest({ time_range: WINDOW }))).text();
    const lines = text.trim().split('\r\n');
    assert.equal(lines.length, 1 + 250 + 1);
    assert.match(lines.at(-1)!, /^# export stopped at the cap of 250 rows/);
  });

  it('waits out a spent budget mid-file (Retry-After on the handler clock) and goes on: the file is whole', async () => {
    let clock = NOW;
    const simulator = smallSimulator({ toolCalls: 70_000, now: () => clock });
    const window = { from: NOW - 2 * DAY, to: NOW };
    const expected = await listAll(makeBff({ simulator, handler: BIG.handler }), { time_range: window });
    const waits: number[] = [];
    const bff = makeBff({
      simulator,
      handler: {
        // ~19 upstream calls for this window: the customer's share runs out three times on the way
        budget: { perMinute: 1e9, perScopePerMinute: 6 },
        sleep: async (ms) => {
          waits.push(ms);
          clock += ms;
        },
      },
    });
    const text = await (await bff.handler(exportRequest({ time_range: window }))).text();
    assert.ok(waits.length >= 2, `waited ${waits.length} times`);
    assert.ok(
      waits.every((ms) => ms >= 1000 && ms <= 60_000),
      `waits within a budget minute: ${waits.join(', ')}`,
    );
    assert.doesNotMatch(text, /export stopped/);
    assert.ok(expected.length > 1000, `${expected.length} rows`);
    assert.deepEqual(
      csvIds(text),
      expected.map((l) => l.id),
    );
  });

  it('cancelling the download stops upstream paging', async () => {
    const bff = makeBff(BIG);
    let calls = 0;
    const fetch = bff.sim.fetch.bind(bff.sim);
    bff.sim.fetch = (request: Request) => (calls++, fetch(request));
    const response = await bff.handler(exportRequest({ time_range: WINDOW }));
    const reader = response.body!.getReader();
    for (let i = 0; i < 3; i++) assert.equal((await reader.read()).done, false);
    await reader.cancel();
    const after = calls;
    assert.ok(after > 0 && after < 30, `${after} upstream calls before the cancel`);
    // a full read would have needed hundreds of calls; after the cancel none follows
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(calls, after);
  });

  it('rejects unknown fields and another scope sees none of these logs', async () => {
    const bff = makeBff();
    assert.equal((await bff.post('logs/tool_execution/export', { format: 'xlsx' })).status, 400);
    const other = await bff.post('logs/tool_execution/export', { time_range: WINDOW, format: 'ndjson' }, { 'x-test-users': 'initech-1' });
    assert.equal(other.status, 200);
    assert.equal(other.text, '');
  });
});
