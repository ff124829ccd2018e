// The log table's meta-tool tree (src/elements/log-table/tree.ts) extends its view page by page;
// whatever the pages, it must show exactly what a rebuild from all the rows shows. The oracle is
// the straightforward full rebuild the table used before (every row walked on every page).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { LogEntry } from '../../src/contract/upstream.ts';
import { LogRows } from '../../src/elements/log-table/data.ts';
import { LogTree, type TreeRow } from '../../src/elements/log-table/tree.ts';

function oracle(rows: readonly LogEntry[], collapsed: ReadonlySet<string>): TreeRow[] {
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
    const expanded = !collapsed.has(log.id);
    if (shown) view.push({ log, depth, children: children.length, expanded });
    for (let i = children.length - 1; i >= 0; i--) visit(children[i], depth + 1, shown && expanded);
  };
  for (const l of rows) if (!parentOf(l)) visit(l, 0, true);
  for (const l of rows) visit(l, 0, true);
  return view;
}

const log = (i: number, parent: string | null): LogEntry => ({
  id: `r${i}`,
  timestamp: new Date(1_700_000_000_000 - i * 1000).toISOString(),
  type: 'tool.execution',
  status: 'success',
  level: 'info',
  metadata: {},
  metrics: {},
  parent: parent === null ? null : { log_id: parent, tool_slug: 'COMPOSIO_MULTI_EXECUTE_TOOL' },
});

/** Rows r0…rN (newest first) whose parent is none, themselves, another row (before or after them) or a row never loaded. */
const feed = fc.integer({ min: 1, max: 60 }).chain((n) =>
  fc.tuple(
    fc.array(
      fc.oneof(
        { weight: 3, arbitrary: fc.constant(null) },
        { weight: 4, arbitrary: fc.integer({ min: 0, max: n - 1 }).map((p) => `r${p}`) },
        { weight: 1, arbitrary: fc.constantFrom('missing_a', 'missing_b') },
      ),
      { minLength: n, maxLength: n },
    ),
    // page sizes, and whether a fold is toggled before each page
    fc.array(fc.tuple(fc.integer({ min: 1, max: 12 }), fc.option(fc.integer({ min: 0, max: n - 1 }), { freq: 4 })), {
      minLength: 1,
      maxLength: 20,
    }),
  ),
);

const plain = (view: TreeRow[]) => view.map((r) => `${r.log.id}:${r.depth}:${r.children}:${r.expanded}`);

describe('log table: meta-tool tree', () => {
  it('page by page, shows what a rebuild from all rows shows (folds, adoptions, loops, missing parents)', () => {
    fc.assert(
      fc.property(feed, ([parents, pages]) => {
        const all = parents.map((p, i) => log(i, p));
        const rows = new LogRows();
        const tree = new LogTree();
        const collapsed = new Set<string>();
        let next = 0;
        for (const [size, fold] of pages) {
          if (fold !== null) {
            const id = `r${fold}`;
            tree.toggle(id);
            if (collapsed.has(id)) collapsed.delete(id);
            else collapsed.add(id);
          }
          rows.append(all.slice(next, next + size));
          next += size;
          assert.deepEqual(plain(tree.view(rows.rows)), plain(oracle(rows.rows, collapsed)));
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('keeps the rows of earlier pages as they were when a page changes nothing above it', () => {
    const all = Array.from({ length: 300 }, (_, i) => log(i, i % 10 < 3 ? `r${i - (i % 10) + 3}` : null));
    const rows = new LogRows();
    const tree = new LogTree();
    rows.append(all.slice(0, 100));
    const before = tree.view(rows.rows);
    rows.append(all.slice(100, 200));
    const after = tree.view(rows.rows);
    assert.equal(after.length, 200);
    before.forEach((row, i) => assert.equal(after[i], row, `row ${i} is the same object`));
  });

  it('moves children under a parent that arrives on the next page', () => {
    const rows = new LogRows();
    const tree = new LogTree();
    rows.append([log(0, null), log(1, 'r3'), log(2, 'r3')]);
    assert.deepEqual(plain(tree.view(rows.rows)), ['r0:0:0:true', 'r1:0:0:true', 'r2:0:0:true']);
    rows.append([log(3, null), log(4, null)]);
    assert.deepEqual(plain(tree.view(rows.rows)), ['r0:0:0:true', 'r3:0:2:true', 'r2:1:0:true', 'r1:1:0:true', 'r4:0:0:true']);
  });

  it('does not overflow the stack on a chain of 100,000 nested calls', () => {
    const rows = new LogRows();
    rows.append(Array.from({ length: 100_000 }, (_, i) => log(i, `r${i + 1}`)));
    const view = new LogTree().view(rows.rows);
    assert.equal(view.length, 100_000);
    assert.equal(view[0].log.id, 'r99999');
    assert.equal(view.at(-1)!.depth, 99_999);
  });
});
