/**
 * `npm run test:hosts` (after `npm run build`; .ci/run runs it after npm test): packs the package
 * and installs the tarball into fresh projects under the system temp dir, as a consumer would:
 * - browser-only: just the package; importing a server or simulator entry fails with what to install;
 * - server: plus the optional server peers; the BFF answers a request (against the simulator);
 * - Vite plain TS: a page using both elements, type-checked and built with Vite;
 * - Next-style React 19: 'use client' entries; server-rendered and hydrated in Chromium, a page makes
 *   no more BFF and upstream calls than the same page rendered on the client only;
 * - Vue 3 with vue-tsc and Svelte 5 with svelte-check: typed tags accept valid usage, reject wrong values;
 * - msw 3: the peer range accepts it, and the simulator's handlers answer through its worker in Chromium;
 * - the lockfile is what a fresh resolution writes.
 * Prints the install footprint (packages, bytes) of browser-only and server installs. Exits non-zero
 * on any failure; every step has a time limit.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { footprint, hostTsconfig, install, project, root, run, versionOf, type Footprint } from './hosts/kit.ts';
import { msw3Host } from './hosts/msw3-host.ts';
import { reactSsrHost } from './hosts/react-ssr-host.ts';
import { svelteHost, vueHost } from './hosts/typed-tag-hosts.ts';

const results: string[] = [];
let failed = 0;
async function step(name: string, body: () => void | Promise<void>): Promise<void> {
  const t0 = Date.now();
  try {
    await body();
    results.push(`ok   ${name} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  } catch (error) {
    failed++;
    const e = error as { message?: string; stdout?: string; stderr?: string };
    results.push(`FAIL ${name}: ${e.message}\n${e.stdout ?? ''}${e.stderr ?? ''}`);
  }
}

if (!existsSync(join(root, 'dist', 'index.js'))) throw new Error('run `npm run build` first');
const base = mkdtempSync(join(tmpdir(), 'composio-hosts-'));
const t0 = Date.now();
try {
  const tarball = join(base, run('npm', ['pack', '--silent', '--pack-destination', base], root).trim().split('\n').at(-1)!);
  const figures: Record<string, Footprint> = {};

  await step('browser-only install (--engine-strict): no server packages; each server or simulator entry says what to install', () => {
    // entry → its optional peers: the message names the one Node missed first, and installs them all
    const entries: Record<string, string[]> = {
      'composio-widgets/server': ['hono', 'zod', 'jose', 'lru-cache'],
      'composio-widgets/server/node': ['@hono/node-server'],
      'composio-widgets/server/redis': ['ioredis', 'rate-limiter-flexible', 'lru-cache'],
      'composio-widgets/simulator': ['hono', 'zod'],
      'composio-widgets/simulator/msw': ['msw'],
      'composio-widgets/simulator/node': ['@hono/node-server'],
    };
    const dir = project(base, 'browser-only', {
      'check.mjs': `for (const entry of ${JSON.stringify(Object.keys(entries))})
        try { await import(entry); console.log(entry, 'imported'); } catch (e) { console.log(entry, '→', e.code ?? '', e.message); }`,
    });
    install(dir, [tarball], { engineStrict: true });
    figures['browser-only'] = footprint(dir);
    // the CDN fields name the per-tag loader, and it ships
    const manifest = JSON.parse(readFileSync(join(dir, 'node_modules/composio-widgets/package.json'), 'utf8'));
    for (const field of ['jsdelivr', 'unpkg'])
      if (!manifest[field] || !existsSync(join(dir, 'node_modules/composio-widgets', manifest[field])))
        throw new Error(`package.json ${field}: ${manifest[field]} is not in the package`);
    for (const name of ['hono', 'zod', 'jose', 'lru-cache', '@hono/node-server', 'ioredis', 'msw', '@composio/client'])
      if (existsSync(join(dir, 'node_modules', name))) throw new Error(`${name} was installed`);
    const lines = run('node', ['check.mjs'], dir, 30_000).trim().split('\n');
    for (const [entry, peers] of Object.entries(entries)) {
      const line = lines.find((l) => l.startsWith(`${entry} `)) ?? `${entry}: no output`;
      const clear =
        line.includes(`${entry} needs its peer dependencies`) &&
        peers.some((peer) => line.includes(`missing: ${peer}`)) &&
        line.includes(`npm install ${peers.join(' ')}`);
      if (!clear || line.includes('ERR_MODULE_NOT_FOUND')) throw new Error(`unclear error: ${line}`);
    }
  });

  await step('server install (--engine-strict): the BFF answers against the simulator', () => {
    const dir = project(base, 'server', {
      'serve.mjs': `
        import { createComposioHandler } from 'composio-widgets/server';
        import { createSimulator } from 'composio-widgets/simulator';
        const sim = createSimulator({ now: Date.UTC(2026, 0, 15), historyDays: 2, toolCalls: 1000 });
        const handler = createComposioHandler({ apiKey: 'sim_ak_demo', now: () => sim.now(),
          fetch: (input, init) => sim.fetch(new Request(input, init)), resolveScope: () => ({ userIds: ['globex-ops'] }) });
        const response = await handler(new Request('http://app.test/api/composio/logs/tool_execution',
          { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"limit":3}' }));
        const body = await response.json();
        if (response.status !== 200 || !Array.isArray(body.logs)) throw new Error(response.status + ' ' + JSON.stringify(body));
        console.log('ok', body.logs.length);`,
    });
    const peers = ['hono', 'zod', 'jose', 'lru-cache', '@hono/node-server'].map((name) => `${name}@${versionOf(name)}`);
    install(dir, [tarball, ...peers], { engineStrict: true });
    figures.server = footprint(dir);
    const out = run('node', ['serve.mjs'], dir, 60_000);
    if (!out.startsWith('ok')) throw new Error(out);
  });

  await step('Vite plain-TS host with its own chart.js@4.5.1: one Chart.js copy; type-checks and builds a page with both elements', () => {
    const dir = project(base, 'vite', {
      'index.html': `<!doctype html><html><body>
        <composio-usage-chart range="30d" group-by="toolkit_slug"></composio-usage-chart>
        <composio-log-table range="24h"></composio-log-table>
        <script type="module" src="/main.ts"></script></body></html>`,
      'main.ts': `import 'composio-widgets/usage-chart';
        import 'composio-widgets/log-table';
        const chart = document.querySelector('composio-usage-chart')!;
        chart.range = '7d';
        chart.addEventListener('composio-range-select', (e) => console.log(e.detail.from.toFixed()));
        document.querySelector('composio-log-table')!.filters = [{ field: 'status', operator: '==', value: 'failed' }];`,
      'tsconfig.json': hostTsconfig({ lib: ['ES2022', 'DOM', 'DOM.Iterable'], types: [] }, { files: ['main.ts'] }),
    });
    // the host already uses Chart.js (the version issue 13 met): ours must share it, not add a copy
    install(dir, [tarball, 'chart.js@4.5.1', `vite@${versionOf('vite')}`, `typescript@${versionOf('typescript')}`]);
    const copies = ['node_modules/chart.js', 'node_modules/composio-widgets/node_modules/chart.js'].filter((p) => existsSync(join(dir, p)));
    if (copies.length !== 1) throw new Error(`Chart.js installed ${copies.length} times: ${copies.join(', ')}`);
    run('npx', ['tsc', '-p', 'tsconfig.json'], dir);
    run('npx', ['vite', 'build', '--logLevel', 'error'], dir);
    const js = readdirSync(join(dir, 'dist', 'assets')).filter((f) => f.endsWith('.js'));
    const code = js.map((f) => readFileSync(join(dir, 'dist', 'assets', f), 'utf8')).join('\n');
    for (const tag of ['composio-usage-chart', 'composio-log-table']) if (!code.includes(tag)) throw new Error(`${tag} not in the build`);
    if (js.length < 2) throw new Error('Chart.js should be a separate, lazily loaded chunk');
  });

  await step(
    "Next-style React 19 host: 'use client' entries; a server-rendered page calls the BFF no more than a client-only one",
    async () => {
      const { ssr, csr } = await reactSsrHost(base, tarball);
      results.push(
        `calls per page load: server-rendered ${ssr.bff} BFF / ${ssr.upstream} upstream, client-only ${csr.bff} / ${csr.upstream}`,
      );
    },
  );

  await step('Vue 3 host: vue-tsc accepts valid tags and rejects range="45d", an unknown attribute, a wrong detail', () =>
    vueHost(base, tarball),
  );

  await step('Svelte 5 host: svelte-check accepts valid tags and rejects range="45d", an unknown attribute, a wrong detail', () =>
    svelteHost(base, tarball),
  );

  await step('msw 3 host: npm accepts the peer; the simulator answers through msw 3’s service worker in Chromium', async () => {
    results.push(`msw ${await msw3Host(base, tarball)} served the simulator`);
  });

  await step('lockfile: a fresh resolution (npm install --package-lock-only) leaves package-lock.json as committed', () => {
    const dir = project(base, 'lockfile', {
      'package.json': readFileSync(join(root, 'package.json'), 'utf8'),
      'package-lock.json': readFileSync(join(root, 'package-lock.json'), 'utf8'),
    });
    run('npm', ['install', '--package-lock-only', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], dir);
    if (readFileSync(join(dir, 'package-lock.json'), 'utf8') !== readFileSync(join(root, 'package-lock.json'), 'utf8'))
      throw new Error('npm rewrites package-lock.json: run npm install and commit the lockfile');
  });

  for (const [name, { packages, bytes }] of Object.entries(figures))
    results.push(`footprint ${name}: ${packages} packages, ${(bytes / 1e6).toFixed(1)} MB in node_modules`);
  results.push(`tarball: ${(statSync(tarball).size / 1e3).toFixed(0)} kB; total ${((Date.now() - t0) / 1000).toFixed(0)} s`);
} finally {
  rmSync(base, { recursive: true, force: true });
}
console.log(results.join('\n'));
process.exit(failed ? 1 : 0);
