/** What the end-to-end files share: Debian's Chromium, a page opener, waits on both elements, a mouse click on a bar, a plain file server, the demo's server build. */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { after, before } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build } from 'vite';
import { findChromium } from '../../scripts/find-chromium.mjs';

export const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];
/** Debian's Chromium for one test file: launched before its tests, closed after them. */
export function useBrowser(): () => Browser {
  let browser: Browser | undefined;
  before(async () => {
    browser = await chromium.launch({ executablePath: findChromium(), headless: true, args: ARGS });
  });
  after(() => browser?.close());
  return () => browser!;
}

/** A new 1280 px page at `url`, collecting page errors and console errors. */
export async function open(browser: Browser, url: string): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => m.type() === 'error' && !/favicon/.test(m.text()) && errors.push(m.text()));
  await page.goto(url);
  return { page, errors };
}

/** Both elements show data: the chart is drawn and the table has rows. */
export async function bothShowData(page: Page): Promise<void> {
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
export async function clickBar(page: Page, index: number): Promise<{ from: number; to: number }> {
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

export const headerTotal = (page: Page) =>
  page.evaluate(() => document.querySelector('composio-usage-chart')!.shadowRoot!.querySelector('[part="total"]')?.textContent ?? '');

/** A plain static file server: no BFF, no rewriting, just files. */
export function serveStatic(root: string): Promise<{ url: string; server: Server }> {
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

/** Builds the demo as `npm run demo` serves it, into `outDir` (each file its own: they may run at once). */
export async function buildServerDemo(outDir: string): Promise<void> {
  await build({ configFile: 'demo/vite.config.ts', mode: 'server', logLevel: 'silent', build: { outDir: join(process.cwd(), outDir) } });
}
