import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { requirePeers } from '../../src/core/peers.ts';
import { NODE_ADAPTER_PEERS, REDIS_PEERS, SERVER_PEERS } from '../../src/server/peers.ts';
import { SIMULATOR_MSW_PEERS, SIMULATOR_NODE_PEERS, SIMULATOR_PEERS } from '../../src/simulator/peers.ts';

describe('server and simulator peers are optional: a clear error when one is missing', () => {
  it('names the missing package and the install command', async () => {
    const missing = Object.assign(new Error("Cannot find package 'hono' imported from /app/node_modules/composio-widgets/dist/server.js"), {
      code: 'ERR_MODULE_NOT_FOUND',
    });
    await assert.rejects(
      requirePeers('composio-widgets/server', SERVER_PEERS, () => Promise.reject(missing)),
      (error: Error) => {
        assert.match(error.message, /composio-widgets\/server needs its peer dependencies/);
        assert.match(error.message, /missing: hono/);
        assert.match(error.message, /npm install hono zod jose lru-cache/);
        assert.equal(error.cause, missing);
        return true;
      },
    );
  });

  it('passes other errors through unchanged', async () => {
    const other = new TypeError('boom');
    await assert.rejects(
      requirePeers('x', SERVER_PEERS, () => Promise.reject(other)),
      (error) => error === other,
    );
  });

  it('the run-time entries export every value of the typed entries', async () => {
    const pairs = [
      [import('../../src/server/entry.ts'), import('../../src/server/index.ts')],
      [import('../../src/server/node-entry.ts'), import('../../src/server/node.ts')],
      [import('../../src/server/redis-entry.ts'), import('../../src/server/redis.ts')],
      [import('../../src/simulator/entry.ts'), import('../../src/simulator/index.ts')],
      [import('../../src/simulator/msw-entry.ts'), import('../../src/simulator/msw.ts')],
      [import('../../src/simulator/node-entry.ts'), import('../../src/simulator/node.ts')],
    ] as const;
    for (const [runtimeModule, typedModule] of pairs) {
      const runtime: Record<string, unknown> = await runtimeModule;
      const typed: Record<string, unknown> = await typedModule;
      assert.deepEqual(Object.keys(runtime).sort(), Object.keys(typed).sort());
      for (const key of Object.keys(typed)) assert.equal(runtime[key], typed[key], key);
    }
  });

  it('package.json: the run-time entries are what the exports name', () => {
    const vite = readFileSync('vite.config.ts', 'utf8');
    for (const [name, source] of [
      ['server', 'src/server/entry.ts'],
      ['server-node', 'src/server/node-entry.ts'],
      ['server-redis', 'src/server/redis-entry.ts'],
      ['simulator', 'src/simulator/entry.ts'],
      ['simulator-msw', 'src/simulator/msw-entry.ts'],
      ['simulator-node', 'src/simulator/node-entry.ts'],
    ])
      assert.match(vite, new RegExp(`'?${name}'?: '${source}'`), `dist/${name}.js is built from ${source}`);
  });

  it('package.json: server packages are optional peers (and devDependencies), not dependencies', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
    for (const name of new Set([
      ...SERVER_PEERS,
      ...NODE_ADAPTER_PEERS,
      ...REDIS_PEERS,
      ...SIMULATOR_PEERS,
      ...SIMULATOR_MSW_PEERS,
      ...SIMULATOR_NODE_PEERS,
    ])) {
      assert.equal(pkg.dependencies[name], undefined, `${name} is not a dependency`);
      assert.ok(pkg.peerDependencies[name], `${name} is a peer`);
      assert.equal(pkg.peerDependenciesMeta[name]?.optional, true, `${name} is optional`);
      assert.ok(pkg.devDependencies[name], `${name} is a devDependency`);
    }
    assert.equal(pkg.dependencies['@composio/client'], undefined, '@composio/client is types only');
    assert.equal(pkg.peerDependencies['@composio/client'], undefined);
  });

  it('no shipped source imports @composio/client (so no .d.ts of ours references it)', () => {
    const files = execFileSync('git', ['ls-files', 'src'], { encoding: 'utf8' })
      .split('\n')
      .filter((f) => f.endsWith('.ts'));
    const importing = files.filter((f) => /from '@composio\/client/.test(readFileSync(f, 'utf8')));
    assert.deepEqual(importing, []);
  });
});
