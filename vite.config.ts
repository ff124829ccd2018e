import { defineConfig } from 'vite';

// Library build: one ES module per package entry point. Runtime dependencies stay imports so the
// host's bundler dedupes them (a page that already has Lit does not get a second copy).
const external = [/^react($|\/)/, /^lit($|\/)/, /^@lit\//, /^chart\.js($|\/)/, /^hono($|\/)/, /^@hono\//, /^zod($|\/)/, /^jose($|\/)/, /^lru-cache($|\/)/, /^msw($|\/)/, /^ioredis($|\/)/, /^node:/];

export default defineConfig({
  build: {
    target: 'es2022',
    lib: {
      entry: {
        index: 'src/index.ts',
        'usage-chart': 'src/elements/usage-chart/define.ts',
        'log-table': 'src/elements/log-table/define.ts',
        react: 'src/react.ts',
        server: 'src/server/index.ts',
        'server-node': 'src/server/node.ts',
        'server-redis': 'src/server/redis.ts',
        contract: 'src/contract/index.ts',
        simulator: 'src/simulator/index.ts',
        'simulator-msw': 'src/simulator/msw.ts',
        'simulator-node': 'src/simulator/node.ts',
      },
      formats: ['es'],
    },
    rolldownOptions: { external },
    copyPublicDir: false, // public/ holds msw's worker, not library code
    sourcemap: true,
  },
});
