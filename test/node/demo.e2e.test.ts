/**
 * End to end: the built demo in headless Chromium (Debian's, driven by playwright-core), served
 * by its host server (npm run demo) and, for the static build, by a plain static file server.
 */
import assert from 'node:assert/strict';
import { createReadStream, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build } from 'vite';
import { startDemoServer, type RunningDemo } from '../../demo/server.ts';
import { DEMO_LIVE_RATE } from '../../demo/session.ts';
import { createSimulator } from '../../src/simulator/index.ts';
import { buildCdn } from '../../scripts/build-cdn.ts';
import { findChromium } from '../../scripts/find-chromium.mjs';

const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];
const SERVER_BUILD = '.tmp/e2e-demo';
const STATIC_BUILD = '.tmp/e2e-static';

let browser: Browser;

before(async () => {
  browser = await chromium.launch({ executablePath: findChromium(), headless: true, args: ARGS });
});
after(() => browser?.close());

async function open(url: string): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => m.type() === 'error' && !/favicon/.test(m.text()) && errors.push(m.text()));
  await page.goto(url);
  return { page, errors };
}

/** Both elements show data: the chart is drawn and the table has rows. */
async function bothShowData(page: Page): Promise<void> {
  await page.waitForFunction(
    () => {
      const chart = document.querySelector('composio-usage-chart') as (HTMLElement & { chart?: unknown }) | null;
      const table = document.querySelector('composio-log-table') as (HTMLElement & { logs?: unknown[] }) | null;
      return !!chart?.chart && (table?.logs?.length ?? 0) > 0;
    },
    undefined,
    { timeout: 20_000 },
  );
}

/** Clicks the middle of a chart bar with the real mouse; returns the bucket it stands for. */
async function clickBar(page: Page, index: number): Promise<{ from: number; to: number }> {
  const target = await page.evaluate((i) => {
    const el = document.querySelector('composio-usage-chart') as HTMLElement & { chart: any };
    // the insights sit above the chart: bring it into the viewport, where a real click lands
    el.scrollIntoView({ block: 'center', behavior: 'instant' });
    const chart = el.chart;
    const dataset = chart.data.datasets.findIndex((d: { stack?: string }) => d.stack === 'usage');
    const bar = chart.getDatasetMeta(dataset).data[i].getProps(['x', 'y', 'base'], true);
    const rect = chart.canvas.getBoundingClientRect();
    const point = chart.data.datasets[dataset].data[i];
    return { x: rect.left + bar.x, y: rect.top + (bar.y + bar.base) / 2, from: point.from, to: point.to };
  }, index);
  await page.mouse.move(target.x, target.y);
  await page.mouse.click(target.x, target.y);
  return { from: target.from, to: target.to };
}

const headerTotal = (page: Page) =>
  page.evaluate(() => document.querySelector('composio-usage-chart')!.shadowRoot!.querySelector('[part="total"]')?.textContent ?? '');

describe('demo (npm run demo) in headless Chromium', () => {
  let demo: RunningDemo;
  before(async () => {
    await build({
      configFile: 'demo/vite.config.ts',
      mode: 'server',
      logLevel: 'silent',
      build: { outDir: join(process.cwd(), SERVER_BUILD) },
    });
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
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
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
      const page = await browser.newPage({ viewport: { width, height: 800 } });
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

  it('lists each time zone once, also when the browser names its zone by an alias', async () => {
    // Chromium reports Asia/Kolkata as the legacy Asia/Calcutta; the picker also offers Asia/Kolkata
    const page = await browser.newPage({ timezoneId: 'Asia/Calcutta' });
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

/** A plain static file server: no BFF, no rewriting, just files. */
function serveStatic(root: string): Promise<{ url: string; server: Server }> {
  const types: Record<string, string> = {
    '.html': 'text/html',
    '.js': 'text/javascript',
    '.css': 'text/css',
    '.json': 'application/json',
    '.svg': 'image/svg+xml',
  };
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url!, 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    let file = join(root, path);
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file)) return res.writeHead(404).end('not found');
    res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server })),
  );
}

describe('static demo (npm run build:demo) on a plain static file server', () => {
  it('renders both elements with data from the BFF and simulator running in the page', async () => {
    await build({
      configFile: 'demo/vite.config.ts',
      mode: 'static',
      logLevel: 'silent',
      build: { outDir: join(process.cwd(), STATIC_BUILD) },
    });
    assert.ok(existsSync(join(STATIC_BUILD, 'mockServiceWorker.js')), 'the service worker ships with the site');
    const { url, server } = await serveStatic(STATIC_BUILD);
    try {
      const { page, errors } = await open(`${url}/`);
      await bothShowData(page);
      const before = await headerTotal(page);
      await page.selectOption('#customer', 'user-2f9a61c4'); // Initech
      await page.waitForFunction(
        (b) => document.querySelector('composio-usage-chart')!.shadowRoot!.querySelector('[part="total"]')?.textContent !== b,
        before,
        { timeout: 20_000 },
      );
      assert.deepEqual(errors, []);
      await page.close();
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });
});

describe('CDN file (npm run build:cdn) on a page without a build step', () => {
  it('renders both elements from one script tag', async () => {
    const root = '.tmp/e2e-cdn';
    mkdirSync(root, { recursive: true });
    await buildCdn(root, 'silent');
    assert.deepEqual(
      readdirSync(root)
        .filter((f) => f.endsWith('.js'))
        .sort(),
      ['composio-widgets.loader.js', 'composio-widgets.min.js'],
      'the single file and the per-tag loader',
    );
    assert.doesNotMatch(
      readFileSync(join(root, 'composio-widgets.min.js'), 'utf8'),
      /\bimport\s*\(?\s*["']\.\//,
      'one self-contained file',
    );
    writeFileSync(
      join(root, 'index.html'),
      `<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,">
       <script type="module" src="./composio-widgets.min.js"></script>
       <composio-usage-chart range="7d"></composio-usage-chart>
       <composio-log-table range="7d"></composio-log-table>`,
    );
    const demo = await startDemoServer({ root });
    try {
      const { page, errors } = await open(`${demo.url}/`);
      await bothShowData(page);
      assert.deepEqual(errors, []);
      await page.close();
    } finally {
      await demo.close();
    }
  });
  it('the per-tag loader fetches only the elements on the page (a table-only page gets no chart, no Chart.js)', async () => {
    const root = '.tmp/e2e-cdn';
    writeFileSync(
      join(root, 'table.html'),
      `<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,">
       <script type="module" src="./composio-widgets.loader.js"></script>
       <composio-log-table range="7d"></composio-log-table>`,
    );
    const demo = await startDemoServer({ root });
    try {
      const { page, errors } = await open(`${demo.url}/table.html`);
      const scripts: string[] = [];
      page.on('request', (r) => r.resourceType() === 'script' && scripts.push(new URL(r.url()).pathname));
      await page.waitForFunction(
        () => ((document.querySelector('composio-log-table') as unknown as { logs?: unknown[] } | null)?.logs?.length ?? 0) > 0,
        undefined,
        {
          timeout: 20_000,
        },
      );
      const all = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname));
      const js = all.filter((path) => path.endsWith('.js'));
      assert.ok(js.some((path) => path.endsWith('/composio-widgets.loader.js')));
      assert.equal(await page.evaluate(() => customElements.get('composio-usage-chart')), undefined);
      const chartChunk = readdirSync(join(root, 'cdn')).find((f) => f.startsWith('chart-register'));
      assert.ok(chartChunk, 'the build has a Chart.js chunk');
      assert.deepEqual(
        js.filter((path) => path.includes(chartChunk!) || path.endsWith('composio-widgets.min.js')),
        [],
        'no Chart.js, no single file',
      );
      // adding a chart later loads it
      await page.evaluate(() => document.body.append(document.createElement('composio-usage-chart')));
      await page.waitForFunction(() => !!document.querySelector('composio-usage-chart')?.chart, undefined, {
        timeout: 20_000,
      });
      assert.ok(
        scripts.some((path) => path.includes(chartChunk!)),
        'Chart.js fetched once a chart appears',
      );
      assert.deepEqual(errors, []);
      await page.close();
    } finally {
      await demo.close();
    }
  });
});
