/**
 * The CDN loader (`dist/composio-widgets.loader.js`, the package's `jsdelivr`/`unpkg` file): watches
 * the document for `composio-*` tags and imports only the element modules that appear, so a page
 * with only the log table never fetches the chart or Chart.js. Tags added later (a framework
 * rendering after load) are found by a MutationObserver, as Shoelace's autoloader does. Open shadow
 * roots are searched and watched too, so a tag rendered inside another component (a Lit or Stencil
 * app shell) is found; closed shadow roots cannot be seen: call `discover(root)` from inside.
 */
const LOADERS: Record<string, () => Promise<unknown>> = {
  'composio-usage-chart': () => import('./elements/usage-chart/define.ts'),
  'composio-usage-insights': () => import('./elements/usage-insights/define.ts'),
  'composio-log-table': () => import('./elements/log-table/define.ts'),
  'composio-log-detail': () => import('./elements/log-detail/define.ts'),
};

const started = new Map<string, Promise<unknown>>();

function load(tag: string): Promise<unknown> | undefined {
  const loader = LOADERS[tag];
  if (!loader || customElements.get(tag)) return undefined;
  let pending = started.get(tag);
  if (!pending) {
    pending = loader().catch((error: unknown) => {
      started.delete(tag); // a later discovery may try again (e.g. after a network blip)
      console.error(`composio-widgets loader: could not load <${tag}>`, error);
    });
    started.set(tag, pending);
  }
  return pending;
}

const observer =
  typeof MutationObserver === 'undefined'
    ? undefined
    : new MutationObserver((records) => {
        for (const record of records) for (const node of record.addedNodes) if (node instanceof Element) void discover(node);
      });
/** Shadow roots already watched (a root is observed once, however often it is discovered). */
const watched = new WeakSet<ShadowRoot>();

function watch(root: ShadowRoot): void {
  if (watched.has(root)) return;
  watched.add(root);
  observer?.observe(root, { childList: true, subtree: true });
}

/**
 * Imports the elements used under `root` (and `root` itself), including inside the open shadow
 * roots below it, which are watched from then on; resolves when those elements are defined. (A
 * shadow root attached later, when another library's element upgrades, is searched then.)
 */
export async function discover(root: Document | ShadowRoot | Element = document): Promise<void> {
  const tags = new Set<string>();
  const nested: Promise<void>[] = [];
  const visit = (element: Element) => {
    const name = element.localName;
    if (name.startsWith('composio-')) {
      if (!customElements.get(name)) tags.add(name);
      return; // our own shadow roots hold only what our modules already import
    }
    if (element.shadowRoot) nested.push(discover(element.shadowRoot));
    // another library's element not yet defined attaches its shadow root when it upgrades, which
    // may be never: not awaited
    else if (name.includes('-') && !customElements.get(name))
      void customElements.whenDefined(name).then(() => element.shadowRoot && discover(element.shadowRoot));
  };
  if (root instanceof ShadowRoot) watch(root);
  if (root instanceof Element) visit(root);
  for (const element of root.querySelectorAll('*')) visit(element);
  await Promise.all([...[...tags].map(load), ...nested]);
}

if (typeof document !== 'undefined' && observer) {
  observer.observe(document.documentElement, { childList: true, subtree: true });
  void discover(document);
}
