/**
 * `url-state`'s place in the table. Its code (url-state-controller.ts) loads only when the
 * attribute is on. The URL names the filters and window of the first request, so the table's
 * updates wait for that code (`hold`): no render and no request with the wrong state, at the cost
 * of one small fetch before the first paint of a table that mirrors its state into the URL.
 */
import type { ReactiveController } from 'lit';
import type { UrlStateController, UrlStateHost } from './url-state-controller.ts';

/** The prefix `url-state` names ("", `true` or a bare attribute = "log"); undefined or `false` = off. */
export function urlPrefix(value: string | boolean | null | undefined): string | undefined {
  if (value === undefined || value === null || value === false) return undefined;
  return (typeof value === 'string' && value.trim()) || 'log';
}

export class UrlState implements ReactiveController {
  private controller?: UrlStateController;
  private loading = false;

  constructor(
    private readonly host: UrlStateHost,
    /** Updates wait for this promise (ComposioElement.holdUpdates). */
    private readonly hold: (loading: Promise<unknown>) => void,
  ) {
    host.addController(this);
  }

  /** The prefix in use, or undefined while URL state is off. */
  get prefix(): string | undefined {
    return urlPrefix(this.host.urlState);
  }

  /** On connection (attributes are set by then), or `url-state` set later. */
  hostConnected(): void {
    this.load();
  }

  hostUpdate(): void {
    this.load();
  }

  private load(): void {
    if (this.loading || !this.prefix) return;
    this.loading = true;
    this.hold(
      import('./url-state-controller.ts').then(
        // added to a connected host, it takes the URL's state at once (hostConnected)
        ({ UrlStateController }) => void (this.controller = new UrlStateController(this.host)),
        (error: unknown) => console.warn('composio-widgets: could not load the url-state code; the URL is not followed', error),
      ),
    );
  }

  /** Links to the current view with a log open, while URL state is on. */
  get link(): ((id: string) => string) | undefined {
    const controller = this.prefix ? this.controller : undefined;
    return controller && ((id) => controller.linkTo(id));
  }
}
