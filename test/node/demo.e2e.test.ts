/**
 * End to end: the built demo in headless Chromium (Debian's, driven by playwright-core), served by
 * its host server (npm run demo). Its live tail and phone widths: demo-live-phone.e2e.test.ts; the
 * static build and the CDN files: demo-static.e2e.test.ts.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startDemoServer, type RunningDemo } from '../../demo/server.ts';
import { bothShowData, buildServerDemo, clickBar, headerTotal, open as openPage, useBrowser } from './e2e-browser.ts';

const SERVER_BUILD = '.tmp/e2e-demo';

const browser = useBrowser();
const open = (url: string) => openPage(browser(), url);

describe('demo (npm run demo) in headless Chromium', () => {
  let demo: RunningDemo;
  before(async () => {
    await buildServerDemo(SERVER_BUILD);
    demo = await startDemoServer({ root: SERVER_BUILD });
  });
  after(() => demo?.close());

  it('paints both elements, switches customer, and filters the table from a clicked bucket', async () => {
    const { page, errors } = await open(`${demo.url}/`);
    await bothShowData(page);
    const globexTotal = await headerTotal(page);
    const users = () =>
      page.evaluate(() => [...new Set((document.querySelector('composio-log-table') as any).logs.map((l: any) => l.metadata.user_id))]);
    assert.ok((await users()).every((u) => String(u).startsWith('globex-')));

    await page.selectOption('#customer', 'hooli-prod');
    await page.waitForFunction(
      (before) => {
        const total = document.querySelector('composio-usage-chart')!.shadowRoot!.querySelector('[part="total"]')?.textContent;
        const logs = (document.querySelector('composio-log-table') as any).logs;
        return total && total !== before && logs.length && logs.every((l: any) => l.metadata.user_id === 'hooli_prod');
      },
      globexTotal,
      { timeout: 20_000 },
    );

    // Kolkata's midnight is 18:30 UTC the day before: the shown day must follow the chosen zone
    await page.selectOption('#zone', 'Asia/Kolkata');
    await page.waitForFunction(
      () => {
        const chart = (document.querySelector('composio-usage-chart') as any).chart;
        const point = chart?.data.datasets[0].data[1];
        return point && new Date(point.from).getUTCHours() === 18 && new Date(point.from).getUTCMinutes() === 30;
      },
      undefined,
      { timeout: 20_000 },
    );
    const bucket = await clickBar(page, 20);
    await page.waitForFunction(
      ({ from, to }) => {
        const table = document.querySelector('composio-log-table') as any;
        return (
          table.from === String(from) &&
          table.logs.length > 0 &&
          table.logs.every((l: any) => Date.parse(l.timestamp) >= from && Date.parse(l.timestamp) < to)
        );
      },
      bucket,
      { timeout: 20_000 },
    );
    const shownDay = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone: await page.inputValue('#zone') }).format(
      bucket.from,
    );
    // the click lands on a toolkit's segment: the table shows that day, narrowed to that toolkit
    assert.match(
      (await page.textContent('#linked-text')) ?? '',
      new RegExp(`^Showing ${shownDay}\\. Toolkit \\S+\\.$`),
      'the day as the chart shows it',
    );
    // the demo keeps the log's view in the URL (url-state="log"): the day and the toolkit are in the
    // address a person would share, and opening it again shows the same rows
    const shared = new URL(page.url());
    assert.equal(shared.searchParams.get('log.from'), String(bucket.from));
    assert.equal(shared.searchParams.get('log.to'), String(bucket.to));
    assert.match(shared.searchParams.get('log.f') ?? '', /"field":"toolkit_slug"/);
    await page.reload();
    await page.waitForFunction(
      ({ from, to }) => {
        const table = document.querySelector('composio-log-table') as any;
        return (
          table?.from === String(from) &&
          table.filters.some((f: any) => f.field === 'toolkit_slug') &&
          table.logs.length > 0 &&
          table.logs.every((l: any) => Date.parse(l.timestamp) >= from && Date.parse(l.timestamp) < to)
        );
      },
      bucket,
      { timeout: 20_000 },
    );
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('a log opened in the demo is in the URL; that link opens the same log in a fresh page; the detail’s Copy link names it too', async () => {
    const { page, errors } = await open(`${demo.url}/`);
    await bothShowData(page);
    // a click on the first row, as a person opens a log
    const table = page.locator('composio-log-table');
    // the grid draws only the rows in view: bring the table into view first
    await table.scrollIntoViewIfNeeded();
    await table.locator('[role="row"][aria-rowindex="2"]').click();
    const id = await page.evaluate(() => (document.querySelector('composio-log-table') as any).openLogId as string);
    assert.match(id, /^log_/);
    await page.waitForFunction((logId) => new URL(location.href).searchParams.get('log.id') === logId, id, { timeout: 10_000 });
    const link = await page.evaluate(
      () => ((document.querySelector('composio-log-table') as any).shadowRoot.querySelector('composio-log-detail') as any).link as string,
    );
    assert.equal(new URL(link).searchParams.get('log.id'), id);
    // the shared address, in a page of its own: the detail of that log, through the BFF
    const shared = await open(page.url());
    await shared.page.waitForFunction(
      (logId) => {
        const detail = (document.querySelector('composio-log-table') as any)?.shadowRoot?.querySelector('composio-log-detail');
        return detail?.logId === logId && detail.shadowRoot?.textContent?.includes(logId);
      },
      id,
      { timeout: 20_000 },
    );
    assert.deepEqual([...errors, ...shared.errors], []);
    await shared.page.close();
    await page.close();
  });

  it('an error group in the insights filters the log to its failed calls; a toolkit row to its toolkit; "Show all activity" undoes it', async () => {
    const { page, errors } = await open(`${demo.url}/`);
    await bothShowData(page);
    const insights = 'composio-usage-insights';
    await page.waitForFunction((tag) => document.querySelector(tag)?.shadowRoot?.querySelector('[part="error-button"]'), insights, {
      timeout: 30_000,
    });
    await page.locator(`${insights} [part="error-button"]`).first().click();
    const tool = (await page.locator(`${insights} [part="error-group"] .tool`).first().textContent())!.trim();
    await page.waitForFunction(
      (t) => {
        const logs = (document.querySelector('composio-log-table') as any).logs;
        return logs.length > 0 && logs.every((l: any) => l.status === 'failed' && l.metadata.tool_slug === t);
      },
      tool,
      { timeout: 20_000 },
    );
    assert.match((await page.textContent('#linked-text')) ?? '', new RegExp(`^Failed calls of ${tool}, `));
    await page.click('#unlink');
    await page.waitForFunction(() => (document.querySelector('composio-log-table') as any).filters.length === 0);

    const row = page.locator(`${insights} [part="row-button"]`).first();
    const toolkit = (await row.textContent())!.trim();
    await row.click();
    await page.waitForFunction(
      (k) => {
        const logs = (document.querySelector('composio-log-table') as any).logs;
        return logs.length > 0 && logs.every((l: any) => l.metadata.toolkit_slug === k);
      },
      toolkit,
      { timeout: 20_000 },
    );
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('the Admin page sees the whole project (and the org by project) through its own mount; the customer mount ignores its cookie', async () => {
    const { page, errors } = await open(`${demo.url}/admin.html`);
    await page.waitForFunction(
      () => (document.querySelector('composio-usage-insights')?.shadowRoot?.querySelectorAll('[part="row"]').length ?? 0) > 3,
      undefined,
      { timeout: 30_000 },
    );
    const users = await page.locator('composio-usage-insights [part="row-button"]').allTextContents();
    assert.ok(users.some((u) => u.startsWith('globex-')) && users.some((u) => !u.startsWith('globex-')), users.join());
    // the admin cookie is scoped to /api/composio-admin; sent to the customer mount anyway, it widens nothing
    const groups = await page.evaluate(async () => {
      const r = await fetch('/api/composio/usage/tool_calls', {
        method: 'POST',
        headers: { cookie: 'demo_admin=1', 'x-demo-admin': '1' },
        body: JSON.stringify({ group_by: 'user_id', limit: 100 }),
      });
      return ((await r.json()).groups as { key: string }[]).map((g) => g.key);
    });
    assert.ok(groups.length > 0 && groups.every((k) => k.startsWith('globex-')), groups.join());
    // the organisation's chart: one series per project, through the org key
    await page.waitForFunction(() => (document.getElementById('projects') as any).chart, undefined, { timeout: 30_000 });
    const projects = await page.evaluate(() => (document.getElementById('projects') as any).chart.data.datasets.map((d: any) => d.label));
    assert.deepEqual(projects.sort(), ['proj_acme_prod', 'proj_acme_staging']);
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('the language picker changes the elements’ words, and only then fetches that language', async () => {
    const { page, errors } = await open(`${demo.url}/`);
    const fetched: string[] = [];
    page.on('request', (r) => fetched.push(r.url()));
    await bothShowData(page);
    const places = [
      ['composio-usage-chart', '[part="table-toggle"]'],
      ['composio-usage-insights', '[data-key="calls"] dt'],
      ['composio-log-table', '[role="columnheader"]'],
    ];
    const words = (expected: string[]) =>
      page.waitForFunction(
        ({ list, want }) =>
          list.every(([tag, part], i) => document.querySelector(tag)!.shadowRoot!.querySelector(part)?.textContent?.trim() === want[i]),
        { list: places, want: expected },
        { timeout: 10_000 },
      );
    await words(['Table', 'Calls', 'Time']);
    const before = fetched.length;
    await page.selectOption('#locale', 'de-DE');
    await words(['Tabelle', 'Aufrufe', 'Zeit']);
    assert.equal(fetched.slice(before).filter((url) => url.endsWith('.js')).length, 1, 'one chunk: the German words');
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('serves assets compressed and cached for good, the page revalidated, with its customer list inside', async () => {
    const html = await fetch(`${demo.url}/`);
    assert.match(html.headers.get('cache-control') ?? '', /\bno-cache\b/);
    const page = await html.text();
    const inline = /<script type="application\/json" id="demo-session">(.+?)<\/script>/.exec(page)?.[1];
    assert.ok(inline, 'the customer list is in the page');
    assert.equal(JSON.parse(inline).customers.length > 1, true);
    const again = await fetch(`${demo.url}/`, { headers: { 'if-none-match': html.headers.get('etag') ?? '' } });
    assert.equal(again.status, 304, 'an unchanged page is not sent twice');

    const script = /src="\.\/(assets\/index-[\w-]+\.js)"/.exec(page)?.[1];
    assert.ok(script, 'the page names its hashed entry');
    for (const encoding of ['br', 'gzip']) {
      const asset: Response = await fetch(`${demo.url}/${script}`, { headers: { 'accept-encoding': encoding } });
      assert.equal(asset.status, 200);
      assert.equal(asset.headers.get('content-encoding'), encoding);
      assert.equal(asset.headers.get('cache-control'), 'public, max-age=31536000, immutable');
      assert.match(asset.headers.get('vary') ?? '', /accept-encoding/i);
    }
  });

  it('asks for nothing but the page and the scripts it names before the first data; a reload fetches no script', async () => {
    const page = await browser().newPage({ viewport: { width: 1280, height: 900 } });
    const requests: string[] = [];
    page.on('request', (r) => requests.push(new URL(r.url()).pathname));
    const html = await (await page.goto(`${demo.url}/`))!.text();
    await bothShowData(page);
    const firstData = requests.findIndex((path) => path.startsWith('/api/'));
    assert.ok(firstData > 0);
    const before = requests.slice(0, firstData);
    assert.deepEqual(
      before.filter((path) => path !== '/' && !html.includes(`.${path}`)),
      [],
      'every request before the first data is named by the page (no customer list, no script found only by running another)',
    );
    assert.ok(before.filter((path) => path.endsWith('.js')).length > 3, 'the elements are among them');

    const load = await page.evaluate(() =>
      performance.getEntriesByType('resource').map((e) => ({
        path: new URL(e.name).pathname,
        encoded: (e as PerformanceResourceTiming).encodedBodySize,
        decoded: (e as PerformanceResourceTiming).decodedBodySize,
      })),
    );
    const scripts = load.filter((e) => e.path.startsWith('/assets/') && e.path.endsWith('.js') && e.decoded > 1024);
    assert.ok(scripts.length > 3 && scripts.every((e) => e.encoded < e.decoded), 'scripts arrive compressed');

    await page.reload();
    await bothShowData(page);
    const fromNetwork = await page.evaluate(() =>
      performance
        .getEntriesByType('resource')
        .filter((e) => new URL(e.name).pathname.startsWith('/assets/') && (e as PerformanceResourceTiming).transferSize > 0)
        .map((e) => e.name),
    );
    assert.deepEqual(fromNetwork, [], 'a reload takes every hashed asset from the HTTP cache');
    await page.close();
  });

  it('lists each time zone once, also when the browser names its zone by an alias', async () => {
    // Chromium reports Asia/Kolkata as the legacy Asia/Calcutta; the picker also offers Asia/Kolkata
    const page = await browser().newPage({ timezoneId: 'Asia/Calcutta' });
    await page.goto(`${demo.url}/`);
    await page.waitForFunction(() => (document.querySelector('#zone') as HTMLSelectElement).options.length > 1);
    const zones = await page.$$eval('#zone option', (options) => options.map((o) => (o as HTMLOptionElement).value));
    const canonical = await page.evaluate(
      (list) => list.map((zone) => new Intl.DateTimeFormat('en', { timeZone: zone }).resolvedOptions().timeZone),
      zones,
    );
    assert.equal(new Set(canonical).size, zones.length, `each zone once: ${zones.join(', ')}`);
    await page.close();
  });

  for (const example of ['plain', 'react', 'vue']) {
    it(`host example: ${example} renders both elements and handles a chart event`, async () => {
      const { page, errors } = await open(`${demo.url}/examples/${example}.html`);
      await bothShowData(page);
      const bucket = await clickBar(page, 3);
      await page.waitForFunction(() => document.getElementById('picked')?.textContent?.startsWith('Showing'), undefined, {
        timeout: 10_000,
      });
      await page.waitForFunction(({ from }) => (document.querySelector('composio-log-table') as any).from === String(from), bucket, {
        timeout: 10_000,
      });
      assert.deepEqual(errors, []);
      await page.close();
    });
  }
});
