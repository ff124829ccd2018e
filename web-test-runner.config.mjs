import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { defaultReporter } from '@web/test-runner';
import * as puppeteerCore from 'puppeteer-core';
import { findChromium } from './scripts/find-chromium.mjs';
import { plainSummaryReporter } from './scripts/wtr-plain-summary.mjs';

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
  plugins: [esbuildPlugin({ ts: true, tsconfig: './tsconfig.json', target: 'es2022' })],
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
