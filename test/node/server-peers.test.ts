import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { requirePeers, SERVER_PEERS } from '../../src/server/peers.ts';

describe('server peers are optional: a clear error when one is missing', () => {
  it('names the missing package and the install command', async () => {
    const missing = Object.assign(new Error("Cannot find package 'hono' imported from /app/node_modules/composio-widgets/dist/server.js"), {
      code: 'ERR_MODULE_NOT_FOUND',
    });
    await assert.rejects(
      requirePeers('composio-widgets/server', () => Promise.reject(missing)),
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
      requirePeers('x', () => Promise.reject(other)),
      (error) => error === other,
    );
  });

  it('the run-time entries export every value of the typed entries', async () => {
    const runtime = await import('../../src/server/entry.ts');
    const typed = await import('../../src/server/index.ts');
    assert.deepEqual(Object.keys(runtime).sort(), Object.keys(typed).sort());
    for (const key of Object.keys(typed)) assert.equal((runtime as Record<string, unknown>)[key], (typed as Record<string, unknown>)[key]);
    const node = await import('../../src/server/node-entry.ts');
    assert.deepEqual(Object.keys(node).sort(), Object.keys(await import('../../src/server/node.ts')).sort());
  });

  it('package.json: server packages are optional peers (and devDependencies), not dependencies', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
    for (const name of [...SERVER_PEERS, '@hono/node-server']) {
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
