/**
 * The table's detail side panel: which log is open, `<composio-log-detail>` loaded on first use (a
 * page that never opens a log never downloads it), focus moved into the panel once it is there and
 * handed back to the grid when it closes.
 */
import { nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import type { LogEntry } from '../../contract/upstream.ts';
import { renderPanel, type DetailSettings } from './views.ts';

export interface DetailPanelOptions {
  /** Where the panel renders (its `.panel` is focused when it opens). */
  root(): ParentNode;
  /** The table's settings the detail inherits, read at each render. */
  settings(): DetailSettings;
  /** The panel closed (the table focuses its row again). */
  closed(): void;
}

export class DetailPanelController implements ReactiveController {
  /** The open log: its id, and its row when it was opened from one. */
  selected?: { id: string; entry?: LogEntry };
  private module?: Promise<unknown>;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: DetailPanelOptions,
  ) {
    host.addController(this);
  }

  hostConnected(): void {}

  /** Open a log by id; the detail loads it through the BFF, which checks it is the caller's. */
  open(id: string, entry?: LogEntry): void {
    this.module ??= import('../log-detail/define.ts');
    this.show({ id, entry });
    void this.module.then(() => this.host.updateComplete).then(() => this.options.root().querySelector<HTMLElement>('.panel')?.focus());
  }

  close(): void {
    this.show(undefined);
    this.options.closed();
  }

  private show(selected: DetailPanelController['selected']): void {
    this.selected = selected;
    this.host.requestUpdate();
  }

  /** The panel while a log is open: Escape or × closes it; a link to another log (its parent call) opens that one. */
  render() {
    const selected = this.selected;
    if (!selected) return nothing;
    return renderPanel(
      selected,
      this.options.settings(),
      () => this.close(),
      (log) => this.show({ id: log.id, entry: log }),
    );
  }
}
