/**
 * The tool search while it is typed: the draft the box shows and the debounce that applies it.
 * Anything else that sets the filters (Escape, Clear filters, the host) must `cancel()`: a pending
 * term used to survive them, come back into the box and mix with the next one
 * ("NOTION_SEARCHGMAIL_SEND_EMAIL").
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export class SearchController implements ReactiveController {
  /** What is typed but not applied yet; undefined when the box shows the applied filter. */
  draft?: string;
  private timer?: ReturnType<typeof setTimeout>;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly apply: (value: string) => void,
    private readonly delayMs = 300,
  ) {
    host.addController(this);
  }

  hostDisconnected(): void {
    this.cancel();
  }

  /** A keystroke (debounced), or `now` for Escape. */
  input(value: string, now = false): void {
    this.cancel();
    if (now) return this.apply(value);
    this.draft = value;
    this.host.requestUpdate();
    this.timer = setTimeout(() => {
      this.draft = undefined;
      this.apply(value);
    }, this.delayMs);
  }

  /** Forget a pending term. */
  cancel(): void {
    clearTimeout(this.timer);
    if (this.draft === undefined) return;
    this.draft = undefined;
    this.host.requestUpdate();
  }
}
