/**
 * End to end, the demo as `npm run demo` serves it: new calls reach the log while the page is open,
 * and the page fits a phone.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startDemoServer, type RunningDemo } from '../../demo/server.ts';
import { DEMO_LIVE_RATE } from '../../demo/session.ts';
import { createSimulator } from '../../src/simulator/index.ts';
import { bothShowData, buildServerDemo, open as openPage, useBrowser } from './e2e-browser.ts';

const SERVER_BUILD = '.tmp/e2e-demo-live';

const browser = useBrowser();
const open = (url: string) => openPage(browser(), url);

describe('demo (npm run demo): live tail and phones', () => {
  let demo: RunningDemo;
  before(async () => {
    await buildServerDemo(SERVER_BUILD);
    demo = await startDemoServer({ root: SERVER_BUILD });
  });
  after(() => demo?.close());

  it('the log shows calls made after the page loaded: new rows on top, each once, none missing', async () => {
    // the demo's simulator as the demo server makes it, but its present starts 10 minutes back, so
    // that 10 minutes of calls "happen" at once when the clock catches up (no waiting in real time)
    let clock = Date.now() - 10 * 60_000;
    const live = await startDemoServer({
      root: SERVER_BUILD,
      simulator: createSimulator({ liveRate: DEMO_LIVE_RATE, now: () => clock }),
    });
    const { page, errors } = await open(`${live.url}/`);
    try {
      await bothShowData(page);
      assert.equal(await page.getAttribute('composio-log-table', 'live'), '15', 'the shipped page polls every 15 s');
      const table = () =>
        page.evaluate(() =>
          (document.querySelector('composio-log-table') as unknown as { logs: { id: string; timestamp: string }[] }).logs.map((l) => ({
            id: l.id,
            at: Date.parse(l.timestamp),
          })),
        );
      const before = await table();
      clock = Date.now();
      // a tab shown again polls at once (else the 15 s timer would, within the timeout)
      await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
      await page.waitForFunction(
        (first) => (document.querySelector('composio-log-table') as unknown as { logs: { id: string }[] }).logs[0]?.id !== first,
        before[0].id,
        { timeout: 25_000 },
      );
      const after = await table();
      const ids = after.map((l) => l.id);
      assert.equal(new Set(ids).size, ids.length, 'no row twice');
      const k = ids.indexOf(before[0].id);
      assert.ok(k > 0, 'new rows above the old ones');
      assert.deepEqual(
        ids.slice(k, k + before.length),
        before.map((l) => l.id),
        'the old rows stay, in order',
      );
      // every call of the scope newer than the old top row, as the BFF lists it, is in the table
      const listed = await page.evaluate(async (from) => {
        const response = await fetch('/api/composio/logs/tool_execution', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ limit: 100, time_range: { from, to: Date.now() } }),
        });
        return ((await response.json()) as { logs: { id: string }[] }).logs.map((l) => l.id);
      }, before[0].at);
      const newer = listed.filter((id) => !before.some((l) => l.id === id));
      assert.ok(newer.length > 0, 'calls were made in the 10 minutes');
      assert.deepEqual(ids.slice(0, k), newer, 'the new rows are exactly the calls made since, newest first');
      assert.deepEqual(errors, []);
    } finally {
      await page.close();
      await live.close();
    }
  });

  for (const width of [375, 320]) {
    it(`fits a ${width} px phone: no sideways scroll, also with a log open, its close button in view`, async () => {
      const page = await browser().newPage({ viewport: { width, height: 800 } });
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      await page.goto(`${demo.url}/`);
      await bothShowData(page);
      // the insights' table and error groups too, with the customer's longest names in them
      await page.waitForFunction(
        () => document.querySelector('composio-usage-insights')?.shadowRoot?.querySelector('[part="row"]'),
        undefined,
        {
          timeout: 20_000,
        },
      );
      const pageWidth = () => page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok((await pageWidth()) <= width, `the page is ${await pageWidth()} px wide`);
      await page.evaluate(() => {
        const table = document.querySelector('composio-log-table')!;
        table.scrollIntoView();
        table.open(table.logs[0]);
      });
      const close = await page.waitForFunction(
        () => {
          const table = document.querySelector('composio-log-table')!.shadowRoot!;
          const loaded = table.querySelector('composio-log-detail')?.shadowRoot?.querySelector('h2');
          const box = table.querySelector('[part="detail"] .close')?.getBoundingClientRect();
          return loaded && box && { left: box.left, right: box.right };
        },
        undefined,
        { timeout: 20_000 },
      );
      const { left, right } = (await close.jsonValue()) as { left: number; right: number };
      assert.ok(left >= 0 && right <= width, `close button at ${left}–${right} px`);
      assert.ok((await pageWidth()) <= width, `with the detail open the page is ${await pageWidth()} px wide`);
      assert.deepEqual(errors, []);
      await page.close();
    });
  }
});
