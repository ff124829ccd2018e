import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { ComposioUsageChart } from '../../src/elements/usage-chart/usage-chart.ts';
import { resetWorker, startWorker } from './bff-in-page.ts';

before(startWorker);
afterEach(resetWorker);

const chartJsRequests = () => performance.getEntriesByType('resource').filter((e) => /\/chart\.js\/|chart-register/.test(e.name));

describe('Chart.js is loaded only when a chart is drawn', () => {
  it('defining the element downloads no Chart.js module; the first draw does', async () => {
    // the default buffer (250 entries) is full of the test page's own modules by now
    performance.setResourceTimingBufferSize(10_000);
    performance.clearResourceTimings();
    await import('../../src/elements/usage-chart/define.ts');
    expect(customElements.get('composio-usage-chart')).to.exist;
    expect(chartJsRequests(), 'after defining the element').to.have.length(0);
    const el = await fixture<ComposioUsageChart>(html`<composio-usage-chart range="7d" view="series"></composio-usage-chart>`);
    await waitUntil(() => el.chart, 'chart drawn', { timeout: 10_000 });
    expect(chartJsRequests().length).to.be.greaterThan(0);
  });
});
