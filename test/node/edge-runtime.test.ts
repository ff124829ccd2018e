import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { createContext, runInContext } from 'node:vm';
import { it } from 'node:test';
import { bundleForEdge } from '../../scripts/edge-bundle.ts';
import { createSimulator } from '../../src/simulator/index.ts';

// The BFF must run outside Node (Cloudflare Workers, Deno, Vercel Edge): its server entry bundles
// for a neutral platform with no Node built-in, then runs in a fresh V8 context holding only web
// globals (no process, require, Buffer) and answers a request against the simulator.
const WEB_GLOBALS = {
  Request,
  Response,
  Headers,
  URL,
  URLSearchParams,
  TextEncoder,
  TextDecoder,
  AbortController,
  AbortSignal,
  ReadableStream,
  Blob,
  FormData,
  crypto,
  setTimeout,
  clearTimeout,
  queueMicrotask,
  structuredClone,
  atob,
  btoa,
  performance,
  console,
  DOMException,
  Event,
  EventTarget,
};

// dist/server.js is what ships (present after `npm run build`); src is the same code before Vite
const entries = ['src/server/entry.ts', ...(existsSync('dist/server.js') ? ['dist/server.js'] : [])];

for (const entry of entries)
  it(`${entry} bundles for a neutral platform and answers in a V8 context with only web globals`, async (t) => {
    const bundle = await bundleForEdge(entry);
    assert.deepEqual(
      bundle.inputs.filter((input) => /^node:|^\(disabled\)/.test(input)),
      [],
      'no Node built-in in the bundle',
    );
    t.diagnostic(`${entry}: ${bundle.bytes} B minified, ${bundle.gzipBytes} B gzip`);
    // zod's mini API only: the classic one made 88 % of a 115 kB gz bundle (issue 13)
    assert.deepEqual(
      bundle.inputs.filter((input) => /node_modules\/zod\/(v4\/)?classic\//.test(input)),
      [],
      'no zod classic API in the bundle',
    );
    assert.ok(bundle.gzipBytes < 80_000, `${bundle.gzipBytes} B gzip: the edge bundle stays small`);

    const sim = createSimulator({ now: Date.UTC(2026, 0, 15), historyDays: 3, toolCalls: 2_000 });
    const context = createContext({
      ...WEB_GLOBALS,
      fetch: (input: RequestInfo | URL, init?: RequestInit) => sim.fetch(new Request(input, init)),
    });
    runInContext(`globalThis.self = globalThis; ${bundle.code}`, context);
    assert.equal(runInContext('typeof process + typeof require + typeof Buffer', context), 'undefinedundefinedundefined');
    const handler = (await runInContext(
      `bff.then((server) => server.createComposioHandler({
        apiKey: 'sim_ak_demo',
        now: () => ${Date.UTC(2026, 0, 15)},
        resolveScope: () => ({ userIds: ['globex-ops', 'globex-sales'] }),
      }))`,
      context,
    )) as (request: Request) => Promise<Response>;
    const response = await handler(
      new Request('http://app.test/api/composio/logs/tool_execution', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ limit: 5 }),
      }),
    );
    assert.equal(response.status, 200, await response.clone().text());
    const body = (await response.json()) as { logs: { metadata: { user_id: string } }[] };
    assert.ok(body.logs.length > 0, 'logs from the simulator');
    assert.ok(body.logs.every((log) => ['globex-ops', 'globex-sales'].includes(log.metadata.user_id)));
    const invalid = await handler(
      new Request('http://app.test/api/composio/logs/tool_execution', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ limit: 0.5 }),
      }),
    );
    assert.equal(invalid.status, 400);
    assert.match(await invalid.text(), /limit: /, 'validation messages in words');
  });
