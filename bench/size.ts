/**
 * Size benchmark: each element entry bundled the way a CDN user gets it (Lit, @lit/task, Chart.js
 * included, minified), reported as gzip -9 bytes: the entry a page loads up front, the chunks it
 * loads later (Chart.js arrives only when a chart draws), and apart the words of one language other
 * than English (a page fetches at most the one its elements speak).
 * Run: npm run bench -- size
 */
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';
import { LANGUAGES } from '../src/elements/shared/i18n/strings.ts';
import { machine, table } from './stats.ts';

const ENTRIES: Record<string, string> = {
  'usage-chart': 'src/elements/usage-chart/define.ts',
  'log-table': 'src/elements/log-table/define.ts',
};
const outDir = '.tmp/size';
const gz = (file: string) => gzipSync(readFileSync(file), { level: 9 }).length;
const kb = (bytes: number) => (bytes / 1024).toFixed(1);
/** A language's chunk (`de-<hash>.js`): loaded only by a page in that language. */
const language = new RegExp(`^(${LANGUAGES.filter((l) => l !== 'en').join('|')})-[\\w-]+\\.js$`);

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
  const lazy = files.filter((f) => !upFront.has(f) && !language.test(f)).reduce((n, f) => n + gz(join(outDir, f)), 0);
  const words = files.filter((f) => language.test(f)).map((f) => gz(join(outDir, f)));
  rows.push([name, kb(initial), kb(lazy), kb(Math.max(0, ...words)), kb(initial + lazy)]);
}
rmSync(outDir, { recursive: true, force: true });

console.log(machine());
console.log(table(['entry', 'initial kB gz', 'loaded on demand kB gz', 'a language kB gz (largest)', 'total kB gz (English)'], rows));
