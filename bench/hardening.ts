/**
 * The figures behind issue 11 (BFF and client hardening), before and after, on the simulator: the
 * amplification attack's upstream calls and whether another customer is still served; three heavy
 * customers and a light one, with and without the reserve for light customers; the time a
 * hung upstream keeps the user waiting; how a log id's first ask looks for another customer's id
 * and an unknown one; and how many late-arriving logs the live tail's read misses.
 * "Before" is the same code with the protection turned off by its own settings, or with the live
 * tail's overlap at 0 (the read that stopped at the newest row it had).
 * Run: npm run bench -- hardening (about a minute)
 */
import { BffClient, BffRequestError } from '../src/client/bff-client.ts';
import type { LogEntry, LogListResponse } from '../src/contract/upstream.ts';
import { LogRows } from '../src/elements/log-table/data.ts';
import { fetchNewer } from '../src/elements/log-table/live-read.ts';
import { createComposioHandler, type ComposioHandlerOptions } from '../src/server/index.ts';
import { createSimulator } from '../src/simulator/index.ts';
import { makeBff, NOW } from '../test/node/bff-helpers.ts';
import { machine, median, table } from './stats.ts';

const DAY = 86_400_000;
const composioLimit = { rateLimit: { limit: 2_000 } };
const attacker = { 'x-test-users': 'globex-ops' };
const victim = { 'x-test-users': 'hooli_prod' };

/** Issue 11's attack: three hourly 31-day series, each with a random session filter; then another tenant's summary. */
async function hourlyAttack(handler: Partial<ComposioHandlerOptions>) {
  const bff = makeBff({ sim: composioLimit, handler });
  bff.sim.resetStats();
  const started = performance.now();
  const statuses: number[] = [];
  for (let i = 0; i < 3; i++) {
    const body = { from: NOW - 31 * DAY, to: NOW, interval: 'hour', time_zone: 'UTC', filters: { session_id: [`trs_${Math.random()}`] } };
    statuses.push((await bff.post('usage/tool_calls/series', body, attacker)).status);
  }
  const seconds = (performance.now() - started) / 1000;
  const spent = bff.sim.stats.requests;
  const other = await bff.post('usage/summary', { from: NOW - 30 * DAY, to: NOW }, victim);
  const retryAfter = other.headers.get('retry-after');
  return [spent, statuses.join(', '), seconds.toFixed(1), `${other.status}${retryAfter ? ` (Retry-After ${retryAfter})` : ''}`];
}

/**
 * Three heavy customers at once, six daily year-long series each (366 calls a request, far over
 * their 600-call shares), then a light customer's 100-call page (a 100-day daily series): upstream
 * calls served and 429s for each side.
 */
async function heavyAndLight(budget: ComposioHandlerOptions['budget']) {
  const bff = makeBff({ sim: composioLimit, handler: { budget } });
  bff.sim.resetStats();
  const heavy = ['globex-ops', 'initech-1', 'umbrella-1'];
  const statuses = (
    await Promise.all(
      heavy.map(async (user) => {
        const got: number[] = [];
        for (let i = 0; i < 6; i++) {
          const body = { from: NOW - 365 * DAY, to: NOW, interval: 'day', time_zone: 'UTC', filters: { session_id: [`trs_${user}_${i}`] } };
          got.push((await bff.post('usage/tool_calls/series', body, { 'x-test-users': user })).status);
        }
        return got;
      }),
    )
  ).flat();
  const heavySpent = bff.sim.stats.requests;
  bff.sim.resetStats();
  const page = { from: NOW - 99 * DAY, to: NOW, interval: 'day', time_zone: 'UTC', filters: { session_id: ['trs_light_page'] } };
  const light = await bff.post('usage/tool_calls/series', page, victim);
  const retryAfter = light.headers.get('retry-after');
  return [
    heavySpent,
    `${statuses.filter((s) => s === 200).length} × 200, ${statuses.filter((s) => s === 429).length} × 429`,
    bff.sim.stats.requests,
    `${light.status}${retryAfter ? ` (Retry-After ${retryAfter})` : ''}`,
    heavySpent + bff.sim.stats.requests,
  ];
}

/** Time until the elements' client has an error to show, with an upstream that never answers. */
async function hungUpstream(upstream: ComposioHandlerOptions['upstream']) {
  const bff = makeBff({ sim: { faults: { timeoutRate: 1 } }, handler: { upstream } });
  const client = new BffClient({
    endpoint: 'http://app.test/api/composio',
    maxRetryAfterMs: 0,
    fetch: (input, init) => bff.handler(new Request(input, init)),
  });
  const started = performance.now();
  const error = await client.post('usage/summary', {}).catch((e: unknown) => e);
  const status = error instanceof BffRequestError ? error.status : 'none';
  return [((performance.now() - started) / 1000).toFixed(1), status, bff.sim.stats.requests];
}

/** A customer's first ask of 20 ids another customer just opened, and of 20 unknown ids, upstream 40 ms away. */
async function firstAsks() {
  const bff = makeBff({ sim: { faults: { latencyMs: 40 } } });
  const ids = (await bff.post('logs/tool_execution', { limit: 20 }, victim)).body.logs.map((l: LogEntry) => l.id) as string[];
  const foreign = { ms: [] as number[], calls: 0 };
  const unknown = { ms: [] as number[], calls: 0 };
  for (const [i, id] of ids.entries()) {
    await bff.get(`logs/tool_execution/${id}`, victim);
    for (const [kind, probe] of [
      [foreign, id],
      [unknown, `log_unknown${String(i).padStart(8, '0')}`],
    ] as const) {
      bff.sim.resetStats();
      const started = performance.now();
      await bff.get(`logs/tool_execution/${probe}`, attacker);
      kind.ms.push(performance.now() - started);
      kind.calls += bff.sim.stats.requests;
    }
  }
  return [foreign, unknown].map((k) => `${median(k.ms).toFixed(1)} ms, ${k.calls} upstream calls`);
}

/** The live tail's read every 10 simulated seconds for 3 hours, logs arriving 0–20 s after their timestamp. */
async function lateArrivals(overlapSeconds: number) {
  let clock = Date.UTC(2026, 11, 1, 14);
  const sim = createSimulator({
    now: () => clock,
    historyDays: 2,
    toolCalls: 20_000,
    liveRate: 8,
    rateLimit: { limit: 1e9 },
    arrivalLagMs: 20_000,
  });
  const bff = createComposioHandler({
    apiKey: 'sim_ak_demo',
    baseUrl: 'https://simulator.test',
    fetch: (input, init) => sim.fetch(new Request(input, init)),
    resolveScope: () => ({ userIds: ['globex-ops', 'globex-sales', 'globex-support'] }),
    cursorSecret: 'bench-hardening-secret-bench-hardening',
    now: sim.now,
    budget: { perMinute: 1e9, perScopePerMinute: 1e9 },
  });
  const client = new BffClient({
    endpoint: 'http://app.test/api/composio',
    fetch: (input, init) => bff(new Request(input, init)),
    cacheTtlMs: 0,
  });
  const query = { filters: [], from: clock - 3_600_000, to: clock, limit: 100 };
  const rows = new LogRows();
  rows.append(
    (await client.post<LogListResponse>('logs/tool_execution', { limit: 100, time_range: { from: query.from, to: clock } })).logs,
  );
  // the tail's business: everything newer than the first page's oldest row (older rows are paging's)
  const floor = Date.parse(rows.rows.at(-1)!.timestamp) + 1;
  let reloads = 0;
  for (let poll = 0; poll < 3 * 360; poll++) {
    clock += 10_000;
    const shown = { rows: rows.rows, pending: [], paging: false, overlapMs: overlapSeconds * 1000, known: (id: string) => rows.has(id) };
    const fresh = await fetchNewer(client, query, shown, new AbortController().signal);
    if (fresh) rows.insert(fresh);
    else reloads++;
  }
  const lastPoll = clock;
  clock += 30_000;
  const all: string[] = [];
  let cursor: string | null = null;
  do {
    // logs up to 20 s before the last poll had all arrived by then
    const body = { limit: 100, cursor, time_range: { from: floor, to: lastPoll - 20_000 } };
    const page: LogListResponse = await client.post<LogListResponse>('logs/tool_execution', body);
    all.push(...page.logs.map((l) => l.id));
    cursor = page.next_cursor;
  } while (cursor);
  const missed = all.filter((id) => !rows.has(id)).length;
  return [`${overlapSeconds} s`, missed, all.length, `${((100 * missed) / all.length).toFixed(1)} %`, reloads];
}

console.log(`### ${machine()}\n`);
console.log('Amplification: three hourly 31-day series with random session filters, then another customer’s summary\n');
console.log(
  table(
    ['BFF', 'upstream calls', 'statuses', 's', 'other customer'],
    [
      [
        'before: no cost cap, no budget',
        ...(await hourlyAttack({ limits: { maxBuckets: 1_000 }, budget: { perMinute: 1e9, perScopePerMinute: 1e9 } })),
      ],
      ['budget only (cost cap lifted)', ...(await hourlyAttack({ limits: { maxBuckets: 1_000 } }))],
      ['after: defaults', ...(await hourlyAttack({}))],
    ],
  ),
);
console.log(
  '\nThree heavy customers at once (six daily year-long series each), then a light customer’s 100-call page (a 100-day daily series)\n',
);
console.log(
  table(
    ['budget', 'heavy: upstream calls', 'heavy: requests', 'light: upstream calls', 'light: status', 'organisation: calls'],
    [
      ['before: fixed shares (reservePerMinute 0)', ...(await heavyAndLight({ reservePerMinute: 0 }))],
      ['after: defaults (reserve 300, light < 150)', ...(await heavyAndLight({}))],
    ],
  ),
);
console.log('');
console.log('A hung upstream: until the elements’ client has an error to show\n');
console.log(
  table(
    ['BFF upstream settings', 's', 'status', 'upstream attempts'],
    [
      ['defaults', ...(await hungUpstream({}))],
      ['no deadline (deadlineMs 1e9)', ...(await hungUpstream({ deadlineMs: 1e9 }))],
    ],
  ),
);
const [foreign, unknown] = await firstAsks();
console.log(
  `\nA log id's first ask (median of 20, upstream 40 ms away): another customer's, just opened by its owner: ${foreign}; unknown: ${unknown}\n`,
);
console.log('The live tail, polls every 10 s for 3 h, logs arriving 0–20 s late\n');
console.log(table(['overlap', 'missed', 'logs', 'share', 'reloads'], [await lateArrivals(0), await lateArrivals(60)]));
