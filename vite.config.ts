import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import pkg from './package.json' with { type: 'json' };

// Library build: one ES module per package entry point. Every dependency and peer stays an import
// so the host's bundler dedupes it (a page that already has Lit does not get a second copy); the
// list comes from package.json, so a new dependency can never be bundled by mistake.
const packages = Object.keys({ ...pkg.dependencies, ...pkg.peerDependencies });
const external = [...packages.map((name) => new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}($|/)`)), /^node:/];

export default defineConfig({
  // @datadog/sketches-js is bundled into the server entry (not a consumer dependency), with the
  // protobuf encoding it never uses stubbed out: see scripts/stubs/protobufjs-minimal.js
  resolve: { alias: { 'protobufjs/minimal': resolve(import.meta.dirname, 'scripts/stubs/protobufjs-minimal.js') } },
  // the version a copy of the library records, for the two-copies warning (src/elements/shared/define.ts)
  define: { __COMPOSIO_WIDGETS_VERSION__: JSON.stringify(pkg.version) },
  build: {
    target: 'es2022',
    lib: {
      entry: {
        index: 'src/index.ts',
        'usage-chart': 'src/elements/usage-chart/define.ts',
        'usage-insights': 'src/elements/usage-insights/define.ts',
        'log-table': 'src/elements/log-table/define.ts',
        'log-detail': 'src/elements/log-detail/define.ts',
        // the classes alone, no tag defined (own tag names, scoped registries)
        'usage-chart-class': 'src/elements/usage-chart/class.ts',
        'usage-insights-class': 'src/elements/usage-insights/class.ts',
        'log-table-class': 'src/elements/log-table/class.ts',
        'log-detail-class': 'src/elements/log-detail/class.ts',
        react: 'src/react.ts',
        'react-usage-chart': 'src/react/usage-chart.ts',
        'react-usage-insights': 'src/react/usage-insights.ts',
        'react-log-table': 'src/react/log-table.ts',
        // the server and simulator entries load their modules through requirePeers (src/core/peers.ts):
        // a missing optional peer fails with what to install
        server: 'src/server/entry.ts',
        'server-node': 'src/server/node-entry.ts',
        'server-redis': 'src/server/redis-entry.ts',
        contract: 'src/contract/index.ts',
        simulator: 'src/simulator/entry.ts',
        'simulator-msw': 'src/simulator/msw-entry.ts',
        'simulator-node': 'src/simulator/node-entry.ts',
      },
      formats: ['es'],
    },
    rolldownOptions: {
      external,
      output: {
        // the React wrappers use hooks: Next.js's App Router must treat them as client components
        banner: (chunk) => (chunk.name.startsWith('react') ? "'use client';" : ''),
      },
    },
    copyPublicDir: false, // public/ holds msw's worker, not library code
    sourcemap: true,
  },
});
