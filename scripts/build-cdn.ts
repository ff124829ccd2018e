/**
 * `npm run build:cdn`: dist/composio-widgets.min.js, one self-contained ES module (Lit, the
 * virtualizer and Chart.js inside) for a `<script type="module">` on a page without a build step.
 */
import { build } from 'vite';

export async function buildCdn(outDir = 'dist', logLevel: 'info' | 'silent' = 'info'): Promise<void> {
  await build({
    configFile: false,
    logLevel,
    build: {
      outDir,
      emptyOutDir: false,
      target: 'es2022',
      copyPublicDir: false,
      lib: { entry: { 'composio-widgets.min': 'src/index.ts' }, formats: ['es'] },
      // one file: Chart.js is inlined instead of being a lazily loaded second file
      rolldownOptions: { output: { minify: true, inlineDynamicImports: true } },
    },
  });
}

if (import.meta.url === `file://${process.argv[1]}`) await buildCdn();
