/**
 * `npm run build:cdn`, for a `<script type="module">` on a page without a build step:
 * - dist/composio-widgets.min.js, one self-contained ES module (Lit, the virtualizer and Chart.js inside);
 * - dist/composio-widgets.loader.js, the per-tag loader (src/loader.ts): it imports, from dist/cdn/,
 *   only the elements a page uses (self-contained chunks, Lit shared between them).
 */
import { readFileSync } from 'node:fs';
import { build } from 'vite';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
const define = { __COMPOSIO_WIDGETS_VERSION__: JSON.stringify(version) };

/** One minified ES build of `entry` for a page without a build step. */
function cdnBuild(outDir: string, logLevel: 'info' | 'silent', entry: Record<string, string>, output: Record<string, unknown>) {
  return build({
    configFile: false,
    logLevel,
    define,
    build: {
      outDir,
      emptyOutDir: false,
      target: 'es2022',
      copyPublicDir: false,
      lib: { entry, formats: ['es'] },
      rolldownOptions: { output: { minify: true, ...output } },
    },
  });
}

export async function buildCdn(outDir = 'dist', logLevel: 'info' | 'silent' = 'info'): Promise<void> {
  // one file: Chart.js is inlined instead of being a lazily loaded second file
  await cdnBuild(outDir, logLevel, { 'composio-widgets.min': 'src/index.ts' }, { inlineDynamicImports: true });
  // the per-tag loader: each element's code in its own chunk, fetched when its tag appears
  await cdnBuild(outDir, logLevel, { 'composio-widgets.loader': 'src/loader.ts' }, { chunkFileNames: 'cdn/[name]-[hash].js' });
}

if (import.meta.url === `file://${process.argv[1]}`) await buildCdn();
