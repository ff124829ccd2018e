/**
 * Builds the demo page and the host examples. `--mode server` (npm run demo): the page talks to
 * the demo server's BFF. `--mode static` (npm run build:demo): msw's service worker runs the BFF
 * and the simulator inside the page, so any static file host serves it.
 */
import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import { precompress, preloadEntryImports } from './build-plugins.ts';

const root = resolve(import.meta.dirname);

export default defineConfig(({ mode }) => ({
  root,
  base: './',
  publicDir: mode === 'static' ? resolve(root, '../public') : false,
  // the demo server sends the precompressed files; a static host compresses by itself
  plugins: mode === 'server' ? [preloadEntryImports(), precompress()] : [preloadEntryImports()],
  // the in-page BFF's quantile sketch never uses its protobuf encoding (see the stub's comment)
  resolve: { alias: { 'protobufjs/minimal': resolve(root, '../scripts/stubs/protobufjs-minimal.js') } },
  build: {
    outDir: resolve(root, mode === 'static' ? '../dist-demo' : '../.demo'),
    emptyOutDir: true,
    target: 'es2022',
    rolldownOptions: {
      input: {
        index: resolve(root, 'index.html'),
        admin: resolve(root, 'admin.html'),
        plain: resolve(root, 'examples/plain.html'),
        react: resolve(root, 'examples/react.html'),
        vue: resolve(root, 'examples/vue.html'),
      },
    },
  },
}));
