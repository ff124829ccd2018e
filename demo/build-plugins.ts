/**
 * Two build steps of the demo, for the first data to come sooner:
 * - `preloadEntryImports`: each page names, as `<link rel="modulepreload">`, the chunks its entry
 *   imports dynamically (the elements' define modules and their dependencies; in the static build
 *   also the in-page BFF), so they download beside the entry instead of one round trip after it
 *   has run — a preload fetches and parses, it does not run, so the order the entry wants stays;
 * - `precompress` (server mode): a `.br` and a `.gz` beside every text file of the build, which
 *   the demo server sends to a browser that accepts them (serve-static's `precompressed`).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { HtmlTagDescriptor, Plugin } from 'vite';

const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);
/** Below this a compressed file saves less than its headers cost. */
const MIN_BYTES = 1024;
/**
 * The build runs at every `npm run demo`: quality 11 took 4 s of CPU for the demo's 630 kB of
 * script and CSS (188 kB), 5 takes 0.2 s (205 kB; gzip -9: 214 kB) — on loopback the bytes cost
 * less than the wait.
 */
const BROTLI_QUALITY = 5;
const COMPRESSIBLE = /\.(?:js|mjs|css|html|json|svg|map)$/;

export function preloadEntryImports(): Plugin {
  return {
    name: 'demo:preload-entry-imports',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, { bundle, chunk, path }) {
        if (!bundle || !chunk) return html;
        const files = new Set<string>();
        // the dynamic imports of the entry and what they import statically (not their own dynamic
        // imports: Chart.js and the detail panel stay loaded on first use)
        const add = (file: string) => {
          const target = bundle[file];
          if (files.has(file) || target?.type !== 'chunk') return;
          files.add(file);
          target.imports.forEach(add);
        };
        chunk.dynamicImports.forEach(add);
        chunk.imports.forEach((file) => files.delete(file));
        // relative, as the build's own links are (base './')
        const href = (file: string) => {
          const relative = posix.relative(posix.dirname(path), `/${file}`);
          return relative.startsWith('.') ? relative : `./${relative}`;
        };
        const tags: HtmlTagDescriptor[] = [...files]
          .filter((file) => !html.includes(file))
          .map((file) => ({ tag: 'link', attrs: { rel: 'modulepreload', crossorigin: true, href: href(file) }, injectTo: 'head' }));
        return { html, tags };
      },
    },
  };
}

export function precompress(): Plugin {
  return {
    name: 'demo:precompress',
    apply: 'build',
    async writeBundle({ dir }, bundle) {
      if (!dir) return;
      const files = Object.keys(bundle).filter((file) => COMPRESSIBLE.test(file));
      await Promise.all(
        files.map(async (file) => {
          const path = join(dir, file);
          const body = await readFile(path);
          if (body.length < MIN_BYTES) return;
          const [br, gz] = await Promise.all([
            brotli(body, { params: { [constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } }),
            gzipped(body, { level: 9 }),
          ]);
          await Promise.all([writeFile(`${path}.br`, br), writeFile(`${path}.gz`, gz)]);
        }),
      );
    },
  };
}
