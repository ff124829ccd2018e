/**
 * The grid's keyboard: one focused row (roving tabindex) moved with arrows, Page Up/Down, Home and
 * End; Enter opens it; Right/Left unfold/fold a meta-tool call's children.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { LogEntry } from '../../contract/upstream.ts';
import { focusRowElement } from './layout.ts';
import type { TreeRow } from './tree.ts';

export interface GridFocusOptions {
  rows(): readonly TreeRow[];
  scroller(): HTMLElement | undefined;
  root(): ParentNode;
  open(log: LogEntry): void;
  toggle(log: LogEntry, expanded: boolean): void;
}

const STEPS: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: 10, PageUp: -10, Home: -Infinity, End: Infinity };

export class GridFocusController implements ReactiveController {
  private index = 0;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: GridFocusOptions,
  ) {
    host.addController(this);
  }

  hostConnected(): void {}

  /** The focused row's index in the shown rows. */
  get focused(): number {
    return this.index;
  }

  set focused(index: number) {
    this.index = index;
    this.host.requestUpdate();
  }

  /** Move focus to row `index` (clamped), scrolling it into view. */
  async focusRow(index: number): Promise<void> {
    const count = this.options.rows().length;
    if (!count) return;
    this.focused = Math.max(0, Math.min(count - 1, index));
    await focusRowElement(this.options.scroller(), this.options.root(), this.index, () => this.host.updateComplete);
  }

  readonly onKey = (event: KeyboardEvent): void => {
    const row = this.options.rows()[this.index];
    if (event.key in STEPS) {
      event.preventDefault();
      void this.focusRow(this.index + STEPS[event.key]);
    } else if (event.key === 'Enter' && row) {
      event.preventDefault();
      this.options.open(row.log);
    } else if ((event.key === 'ArrowRight' || event.key === 'ArrowLeft') && row?.children) {
      event.preventDefault();
      this.options.toggle(row.log, event.key === 'ArrowRight');
      void this.focusRow(this.index); // the rows below moved: keep focus on this one
    }
  };
}
