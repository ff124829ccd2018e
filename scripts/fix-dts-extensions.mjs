// tsc keeps the sources' `./x.ts` specifiers in emitted .d.ts files (rewriteRelativeImportExtensions
// only rewrites JS); consumers resolve `./x.js` to the sibling `x.d.ts`, so rewrite them.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

function* walk(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(path);
    else if (path.endsWith('.d.ts')) yield path;
  }
}

let changed = 0;
for (const file of walk('dist/types')) {
  const text = readFileSync(file, 'utf8');
  const fixed = text.replace(/(from\s+|import\()(['"])(\.{1,2}\/[^'"]+)\.ts\2/g, '$1$2$3.js$2');
  if (fixed !== text) {
    writeFileSync(file, fixed);
    changed++;
  }
}
console.log(`d.ts specifiers rewritten in ${changed} files`);
