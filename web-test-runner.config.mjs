import { esbuildPlugin } from '@web/dev-server-esbuild';
import { buildSync } from 'esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { defaultReporter } from '@web/test-runner';
import * as puppeteerCore from 'puppeteer-core';
import { findChromium } from './scripts/find-chromium.mjs';
import { plainSummaryReporter } from './scripts/wtr-plain-summary.mjs';
import { mainThreadTracePlugin } from './scripts/wtr-trace-plugin.mjs';

const CHROMIUM_ARGS = [
  '--no-sandbox', // CI runs as root
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking', // the closed network otherwise refuses many connections
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];

/**
 * CommonJS packages the in-page BFF uses, served to the browser as ES modules with their named
 * exports (a bundler does this for the static demo; the test server needs telling).
 */
const COMMONJS = { '@datadog/sketches-js': ['DDSketch'] };
function commonjsAsModules() {
  const built = new Map();
  return {
    name: 'commonjs-as-modules',
    serve(context) {
      const name = Object.keys(COMMONJS).find(
        (pkg) => context.path.includes(`/node_modules/${pkg}/`) && context.path.endsWith('/index.js'),
      );
      if (!name) return undefined;
      if (!built.has(name)) {
        const entry = `export { ${COMMONJS[name].join(', ')} } from '${name}';`;
        const result = buildSync({
          stdin: { contents: entry, resolveDir: process.cwd() },
          bundle: true,
          format: 'esm',
          write: false,
          target: 'es2022',
          external: ['protobufjs/*'],
        });
        built.set(name, result.outputFiles[0].text);
      }
      return { body: built.get(name), type: 'js' };
    },
  };
}

export default {
  files: ['test/browser/**/*.test.ts'],
  nodeResolve: true,
  browsers: [
    chromeLauncher({
      puppeteer: puppeteerCore,
      launchOptions: { executablePath: findChromium(), headless: true, args: CHROMIUM_ARGS },
    }),
  ],
  browserStartTimeout: 60000,
  concurrency: 1,
  // esbuild reads experimentalDecorators/useDefineForClassFields from tsconfig
  plugins: [commonjsAsModules(), mainThreadTracePlugin(), esbuildPlugin({ ts: true, tsconfig: './tsconfig.json', target: 'es2022' })],
  middleware: [
    // msw's worker must be served from the site root so its scope covers the test page
    function mswWorker(ctx, next) {
      if (ctx.path === '/mockServiceWorker.js') ctx.path = '/public/mockServiceWorker.js';
      return next();
    },
  ],
  filterBrowserLogs: ({ args }) => !String(args[0]).includes('Lit is in dev mode'),
  testFramework: { config: { timeout: 20000 } },
  reporters: [defaultReporter(), plainSummaryReporter()],
};
