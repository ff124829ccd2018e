/**
 * Meta-tool trees: calls a meta tool made (`COMPOSIO_MULTI_EXECUTE_TOOL`; the children carry
 * `parent`) are shown under their parent, in the order they ran, and fold away with it. A child
 * whose parent is not loaded yet stays at its own time (marked "inside …") and moves under the
 * parent when a later page brings it. Hostile data (a parent loop) cannot hide rows: anything not
 * placed under a shown parent is shown at the top level.
 */
import type { LogEntry } from '../../contract/upstream.ts';

export interface TreeRow {
  log: LogEntry;
  depth: number;
  /** Loaded calls made inside this one. */
  children: number;
  expanded: boolean;
}

export class LogTree {
  private readonly collapsed = new Set<string>();
  private version = 0;
  private memo?: { rows: readonly LogEntry[]; version: number; view: TreeRow[] };

  toggle(id: string, expanded = this.collapsed.has(id)): void {
    if (expanded) this.collapsed.delete(id);
    else this.collapsed.add(id);
    this.version++;
  }

  /** The rows in display order: parents with their calls under them (unless folded). */
  view(rows: readonly LogEntry[]): TreeRow[] {
    if (this.memo?.rows === rows && this.memo.version === this.version) return this.memo.view;
    const loaded = new Set(rows.map((l) => l.id));
    const parentOf = (l: LogEntry) => (l.parent && l.parent.log_id !== l.id && loaded.has(l.parent.log_id) ? l.parent.log_id : undefined);
    const kids = new Map<string, LogEntry[]>();
    for (const l of rows) {
      const p = parentOf(l);
      if (p) kids.set(p, [...(kids.get(p) ?? []), l]);
    }
    const view: TreeRow[] = [];
    const placed = new Set<string>();
    const visit = (log: LogEntry, depth: number, shown: boolean) => {
      if (placed.has(log.id)) return;
      placed.add(log.id);
      const children = kids.get(log.id) ?? [];
      const expanded = !this.collapsed.has(log.id);
      if (shown) view.push({ log, depth, children: children.length, expanded });
      // rows are newest first; the calls inside a meta tool read best in the order they ran
      for (let i = children.length - 1; i >= 0; i--) visit(children[i], depth + 1, shown && expanded);
    };
    for (const l of rows) if (!parentOf(l)) visit(l, 0, true);
    for (const l of rows) visit(l, 0, true); // a parent loop: nothing vanishes
    this.memo = { rows, version: this.version, view };
    return view;
  }
}
