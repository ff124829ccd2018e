/**
 * The Next.js-style host of `npm run test:hosts`: React 19 renders the wrappers on the server, the
 * browser hydrates them. It proves, from the installed tarball:
 * - 'use client' opens every React entry, so an App Router server component may render them;
 * - a server-rendered page makes no more BFF (and upstream) calls than a client-only one: the
 *   wrappers mark server HTML `defer-hydration`, and each element waits for its properties.
 * The page's server is a Node http server with the real BFF on the simulator (counting calls); the
 * client bundle is built with Vite; Debian's Chromium loads each page.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { findChromium } from '../find-chromium.mjs';
import { install, project, run, versionOf } from './kit.ts';

const APP = `import { createElement as h } from 'react';
import { UsageChart } from 'composio-widgets/react/usage-chart';
import { LogTable } from 'composio-widgets/react/log-table';
// properties that differ from the elements' defaults (30d, 24h, 50 rows), as a real page's would
const loaded = (e) => { if (typeof window !== 'undefined') (window.loads ??= []).push(e.detail.kind); };
export const App = () => h('main', null,
  h(UsageChart, { range: '7d', groupBy: 'toolkit_slug', interval: 'day', onLoad: loaded }),
  h(LogTable, { range: '7d', pageSize: 20, onLoad: loaded }));
`;

const SERVER = `import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { join, extname } from 'node:path';
import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { createComposioHandler } from 'composio-widgets/server';
import { toNodeListener } from 'composio-widgets/server/node';
import { createSimulator } from 'composio-widgets/simulator';
import { App } from './app.mjs';

const sim = createSimulator({ historyDays: 10, toolCalls: 5000 });
const counts = { bff: 0, upstream: 0 };
// a fresh BFF (cold cache) for each page measured, so that both pages pay the same upstream calls
const freshBff = () => toNodeListener(createComposioHandler({
  apiKey: 'sim_ak_demo',
  resolveScope: () => ({ userIds: ['globex-ops'] }),
  fetch: (input, init) => (counts.upstream++, sim.fetch(new Request(input, init))),
}));
let bff = freshBff();
const page = (name, body) => readFileSync(join('dist', name), 'utf8').replace('<!--app-->', body);
const server = createServer((req, res) => {
  const path = new URL(req.url, 'http://host').pathname;
  if (path.startsWith('/api/composio/')) return (counts.bff++, bff(req, res));
  if (path === '/counts') {
    res.end(JSON.stringify(counts));
    counts.bff = counts.upstream = 0;
    bff = freshBff();
    return;
  }
  if (path === '/ssr') return res.end(page('hydrate.html', renderToString(createElement(App))));
  if (path === '/csr') return res.end(page('render.html', ''));
  let file;
  try { file = readFileSync(join('dist', path)); } catch { return res.writeHead(404).end(); }
  const type = { '.js': 'text/javascript', '.css': 'text/css' }[extname(path)] ?? 'application/octet-stream';
  res.writeHead(200, { 'content-type': type }).end(file);
});
server.listen(0, '127.0.0.1', () => console.log(server.address().port));
`;

const html = (script: string) =>
  `<!doctype html><html><body><div id="root"><!--app--></div><script type="module" src="${script}"></script></body></html>`;

/** The first statement of an ES module, comments skipped. */
const firstStatement = (code: string) =>
  code
    .replace(/^(\s|\/\/[^\n]*\n|\/\*[\s\S]*?\*\/)*/, '')
    .split(/[;\n]/)[0]
    .trim();

export interface SsrFigures {
  ssr: { bff: number; upstream: number };
  csr: { bff: number; upstream: number };
}

export async function reactSsrHost(base: string, tarball: string): Promise<SsrFigures> {
  const dir = project(base, 'react-next', {
    'app.mjs': APP,
    'server.mjs': SERVER,
    'hydrate.html': html('/hydrate.mjs'),
    'render.html': html('/render.mjs'),
    'hydrate.mjs': `import { createElement } from 'react'; import { hydrateRoot } from 'react-dom/client'; import { App } from './app.mjs';
      hydrateRoot(document.getElementById('root'), createElement(App));`,
    'render.mjs': `import { createElement } from 'react'; import { createRoot } from 'react-dom/client'; import { App } from './app.mjs';
      createRoot(document.getElementById('root')).render(createElement(App));`,
    'vite.config.mjs': `export default { logLevel: 'error', build: { rolldownOptions: { input: { hydrate: 'hydrate.html', render: 'render.html' } } } };`,
  });
  const peers = ['hono', 'zod', 'jose', 'lru-cache', '@hono/node-server'].map((name) => `${name}@${versionOf(name)}`);
  install(dir, [tarball, `react@${versionOf('react')}`, `react-dom@${versionOf('react-dom')}`, `vite@${versionOf('vite')}`, ...peers]);

  // 'use client' first in every React entry the package exports
  const pkg = JSON.parse(readFileSync(join(dir, 'node_modules/composio-widgets/package.json'), 'utf8'));
  const reactEntries = Object.entries(pkg.exports as Record<string, { default: string }>).filter(([name]) => name.startsWith('./react'));
  if (reactEntries.length < 4) throw new Error(`expected four React entries, found ${reactEntries.map(([n]) => n)}`);
  for (const [name, target] of reactEntries) {
    const code = readFileSync(join(dir, 'node_modules/composio-widgets', target.default), 'utf8');
    if (!/^["']use client["']$/.test(firstStatement(code))) throw new Error(`${name} does not start with 'use client'`);
  }

  run('npx', ['vite', 'build'], dir);
  for (const file of ['hydrate.html', 'render.html'])
    if (!readdirSync(join(dir, 'dist')).includes(file)) throw new Error(`vite did not write ${file}`);

  const { spawn } = await import('node:child_process');
  const server = spawn('node', ['server.mjs'], { cwd: dir, stdio: ['ignore', 'pipe', 'inherit'] });
  const browser = await chromium.launch({ executablePath: findChromium(), headless: true, args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const port = await new Promise<number>((resolve, reject) => {
      server.stdout.once('data', (chunk: Buffer) => resolve(Number(String(chunk).trim())));
      server.once('exit', (code) => reject(new Error(`host server exited (${code})`)));
    });
    const origin = `http://127.0.0.1:${port}`;
    const ssrHtml = await (await fetch(`${origin}/ssr`)).text();
    if (!/<composio-usage-chart[^>]*defer-hydration/.test(ssrHtml) || !/<composio-log-table[^>]*defer-hydration/.test(ssrHtml))
      throw new Error(`server HTML without defer-hydration: ${ssrHtml.slice(0, 400)}`);

    /** Loads a page until both elements have loaded and the network is quiet; the server's counts. */
    const measure = async (path: string) => {
      await fetch(`${origin}/counts`); // resets the counts and the BFF's cache
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(`${origin}${path}`);
      await page.waitForFunction(() => (window as { loads?: string[] }).loads?.length === 2, undefined, { timeout: 30_000 });
      await page.waitForLoadState('networkidle');
      await page.close();
      if (errors.length) throw new Error(`${path}: ${errors.join('; ')}`);
      return (await (await fetch(`${origin}/counts`)).json()) as { bff: number; upstream: number };
    };
    const csr = await measure('/csr');
    const ssr = await measure('/ssr');
    if (csr.bff === 0) throw new Error('the client-only page made no BFF call');
    if (ssr.bff > csr.bff || ssr.upstream > csr.upstream)
      throw new Error(`server-rendered page: ${ssr.bff} BFF / ${ssr.upstream} upstream calls; client-only: ${csr.bff} / ${csr.upstream}`);
    return { ssr, csr };
  } finally {
    await browser.close();
    server.kill();
  }
}
