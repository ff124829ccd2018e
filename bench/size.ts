/**
 * Size benchmark: each element entry bundled the way a CDN user gets it (Lit, @lit/task, Chart.js
 * included, minified), reported as gzip -9 bytes: the entry a page loads up front, and the chunks
 * it loads later (Chart.js arrives only when a chart draws).
 * Run: npm run bench -- size
 */
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';
import { machine, table } from './stats.ts';

const ENTRIES: Record<string, string> = {
  'usage-chart': 'src/elements/usage-chart/define.ts',
  'log-table': 'src/elements/log-table/define.ts',
};
const outDir = '.tmp/size';
const gz = (file: string) => gzipSync(readFileSync(file), { level: 9 }).length;
const kb = (bytes: number) => (bytes / 1024).toFixed(1);

const rows: (string | number)[][] = [];
for (const [name, entry] of Object.entries(ENTRIES)) {
  rmSync(outDir, { recursive: true, force: true });
  await build({
    configFile: false,
    logLevel: 'silent',
    build: {
      outDir,
      target: 'es2022',
      lib: { entry: { [name]: entry }, formats: ['es'] },
      rolldownOptions: { output: { minify: true } },
      copyPublicDir: false,
    },
  });
  const files = readdirSync(outDir).filter((f) => f.endsWith('.js'));
  // what loads up front: the entry and every chunk it imports statically, transitively
  const upFront = new Set<string>();
  const visit = (file: string) => {
    if (upFront.has(file)) return;
    upFront.add(file);
    const code = readFileSync(join(outDir, file), 'utf8');
    for (const [, dep] of code.matchAll(/(?:from|import)\s*"\.\/([^"]+\.js)"/g)) visit(dep);
  };
  visit(`${name}.js`);
  const initial = [...upFront].reduce((n, f) => n + gz(join(outDir, f)), 0);
  const lazy = files.filter((f) => !upFront.has(f)).reduce((n, f) => n + gz(join(outDir, f)), 0);
  rows.push([name, kb(initial), kb(lazy), kb(initial + lazy)]);
}
rmSync(outDir, { recursive: true, force: true });

console.log(machine());
console.log(table(['entry', 'initial kB gz', 'loaded on demand kB gz', 'total kB gz'], rows));
