/**
 * Builds the demo page and the host examples. `--mode server` (npm run demo): the page talks to
 * the demo server's BFF. `--mode static` (npm run build:demo): msw's service worker runs the BFF
 * and the simulator inside the page, so any static file host serves it.
 */
import { resolve } from 'node:path';
import { defineConfig } from 'vite';

const root = resolve(import.meta.dirname);

export default defineConfig(({ mode }) => ({
  root,
  base: './',
  publicDir: mode === 'static' ? resolve(root, '../public') : false,
  build: {
    outDir: resolve(root, mode === 'static' ? '../dist-demo' : '../.demo'),
    emptyOutDir: true,
    target: 'es2022',
    rolldownOptions: {
      input: {
        index: resolve(root, 'index.html'),
        plain: resolve(root, 'examples/plain.html'),
        react: resolve(root, 'examples/react.html'),
        vue: resolve(root, 'examples/vue.html'),
      },
    },
  },
}));
