/**
 * The log reads behind insights, at the least upstream cost the v3.1 API allows.
 *
 * Aggregates are kept per zone-independent 15-minute UTC slot, one store entry (a shelf) per UTC
 * day (insights-slots.ts), so a bucket of any zone is merged from slots already read, and a time
 * zone change reads only the window's new edges. Entries live in the handler's store (so instances
 * sharing Redis share them), each with a watermark: every log in [lo, upTo) is folded in for good
 * (`settled`). Logs settle once they are `closeLagMs` old — the same lag after which a closed
 * bucket is cached for a day — so a later read starts at the watermark and re-reads nothing
 * settled. What is newer than that lag (`tail`) is only added to a short-lived `latest` view of its
 * slots. A shelf holds one interval: a window that starts before `lo` reads back to it, one that
 * starts after `upTo` reads from `upTo`.
 *
 * What still has to be read is cut into spans of parts that touch, and each span is read as one
 * stream per scope user across all its shelves (the API filters one `user_id ==` at a time; filters
 * are AND-ed), each log routed to its slot by timestamp. Before reading, one usage breakdown by
 * user over the same window gives each user's count: it bounds the cost (refused above the page
 * cap before any log is read) and skips users with no calls at all. Cold, a window costs
 * Σ⌈logs of a user / 100⌉ pages + 1; warm, the breakdown plus one page per user with new calls.
 */
import { LOG_LIST_MAX_LIMIT, UPSTREAM_PATHS } from '../contract/constants.ts';
import type { LogEntry, LogListResponse, UsageBreakdownResponse, UsageSummaryResponse } from '../contract/upstream.ts';
import type { Bucket } from '../core/buckets.ts';
import { mapWithConcurrency } from '../core/concurrency.ts';
import { addLog, createAggregate, mergeJsonInto, toJSON, type InsightsAggregate, type InsightsAggregateJson } from '../core/insights.ts';
import { BffError } from './errors.ts';
import { decodeEntry, encodeEntry, layout, pieceAt, withLatest, type Piece, type Shelf, type ShelfEntry } from './insights-slots.ts';
import { isProjectScope, scopeKey, type Scope } from './scope.ts';
import type { Store } from './store.ts';
import type { Upstream } from './upstream.ts';

/** A page cap per stream, so a misbehaving upstream (a cursor that never ends) cannot loop forever. */
const MAX_PAGES_PER_STREAM = 100_000;
/** How long another instance's scan of the same buckets is waited for before reading ourselves. */
const SCAN_LOCK_MS = 15_000;

export interface ScanContext {
  upstream: Upstream;
  /** `upstream.derived()`: where slot aggregates and scan locks live. */
  store: Store;
  now: () => number;
  concurrency: number;
  /** Most upstream log pages one request may read (the cost cap). */
  maxPages: number;
  ttl: { openMs: number; closedMs: number; closeLagMs: number };
}

/** A part of shelf `shelf` still to read; `upper` when it extends the shelf's watermark (else it reaches back before `lo`). */
interface Need {
  shelf: number;
  from: number;
  to: number;
  upper: boolean;
}

type GroupBy = InsightsAggregate['groupBy'];

/**
 * The aggregate of each bucket (`null`: nothing to read there, e.g. beyond retention or in the
 * future), read up to `coverTo`, merged from the slots the store holds and read from upstream where
 * it lacks them.
 */
export async function bucketAggregates(
  ctx: ScanContext,
  scope: Scope,
  reads: readonly (Bucket | null)[],
  coverTo: number,
  groupBy: GroupBy,
): Promise<InsightsAggregate[]> {
  const { shelves, pieces } = layout(reads, `insights-slots ${scopeKey(scope)}\n${groupBy ?? ''}`);
  let plan = await planReads(ctx, shelves, coverTo, groupBy);
  if (plan.needs.length) {
    // one instance reads these shelves; others sharing the store wait for its result, then re-plan
    const lock = `insights-scan ${shelves[plan.needs[0].shelf].key}\n${shelves[plan.needs.at(-1)!.shelf].key}`;
    const token = await ctx.store.acquire(lock, SCAN_LOCK_MS);
    if (token === undefined) {
      await ctx.store.waitFor(lock, SCAN_LOCK_MS);
      plan = await planReads(ctx, shelves, coverTo, groupBy);
      if (plan.needs.length) await readNeeds(ctx, scope, shelves, plan, groupBy);
    } else {
      try {
        await readNeeds(ctx, scope, shelves, plan, groupBy);
        await ctx.store.set(lock, 'done', SCAN_LOCK_MS);
      } finally {
        await ctx.store.release(lock, token);
      }
    }
  }
  return pieces.map((list) => {
    const agg = createAggregate(groupBy);
    for (const [s, p] of list) {
      const piece = plan.views[s][p];
      if (piece) mergeJsonInto(agg, piece);
    }
    return agg;
  });
}

interface Plan {
  entries: (ShelfEntry | undefined)[];
  /** Each shelf's pieces as this request sees them (replaced once read). */
  views: Piece[][];
  needs: Need[];
}

async function planReads(ctx: ScanContext, shelves: readonly Shelf[], coverTo: number, groupBy: GroupBy): Promise<Plan> {
  const now = ctx.now();
  const entries = await Promise.all(shelves.map(async (s) => decodeEntry(await ctx.store.get(s.key), s.edges.length - 1, groupBy)));
  const views: Piece[][] = [];
  const needs: Need[] = [];
  shelves.forEach((shelf, index) => {
    const entry = entries[index];
    views.push(entry?.settled ?? shelf.edges.slice(1).map(() => null));
    const from = shelf.from;
    const to = Math.min(shelf.to, coverTo);
    if (to <= from || (entry && entry.lo <= from && entry.upTo >= to)) return;
    if (entry && entry.lo <= from && entry.latest && now - entry.readAt < ctx.ttl.openMs) views[index] = withLatest(entry);
    else if (!entry) needs.push({ shelf: index, from, to, upper: true });
    else {
      // what the shelf lacks on either side of what it holds (a gap between is read too: one watermark per shelf)
      if (from < entry.lo) needs.push({ shelf: index, from, to: entry.lo, upper: false });
      if (to > entry.upTo) needs.push({ shelf: index, from: entry.upTo, to, upper: true });
    }
  });
  return { entries, views, needs };
}

async function readNeeds(ctx: ScanContext, scope: Scope, shelves: readonly Shelf[], plan: Plan, groupBy: GroupBy): Promise<void> {
  const { needs } = plan;
  const now = ctx.now();
  const settledTo = now - ctx.ttl.closeLagMs;
  const spans = contiguous(needs);
  const streams = await streamsToRead(ctx, scope, needs[0].from, needs.at(-1)!.to, spans.length, settledTo);

  // per shelf read, its pieces' new logs: settled ones and the tail
  const fresh = new Map<number, Map<number, InsightsAggregate>>();
  const tail = new Map<number, Map<number, InsightsAggregate>>();
  const add = (into: Map<number, Map<number, InsightsAggregate>>, shelf: number, piece: number, log: LogEntry) => {
    let byPiece = into.get(shelf);
    if (!byPiece) into.set(shelf, (byPiece = new Map()));
    let agg = byPiece.get(piece);
    if (!agg) byPiece.set(piece, (agg = createAggregate(groupBy)));
    addLog(agg, log);
  };
  const tasks = streams.flatMap((user) => spans.map((span) => ({ user, span })));
  await mapWithConcurrency(tasks, ctx.concurrency, async ({ user, span }) => {
    const [first, last] = span;
    await readStream(ctx, scope, user, needs[first].from, needs[last].to, (log, ts) => {
      const k = needAt(needs, first, last, ts);
      if (k === -1) return;
      const shelf = needs[k].shelf;
      add(ts >= settledTo ? tail : fresh, shelf, pieceAt(shelves[shelf].edges, ts), log);
    });
  });

  const read = [...new Set(needs.map((n) => n.shelf))];
  await Promise.all(
    read.map(async (index) => {
      const old = plan.entries[index];
      const settled: Piece[] = old?.settled.slice() ?? shelves[index].edges.slice(1).map(() => null);
      for (const [p, agg] of fresh.get(index) ?? []) {
        const before = settled[p];
        settled[p] = toJSON(before ? mergeJsonInto(agg, before) : agg);
      }
      const mine = needs.filter((n) => n.shelf === index);
      const upper = mine.find((n) => n.upper);
      // nothing newer than the close lag settles: such a read leaves the watermark where it started
      const upTo = upper ? Math.max(upper.from, Math.min(upper.to, settledTo)) : old!.upTo;
      const lo = Math.min(old?.lo ?? Infinity, mine[0].from);
      let latest: Map<number, InsightsAggregateJson> | undefined;
      if (upper && upTo < upper.to) {
        latest = new Map();
        for (const [p, agg] of tail.get(index) ?? []) {
          const before = settled[p];
          latest.set(p, toJSON(before ? mergeJsonInto(agg, before) : agg));
        }
      }
      const entry: ShelfEntry = { lo, upTo, readAt: now, settled, ...(latest ? { latest } : {}) };
      plan.views[index] = withLatest(entry);
      await ctx.store.set(shelves[index].key, encodeEntry(entry), ctx.ttl.closedMs);
    }),
  );
}

/** Runs of needs that touch (each ends where the next starts): [first, last] indexes into `needs`. */
function contiguous(needs: readonly Need[]): [number, number][] {
  const spans: [number, number][] = [];
  needs.forEach((need, k) => {
    const open = spans.at(-1);
    if (open && needs[open[1]].to === need.from) open[1] = k;
    else spans.push([k, k]);
  });
  return spans;
}

/** The need in needs[first..last] holding `ts`, or -1. */
function needAt(needs: readonly Need[], first: number, last: number, ts: number): number {
  let lo = first;
  let hi = last;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (ts < needs[mid].from) hi = mid - 1;
    else if (ts >= needs[mid].to) lo = mid + 1;
    else return mid;
  }
  return -1;
}

/**
 * Which streams to read: scope users with calls in the window (one breakdown by user), or the
 * whole project (`null`) under the admin scope; refuses the read above the page cap.
 */
async function streamsToRead(
  ctx: ScanContext,
  scope: Scope,
  from: number,
  to: number,
  spans: number,
  settledTo: number,
): Promise<(string | null)[]> {
  const common = {
    method: 'POST',
    auth: 'project',
    payer: scopeKey(scope),
    ttlMs: to <= settledTo ? ctx.ttl.closedMs : ctx.ttl.openMs,
  } as const;
  const counts = new Map<string | null, number>();
  if (isProjectScope(scope)) {
    const summary = await ctx.upstream.call<UsageSummaryResponse>({
      ...common,
      path: `${UPSTREAM_PATHS.projectUsage}/summary`,
      shape: 'summary',
      body: { from, to, entity_types: ['tool_calls'], filters: {} },
    });
    counts.set(null, Number(summary?.entities?.tool_calls?.event_count ?? 0));
  } else {
    const breakdown = await ctx.upstream.call<UsageBreakdownResponse>({
      ...common,
      path: `${UPSTREAM_PATHS.projectUsage}/tool_calls`,
      shape: 'breakdown',
      body: {
        from,
        to,
        group_by: 'user_id',
        order_by: 'total_quantity',
        order_direction: 'desc',
        limit: scope.userIds.length,
        filters: { user_id: scope.userIds },
      },
    });
    for (const group of breakdown?.groups ?? []) if (scope.userIds.includes(group.key)) counts.set(group.key, Number(group.event_count));
  }
  // a user without calls in the window has nothing to read (usage counts a call when it happens, the list may show it later)
  const streams = [...counts].filter(([, n]) => n > 0);
  const logs = streams.reduce((sum, [, n]) => sum + n, 0);
  // per stream and span at most ⌈n/100⌉ + 1 pages
  const pages = streams.reduce((sum, [, n]) => sum + Math.ceil(n / LOG_LIST_MAX_LIMIT) + spans - 1, 0);
  if (pages > ctx.maxPages) {
    throw new BffError(
      400,
      `These insights would read about ${pages} pages of logs (${logs} calls), more than the ${ctx.maxPages} one request may read`,
      { suggested_fix: 'Narrow the window (a few days, then widen it: read days are cached), or raise limits.maxInsightPages' },
    );
  }
  return streams.map(([user]) => user);
}

/** Every log of one stream in [from, to), page by page to the last cursor. */
async function readStream(
  ctx: ScanContext,
  scope: Scope,
  user: string | null,
  from: number,
  to: number,
  fold: (log: LogListResponse['logs'][number], ts: number) => void,
): Promise<void> {
  let cursor: string | null = null;
  for (let page = 0; page < MAX_PAGES_PER_STREAM; page++) {
    const reply: LogListResponse = await ctx.upstream.call<LogListResponse>({
      method: 'POST',
      path: UPSTREAM_PATHS.logList,
      auth: 'project',
      // pages are not kept: the buckets' aggregates are (and are much smaller); identical calls in flight still share
      ttlMs: 0,
      payer: scopeKey(scope),
      shape: 'logList',
      body: {
        limit: LOG_LIST_MAX_LIMIT,
        cursor,
        filters: user === null ? [] : [{ field: 'user_id', operator: '==', value: user }],
        time_range: { from, to },
      },
    });
    for (const log of reply?.logs ?? []) {
      // fail closed: a row of another user (an upstream that ignored the filter) is never counted
      if (user !== null && log?.metadata?.user_id !== user) continue;
      const ts = Date.parse(log.timestamp);
      if (Number.isFinite(ts)) fold(log, ts);
    }
    cursor = reply?.next_cursor ?? null;
    if (!cursor) break;
  }
}
