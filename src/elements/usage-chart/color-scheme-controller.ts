/**
 * When the canvas must be drawn again in other colours. Chart.js paints pixels with the colours the
 * tokens had when it drew (resolveTheme), so unlike CSS they do not follow a change of the user's
 * `prefers-color-scheme` or of the element's `theme` by themselves: `version` changes with each,
 * and the chart's redraw key holds it.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export class ColorSchemeController implements ReactiveController {
  /** Changes whenever the colours may have. */
  version = 0;
  private query?: MediaQueryList;
  private readonly onSchemeChange = () => {
    this.version++;
    this.host.requestUpdate();
  };

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostConnected(): void {
    this.query = matchMedia('(prefers-color-scheme: dark)');
    this.query.addEventListener('change', this.onSchemeChange);
  }

  hostDisconnected(): void {
    this.query?.removeEventListener('change', this.onSchemeChange);
  }

  /** The element's `theme` changed (called before its render, which then draws with the new colours). */
  themeChanged(): void {
    this.version++;
  }
}
