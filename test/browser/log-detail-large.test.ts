// A 5 MB payload must not block the page: the tree renders lazily, a 2,000,000-character string is
// revealed a chunk per frame, a 70,000-item array pages 100 at a time, and Copy as JSON stringifies
// in a module worker, under the strict CSP of the hostile-content test. The longest main-thread
// task (PerformanceObserver 'longtask') is printed and kept below a generous bound.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import './resize-observer-noise.ts';
import '../../src/elements/log-detail/define.ts';
import type { ComposioLogDetail } from '../../src/elements/log-detail/log-detail.ts';
import type { LogDetail } from '../../src/contract/upstream.ts';

const ID = 'log_big0000001';

function bigDetail(): LogDetail {
  const items = Array.from({ length: 70_000 }, (_, i) => ({ id: i, name: `item ${i}`, ok: i % 2 === 0 }));
  return {
    id: ID,
    timestamp: new Date(Date.now() - 60_000).toISOString(),
    type: 'tool.execution',
    status: 'success',
    level: 'info',
    message: 'big',
    metadata: { tool_slug: 'GOOGLEDRIVE_DOWNLOAD_FILE', toolkit_slug: 'googledrive', user_id: 'u1' },
    metrics: { duration_ms: 900 },
    parent: null,
    data: { request: { arguments: { file: 'x'.repeat(2_000_000) } }, response: { data: { items } } },
  } as unknown as LogDetail;
}

describe('<composio-log-detail> with a 5 MB payload', () => {
  it('never blocks the main thread for long', async function () {
    this.timeout(60_000);
    const t0 = performance.now();
    const mark = (what: string) => console.log(`${what} at ${Math.round(performance.now() - t0)} ms`);
    const meta = document.createElement('meta');
    meta.httpEquiv = 'Content-Security-Policy';
    meta.content =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'";
    document.head.append(meta);
    const violations: string[] = [];
    document.addEventListener('securitypolicyviolation', (e) => violations.push(`${e.violatedDirective}: ${e.blockedURI}`));
    const clipboard: string[] = [];
    Object.defineProperty(navigator, 'clipboard', {
      configurable: true,
      value: { writeText: async (t: string) => void clipboard.push(t) },
    });

    const body = JSON.stringify(bigDetail());
    expect(body.length).to.be.greaterThan(5_000_000);
    const fakeFetch: typeof fetch = () => Promise.resolve(new Response(body, { headers: { 'content-type': 'application/json' } }));
    const tasks: number[] = [];
    const observer = new PerformanceObserver((list) => list.getEntries().forEach((e) => tasks.push(e.duration)));
    observer.observe({ type: 'longtask', buffered: false });

    const el = await fixture<ComposioLogDetail>(html`<composio-log-detail log-id=${ID} .fetch=${fakeFetch}></composio-log-detail>`);
    const root = el.shadowRoot!;
    await waitUntil(() => root.querySelector('[part="payload"]'), 'payload shown', { timeout: 20_000 });
    // the longest task of each phase (tasks.splice: each phase starts empty)
    const phase = () => Math.round(Math.max(0, ...tasks.splice(0)));
    const steps: Record<string, number> = { load: phase() };
    mark('loaded');

    // reveal the 2,000,000 characters: a chunk per frame, many text nodes
    const showAll = [...root.querySelectorAll<HTMLButtonElement>('button.more')].find((b) =>
      /show all 2,000,000 characters/.test(b.textContent!),
    )!;
    showAll.click();
    const string = () => root.querySelector('.j-string')!;
    await waitUntil(() => string().textContent!.length >= 2_000_002, 'whole string shown', { timeout: 20_000 });
    expect(string().querySelectorAll('.j-chunk').length, 'many chunks, not one text node').to.be.greaterThan(100);
    steps.reveal = phase();
    mark('revealed');

    // the 70,000 items: 100 at a time
    for (const node of root.querySelectorAll<HTMLDetailsElement>('details:not([open])')) node.open = true;
    await waitUntil(() => [...root.querySelectorAll('summary')].some((s) => s.textContent!.includes('Array(70000)')), 'array node');
    const array = [...root.querySelectorAll<HTMLDetailsElement>('details')].find((d) =>
      d.querySelector(':scope > summary')!.textContent!.includes('Array(70000)'),
    )!;
    array.open = true;
    await waitUntil(() => array.querySelector(':scope > .j-children'), 'array open');
    const count = () => array.querySelector(':scope > .j-children')!.querySelectorAll(':scope > details').length;
    expect(count()).to.equal(100);
    array.querySelector<HTMLButtonElement>(':scope > .j-children > button.more')!.click();
    await waitUntil(() => count() === 200, 'show 100 more');
    steps.page = phase();
    mark('paged');

    // copy everything, stringified in the worker
    root.querySelector<HTMLButtonElement>('[part="payload"] button.small')!.click();
    await waitUntil(() => clipboard.length === 1, 'copied', { timeout: 20_000 });
    expect(clipboard[0].length).to.be.greaterThan(5_000_000);
    expect(JSON.parse(clipboard[0]).request.arguments.file).to.have.length(2_000_000);
    expect(
      performance.getEntriesByType('resource').some((r) => r.name.includes('json-worker')),
      'stringified in the worker',
    ).to.equal(true);
    steps.copy = phase();

    await new Promise(requestAnimationFrame);
    observer.disconnect();
    meta.remove();
    console.log(`5 MB detail: longest main-thread task per phase (ms) ${JSON.stringify(steps)}`);
    expect(violations).to.deep.equal([]);
    // load = fetch + JSON.parse of 5 MB on the main thread + first render (the known cost, see README);
    // show all, show more and Copy as JSON are chunked or in the worker
    // (0.15–0.45 s measured on a shared 2-core machine; the bound only catches a regression to seconds)
    expect(steps.load).to.be.below(1000);
    expect(Math.max(steps.reveal, steps.page, steps.copy)).to.be.below(200);
  });
});
