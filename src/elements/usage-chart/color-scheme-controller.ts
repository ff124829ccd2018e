/**
 * Follows the reader's preferred colour scheme for the chart. Chart.js paints colours read from CSS
 * when it draws, so a `theme="auto"` chart must draw again when `prefers-color-scheme` flips; the
 * media query listener lives as long as the element is connected.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export class ColorSchemeController implements ReactiveController {
  /** Bumped on each change of the preferred scheme: list it among what a redraw depends on. */
  version = 0;
  private query?: MediaQueryList;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostConnected(): void {
    this.query = matchMedia('(prefers-color-scheme: dark)');
    this.query.addEventListener('change', this.changed);
  }

  hostDisconnected(): void {
    this.query?.removeEventListener('change', this.changed);
    this.query = undefined;
  }

  private readonly changed = () => {
    this.version++;
    this.host.requestUpdate();
  };
}
