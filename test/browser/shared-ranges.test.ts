/**
 * One meaning for one label: "Last 30d" is today and the 29 local days before it in the element's
 * zone, in the chart and in the log alike (it was local days in the chart, 720 rolling hours in
 * the log). Both elements' requests are read off a wrapping `fetch`.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import './resize-observer-noise.ts';
import '../../src/elements/log-table/define.ts';
import '../../src/elements/usage-chart/define.ts';
import { resolveRange } from '../../src/core/ranges.ts';
import { resetWorker, startWorker } from './bff-in-page.ts';

before(startWorker);
afterEach(resetWorker);

/** A fetch that records each request body's window start, and the log list's apart, before passing the request on. */
function recording() {
  const froms: number[] = [];
  const listFroms: number[] = [];
  const wrapped = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const body = typeof init?.body === 'string' ? JSON.parse(init.body) : {};
    const from = body.time_range?.from ?? body.from;
    if (typeof from === 'number') froms.push(from);
    if (String(input).endsWith('/logs/tool_execution') && typeof body.time_range?.from === 'number') listFroms.push(body.time_range.from);
    return fetch(input, init);
  }) as typeof fetch;
  return { froms, listFroms, fetch: wrapped };
}

describe('the same range label means the same window in every element', () => {
  for (const zone of ['America/New_York', 'Asia/Kolkata']) {
    it(`"30d" starts at local midnight 29 days ago in ${zone}, in the chart and in the log`, async () => {
      const chart = recording();
      const table = recording();
      await fixture(
        html`<div>
          <composio-usage-chart range="30d" time-zone=${zone} .fetch=${chart.fetch}></composio-usage-chart>
          <composio-log-table range="30d" time-zone=${zone} .fetch=${table.fetch}></composio-log-table>
        </div>`,
      );
      await waitUntil(() => chart.froms.length > 0 && table.listFroms.length > 0, 'both elements asked for data', { timeout: 10_000 });
      const expected = resolveRange('30d', Date.now(), zone).from;
      expect(chart.froms[0], 'chart').to.equal(expected);
      // the rows the log lists, not only its toolkit choices (which ask for the same window)
      expect(table.listFroms[0], 'log list').to.equal(expected);
      expect(table.froms, 'every request of the log').to.satisfy((froms: number[]) => froms.every((f) => f === expected));
      expect(
        new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(expected),
      ).to.equal('00:00');
    });
  }
});
