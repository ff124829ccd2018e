/**
 * The render benchmarks' browser: the pages in bench/render/ built by Vite as a consumer's
 * production build would be (minified, Lit in production mode), opened in headless Chromium
 * without a server — requests to the page's origin are answered from the build directory, so no
 * port is taken and nothing is left running.
 */
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build } from 'vite';
import { findChromium } from '../../scripts/find-chromium.mjs';

const ROOT = resolve(import.meta.dirname);
const OUT = resolve(ROOT, '../../.tmp/bench-render');
const ORIGIN = 'http://bench.test';

export type BenchPageName = 'table' | 'chart';

/** Builds bench/render/<name>.html into .tmp/bench-render/<name>/. */
export async function buildPage(name: BenchPageName): Promise<void> {
  await build({
    root: ROOT,
    base: './',
    logLevel: 'silent',
    publicDir: false,
    build: {
      outDir: join(OUT, name),
      emptyOutDir: true,
      target: 'es2022',
      // BENCH_MINIFY=0: readable names in a profile
      minify: process.env.BENCH_MINIFY !== '0',
      rolldownOptions: { input: { [name]: join(ROOT, `${name}.html`) } },
    },
  });
}

export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: findChromium(),
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--no-first-run'],
  });
}

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };

/** A fresh context showing bench/render/<name>.html, 1920×1080, once its module has run. */
export async function openPage(browser: Browser, name: BenchPageName): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  await context.route(`${ORIGIN}/**`, async (route) => {
    const path = new URL(route.request().url()).pathname;
    const body = await readFile(join(OUT, name, path)).catch(() => undefined);
    if (!body) return route.fulfill({ status: 404 });
    const type = TYPES[path.slice(path.lastIndexOf('.'))] ?? 'application/octet-stream';
    return route.fulfill({ body, contentType: type });
  });
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
  await page.goto(`${ORIGIN}/${name}.html`);
  await page.waitForFunction(() => (window as unknown as { benchReady?: boolean }).benchReady === true);
  return page;
}

/** Calls `window.bench[name](...args)` in a bench page, typed by the page's `bench` object. */
export function benchCaller<Bench extends object>(page: Page) {
  return <K extends keyof Bench & string>(
    name: K,
    ...args: Bench[K] extends (...a: infer A) => unknown ? A : never
  ): Promise<Bench[K] extends (...a: never[]) => infer R ? Awaited<R> : never> =>
    page.evaluate(({ name, args }) => (window as unknown as { bench: Record<string, (...a: unknown[]) => unknown> }).bench[name](...args), {
      name,
      args: args as unknown[],
    }) as never;
}
