/**
 * Size benchmark: the bytes a consumer's page loads. The library is built and packed as it is
 * published (`npm run build`, `npm pack`); small consumer apps install the tarball and their peers
 * from the registry in a temporary folder and are built with Vite (production), the CDN files are
 * used as a page without a build step uses them, and the anchors (Lit, Lit + @lit/task, Lit +
 * virtualizer, Chart.js with exactly our registered parts, uPlot) are built the same way in the same
 * run.
 *
 * Each page is then loaded in headless Chromium, which records every script and stylesheet it
 * requests: "up front" is what the HTML's module graph imports statically, "at load" what dynamic
 * imports fetch before the page shows data (the chart's Chart.js, prefetched on connect; a CDN
 * loader's element chunk), "on first use" what opening a log row fetches (the detail panel).
 * Every file is reported as gzip -9 and brotli (quality 11), from node:zlib.
 *
 * Run: npm run bench -- size            (two to five minutes; `--no-build` reuses dist/)
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { chromium, type Page } from 'playwright-core';
import { build } from 'vite';
import pkg from '../package.json' with { type: 'json' };
import { findChromium } from '../scripts/find-chromium.mjs';
import { createComposioHandler } from '../src/server/index.ts';
import { createSimulator } from '../src/simulator/index.ts';
import { APPS, CHART_PARTS, chartJsWithout, type SizeApp } from './size-apps.ts';
import { machine, table } from './stats.ts';

const ORIGIN = 'http://127.0.0.1:8605'; // never reached: every request is answered by page.route
const repo = resolve(import.meta.dirname, '..');

interface Loaded {
  file: string;
  when: 'up front' | 'at load' | 'on first use';
  raw: number;
  gz: number;
  br: number;
  /** react + react-dom, reported apart from the page's figure. */
  react: boolean;
  /** Requested before any data response had arrived (the Chart.js prefetch). */
  beforeData: boolean;
}

const kb = (bytes: number) => (bytes / 1024).toFixed(1);
/** A built file's name without the content hashes (the library's and the consumer's). */
const unhashed = (file: string) =>
  [1, 2].reduce(
    (name) => name.replace(/-([\w-]{8})(\.(?:js|css))$/, (whole, hash: string, ext: string) => (/[A-Z0-9]/.test(hash) ? ext : whole)),
    file,
  );
const sizes = (bytes: Buffer) => ({ raw: bytes.length, gz: gzipSync(bytes, { level: 9 }).length, br: brotliCompressSync(bytes).length });
const sum = (files: Loaded[], key: 'gz' | 'br') => files.reduce((n, f) => n + f[key], 0);
const run = (cmd: string, args: string[], cwd: string) =>
  execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim();

/** Build and pack the library, install the tarball and the peers the pages need into `dir`. */
function install(dir: string): void {
  if (!process.argv.includes('--no-build')) run('npm', ['run', '-s', 'build'], repo);
  const tarball = run('npm', ['pack', '--silent', '--pack-destination', dir], repo).split('\n').at(-1)!;
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'size-consumer', private: true, type: 'module' }));
  const { react, uplot } = pkg.devDependencies;
  run(
    'npm',
    [
      'install',
      '--silent',
      '--no-audit',
      '--no-fund',
      '--ignore-scripts',
      `./${tarball}`,
      `react@${react}`,
      `react-dom@${react}`,
      `uplot@${uplot}`,
    ],
    dir,
  );
}

/** Vite's production build of one app, as the consumer's own `vite build` would make it. */
async function viteBuild(root: string, splitReact = false): Promise<void> {
  await build({
    root,
    configFile: false,
    logLevel: 'silent',
    build: {
      outDir: 'dist',
      ...(splitReact
        ? {
            rolldownOptions: {
              output: { codeSplitting: { groups: [{ name: 'react-vendor', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/ }] } },
            },
          }
        : {}),
    },
  });
}

/** The files `html` loads up front: its scripts, stylesheets and preloads, and their static imports, transitively. */
function staticGraph(html: string, resolveFile: (path: string) => string | undefined): Set<string> {
  const seen = new Set<string>();
  const visit = (path: string) => {
    const file = resolveFile(path);
    if (!file || seen.has(file)) return;
    seen.add(file);
    if (!file.endsWith('.js')) return;
    const code = readFileSync(file, 'utf8');
    // static imports only (`import(` is dynamic): `import "./x.js"`, `… from "./x.js"`
    for (const [, spec] of code.matchAll(/(?:\bfrom|\bimport)\s*["']([^"']+\.js)["']/g))
      if (spec.startsWith('.')) visit(new URL(spec, ORIGIN + path).pathname);
  };
  for (const [, path] of html.matchAll(/<(?:script|link)\b[^>]*?(?:src|href)="([^"]+)"/g)) visit(new URL(path, `${ORIGIN}/`).pathname);
  return seen;
}

/** Load `app` in Chromium with the BFF answering in-process; the scripts and styles it requested, and when. */
async function measure(page: Page, app: SizeApp, root: string, mounts: Record<string, string>): Promise<Loaded[]> {
  const resolveFile = (path: string) => {
    const mount = Object.keys(mounts).find((prefix) => path.startsWith(prefix));
    const file = mount ? join(mounts[mount], path.slice(mount.length)) : join(root, path === '/' ? 'index.html' : path);
    return existsSync(file) ? file : undefined;
  };
  const html = readFileSync(join(root, 'index.html'), 'utf8');
  const upFront = staticGraph(html, resolveFile);
  const requested = new Map<string, { when: Loaded['when']; beforeData: boolean }>();
  let phase: Loaded['when'] = 'at load';
  let dataArrived = false;
  page.on('response', (response) => (dataArrived ||= new URL(response.url()).pathname.startsWith('/api/composio/')));
  page.on('request', (request) => {
    const path = new URL(request.url()).pathname;
    const file = resolveFile(path);
    if (!file || !/\.(js|css)$/.test(file) || requested.has(file)) return;
    requested.set(file, { when: upFront.has(file) ? 'up front' : phase, beforeData: !dataArrived });
  });
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('console', (message) => message.type() === 'error' && problems.push(message.text()));
  const until = async (condition: string, what: string) => {
    try {
      await page.waitForFunction(condition, undefined, { timeout: 30_000 });
      await page.waitForLoadState('networkidle');
    } catch (error) {
      throw new Error(`${app.name}: ${what} never came (${problems.join('; ') || String(error)})`);
    }
  };
  await page.goto(`${ORIGIN}/`);
  await until(app.ready, 'data on screen');
  if (app.use && app.used) {
    phase = 'on first use';
    await page.evaluate(app.use);
    await until(app.used, 'first use');
  }
  return [...requested].map(([file, { when, beforeData }]) => ({
    file: basename(file),
    when,
    beforeData,
    ...sizes(readFileSync(file)),
    react: basename(file).startsWith('react-vendor'),
  }));
}

/** Serve `root` (and the mounts) and the BFF to the page, from this process: nothing goes on the network. */
async function openPage(browser: Awaited<ReturnType<typeof chromium.launch>>, root: string, mounts: Record<string, string>) {
  const simulator = createSimulator();
  const bff = createComposioHandler({
    apiKey: 'sim_ak_demo',
    baseUrl: 'https://simulator.invalid',
    fetch: (input, init) => simulator.fetch(new Request(input, init)),
    resolveScope: () => ({ userIds: [...simulator.customers[0].userIds] }),
  });
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addInitScript({ content: `window.__loads = 0; addEventListener('composio-load', () => window.__loads++, true);` });
  await context.route(`${ORIGIN}/**`, async (route) => {
    const request = route.request();
    const url = new URL(request.url());
    if (url.pathname.startsWith('/api/composio/')) {
      const answer = await bff(
        new Request(url, {
          method: request.method(),
          headers: { 'content-type': (await request.headerValue('content-type')) ?? 'application/json' },
          body: request.method() === 'GET' ? undefined : (request.postData() ?? undefined),
        }),
      );
      return route.fulfill({
        status: answer.status,
        headers: Object.fromEntries(answer.headers),
        body: Buffer.from(await answer.arrayBuffer()),
      });
    }
    const mount = Object.keys(mounts).find((prefix) => url.pathname.startsWith(prefix));
    const file = mount
      ? join(mounts[mount], url.pathname.slice(mount.length))
      : join(root, url.pathname === '/' ? 'index.html' : url.pathname);
    if (!existsSync(file)) return route.fulfill({ status: 404, body: '' });
    const type = { '.js': 'text/javascript', '.css': 'text/css', '.html': 'text/html' }[extname(file)] ?? 'application/octet-stream';
    return route.fulfill({ status: 200, contentType: type, body: readFileSync(file) });
  });
  return { context, page: await context.newPage() };
}

/** Gzip and brotli of the lazily loaded Chart.js chunk of a Chart.js anchor built from `files`. */
async function chartChunk(dir: string, files: Record<string, string>): Promise<{ gz: number; br: number }> {
  rmSync(dir, { recursive: true, force: true });
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  await viteBuild(dir);
  const assets = join(dir, 'dist', 'assets');
  const chunk = readdirSync(assets).find((f) => f.startsWith('chart-register'));
  return sizes(readFileSync(join(assets, chunk!)));
}

const work = mkdtempSync(join(tmpdir(), 'composio-size-'));
const results = new Map<string, Loaded[]>();
const partCosts: (string | number)[][] = [];
try {
  install(work);
  const browser = await chromium.launch({
    executablePath: findChromium(),
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--no-first-run'],
  });
  try {
    for (const [i, app] of APPS.entries()) {
      const dir = join(work, `app-${i}`);
      for (const [name, text] of Object.entries(app.files)) {
        mkdirSync(dirname(join(dir, name)), { recursive: true });
        writeFileSync(join(dir, name), text);
      }
      if (app.vite) await viteBuild(dir, app.splitReact);
      const root = app.vite ? join(dir, 'dist') : dir;
      const mounts = Object.fromEntries(Object.entries(app.mounts ?? {}).map(([prefix, folder]) => [prefix, join(work, folder)]));
      const { context, page } = await openPage(browser, root, mounts);
      results.set(app.name, await measure(page, app, root, mounts));
      await context.close();
    }
  } finally {
    await browser.close();
  }
  // what each registered part costs: the same anchor built without it
  const all = await chartChunk(join(work, 'parts-all'), APPS.find((a) => a.name.startsWith('Chart.js'))!.files);
  for (const part of CHART_PARTS) {
    const without = await chartChunk(join(work, `parts-${part}`), chartJsWithout(part));
    partCosts.push([part, kb(all.gz - without.gz), kb(all.br - without.br)]);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

// ---- report

const group = (files: Loaded[], when: Loaded['when']) => files.filter((f) => f.when === when && !f.react);
const pair = (files: Loaded[]) => (files.length ? `${kb(sum(files, 'gz'))} / ${kb(sum(files, 'br'))}` : '–');
const summary = [...results].map(([name, files]) => {
  const react = files.filter((f) => f.react);
  return [
    name,
    pair(group(files, 'up front')),
    pair(group(files, 'at load')),
    pair(group(files, 'on first use')),
    pair(files.filter((f) => !f.react)),
    react.length ? pair(react) : '',
  ];
});
const chunks = [...results].flatMap(([name, files]) =>
  files.map((f) => [name, unhashed(f.file), f.when + (f.react ? ' (react)' : ''), kb(f.raw), kb(f.gz), kb(f.br)]),
);

const upFront = (name: string) => sum(group(results.get(name)!, 'up front'), 'gz');
const chartChunkOf = (name: string) => results.get(name)!.find((f) => f.file.startsWith('chart-register'))!;
const lazyOf = (name: string) =>
  sum(
    results.get(name)!.filter((f) => f.when !== 'up front'),
    'gz',
  );
const table_ = upFront('table only');
const virtualizer = upFront('Lit + virtualizer');
const chartOwn = upFront('chart only') - upFront('Lit + @lit/task');
const chartRuntime = results.get('chart only')!.find((f) => f.file.startsWith('chart-runtime'));
const ourChartJs = chartChunkOf('chart only').gz;
const anchorChartJs = chartChunkOf('Chart.js, our registered parts').gz;
const uplot = lazyOf('uPlot');
const mark = (met: boolean) => (met ? '**met**' : '**not met**');
const budgets = [
  [
    'table page, up front',
    `${kb(table_)} kB`,
    `Lit + virtualizer ${kb(virtualizer)} kB`,
    (table_ / virtualizer).toFixed(2),
    `≤ 20 kB: ${mark(table_ <= 20 * 1024)}`,
  ],
  [
    'chart page, own code up front (page − Lit + @lit/task)',
    `${kb(chartOwn)} kB`,
    `Lit + @lit/task ${kb(upFront('Lit + @lit/task'))} kB`,
    (upFront('chart only') / upFront('Lit + @lit/task')).toFixed(2),
    `≤ 12 kB: ${mark(chartOwn <= 12 * 1024)}`,
  ],
  ['chart page, own code loaded beside Chart.js (chart-runtime)', chartRuntime ? `${kb(chartRuntime.gz)} kB` : '–', '', '', ''],
  [
    'Chart.js chunk',
    `${kb(ourChartJs)} kB`,
    `Chart.js, our parts ${kb(anchorChartJs)} kB`,
    (ourChartJs / anchorChartJs).toFixed(2),
    `≤ its floor: ${mark(ourChartJs <= anchorChartJs * 1.01)}`,
  ],
  [
    'Chart.js chunk requested before the first data response (chart page, React chart, CDN chart)',
    ['chart only', 'React <UsageChart>', 'CDN loader: chart'].map((name) => (chartChunkOf(name).beforeData ? 'yes' : 'no')).join(', '),
    '',
    '',
    '',
  ],
  ['Chart.js chunk vs uPlot (JS + CSS)', `${kb(ourChartJs)} kB`, `uPlot ${kb(uplot)} kB`, (ourChartJs / uplot).toFixed(2), ''],
];

console.log(machine());
console.log(`\nkB gzip / brotli; react + react-dom reported apart\n`);
console.log(table(['page', 'up front', 'at load (dynamic import)', 'on first use (row opened)', 'total', 'react + react-dom'], summary));
console.log(`\nbudgets (kB gzip)\n`);
console.log(table(['figure', 'measured', 'anchor', 'ratio', 'budget'], budgets));
console.log(`\nwhat each registered Chart.js part adds to the chunk (built without it)\n`);
console.log(table(['part', 'kB gzip', 'kB brotli'], partCosts));
console.log(`\nevery file loaded\n`);
console.log(table(['page', 'file (hash removed)', 'when', 'raw kB', 'gzip kB', 'brotli kB'], chunks));
