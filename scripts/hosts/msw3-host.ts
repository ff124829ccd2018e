/**
 * The msw 3 host of `npm run test:hosts`: the peer range accepts msw 3, and the simulator's
 * handlers (`composio-widgets/simulator/msw`) work with it. msw 3 needs Node ≥ 22.12 for
 * `msw/node`, so the proof runs where a static demo uses it: a Vite page starts msw 3's service
 * worker in Chromium and reads logs from the simulator through it.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { findChromium } from '../find-chromium.mjs';
import { install, project, run, versionOf } from './kit.ts';

const MAIN = `import { setupWorker } from 'msw/browser';
import { createSimulator } from 'composio-widgets/simulator';
import { simulatorHandlers } from 'composio-widgets/simulator/msw';

const simulator = createSimulator({ now: Date.UTC(2026, 0, 15), historyDays: 2, toolCalls: 1000 });
await setupWorker(...simulatorHandlers(simulator)).start({ quiet: true, onUnhandledRequest: 'bypass' });
const response = await fetch('https://backend.composio.dev/api/v3.1/logs/tool_execution', {
  method: 'POST',
  headers: { 'x-api-key': 'sim_ak_demo', 'content-type': 'application/json' },
  body: JSON.stringify({ limit: 3 }),
});
const body = await response.json();
document.title = response.status === 200 && body.logs?.length === 3 ? 'ok' : 'failed ' + response.status + ' ' + JSON.stringify(body).slice(0, 200);
`;

/** Installs msw 3 beside the tarball, builds the page and runs it; returns msw's installed version. */
export async function msw3Host(base: string, tarball: string): Promise<string> {
  const dir = project(base, 'msw3', {
    'index.html': '<!doctype html><html><body><script type="module" src="/main.ts"></script></body></html>',
    'main.ts': MAIN,
    'vite.config.mjs': "export default { build: { target: 'es2022' } };",
  });
  // npm refuses a peer outside our range (ERESOLVE): installing msw@3 is the first half of the proof
  install(dir, [tarball, 'msw@^3', `hono@${versionOf('hono')}`, `zod@${versionOf('zod')}`, `vite@${versionOf('vite')}`]);
  const version = run('node', ['-p', "require('msw/package.json').version"], dir).trim();
  if (!version.startsWith('3.')) throw new Error(`msw ${version} installed, not 3.x`);
  run('npx', ['msw', 'init', 'public', '--no-save'], dir);
  if (!existsSync(join(dir, 'public', 'mockServiceWorker.js'))) throw new Error('msw init wrote no worker');
  run('npx', ['vite', 'build', '--logLevel', 'error'], dir);

  const { spawn } = await import('node:child_process');
  // vite itself, not through npx: killing npx would leave its vite child serving
  const server = spawn(join(dir, 'node_modules', '.bin', 'vite'), ['preview', '--port', '0', '--host', '127.0.0.1'], {
    cwd: dir,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const browser = await chromium.launch({ executablePath: findChromium(), headless: true, args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const origin = await new Promise<string>((resolve, reject) => {
      let out = '';
      server.stdout.on('data', (chunk: Buffer) => {
        out += String(chunk);
        const url = /http:\/\/127\.0\.0\.1:\d+/.exec(out.replace(/\x1b\[[0-9;]*m/g, ''));
        if (url) resolve(url[0]);
      });
      server.once('exit', (code) => reject(new Error(`vite preview exited (${code}): ${out}`)));
    });
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(origin);
    await page.waitForFunction(() => document.title !== '', undefined, { timeout: 30_000 });
    const title = await page.title();
    if (title !== 'ok' || errors.length) throw new Error(`msw ${version} page: ${title} ${errors.join('; ')}`);
    return version;
  } finally {
    await browser.close();
    server.kill();
  }
}
