/**
 * The live tail's place in the table. Its code (live-tail-controller.ts, and live-read.ts on the
 * first poll) loads when `live` is first above 0: a table that never polls never downloads it, and
 * one that does loses nothing, since the first poll comes `live` seconds after the first page.
 */
import { nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import type { Words } from '../shared/i18n/strings.ts';
import { renderBusy } from '../shared/problem.ts';
import type { LiveTailController, LiveTailOptions } from './live-tail-controller.ts';

type TailModule = typeof import('./live-tail-controller.ts');

export class LiveTail implements ReactiveController {
  /** The controller, once `live` was set and its code loaded. */
  controller?: LiveTailController;
  private module?: TailModule;
  private loading = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: LiveTailOptions,
  ) {
    host.addController(this);
  }

  hostUpdated(): void {
    if (this.loading || !(this.options.interval() > 0)) return;
    this.loading = true;
    import('./live-tail-controller.ts').then(
      (module) => {
        this.module = module;
        // added to a connected host, it starts at once (hostConnected), then reads `live` after this update
        this.controller = new module.LiveTailController(this.host, this.options);
        this.host.requestUpdate();
      },
      (error: unknown) => this.options.onPause?.(error),
    );
  }

  /** "Live updates paused — retrying in N s" while polls fail. */
  renderPaused(words: Words<'table'>, locale?: string) {
    const tail = this.controller;
    return tail?.paused ? this.module!.renderLivePaused(tail, words, locale) : nothing;
  }

  /** "Busy — retrying in N s" while a poll waits out a busy server. */
  renderBusy(words: Words<'table'>, locale?: string) {
    return this.controller ? renderBusy(this.controller.busy, words, locale) : nothing;
  }
}
