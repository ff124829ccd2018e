/**
 * End to end: the static demo build on a plain static file server (BFF and simulator in the page),
 * and the CDN files on a page without a build step.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { build } from 'vite';
import { startDemoServer } from '../../demo/server.ts';
import { buildCdn } from '../../scripts/build-cdn.ts';
import { bothShowData, headerTotal, open as openPage, serveStatic, useBrowser } from './e2e-browser.ts';

const STATIC_BUILD = '.tmp/e2e-static';

const browser = useBrowser();
const open = (url: string) => openPage(browser(), url);

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
