/**
 * Bundles the BFF's server entry for a neutral platform (no Node built-ins, web globals only), as
 * an edge runtime (Cloudflare Workers, Deno, Vercel Edge) would: used by test/node/edge-runtime.test.ts
 * and `tsx scripts/edge-bundle.ts [entry]`, which prints the bundle's size.
 */
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

export interface EdgeBundle {
  /** An IIFE that assigns the entry's exports to `globalThis.bff`. */
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
    format: 'iife',
    globalName: 'bff',
    platform: 'neutral',
    target: 'es2022',
    mainFields: ['module', 'main'],
    conditions: ['worker', 'browser', 'import', 'default'],
    // as vite.config.ts: the sketch library's protobuf encoding is never used
    alias: { 'protobufjs/minimal': './scripts/stubs/protobufjs-minimal.js' },
    metafile: true,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0].text;
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
