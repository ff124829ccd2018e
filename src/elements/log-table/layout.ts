/**
 * The virtualizer's flow layout renders 1000 px beyond each edge of the viewport (~80 rows here).
 * 300 px (~10 rows each way) still hides row creation while scrolling and keeps the DOM near 35
 * rows, well inside the table's 60-element budget. `_overhang` is the layout's own knob (see the
 * TODO in BaseLayout); the virtualizer version is pinned.
 */
import { FlowLayout } from '@lit-labs/virtualizer/layouts/flow.js';
import { virtualizerRef } from '@lit-labs/virtualizer/virtualize.js';

const OVERHANG_PX = 300;

export class TableLayout extends FlowLayout {
  constructor(...args: ConstructorParameters<typeof FlowLayout>) {
    super(...args);
    (this as unknown as { _overhang: number })._overhang = OVERHANG_PX;
  }
}

/** Scroll row `index` into view through the virtualizer, then focus it once it is rendered. */
export async function focusRowElement(
  scroller: HTMLElement | undefined,
  root: ParentNode,
  index: number,
  updated: () => Promise<unknown>,
): Promise<void> {
  const virtualizer = (scroller as unknown as Record<symbol, { element(i: number): { scrollIntoView(o?: object): void } | undefined }>)?.[
    virtualizerRef
  ];
  virtualizer?.element(index)?.scrollIntoView({ block: 'nearest' });
  for (let i = 0; i < 5; i++) {
    await updated();
    await new Promise(requestAnimationFrame);
    const row = root.querySelector<HTMLElement>(`[aria-rowindex="${index + 2}"]`);
    if (row) return row.focus();
  }
}

/** A row's key. After the list shrinks, the virtualizer may ask about an index past its end (lit/lit#4833). */
export const rowKey = (row: { log: { id: string } } | undefined, index: number): string | number => row?.log.id ?? index;
