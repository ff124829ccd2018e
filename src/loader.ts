/**
 * The CDN loader (`dist/composio-widgets.loader.js`, the package's `jsdelivr`/`unpkg` file): watches
 * the document for `composio-*` tags and imports only the element modules that appear, so a page
 * with only the log table never fetches the chart or Chart.js. Tags added later (a framework
 * rendering after load) are found by a MutationObserver; tags inside shadow roots are found when
 * `discover(shadowRoot)` is called for them.
 */
const LOADERS: Record<string, () => Promise<unknown>> = {
  'composio-usage-chart': () => import('./elements/usage-chart/define.ts'),
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

/** Imports the elements used under `root` (and `root` itself); resolves when they are defined. */
export async function discover(root: Document | ShadowRoot | Element = document): Promise<void> {
  const tags = new Set<string>();
  if (root instanceof Element && root.localName.startsWith('composio-')) tags.add(root.localName);
  for (const element of root.querySelectorAll(':not(:defined)')) if (element.localName.startsWith('composio-')) tags.add(element.localName);
  await Promise.all([...tags].map(load));
}

if (typeof document !== 'undefined' && typeof MutationObserver !== 'undefined') {
  new MutationObserver((records) => {
    for (const record of records) for (const node of record.addedNodes) if (node instanceof Element) void discover(node);
  }).observe(document.documentElement, { childList: true, subtree: true });
  void discover(document);
}
