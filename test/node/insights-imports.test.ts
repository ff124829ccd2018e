/**
 * `<composio-usage-insights>` must not load Chart.js: its whole static module graph, followed from
 * define.ts through every relative import, names neither chart.js nor the chart's folder.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, it } from 'node:test';

const ROOT = join(import.meta.dirname, '../../src');
const IMPORT = /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|import\s+['"]([^'"]+)['"]/g;

function graph(entry: string): { files: string[]; packages: string[] } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    for (const m of readFileSync(file, 'utf8').matchAll(IMPORT)) {
      const specifier = m[1] ?? m[2] ?? m[3];
      if (specifier.startsWith('.')) visit(join(dirname(file), specifier));
      else packages.add(specifier);
    }
  };
  visit(join(ROOT, entry));
  return { files: [...files].map((f) => relative(ROOT, f)), packages: [...packages] };
}

describe('usage-insights module graph', () => {
  it('reaches no chart.js and nothing of the chart', () => {
    const { files, packages } = graph('elements/usage-insights/define.ts');
    assert.ok(files.includes('elements/usage-insights/usage-insights.ts'), files.join()); // the walk works
    assert.ok(packages.includes('lit'));
    assert.deepEqual(
      packages.filter((p) => p.startsWith('chart.js')),
      [],
    );
    assert.deepEqual(
      files.filter((f) => f.startsWith('elements/usage-chart/')),
      [],
    );
  });

  it('the same walk does find chart.js behind the chart (so the test can fail)', () => {
    const { packages } = graph('elements/usage-chart/define.ts');
    assert.ok(
      packages.some((p) => p.startsWith('chart.js')),
      packages.join(),
    );
  });
});
