import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import ts from 'typescript';
import { generateTypedTags } from '../../scripts/typed-tags.ts';

// The typed-tag files are generated from the manifest (as `npm run build` does into dist/types), here
// pointing at the element sources, then small host files are type-checked against them with tsc.
let dir: string;

/** Type-checks host files together (one program: tsc is slow to start) → diagnostics per file. */
function typecheck(files: Record<string, string>): Map<string, string[]> {
  for (const [name, source] of Object.entries(files)) writeFileSync(join(dir, name), source);
  const program = ts.createProgram(
    Object.keys(files).map((name) => join(dir, name)),
    {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      lib: ['lib.es2022.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'],
      types: [],
      strict: true,
      noEmit: true,
      skipLibCheck: true,
      allowImportingTsExtensions: true,
      experimentalDecorators: true,
      useDefineForClassFields: false,
      jsx: ts.JsxEmit.ReactJSX,
    },
  );
  const out = new Map<string, string[]>(Object.keys(files).map((name) => [name, []]));
  for (const d of ts.getPreEmitDiagnostics(program)) {
    const name = d.file ? d.file.fileName.split('/').at(-1)! : '(global)';
    const line = d.file ? d.file.getLineAndCharacterOfPosition(d.start!).line + 1 : 0;
    if (!out.has(name)) out.set(name, []);
    out.get(name)!.push(`${line}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
  }
  return out;
}

const host = (tsx: string) => `import type { CustomElements } from './jsx.d.ts';
declare module 'react' {
  namespace JSX {
    interface IntrinsicElements extends CustomElements {}
  }
}
export const page = (${tsx});
`;

describe('typed tags generated from the manifest', () => {
  before(() => {
    mkdirSync('.tmp', { recursive: true });
    dir = mkdtempSync(join('.tmp', 'typed-'));
    const manifest = JSON.parse(readFileSync('custom-elements.json', 'utf8'));
    generateTypedTags(manifest, {
      typesDir: dir,
      dataDir: dir,
      classModule: (tag) => `../../src/elements/${tag.replace(/^composio-/, '')}/define.ts`,
      eventTypesModule: '../../src/index.ts',
    });
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('JSX: known values and typed event handlers compile; an unknown range, metric or attribute does not', () => {
    const bad = [
      '<composio-usage-chart range="45d" />',
      '<composio-usage-chart metric="calls" />',
      '<composio-log-table range="90d" />',
      '<composio-usage-chart rnage="30d" />',
    ];
    const result = typecheck({
      'ok.tsx': host(`<>
        <composio-usage-chart range="30d" metric="sessions" group-by="toolkit_slug" interval="day" type="area" theme="dark"
          oncomposio-range-select={(e) => e.detail.from.toFixed()} />
        <composio-log-table range="1h" page-size={20} />
      </>`),
      // one element per line (lines 8–11): each must be an error on its own line
      'bad.tsx': host(`<>\n${bad.join('\n')}\n</>`),
    });
    assert.deepEqual(result.get('ok.tsx'), [], 'ok.tsx compiles');
    const errors = result.get('bad.tsx')!;
    bad.forEach((tsx, i) =>
      assert.ok(
        errors.some((e) => e.startsWith(`${8 + i}:`)),
        `${tsx} must not compile: ${errors.join(' / ')}`,
      ),
    );
    assert.match(errors.join('\n'), /"45d"/);
    assert.equal([...result.keys()].filter((k) => k !== 'ok.tsx' && k !== 'bad.tsx').length, 0, [...result.entries()].join('\n'));
  });

  it("Vue: GlobalComponents carry the elements' props; an unknown range does not compile", () => {
    // (vue is a devDependency here; svelte.d.ts needs svelte's JSX types, which are not installed)
    const result = typecheck({
      'vue-host.ts': `import './vue.d.ts';
import type { GlobalComponents } from 'vue';
type ChartProps = InstanceType<GlobalComponents['composio-usage-chart']>['$props'];
export const ok: ChartProps = { range: '30d', groupBy: 'tool_slug', 'aria-label': 'usage' };
export const bad: ChartProps = { range: '45d' };
`,
    });
    const errors = result.get('vue-host.ts')!;
    assert.equal(errors.length, 1, errors.join(' / '));
    assert.match(errors[0], /^5: .*"45d"/);
    assert.match(readFileSync(join(dir, 'svelte.d.ts'), 'utf8'), /"composio-usage-chart"/);
  });

  it('IDE data: JetBrains web-types and VS Code custom data name every element, its closed values, tokens and parts', () => {
    const tags = ['composio-usage-chart', 'composio-usage-insights', 'composio-log-table', 'composio-log-detail'];
    const webTypes = JSON.parse(readFileSync(join(dir, 'web-types.json'), 'utf8'));
    const elements: { name: string; attributes: { name: string; value?: { type?: string } }[] }[] = webTypes.contributions.html.elements;
    assert.deepEqual(elements.map((e) => e.name).sort(), [...tags].sort());
    const range = elements.find((e) => e.name === 'composio-usage-chart')!.attributes.find((a) => a.name === 'range')!;
    assert.equal(range.value?.type, "'24h' | '7d' | '30d' | '90d'");
    const html: { tags: { name: string; attributes: { name: string; values?: { name: string }[] }[] }[] } = JSON.parse(
      readFileSync(join(dir, 'vscode.html-custom-data.json'), 'utf8'),
    );
    assert.deepEqual(html.tags.map((t) => t.name).sort(), [...tags].sort());
    const values = html.tags.find((t) => t.name === 'composio-usage-insights')!.attributes.find((a) => a.name === 'group-by')!.values;
    assert.deepEqual(values?.map((v) => v.name).sort(), ['connected_account_id', 'tool_slug', 'toolkit_slug', 'user_id']);
    const css = JSON.parse(readFileSync(join(dir, 'vscode.css-custom-data.json'), 'utf8')) as {
      properties: { name: string }[];
      pseudoElements: { name: string }[];
    };
    assert.ok(css.properties.some((p) => p.name === '--composio-warning'));
    assert.ok(css.pseudoElements.some((p) => p.name.includes('payload')));
  });
});
