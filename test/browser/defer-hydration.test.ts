/**
 * Server-rendered hosts (Next.js with the React wrappers) put `defer-hydration` on the element: it
 * must wait for hydration to set its properties instead of loading once with its defaults and again
 * with the real values (issue 13: 10 BFF calls instead of 5 on a server-rendered page).
 */
import { expect, waitUntil } from '@open-wc/testing';
import './resize-observer-noise.ts';
import '../../src/elements/log-table/define.ts';
import type { ComposioLogTable } from '../../src/elements/log-table/log-table.ts';
import type { LogListResponse } from '../../src/contract/upstream.ts';
import { fakeLog } from './log-fixtures.ts';

const DAY_MS = 86_400_000;

describe('defer-hydration', () => {
  let host: HTMLElement;
  beforeEach(() => document.body.append((host = document.createElement('div'))));
  afterEach(() => host.remove());

  it('an element upgraded before hydration loads once, with the hydrated properties', async () => {
    const requests: { url: string; body: { limit?: number; time_range?: { from: number; to: number } } }[] = [];
    const transport = (async (input: RequestInfo | URL, init?: RequestInit) => {
      requests.push({ url: String(input), body: JSON.parse(String(init?.body)) });
      const body: LogListResponse = { logs: [fakeLog('log_hydrated', Date.now() - 60_000)], next_cursor: null };
      return new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } });
    }) as typeof fetch;
    // as in server-rendered HTML: the tag, its attribute, none of the properties
    host.innerHTML = '<composio-log-table defer-hydration></composio-log-table>';
    const el = host.firstElementChild as ComposioLogTable;
    el.fetch = transport; // a transport that records, standing in for the default one
    await el.updateComplete;
    expect(requests, 'nothing loads before hydration').to.deep.equal([]);
    expect(el.shadowRoot!.childElementCount, 'nothing renders before hydration').to.equal(0);

    // hydration (@lit/react's layout effects): set the properties, then remove the attribute
    el.range = '7d';
    el.pageSize = 20;
    await el.updateComplete;
    expect(requests, 'still waiting while the attribute is there').to.deep.equal([]);
    el.removeAttribute('defer-hydration');

    await waitUntil(() => el.logs.length === 1, 'the hydrated table loads', { timeout: 10_000 });
    await el.updateComplete;
    // (the filter bar's toolkit list is another request, made once as well)
    const pages = requests.filter((r) => r.url.endsWith('/logs/tool_execution')).map((r) => r.body);
    expect(pages, JSON.stringify(requests)).to.have.length(1);
    expect(pages[0].limit).to.equal(20);
    // 7d starts at a local midnight six days back; the default 24h would span one day
    expect(pages[0].time_range!.to - pages[0].time_range!.from).to.be.within(6 * DAY_MS, 7 * DAY_MS);
  });
});
