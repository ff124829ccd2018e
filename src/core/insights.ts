/**
 * The insights aggregate: what a set of tool-call logs says that the Usage API cannot (it has
 * counts only). Per bucket of time it keeps exact call and failure counts, failures by kind, the
 * distinct user and session ids, optional per-group sub-aggregates, error groups with an example,
 * and latency as a DDSketch with 1 % relative accuracy (`INSIGHTS_RELATIVE_ACCURACY`): any
 * quantile it reports is within 1 % of the duration at that rank. Aggregates merge exactly
 * (counts add, sets unite, sketches merge with the same guarantee), so the BFF caches one per
 * 15-minute slot and merges them into any zone's buckets. Pure and isomorphic.
 */
import { DDSketch } from '@datadog/sketches-js';
import {
  INSIGHTS_RELATIVE_ACCURACY,
  type InsightsErrorGroup,
  type InsightsFigures,
  type InsightsGroupBy,
  type InsightsTotals,
} from '../contract/protocol.ts';
import type { LogEntry } from '../contract/upstream.ts';
import { failureHint, hintForKind, type FailureKind } from './failure-hints.ts';

/** A failure kind of `failure-hints.ts`, or `other` for a message that matches none. */
export type ErrorKind = FailureKind | 'other';

/** Calls, failures, users and latency of one group (or of everything). */
interface Cell {
  calls: number;
  failed: number;
  users: Set<string>;
  latency: DDSketch;
}

interface ErrorGroupState {
  kind: ErrorKind;
  tool_slug: string;
  count: number;
  example_log_id: string;
  /** Epoch ms of the example: the newest wins, so merging in any order picks the same example. */
  example_at: number;
}

export interface InsightsAggregate {
  readonly groupBy: InsightsGroupBy | null;
  all: Cell;
  failedByKind: Partial<Record<ErrorKind, number>>;
  sessions: Set<string>;
  groups: Map<string, Cell>;
  errors: Map<string, ErrorGroupState>;
}

const newSketch = () => new DDSketch({ relativeAccuracy: INSIGHTS_RELATIVE_ACCURACY });
const newCell = (): Cell => ({ calls: 0, failed: 0, users: new Set(), latency: newSketch() });

export function createAggregate(groupBy: InsightsGroupBy | null = null): InsightsAggregate {
  return { groupBy, all: newCell(), failedByKind: {}, sessions: new Set(), groups: new Map(), errors: new Map() };
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/** The kind of a failed call, read from its message the way the log detail's hint reads it. */
export function classifyFailure(log: Pick<LogEntry, 'status' | 'message'>): ErrorKind {
  return failureHint('failed', log.message ?? '')?.kind ?? 'other';
}

function addToCell(cell: Cell, failed: boolean, user: string, duration: number): void {
  cell.calls++;
  if (failed) cell.failed++;
  if (user) cell.users.add(user);
  if (duration >= 0) cell.latency.accept(duration);
}

/** Count one log in. Durations that are missing, negative or not finite are left out of the sketch only. */
export function addLog(agg: InsightsAggregate, log: LogEntry): void {
  const metadata = (log.metadata ?? {}) as Record<string, unknown>;
  const failed = log.status === 'failed';
  const user = text(metadata.user_id);
  const raw = (log.metrics as { duration_ms?: unknown } | undefined)?.duration_ms;
  const duration = typeof raw === 'number' && Number.isFinite(raw) && raw >= 0 ? raw : -1;
  addToCell(agg.all, failed, user, duration);
  const session = text(metadata.session_id);
  if (session) agg.sessions.add(session);
  if (agg.groupBy) {
    const key = text(metadata[agg.groupBy]);
    let cell = agg.groups.get(key);
    if (!cell) agg.groups.set(key, (cell = newCell()));
    addToCell(cell, failed, user, duration);
  }
  if (failed) {
    const kind = classifyFailure(log);
    agg.failedByKind[kind] = (agg.failedByKind[kind] ?? 0) + 1;
    const tool = text(metadata.tool_slug);
    const key = `${kind}\n${tool}`;
    const at = Date.parse(log.timestamp);
    const group = agg.errors.get(key);
    if (!group) agg.errors.set(key, { kind, tool_slug: tool, count: 1, example_log_id: log.id, example_at: at });
    else {
      group.count++;
      if (newerExample(at, log.id, group)) [group.example_at, group.example_log_id] = [at, log.id];
    }
  }
}

function newerExample(at: number, id: string, than: { example_at: number; example_log_id: string }): boolean {
  return at > than.example_at || (at === than.example_at && id > than.example_log_id);
}

function mergeCellInto(into: Cell, from: Cell): void {
  into.calls += from.calls;
  into.failed += from.failed;
  for (const user of from.users) into.users.add(user);
  if (from.latency.count > 0) into.latency.merge(from.latency);
}

function copyCell(cell: Cell): Cell {
  const copy = newCell();
  mergeCellInto(copy, cell);
  return copy;
}

/** `from` added into `into` (mutated and returned). Both must group by the same field. */
export function mergeInto(into: InsightsAggregate, from: InsightsAggregate): InsightsAggregate {
  if (into.groupBy !== from.groupBy) throw new Error(`insights: cannot merge aggregates grouped by ${into.groupBy} and ${from.groupBy}`);
  mergeCellInto(into.all, from.all);
  for (const [kind, n] of Object.entries(from.failedByKind) as [ErrorKind, number][])
    into.failedByKind[kind] = (into.failedByKind[kind] ?? 0) + n;
  for (const session of from.sessions) into.sessions.add(session);
  for (const [key, cell] of from.groups) {
    const mine = into.groups.get(key);
    if (mine) mergeCellInto(mine, cell);
    else into.groups.set(key, copyCell(cell));
  }
  for (const group of from.errors.values()) mergeErrorGroup(into, group);
  return into;
}

function mergeErrorGroup(into: InsightsAggregate, group: ErrorGroupState): void {
  const key = `${group.kind}\n${group.tool_slug}`;
  const mine = into.errors.get(key);
  if (!mine) into.errors.set(key, { ...group });
  else {
    mine.count += group.count;
    if (newerExample(group.example_at, group.example_log_id, mine))
      [mine.example_at, mine.example_log_id] = [group.example_at, group.example_log_id];
  }
}

/** A new aggregate holding both (neither argument changes). */
export function merge(a: InsightsAggregate, b: InsightsAggregate): InsightsAggregate {
  return mergeInto(mergeInto(createAggregate(a.groupBy), a), b);
}

// ---- serialisation (for the BFF's cache of closed buckets)

/**
 * A sketch as plain JSON: positive bins as a dense run of counts from key `k` (`b`), or, when that
 * is shorter, as `[key, count]` pairs flattened (`p`: a slot of a few calls spans hundreds of mostly
 * empty keys); plus zeros and summary stats.
 */
interface SketchJson {
  k: number;
  b: number[];
  p?: number[];
  z: number;
  n: number;
  s: number;
  lo: number | null;
  hi: number | null;
}

interface CellJson {
  calls: number;
  failed: number;
  users: string[];
  latency: SketchJson;
}

export interface InsightsAggregateJson {
  /** 2 since sketches may be sparse (`p`); version 1 is still read. */
  v: 1 | 2;
  group_by: InsightsGroupBy | null;
  all: CellJson;
  failed_by_kind: Partial<Record<ErrorKind, number>>;
  sessions: string[];
  groups: [string, CellJson][];
  errors: ErrorGroupState[];
}

function sketchToJson(sketch: DDSketch): SketchJson {
  const { store } = sketch;
  const bins: number[] = [];
  const pairs: number[] = [];
  if (store.count > 0)
    for (let key = store.minKey; key <= store.maxKey; key++) {
      const count = store.bins[key - store.offset] ?? 0;
      bins.push(count);
      if (count > 0) pairs.push(key, count);
    }
  const sparse = pairs.length < bins.length;
  return {
    k: store.count > 0 ? store.minKey : 0,
    b: sparse ? [] : bins,
    ...(sparse ? { p: pairs } : {}),
    z: sketch.zeroCount,
    n: sketch.count,
    s: sketch.sum,
    lo: Number.isFinite(sketch.min) ? sketch.min : null,
    hi: Number.isFinite(sketch.max) ? sketch.max : null,
  };
}

/** The sketch's bins and stats added into `sketch`: the same bins and stats as `sketch.merge` of the decoded sketch. */
function mergeSketchJsonInto(sketch: DDSketch, json: SketchJson): void {
  if (!(json.n > 0)) return;
  json.b.forEach((count, i) => {
    if (count > 0) sketch.store.add(json.k + i, count);
  });
  for (let i = 0; i + 1 < (json.p?.length ?? 0); i += 2) sketch.store.add(json.p![i], json.p![i + 1]);
  sketch.zeroCount += json.z;
  sketch.count += json.n;
  sketch.sum += json.s;
  if (json.lo !== null && json.lo < sketch.min) sketch.min = json.lo;
  if (json.hi !== null && json.hi > sketch.max) sketch.max = json.hi;
}

const cellToJson = (cell: Cell): CellJson => ({
  calls: cell.calls,
  failed: cell.failed,
  users: [...cell.users],
  latency: sketchToJson(cell.latency),
});
function mergeCellJsonInto(into: Cell, json: CellJson): void {
  into.calls += json.calls;
  into.failed += json.failed;
  for (const user of json.users) into.users.add(user);
  mergeSketchJsonInto(into.latency, json.latency);
}

export function toJSON(agg: InsightsAggregate): InsightsAggregateJson {
  return {
    v: 2,
    group_by: agg.groupBy,
    all: cellToJson(agg.all),
    failed_by_kind: { ...agg.failedByKind },
    sessions: [...agg.sessions],
    groups: [...agg.groups].map(([key, cell]) => [key, cellToJson(cell)]),
    errors: [...agg.errors.values()].map((e) => ({ ...e })),
  };
}

export function fromJSON(json: InsightsAggregateJson): InsightsAggregate {
  return mergeJsonInto(createAggregate(json?.group_by ?? null), json);
}

/**
 * A stored aggregate added into `into` without decoding it first: the same as
 * `mergeInto(into, fromJSON(json))` (fromJSON is this into an empty aggregate), without building a
 * sketch per cell, which is most of the cost when a window merges thousands of small slots.
 */
export function mergeJsonInto(into: InsightsAggregate, json: InsightsAggregateJson): InsightsAggregate {
  if (json?.v !== 1 && json?.v !== 2) throw new Error('insights: unknown aggregate version');
  if (into.groupBy !== json.group_by) throw new Error(`insights: cannot merge aggregates grouped by ${into.groupBy} and ${json.group_by}`);
  mergeCellJsonInto(into.all, json.all);
  for (const [kind, n] of Object.entries(json.failed_by_kind) as [ErrorKind, number][])
    into.failedByKind[kind] = (into.failedByKind[kind] ?? 0) + n;
  for (const session of json.sessions) into.sessions.add(session);
  for (const [key, cell] of json.groups) {
    let mine = into.groups.get(key);
    if (!mine) into.groups.set(key, (mine = newCell()));
    mergeCellJsonInto(mine, cell);
  }
  for (const group of json.errors) mergeErrorGroup(into, group);
  return into;
}

// ---- figures

const quantile = (sketch: DDSketch, q: number): number | null => (sketch.count > 0 ? sketch.getValueAtQuantile(q) : null);

function figuresOf(cell: Cell): InsightsFigures {
  return {
    calls: cell.calls,
    failed: cell.failed,
    error_rate: cell.calls ? cell.failed / cell.calls : null,
    p50: quantile(cell.latency, 0.5),
    p95: quantile(cell.latency, 0.95),
    p99: quantile(cell.latency, 0.99),
    active_users: cell.users.size,
  };
}

/** Totals; `coveredMs` (the span the logs were read over) turns distinct sessions into sessions per day. */
export function summarize(agg: InsightsAggregate, coveredMs: number): InsightsTotals {
  return {
    ...figuresOf(agg.all),
    sessions: agg.sessions.size,
    sessions_per_day: coveredMs > 0 ? agg.sessions.size / (coveredMs / 86_400_000) : null,
  };
}

/** Figures per group, most calls first (ties by key), the first `limit` and the rest summed (`null` if none). */
export function topGroups(
  agg: InsightsAggregate,
  limit: number,
): { groups: (InsightsFigures & { key: string })[]; other: InsightsFigures | null } {
  const ranked = [...agg.groups].sort(([ka, a], [kb, b]) => b.calls - a.calls || (ka < kb ? -1 : ka > kb ? 1 : 0));
  const rest = ranked.slice(limit);
  let other: Cell | null = null;
  for (const [, cell] of rest) mergeCellInto((other ??= newCell()), cell);
  return { groups: ranked.slice(0, limit).map(([key, cell]) => ({ key, ...figuresOf(cell) })), other: other && figuresOf(other) };
}

/** Per-bucket figures (no sessions: a bucket's share of sessions per day is not meaningful). */
export const bucketFigures = (agg: InsightsAggregate): InsightsFigures => figuresOf(agg.all);

/** Error groups, most frequent first (ties by kind, then tool), with the hint for their kind. */
export function errorGroups(agg: InsightsAggregate, limit: number): InsightsErrorGroup[] {
  return [...agg.errors.values()]
    .sort(
      (a, b) => b.count - a.count || a.kind.localeCompare(b.kind) || (a.tool_slug < b.tool_slug ? -1 : a.tool_slug > b.tool_slug ? 1 : 0),
    )
    .slice(0, limit)
    .map((e) => {
      const hint = e.kind === 'other' ? undefined : hintForKind(e.kind);
      return {
        kind: e.kind,
        tool_slug: e.tool_slug,
        count: e.count,
        example_log_id: e.example_log_id,
        hint: hint ? { cause: hint.cause, next: hint.next } : null,
      };
    });
}
