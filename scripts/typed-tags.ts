/**
 * Typed tags for every host, generated from custom-elements.json (`npm run build` runs this after
 * tsc has written dist/types), by the custom-element-*-integration generators where they work:
 * - dist/types/jsx.d.ts — `CustomElements` for JSX (React 19, Preact, Solid …): extend `JSX.IntrinsicElements`
 * - dist/types/vue.d.ts — augments Vue's `GlobalComponents` (./host-types.ts: vue-tsc, see there why)
 * - dist/types/svelte.d.ts — augments Svelte 5's `SvelteHTMLElements` (./host-types.ts: svelte-check)
 * - dist/web-types.json — JetBrains IDEs (package.json "web-types")
 * - dist/vscode.html-custom-data.json, dist/vscode.css-custom-data.json — VS Code custom data
 * Property types index into the element classes' own .d.ts (`ComposioUsageChart["range"]`), so a
 * closed value set (`range`, `metric`, …) is a string-literal union in every host.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { generateJetBrainsWebTypes } from 'custom-element-jet-brains-integration';
import { generateJsxTypes } from 'custom-element-jsx-integration';
import { generateVsCodeCustomElementData } from 'custom-element-vs-code-integration';
import { svelteTypes, vueTypes, type ElementsManifest } from './host-types.ts';

export interface TypedTagsOptions {
  /** Where the .d.ts files go. */
  typesDir: string;
  /** Where the JSON files (web-types, VS Code data) go; omit to skip them. */
  dataDir?: string;
  /** The module (relative to typesDir, with extension) that declares the element class of `tag`. */
  classModule: (tag: string) => string;
  /** The module (relative to typesDir) that exports the event detail types. */
  eventTypesModule: string;
}

/** The event detail types the manifest names: exported by the package's main entry. */
function detailTypes(manifest: { modules: { declarations?: { events?: { type?: { text: string } }[] }[] }[] }): string[] {
  const names = manifest.modules.flatMap((m) => m.declarations ?? []).flatMap((d) => (d.events ?? []).map((e) => e.type?.text ?? ''));
  return [...new Set(names.filter((n) => /^[A-Z]\w*$/.test(n)))].sort();
}

export function generateTypedTags(manifest: Parameters<typeof generateJsxTypes>[0], options: TypedTagsOptions): void {
  const { typesDir, dataDir, classModule, eventTypesModule } = options;
  const common = { hideLogs: true, componentTypePath: (_name: string, tag?: string) => classModule(tag!) };
  generateJsxTypes(manifest, { ...common, outdir: typesDir, fileName: 'jsx.d.ts' });
  const hosts = { classModule, eventTypesModule };
  writeFileSync(join(typesDir, 'vue.d.ts'), vueTypes(manifest as ElementsManifest, hosts));
  writeFileSync(join(typesDir, 'svelte.d.ts'), svelteTypes(manifest as ElementsManifest, hosts));
  // the JSX generator names the event detail types without importing them
  const path = join(typesDir, 'jsx.d.ts');
  const jsx = readFileSync(path, 'utf8').replace(
    /import type \{\s*(\w+)[^}]*\} from ("[^"]+");/g,
    (_all, klass: string, from: string) => `import type { ${klass} } from ${from};`,
  );
  writeFileSync(path, `import type { ${detailTypes(manifest as never).join(', ')} } from '${eventTypesModule}';\n${jsx}`);
  if (dataDir) {
    generateJetBrainsWebTypes(manifest, { outdir: dataDir, webTypesFileName: 'web-types.json', packageJson: false, hideLogs: true });
    generateVsCodeCustomElementData(manifest, {
      outdir: dataDir,
      htmlFileName: 'vscode.html-custom-data.json',
      cssFileName: 'vscode.css-custom-data.json',
      hideLogs: true,
    });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const manifest = JSON.parse(readFileSync('custom-elements.json', 'utf8'));
  const typesDir = 'dist/types';
  generateTypedTags(manifest, {
    typesDir,
    dataDir: 'dist',
    classModule: (tag) => `./${relative(typesDir, `dist/types/elements/${tag.replace(/^composio-/, '')}/define.js`)}`,
    eventTypesModule: './index.js',
  });
}
