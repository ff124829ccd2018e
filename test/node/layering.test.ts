/**
 * The layering rules of docs/ARCHITECTURE.md#layering, checked on every import in src/:
 * static `import … from`, `export … from`, side-effect `import '…'` and dynamic `import('…')`.
 * Package imports (bare specifiers) are not ours and are ignored.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), '../../src');

type Room = 'contract' | 'core' | 'client' | 'server' | 'simulator' | 'elements' | 'react' | 'entry';

/** What each room may import (its own files included). Entry files (src/*.ts) may import anything. */
const ALLOWED: Record<Exclude<Room, 'entry'>, readonly Room[]> = {
  contract: ['contract'],
  core: ['core', 'contract'],
  client: ['client', 'core', 'contract'],
  server: ['server', 'core', 'contract'],
  simulator: ['simulator', 'core', 'contract'],
  elements: ['elements', 'client', 'core', 'contract'],
  // the React wrappers: a framework adapter over the elements, never the server or simulator
  react: ['react', 'elements', 'client', 'core', 'contract'],
};

export interface ImportRecord {
  /** Path relative to src/, with forward slashes, e.g. `server/usage.ts`. */
  file: string;
  specifier: string;
}

/** The room of a path relative to src/, or undefined when it lies outside src/ or in no known room. */
export function roomOf(path: string): Room | undefined {
  if (path.startsWith('../') || path === '..') return undefined;
  const parts = path.split('/');
  if (parts.length === 1) return parts[0].endsWith('.ts') ? 'entry' : undefined;
  return parts[0] in ALLOWED ? (parts[0] as Room) : undefined;
}

/** Every broken rule, one readable line each: `file imports 'specifier' (room → room)`. */
export function layeringViolations(imports: readonly ImportRecord[]): string[] {
  const problems: string[] = [];
  for (const { file, specifier } of imports) {
    if (!specifier.startsWith('.')) continue; // a package
    const from = roomOf(file);
    const target = join(dirname(file), specifier).split(sep).join('/');
    const to = roomOf(target);
    if (!from) problems.push(`${file} is in no known room under src/`);
    else if (!to) problems.push(`${file} imports '${specifier}', which is outside the rooms of src/`);
    else if (from !== 'entry' && !ALLOWED[from].includes(to)) problems.push(`${file} imports '${specifier}' (${from} → ${to})`);
  }
  return problems;
}

/** Import specifiers of one TypeScript source, comments removed first. */
export function importSpecifiers(source: string): string[] {
  const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[\s;{}])\/\/.*$/gm, '$1');
  const found: string[] = [];
  const patterns = [
    /(?:^|;)\s*(?:import|export)\b[^;'"]*?\bfrom\s*['"]([^'"]+)['"]/gm, // import x from '…', export { x } from '…'
    /(?:^|;)\s*import\s*['"]([^'"]+)['"]/gm, // import '…'
    /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g, // import('…'), typeof import('…')
  ];
  for (const pattern of patterns) for (const match of code.matchAll(pattern)) found.push(match[1]);
  return found;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

function allImports(): ImportRecord[] {
  return sourceFiles(SRC).flatMap((path) => {
    const file = relative(SRC, path).split(sep).join('/');
    return importSpecifiers(readFileSync(path, 'utf8')).map((specifier) => ({ file, specifier }));
  });
}

describe('layering', () => {
  it('finds the imports of every kind in a source', () => {
    const source = [
      "import { a } from '../core/a.ts';",
      "import type {\n  B,\n  C,\n} from '../contract/b.ts';",
      "import './side-effect.ts';",
      "export { d } from './d.ts';",
      "export type * from '../client/e.ts';",
      "const f = () => import('../server/f.ts');",
      "let g: Promise<typeof import('./g.ts')>;",
      "// import { no } from '../server/commented.ts';",
      "/* import('../server/also-commented.ts') */",
      "const url = 'https://example.com/from'; import x from 'lit';",
    ].join('\n');
    assert.deepEqual(
      importSpecifiers(source).sort(),
      ['../client/e.ts', '../contract/b.ts', '../core/a.ts', '../server/f.ts', './d.ts', './g.ts', './side-effect.ts', 'lit'].sort(),
    );
  });

  it('names the offending file and import (the check can fail)', () => {
    const synthetic: ImportRecord[] = [
      { file: 'contract/errors.ts', specifier: '../core/decimal.ts' },
      { file: 'core/series.ts', specifier: '../client/format.ts' },
      { file: 'client/bff-client.ts', specifier: '../server/cursor.ts' },
      { file: 'server/usage.ts', specifier: '../simulator/index.ts' },
      { file: 'simulator/routes.ts', specifier: '../server/validation.ts' },
      { file: 'elements/usage-chart/data.ts', specifier: '../../server/usage.ts' },
      { file: 'elements/log-table/log-table.ts', specifier: '../../simulator/records.ts' },
      { file: 'server/handler.ts', specifier: '../elements/shared/events.ts' },
      { file: 'core/filters.ts', specifier: '../../demo/x.ts' },
      // allowed ones: none of these may be reported
      { file: 'elements/log-table/log-table.ts', specifier: '../log-detail/define.ts' },
      { file: 'elements/shared/base.ts', specifier: '../../client/bff-client.ts' },
      { file: 'server/usage.ts', specifier: '../core/buckets.ts' },
      { file: 'index.ts', specifier: './elements/usage-chart/define.ts' },
      { file: 'react.ts', specifier: './elements/shared/events.ts' },
      { file: 'simulator/msw.ts', specifier: 'msw' },
    ];
    assert.deepEqual(layeringViolations(synthetic), [
      "contract/errors.ts imports '../core/decimal.ts' (contract → core)",
      "core/series.ts imports '../client/format.ts' (core → client)",
      "client/bff-client.ts imports '../server/cursor.ts' (client → server)",
      "server/usage.ts imports '../simulator/index.ts' (server → simulator)",
      "simulator/routes.ts imports '../server/validation.ts' (simulator → server)",
      "elements/usage-chart/data.ts imports '../../server/usage.ts' (elements → server)",
      "elements/log-table/log-table.ts imports '../../simulator/records.ts' (elements → simulator)",
      "server/handler.ts imports '../elements/shared/events.ts' (server → elements)",
      "core/filters.ts imports '../../demo/x.ts', which is outside the rooms of src/",
    ]);
  });

  it('src/ keeps the layering', () => {
    const imports = allImports();
    // guard against a parser that silently finds nothing
    assert.ok(imports.filter((i) => i.specifier.startsWith('.')).length > 100, `only ${imports.length} imports found`);
    assert.ok(
      imports.some((i) => i.file === 'elements/usage-chart/chart-controller.ts' && i.specifier === './chart-register.ts'),
      'dynamic import seen',
    );
    const problems = layeringViolations(imports);
    assert.deepEqual(problems, [], `layering broken (see docs/ARCHITECTURE.md#layering):\n${problems.join('\n')}`);
  });
});
