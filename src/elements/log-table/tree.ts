/**
 * Meta-tool trees: calls a meta tool made (`COMPOSIO_MULTI_EXECUTE_TOOL`; the children carry
 * `parent`) are shown under their parent, in the order they ran, and fold away with it. A child
 * whose parent is not loaded yet stays at its own time (marked "inside …") and moves under the
 * parent when a later page brings it. Hostile data (a parent loop) cannot hide rows: anything not
 * placed under a shown parent is shown at the top level.
 *
 * A page appended at the end (older rows) is placed without walking the rows already shown: only
 * the new rows, and the top-level rows from the first one the page changes (children waiting for
 * a parent it brings sit just before it), so appending costs O(page), not O(rows loaded) — at
 * 100k rows a full walk took ~80 ms per page. Anything else (rows inserted between others, a fold
 * toggled, a parent loop) rebuilds the view from scratch.
 */
import type { LogEntry } from '../../contract/upstream.ts';

export interface TreeRow {
  log: LogEntry;
  depth: number;
  /** Loaded calls made inside this one. */
  children: number;
  expanded: boolean;
}

/** What the last view was built from, kept so that the next page extends it. */
interface Built {
  rows: readonly LogEntry[];
  version: number;
  view: TreeRow[];
  /** Row index of every loaded id. */
  index: Map<string, number>;
  /** The loaded children of each parent, in row order. */
  kids: Map<string, LogEntry[]>;
  /** Rows whose parent is not loaded (yet), by that parent's id. */
  waiting: Map<string, LogEntry[]>;
  /** Top-level rows, in row order: their row index, where their rows start in `view`, and how many rows they hold (folded ones too). */
  topRow: number[];
  topAt: number[];
  topSize: number[];
  /** Rows under a top-level row; fewer than all rows means a parent loop. */
  placed: number;
  /** A parent loop was found: every change rebuilds. */
  loop: boolean;
}

const parentId = (log: LogEntry) => (log.parent && log.parent.log_id !== log.id ? log.parent.log_id : undefined);

export class LogTree {
  private readonly collapsed = new Set<string>();
  private version = 0;
  private built?: Built;

  toggle(id: string, expanded = this.collapsed.has(id)): void {
    if (expanded) this.collapsed.delete(id);
    else this.collapsed.add(id);
    this.version++;
  }

  /**
   * The rows in display order: parents with their calls under them (unless folded). `rows` are the
   * table's rows, unique by id; the same array gives the same view.
   */
  view(rows: readonly LogEntry[]): TreeRow[] {
    const built = this.built;
    if (built?.rows === rows && built.version === this.version) return built.view;
    if (built && built.version === this.version && !built.loop && extendsRows(built.rows, rows)) this.append(built, rows);
    else this.build(rows);
    return this.built!.view;
  }

  private build(rows: readonly LogEntry[]): void {
    const empty: Built = {
      rows: [],
      version: this.version,
      view: [],
      index: new Map(),
      kids: new Map(),
      waiting: new Map(),
      topRow: [],
      topAt: [],
      topSize: [],
      placed: 0,
      loop: false,
    };
    this.append(empty, rows);
  }

  /** `rows` are `built.rows` and then older ones: place the new rows, and re-place the top-level rows they change. */
  private append(built: Built, rows: readonly LogEntry[]): void {
    const { index, kids, waiting } = built;
    const before = built.rows.length;
    for (let i = before; i < rows.length; i++) index.set(rows[i].id, i);
    // the first row whose top-level row must be placed again
    let from = before;
    for (let i = before; i < rows.length; i++) {
      const log = rows[i];
      const parent = parentId(log);
      const at = parent === undefined ? undefined : index.get(parent);
      if (at === undefined) {
        if (parent !== undefined) push(waiting, parent, log);
      } else {
        push(kids, parent!, log);
        if (at < before) from = Math.min(from, topOf(rows, index, at, before));
      }
      const adopted = waiting.get(log.id);
      if (adopted) {
        // children listed before their parent (they ran after it started) were top-level rows until now
        waiting.delete(log.id);
        kids.set(log.id, [...adopted, ...(kids.get(log.id) ?? [])]);
        from = Math.min(from, index.get(adopted[0].id)!);
      }
    }

    // drop the top-level rows from `from` on, then place them again with the new rows
    const cut = lowerBound(built.topRow, from);
    const viewCut = cut < built.topAt.length ? built.topAt[cut] : built.view.length;
    for (let t = cut; t < built.topSize.length; t++) built.placed -= built.topSize[t];
    built.topRow.length = built.topAt.length = built.topSize.length = cut;
    const added: TreeRow[] = [];
    for (let i = from; i < rows.length; i++) {
      const parent = parentId(rows[i]);
      if (parent !== undefined && index.has(parent)) continue;
      built.topRow.push(i);
      built.topAt.push(viewCut + added.length);
      const size = this.walk(rows[i], kids, added);
      built.topSize.push(size);
      built.placed += size;
    }
    // the virtualizer sees a change by identity: a new array, the rows before the cut kept as they were
    built.view = viewCut === built.view.length ? built.view.concat(added) : built.view.slice(0, viewCut).concat(added);
    built.rows = rows;
    built.version = this.version;
    this.built = built;
    if (built.placed < rows.length) this.buildWithLoops(rows);
  }

  /** Some rows are their own ancestors: no top-level row leads to them, so they are shown at the top level, in row order. */
  private buildWithLoops(rows: readonly LogEntry[]): void {
    const built = this.built!;
    const placed = new Set<string>();
    const view: TreeRow[] = [];
    for (const i of built.topRow) this.walk(rows[i], built.kids, view, placed);
    for (const log of rows) this.walk(log, built.kids, view, placed);
    Object.assign(built, { view, loop: true });
  }

  /**
   * Adds `top` and the calls under it to `out` (those under a folded row are placed but not shown):
   * the number of rows placed. `placed` skips rows already placed (only a parent loop revisits one).
   * A stack rather than recursion: a hostile chain of 100k nested calls must not overflow it.
   */
  private walk(top: LogEntry, kids: Map<string, LogEntry[]>, out: TreeRow[], placed?: Set<string>): number {
    let count = 0;
    const stack: [LogEntry, number, boolean][] = [[top, 0, true]];
    while (stack.length) {
      const [log, depth, shown] = stack.pop()!;
      if (placed?.has(log.id)) continue;
      placed?.add(log.id);
      count++;
      const children = kids.get(log.id) ?? [];
      const expanded = !this.collapsed.has(log.id);
      if (shown) out.push({ log, depth, children: children.length, expanded });
      // rows are newest first; the calls inside a meta tool read best in the order they ran (the last pushed is walked first)
      for (const child of children) stack.push([child, depth + 1, shown && expanded]);
    }
    return count;
  }
}

/** Row lists made by appending rows at the end of another, and that other (see `appended`). */
const appendedTo = new WeakMap<readonly LogEntry[], readonly LogEntry[]>();

/** Records that `next` is `previous` with rows appended at its end: the next view extends the previous one. */
export function appended(previous: readonly LogEntry[], next: readonly LogEntry[]): void {
  appendedTo.set(next, previous);
}

/** `next` was made from `previous` by appends only (an empty list extends to anything). */
function extendsRows(previous: readonly LogEntry[], next: readonly LogEntry[]): boolean {
  if (!previous.length) return true;
  for (let rows = appendedTo.get(next); rows; rows = appendedTo.get(rows)) if (rows === previous) return true;
  return false;
}

/** The top-level row above row `at`, following parents among the first `loaded` rows only (those hold no loop). */
function topOf(rows: readonly LogEntry[], index: Map<string, number>, at: number, loaded: number): number {
  for (;;) {
    const parent = parentId(rows[at]);
    const up = parent === undefined ? undefined : index.get(parent);
    if (up === undefined || up >= loaded) return at;
    at = up;
  }
}

/** The first position in ascending `values` holding a value ≥ `value`. */
function lowerBound(values: readonly number[], value: number): number {
  let low = 0;
  let high = values.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (values[mid] < value) low = mid + 1;
    else high = mid;
  }
  return low;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
