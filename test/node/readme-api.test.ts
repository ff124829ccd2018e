import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { describe, it } from 'node:test';
import { elements, renderReadme } from '../../scripts/docs-api.ts';

const manifest = JSON.parse(readFileSync('custom-elements.json', 'utf8'));
const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const vite = readFileSync('vite.config.ts', 'utf8');

describe('custom-elements.json is complete and describes what ships', () => {
  it('is exported and its module paths are package entries that the build writes', () => {
    assert.equal(pkg.exports['./custom-elements.json'], './custom-elements.json');
    assert.equal(pkg.customElements, 'custom-elements.json');
    const shipped = new Set(Object.values(pkg.exports).map((e) => (typeof e === 'string' ? e : (e as { default: string }).default)));
    for (const module of manifest.modules) {
      assert.match(module.path, /^dist\/[\w-]+\.js$/, `${module.path} is a dist file`);
      assert.ok(shipped.has(`./${module.path}`), `${module.path} is a package export`);
      const entry = module.path.slice('dist/'.length, -'.js'.length);
      assert.ok(vite.includes(`'${entry}': 'src/`) || vite.includes(`${entry}: 'src/`), `vite.config.ts builds ${module.path}`);
    }
  });

  it('has a definition for every element, in the module that declares it', () => {
    const tags = elements(manifest).map((e) => e.tagName);
    assert.deepEqual(tags.sort(), ['composio-log-detail', 'composio-log-table', 'composio-usage-chart', 'composio-usage-insights']);
    for (const module of manifest.modules)
      for (const declaration of module.declarations ?? [])
        assert.ok(
          module.exports.some(
            (x: { kind: string; name: string; declaration: { name: string; module: string } }) =>
              x.kind === 'custom-element-definition' &&
              x.name === declaration.tagName &&
              x.declaration.name === declaration.name &&
              x.declaration.module === module.path,
          ),
          `definition of <${declaration.tagName}>`,
        );
  });

  it('documents every --composio-* custom property each element reads, one entry each', () => {
    // theme.ts maps each public token onto a private --_x copy; an element reads the copies its
    // own styles use, plus those of the shared styles
    const theme = readFileSync('src/elements/shared/theme.ts', 'utf8');
    const publicOf = new Map([...theme.matchAll(/(--_[\w-]+): var\((--composio-[\w-]+)/g)].map((m) => [m[1], m[2]]));
    // the element's own modules (a subfolder such as shared/i18n/ holds no styles)
    const sources = (dir: string) => readdirSync(`src/elements/${dir}`).filter((f) => f.endsWith('.ts'));
    const read = (dir: string) => {
      const out = new Set<string>();
      for (const file of sources(dir)) {
        const text = readFileSync(`src/elements/${dir}/${file}`, 'utf8');
        for (const [, name] of text.matchAll(/var\((--_[\w-]+)/g)) if (publicOf.has(name)) out.add(publicOf.get(name)!);
        for (const [, name] of text.matchAll(/var\((--composio-[\w-]+)/g)) if (file !== 'theme.ts') out.add(name);
      }
      // canvas colours are read in script by resolveTheme (shared/theme.ts: read('--_c1') …)
      const usesResolveTheme = sources(dir).some(
        (f) => f !== 'theme.ts' && readFileSync(`src/elements/${dir}/${f}`, 'utf8').includes('resolveTheme('),
      );
      if (usesResolveTheme)
        for (const [, name] of theme.matchAll(/read\(`?'?(--_[\w-]+?)(?:\$\{i\})?['`]\)/g))
          for (const n of name === '--_c' ? [1, 2, 3, 4, 5, 6, 7, 8].map((i) => `--_c${i}`) : [name])
            if (publicOf.has(n)) out.add(publicOf.get(n)!);
      return out;
    };
    const shared = read('shared');
    for (const element of elements(manifest)) {
      const dir = element.tagName!.replace(/^composio-/, '');
      const documented = (element.cssProperties ?? []).map((p) => p.name);
      assert.equal(new Set(documented).size, documented.length, `${element.tagName}: no duplicates`);
      for (const name of new Set([...read(dir), ...shared])) assert.ok(documented.includes(name), `${element.tagName} documents ${name}`);
    }
    const chart = elements(manifest).find((e) => e.tagName === 'composio-usage-chart')!;
    for (let i = 1; i <= 8; i++)
      assert.ok(
        chart.cssProperties!.some((p) => p.name === `--composio-chart-${i}`),
        `--composio-chart-${i}`,
      );
    for (const tag of ['composio-log-table', 'composio-log-detail'])
      assert.ok(
        elements(manifest)
          .find((e) => e.tagName === tag)!
          .cssProperties!.some((p) => p.name === '--composio-warning'),
      );
  });

  it('every documented CSS part is rendered by the element, or re-exported from an element nested in it', () => {
    // what a host's ::part() can reach: part="…" in the element's own templates (and the shared
    // ones), and names a nested element's parts are forwarded under (exportparts="…")
    const sources = (dir: string) =>
      [`src/elements/${dir}`, 'src/elements/shared']
        .flatMap((d) => readdirSync(d).map((f) => `${d}/${f}`))
        .filter((f) => f.endsWith('.ts'))
        .map((f) => readFileSync(f, 'utf8'))
        .join('\n');
    for (const element of elements(manifest)) {
      const text = sources(element.tagName!.replace(/^composio-/, ''));
      const reachable = new Set<string>();
      for (const [, names] of text.matchAll(/\bpart="([^"]*)"/g))
        for (const name of names.replace(/\$\{[^}]*\}/g, ' ').split(/\s+/)) if (name) reachable.add(name);
      for (const [, names] of text.matchAll(/\bexportparts="([^"]*)"/g))
        for (const name of names.split(',')) reachable.add(name.trim().split(':').at(-1)!.trim());
      const unreachable = (element.cssParts ?? []).map((p) => p.name).filter((name) => !reachable.has(name));
      assert.deepEqual(unreachable, [], `${element.tagName}: documented parts no template renders`);
    }
  });

  it('types closed value sets as string-literal unions', () => {
    const chart = elements(manifest).find((e) => e.tagName === 'composio-usage-chart')!;
    const type = (name: string) => chart.members!.find((m) => m.name === name)!.type!.text;
    assert.equal(type('range'), "'24h' | '7d' | '30d' | '90d'");
    for (const name of ['metric', 'view', 'groupBy', 'interval', 'type', 'theme'])
      assert.match(type(name), /^'[^']*'( \| '[^']*')+$/, name);
  });
});

it('README API tables match custom-elements.json (npm run docs:api regenerates them)', () => {
  const readme = readFileSync('README.md', 'utf8');
  assert.ok(existsSync('scripts/docs-api.ts'));
  assert.equal(readme, renderReadme(readme, manifest), 'run `npm run docs:api` and commit README.md');
});
