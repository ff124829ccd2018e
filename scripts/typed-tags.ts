/**
 * Typed tags for every host, generated from custom-elements.json by the custom-element-*-integration
 * generators (`npm run build` runs this after tsc has written dist/types):
 * - dist/types/jsx.d.ts — `CustomElements` for JSX (React 19, Preact, Solid …): extend `JSX.IntrinsicElements`
 * - dist/types/vue.d.ts — augments Vue's `GlobalComponents`
 * - dist/types/svelte.d.ts — augments `svelteHTML.IntrinsicElements`
 * - dist/web-types.json — JetBrains IDEs (package.json "web-types")
 * - dist/vscode.html-custom-data.json, dist/vscode.css-custom-data.json — VS Code custom data
 * Property types index into the element classes' own .d.ts (`ComposioUsageChart["range"]`), so a
 * closed value set (`range`, `metric`, …) is a string-literal union in every host.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { generateJetBrainsWebTypes } from 'custom-element-jet-brains-integration';
import { generateJsxTypes } from 'custom-element-jsx-integration';
import { generateSvelteTypes } from 'custom-element-svelte-integration';
import { generateVsCodeCustomElementData } from 'custom-element-vs-code-integration';
import { generateVuejsTypes } from 'custom-element-vuejs-integration';

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
  generateVuejsTypes(manifest, { ...common, outdir: typesDir, fileName: 'vue.d.ts' });
  generateSvelteTypes(manifest, { ...common, outdir: typesDir, fileName: 'svelte.d.ts' });
  // the generators name the event detail types without importing them
  const details = detailTypes(manifest as never);
  for (const file of ['jsx.d.ts', 'vue.d.ts', 'svelte.d.ts']) {
    const path = join(typesDir, file);
    // (the Vue and Svelte generators import them from the class's module, once per element, which
    // both fails — define.js does not export them — and repeats names: keep only the class there)
    const text = readFileSync(path, 'utf8').replace(
      /import type \{\s*(\w+)[^}]*\} from ("[^"]+");/g,
      (_all, klass: string, from: string) => `import type { ${klass} } from ${from};`,
    );
    writeFileSync(path, `import type { ${details.join(', ')} } from '${eventTypesModule}';\n${text}`);
  }
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
