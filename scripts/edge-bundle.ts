/**
 * Bundles the BFF's server entry for a neutral platform (no Node built-ins, web globals only), as
 * an edge runtime (Cloudflare Workers, Deno, Vercel Edge) would: used by test/node/edge-runtime.test.ts
 * and `tsx scripts/edge-bundle.ts [entry]`, which prints the bundle's size.
 */
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

export interface EdgeBundle {
  /** A script that sets `globalThis.bff` to a promise of the entry's exports (the entry may use top-level await). */
  code: string;
  bytes: number;
  gzipBytes: number;
  /** Every input file of the bundle (to see what it carries). */
  inputs: string[];
}

export async function bundleForEdge(entry = 'src/server/index.ts'): Promise<EdgeBundle> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    minify: true,
    format: 'esm',
    platform: 'neutral',
    target: 'es2022',
    mainFields: ['module', 'main'],
    conditions: ['worker', 'browser', 'import', 'default'],
    // as vite.config.ts: the sketch library's protobuf encoding is never used
    alias: { 'protobufjs/minimal': './scripts/stubs/protobufjs-minimal.js' },
    metafile: true,
    logLevel: 'silent',
  });
  // an ES module cannot run in a plain V8 context (node:vm needs a flag for modules): the bundle's
  // closing `export { a as b }` becomes the result of an async function
  const module = result.outputFiles[0].text;
  const exports = /export\s*\{([^}]*)\};?\s*$/.exec(module);
  if (!exports) throw new Error(`${entry}: no export list at the end of the bundle`);
  const names = exports[1].split(',').map((part) => {
    const [local, exported = local] = part.trim().split(/\s+as\s+/);
    return `${JSON.stringify(exported)}: ${local}`;
  });
  const code = `globalThis.bff = (async () => {\n${module.slice(0, exports.index)}\nreturn { ${names.join(', ')} };\n})();`;
  return {
    code,
    bytes: Buffer.byteLength(code),
    gzipBytes: gzipSync(code, { level: 9 }).length,
    inputs: Object.keys(result.metafile.inputs),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const bundle = await bundleForEdge(process.argv[2]);
  console.log(`${process.argv[2] ?? 'src/server/index.ts'}: ${bundle.bytes} B, ${bundle.gzipBytes} B gzip`);
  const zod = bundle.inputs.filter((i) => i.includes('node_modules/zod/'));
  console.log(`zod files: ${zod.length}`);
}
