/**
 * The virtualizer's flow layout renders 1000 px beyond each edge of the viewport (~80 rows here).
 * 300 px (~10 rows each way) still hides row creation while scrolling and keeps the DOM near 35
 * rows, well inside the table's 60-element budget. `_overhang` is the layout's own knob (see the
 * TODO in BaseLayout); the virtualizer version is pinned.
 */
import { FlowLayout } from '@lit-labs/virtualizer/layouts/flow.js';

const OVERHANG_PX = 300;

export class TableLayout extends FlowLayout {
  constructor(...args: ConstructorParameters<typeof FlowLayout>) {
    super(...args);
    (this as unknown as { _overhang: number })._overhang = OVERHANG_PX;
  }
}
