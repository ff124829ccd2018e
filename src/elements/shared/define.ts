/**
 * Registers a tag once: a second bundle (or a hot reload) defining the same tag must not throw.
 * Each copy of the library records itself on a global symbol; when a second copy (another bundle,
 * the CDN file beside an npm build) defines elements on the same page, one console warning names
 * both versions, since the tags keep the first copy's classes.
 */

/** Replaced at build time from package.json's version (Vite `define`); `dev` when run from source. */
declare const __COMPOSIO_WIDGETS_VERSION__: string | undefined;
export const VERSION = typeof __COMPOSIO_WIDGETS_VERSION__ === 'string' ? __COMPOSIO_WIDGETS_VERSION__ : 'dev';

const REGISTRY = Symbol.for('composio-widgets');
/** This copy of the library (module state is per copy). */
const COPY = {};

interface Registry {
  version: string;
  copy: object;
  warned: boolean;
}

export function defineElement(tag: string, constructor: CustomElementConstructor): void {
  const global = globalThis as typeof globalThis & { [REGISTRY]?: Registry };
  const registry = (global[REGISTRY] ??= { version: VERSION, copy: COPY, warned: false });
  if (registry.copy !== COPY && !registry.warned) {
    registry.warned = true;
    console.warn(
      `composio-widgets: two copies are loaded on this page (${registry.version} first, then ${VERSION}); ` +
        `the elements keep the classes of ${registry.version}. Load the library once (one bundle, or only the CDN file).`,
    );
  }
  if (!customElements.get(tag)) customElements.define(tag, constructor);
}
