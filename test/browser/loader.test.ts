import { expect, fixture, fixtureCleanup, html, waitUntil } from '@open-wc/testing';
import './resize-observer-noise.ts';
import { discover } from '../../src/loader.ts';

// The page starts with no composio-* tag; the loader (src/loader.ts, dist/composio-widgets.loader.js
// on a CDN) must fetch only the element modules of the tags that appear.
const fetched = (pattern: RegExp) =>
  performance
    .getEntriesByType('resource')
    .map((e) => new URL(e.name).pathname)
    .filter((path) => pattern.test(path));

/** A transport that never answers: these tests are about definitions, not data. */
const silent = () => new Promise<Response>(() => {});

describe('CDN loader', () => {
  afterEach(fixtureCleanup);

  it('defines only the tags on the page: a table-only page fetches no chart and no Chart.js', async () => {
    expect(customElements.get('composio-log-table')).to.equal(undefined);
    await fixture(html`<div><composio-log-table range="1h" .fetch=${silent}></composio-log-table></div>`);
    await waitUntil(() => customElements.get('composio-log-table'), 'the table is defined by the loader', { timeout: 10_000 });
    expect(customElements.get('composio-usage-chart')).to.equal(undefined);
    expect(fetched(/\/log-table\/define\.ts$/)).to.have.length(1);
    expect(fetched(/\/usage-chart\//)).to.deep.equal([]);
    expect(fetched(/chart\.js|chart-register/)).to.deep.equal([]);
  });

  it('loads a tag added later once, however many instances appear', async () => {
    const host = await fixture<HTMLDivElement>(html`<div></div>`);
    for (let i = 0; i < 3; i++) host.append(Object.assign(document.createElement('composio-usage-chart'), { fetch: silent }));
    await waitUntil(() => customElements.get('composio-usage-chart'), 'the chart is defined by the loader', { timeout: 10_000 });
    await discover(document); // already defined: nothing more to fetch
    expect(fetched(/\/usage-chart\/define\.ts$/)).to.have.length(1);
    expect([...host.children].every((el) => el.shadowRoot)).to.equal(true);
  });

  it('finds a tag inside open shadow roots, nested two deep', async () => {
    expect(customElements.get('composio-usage-insights')).to.equal(undefined);
    const outer = document.createElement('div');
    const inner = document.createElement('section');
    outer.attachShadow({ mode: 'open' }).append(inner);
    inner.attachShadow({ mode: 'open' }).append(Object.assign(document.createElement('composio-usage-insights'), { fetch: silent }));
    document.body.append(outer);
    try {
      await waitUntil(() => customElements.get('composio-usage-insights'), 'the insights are defined by the loader', { timeout: 10_000 });
      expect(fetched(/\/usage-insights\/define\.ts$/)).to.have.length(1);
    } finally {
      outer.remove();
    }
  });

  it("finds a tag that another library's element renders into its shadow root after it upgrades", async () => {
    expect(customElements.get('composio-log-detail')).to.equal(undefined);
    const shell = document.createElement('loader-test-shell');
    document.body.append(shell); // not yet defined: no shadow root to search yet
    try {
      await discover(document);
      customElements.define(
        'loader-test-shell',
        class extends HTMLElement {
          connectedCallback() {
            const root = this.shadowRoot ?? this.attachShadow({ mode: 'open' });
            // renders later, as a framework component does after its first update
            setTimeout(() => root.append(Object.assign(document.createElement('composio-log-detail'), { fetch: silent })));
          }
        },
      );
      await waitUntil(() => customElements.get('composio-log-detail'), 'the detail is defined by the loader', { timeout: 10_000 });
      expect(shell.shadowRoot!.querySelector('composio-log-detail')!.shadowRoot).to.not.equal(null);
    } finally {
      shell.remove();
    }
  });
});
