/**
 * Structural size guards (not timed): what a page fetches, and when. The third one of issue 16,
 * at most 60 row elements with 100,000 rows loaded, is in log-table.test.ts. The elements are
 * imported inside the tests, in this order, so that the first test is a page with only the table.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { ComposioLogTable } from '../../src/elements/log-table/log-table.ts';
import type { ComposioUsageChart } from '../../src/elements/usage-chart/usage-chart.ts';
import { resetWorker, startWorker } from './bff-in-page.ts';

// in this server Chart.js arrives as node_modules/chart.js/… modules (a consumer gets one chunk)
const chartJsLoads = () =>
  performance
    .getEntriesByType('resource')
    .map((entry) => entry.name)
    .filter((name) => name.includes('chart.js'));

before(async () => {
  // the default buffer (250 entries) is full of the test page's own modules: later ones would be dropped
  performance.setResourceTimingBufferSize(10_000);
  await startWorker();
});
afterEach(resetWorker);

const bodyRows = (el: Element) => [...el.shadowRoot!.querySelectorAll<HTMLElement>('[role="row"]:not(.head)')];
/** The modules fetched so far whose URL names `part` (this server serves each source module as its own file). */
const fetched = (part: string) =>
  performance
    .getEntriesByType('resource')
    .map((entry) => entry.name)
    .filter((name) => name.includes(part));

describe('what a page loads', () => {
  it('a page with only the log table never requests Chart.js, not even when a row is opened', async () => {
    await import('../../src/elements/log-table/define.ts');
    const el = await fixture<ComposioLogTable>(html`<composio-log-table range="7d"></composio-log-table>`);
    await waitUntil(() => bodyRows(el).length > 0, 'rows rendered', { timeout: 10_000 });
    bodyRows(el)[0].click();
    await waitUntil(() => el.shadowRoot!.querySelector('composio-log-detail')?.shadowRoot?.querySelector('h2'), 'detail loaded', {
      timeout: 10_000,
    });
    expect(chartJsLoads()).to.deep.equal([]);
  });

  it('the range control’s custom form is fetched when Custom… is first chosen, not before', async () => {
    const formLoads = () =>
      performance
        .getEntriesByType('resource')
        .map((entry) => entry.name)
        .filter((name) => name.includes('range-form') || name.includes('day-range'));
    const el = await fixture<ComposioLogTable>(html`<composio-log-table range="7d"></composio-log-table>`);
    await waitUntil(() => bodyRows(el).length > 0, 'rows rendered', { timeout: 10_000 });
    expect(formLoads(), 'the first paint has no form code').to.deep.equal([]);
    const picker = el.shadowRoot!.querySelector<HTMLSelectElement>('[part="range-picker"]')!;
    picker.value = 'custom';
    picker.dispatchEvent(new Event('change'));
    await waitUntil(() => el.shadowRoot!.querySelector('[part="range-custom"]'), 'the form opens', { timeout: 10_000 });
    expect(formLoads().length).to.be.above(0);
    // its styles came with it: its own row under the select, laid out as a wrapping row
    const form = getComputedStyle(el.shadowRoot!.querySelector('[part="range-custom"]')!);
    expect([form.display, form.flexWrap, form.flexBasis]).to.deep.equal(['flex', 'wrap', '100%']);
  });

  it('the Add filter form is fetched when Add filter is first clicked, not before', async () => {
    const el = await fixture<ComposioLogTable>(html`<composio-log-table range="7d"></composio-log-table>`);
    await waitUntil(() => bodyRows(el).length > 0, 'rows rendered', { timeout: 10_000 });
    expect(fetched('filter-form'), 'the first paint has the button, not the form').to.deep.equal([]);
    el.shadowRoot!.querySelector<HTMLButtonElement>('button.add-filter')!.click();
    await waitUntil(() => el.shadowRoot!.querySelector('form.builder select[name="field"]'), 'the form opens', { timeout: 10_000 });
    expect(fetched('filter-form').length).to.be.above(0);
  });

  it('a table’s live tail code is fetched when `live` is set, not before', async () => {
    const el = await fixture<ComposioLogTable>(html`<composio-log-table range="7d"></composio-log-table>`);
    await waitUntil(() => bodyRows(el).length > 0, 'rows rendered', { timeout: 10_000 });
    expect(fetched('live-tail-controller'), 'a table that does not poll has no live tail code').to.deep.equal([]);
    el.live = 15;
    await waitUntil(() => fetched('live-tail-controller').length > 0, 'the live tail code loads', { timeout: 10_000 });
  });

  // its code stays on the first paint: loaded lazily, it held the demo table's first request ~70 ms
  // behind the chart's (npm run bench -- demo)
  it('a url-state table’s first request already asks for the URL’s filters', async () => {
    const start = location.href;
    const url = new URL(start);
    url.searchParams.set('log.f', JSON.stringify([{ field: 'status', operator: '==', value: 'failed' }]));
    history.replaceState(null, '', url);
    try {
      const bodies: string[] = [];
      const recording: typeof fetch = (input, init) => {
        if (String(input instanceof Request ? input.url : input).endsWith('/logs/tool_execution')) bodies.push(String(init?.body));
        return fetch(input, init);
      };
      const mirrored = await fixture<ComposioLogTable>(
        html`<composio-log-table range="7d" url-state .fetch=${recording}></composio-log-table>`,
      );
      await waitUntil(() => bodyRows(mirrored).length > 0, 'rows rendered', { timeout: 10_000 });
      expect(JSON.parse(bodies[0]).filters).to.deep.equal([{ field: 'status', operator: '==', value: 'failed' }]);
    } finally {
      history.replaceState(null, '', start);
    }
  });

  it('the code for a host’s `strings` is fetched when a host sets them, and the first render has their words', async () => {
    expect(fetched('i18n/override'), 'no element so far had strings').to.deep.equal([]);
    const el = await fixture<ComposioLogTable>(
      html`<composio-log-table range="7d" .strings=${{ table: { exportCsv: 'Save as CSV' } }}></composio-log-table>`,
    );
    // fixture() returns after the first update: it waited for the code, so no built-in word showed
    expect(el.shadowRoot!.querySelector('button.export')!.textContent!.trim()).to.equal('Save as CSV');
    expect(fetched('i18n/override').length).to.be.above(0);
  });

  it('the chart requests Chart.js while its first data request is in flight', async () => {
    expect(chartJsLoads(), 'nothing of Chart.js before the chart').to.deep.equal([]);
    // every data request waits at this gate: until it opens, no response has arrived
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const sent: string[] = [];
    const heldFetch: typeof fetch = async (input, init) => {
      sent.push(String(input instanceof Request ? input.url : input));
      await gate;
      return fetch(input, init);
    };
    await import('../../src/elements/usage-chart/define.ts');
    const el = await fixture<ComposioUsageChart>(html`<composio-usage-chart range="7d" .fetch=${heldFetch}></composio-usage-chart>`);
    await waitUntil(() => sent.length > 0, 'the first data request is sent');
    // Chart.js loaded completely with every response still held: the chunk cannot delay the first draw
    const loadedBeforeData = await waitUntil(() => chartJsLoads().length > 0, 'Chart.js loaded', { timeout: 5000 }).then(
      () => true,
      () => false,
    );
    open();
    expect(loadedBeforeData, 'Chart.js requested before the first data response').to.equal(true);
    await waitUntil(() => el.chart, 'chart drawn', { timeout: 10_000 });
  });

  it('the chart’s table view and download code are fetched on their first click, not before', async () => {
    const el = await fixture<ComposioUsageChart>(html`<composio-usage-chart range="7d"></composio-usage-chart>`);
    await waitUntil(() => el.chart, 'chart drawn', { timeout: 10_000 });
    expect(fetched('table-view'), 'the first paint has no table view code').to.deep.equal([]);
    expect(fetched('shared/download'), 'nor the download code').to.deep.equal([]);
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part="table-toggle"]')!.click();
    await el.updateComplete; // the switch waits for the view's code: one step, no empty state between
    expect(el.shadowRoot!.querySelectorAll('table tbody tr').length).to.be.above(0);
    expect(fetched('table-view').length).to.be.above(0);
    const saved: string[] = [];
    const click = HTMLAnchorElement.prototype.click;
    HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
      saved.push(this.download);
    };
    try {
      el.shadowRoot!.querySelector<HTMLButtonElement>('[part="export-csv"]')!.click();
      await waitUntil(() => saved.length > 0, 'the CSV is saved', { timeout: 10_000 });
      expect(saved).to.deep.equal(['tool_calls-series.csv']);
      expect(fetched('shared/download').length).to.be.above(0);
    } finally {
      HTMLAnchorElement.prototype.click = click;
    }
  });
});
