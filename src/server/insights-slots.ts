/**
 * Where insights aggregates are kept, independent of the zone that asks: the store holds one
 * aggregate per 15-minute slot aligned to UTC, 96 of them per UTC day in one entry (a "shelf"), and
 * a requested bucket is the merge of the slots inside it. Every UTC offset in use is a multiple of
 * 15 minutes, so every local hour and day edge is a slot edge, and a day in Kolkata, Los Angeles or
 * Kathmandu is made of slots that a UTC day already read.
 *
 * A window whose outer edge is not on a slot edge (a host's `from` or past `to` at any millisecond)
 * gets that edge's partial slot as its own small shelf, keyed by its exact range: only that part is
 * read, never the whole slot, so a cold window still costs ⌈logs/100⌉ pages and the slots beside it
 * stay shared. A window with an inner bucket edge off the slot grid (a zone with an older, odd
 * offset) is kept as today: one exact shelf per bucket. (The end of a window that reaches the
 * present is the open bucket's calendar end, on the grid; the tail up to now is the watermark's job.)
 */
import type { Bucket } from '../core/buckets.ts';
import type { InsightsAggregate, InsightsAggregateJson } from '../core/insights.ts';

export const SLOT_MS = 15 * 60_000;
const DAY_MS = 86_400_000;

type GroupBy = InsightsAggregate['groupBy'];

/** One store entry: the aggregates of consecutive pieces [edges[i], edges[i + 1]), and the part [from, to) a request wants. */
export interface Shelf {
  key: string;
  edges: readonly number[];
  from: number;
  to: number;
}

export interface Layout {
  shelves: Shelf[];
  /** Per read bucket, its pieces as [shelf, piece] indexes (none for a bucket with nothing to read). */
  pieces: [number, number][][];
}

const onGrid = (t: number) => t % SLOT_MS === 0;
const ceilSlot = (t: number) => Math.ceil(t / SLOT_MS) * SLOT_MS;
const floorSlot = (t: number) => Math.floor(t / SLOT_MS) * SLOT_MS;

const exactShelf = (prefix: string, from: number, to: number): Shelf => ({ key: `${prefix}\n${from}\n${to}`, edges: [from, to], from, to });

function dayShelf(prefix: string, day: number, from: number, to: number): Shelf {
  const edges = Array.from({ length: DAY_MS / SLOT_MS + 1 }, (_, i) => day + i * SLOT_MS);
  return { key: `${prefix}\nday ${day}`, edges, from, to };
}

/** The piece of `edges` holding `ts` (edges[0] ≤ ts < edges.at(-1)). */
export function pieceAt(edges: readonly number[], ts: number): number {
  let lo = 0;
  let hi = edges.length - 2;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (ts < edges[mid]) hi = mid - 1;
    else lo = mid;
  }
  return lo;
}

/** The shelves that hold these buckets (contiguous where not null), and which of their pieces make each bucket. */
export function layout(reads: readonly (Bucket | null)[], prefix: string): Layout {
  const live = reads.flatMap((r, index) => (r ? [{ index, from: r.from, to: r.to }] : []));
  const pieces: [number, number][][] = reads.map(() => []);
  if (!live.length) return { shelves: [], pieces };
  const first = live[0].from;
  const end = live.at(-1)!.to;
  const start = ceilSlot(first);
  const stop = floorSlot(end);
  const inner = live.slice(1);
  const slotted = start <= stop && inner.every((r, k) => r.from === live[k].to && onGrid(r.from));

  const shelves: Shelf[] = [];
  if (!slotted) for (const r of live) shelves.push(exactShelf(prefix, r.from, r.to));
  else {
    if (first < start) shelves.push(exactShelf(prefix, first, start));
    for (let day = Math.floor(start / DAY_MS) * DAY_MS; day < stop; day += DAY_MS)
      shelves.push(dayShelf(prefix, day, Math.max(day, start), Math.min(day + DAY_MS, stop)));
    if (stop < end) shelves.push(exactShelf(prefix, stop, end));
  }
  let k = 0;
  shelves.forEach((shelf, s) => {
    for (let p = pieceAt(shelf.edges, shelf.from); p < shelf.edges.length - 1 && shelf.edges[p] < shelf.to; p++) {
      while (live[k].to <= shelf.edges[p]) k++;
      pieces[live[k].index].push([s, p]);
    }
  });
  return { shelves, pieces };
}

/** A piece's aggregate as stored, or null for a piece without calls. Kept as JSON: merged with `mergeJsonInto`, never decoded. */
export type Piece = InsightsAggregateJson | null;

/**
 * A shelf's stored state: every log in [lo, upTo) folded into `settled`; `latest` holds, where
 * they differ, the pieces with the tail newer than the close lag, as read at `readAt`.
 */
export interface ShelfEntry {
  lo: number;
  upTo: number;
  readAt: number;
  settled: Piece[];
  latest?: Map<number, InsightsAggregateJson>;
}

interface ShelfEntryJson {
  v: 1;
  lo: number;
  upTo: number;
  readAt: number;
  settled: Piece[];
  latest?: [number, InsightsAggregateJson][];
}

export function encodeEntry(entry: ShelfEntry): string {
  const json: ShelfEntryJson = {
    v: 1,
    lo: entry.lo,
    upTo: entry.upTo,
    readAt: entry.readAt,
    settled: entry.settled,
    ...(entry.latest ? { latest: [...entry.latest] } : {}),
  };
  return JSON.stringify(json);
}

/** A stored entry, or undefined for anything else (absent, another version or layout, grouped otherwise). */
export function decodeEntry(text: string | undefined, pieces: number, groupBy: GroupBy): ShelfEntry | undefined {
  if (text === undefined) return undefined;
  try {
    const json = JSON.parse(text) as ShelfEntryJson;
    if (json.v !== 1 || ![json.lo, json.upTo, json.readAt].every(Number.isFinite) || json.settled.length !== pieces) return undefined;
    const latest = json.latest && new Map(json.latest);
    const aggregates = [...json.settled, ...(latest?.values() ?? [])];
    // mergeJsonInto checks each piece's version as it merges
    if (aggregates.some((agg) => agg !== null && agg.group_by !== groupBy)) return undefined;
    if (latest && [...latest.keys()].some((p) => !(p >= 0 && p < pieces))) return undefined;
    return { lo: json.lo, upTo: json.upTo, readAt: json.readAt, settled: json.settled, ...(latest ? { latest } : {}) };
  } catch {
    return undefined;
  }
}

/** The pieces as they stand with the tail (`latest`) laid over the settled ones. */
export const withLatest = (entry: ShelfEntry): Piece[] => entry.settled.map((agg, p) => entry.latest?.get(p) ?? agg);
