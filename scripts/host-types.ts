/**
 * Typed tags for Vue 3 and Svelte 5 from custom-elements.json, each the way its framework documents
 * for custom elements (scripts/typed-tags.ts writes them to dist/types/vue.d.ts and svelte.d.ts):
 * - Vue: `GlobalComponents` entries built with the `DefineCustomElement` type of Vue's guide
 *   ("Web Components and TypeScript"): Vue's `HTMLAttributes` (class, style, aria-*) plus the
 *   element's properties, and its events for `@composio-…` handlers;
 * - Svelte: an augmentation of `SvelteHTMLElements` in `svelte/elements`: Svelte's `HTMLAttributes`
 *   plus the element's attributes, settable properties and `on…` event attributes.
 * Property types index into the element classes' own .d.ts (`ComposioUsageChart["range"]`), so a
 * closed value set is a string-literal union.
 *
 * Not the custom-element-vuejs/svelte-integration generators: with vue-tsc's `checkUnknownProps`
 * the Vue one rejects valid `aria-label` and `:page-size`; the Svelte one declares `svelteHTML`
 * inside a module, where it augments nothing (svelte-check then accepts `range="45d" bogus`).
 */

interface Described {
  name: string;
  description?: string;
}
interface ManifestDeclaration extends Described {
  tagName?: string;
  customElement?: boolean;
  attributes?: (Described & { fieldName?: string })[];
  members?: (Described & { kind: string; attribute?: string; privacy?: string; static?: boolean; readonly?: boolean })[];
  events?: (Described & { type?: { text: string } })[];
}
export interface ElementsManifest {
  modules: { declarations?: ManifestDeclaration[] }[];
}

export interface HostTypesOptions {
  /** The module (relative to the output file, with extension) that declares the class of `tag`. */
  classModule: (tag: string) => string;
  /** The module that exports the event detail types. */
  eventTypesModule: string;
}

const doc = (text: string | undefined, indent: string) =>
  text ? `${indent}/** ${text.replace(/\*\//g, '*\\/').replace(/\n\s*/g, `\n${indent} * `)} */\n` : '';
const key = (name: string) => (/^[A-Za-z_$][\w$]*$/.test(name) ? name : JSON.stringify(name));
const camel = (name: string) => name.replace(/-([a-z])/g, (_all, letter: string) => letter.toUpperCase());

const elementsOf = (manifest: ElementsManifest) =>
  manifest.modules.flatMap((m) => m.declarations ?? []).filter((d) => d.customElement && d.tagName);

/** Public fields a host may set (readonly ones such as the chart instance are left out). */
const settable = (element: ManifestDeclaration) =>
  (element.members ?? []).filter((m) => m.kind === 'field' && !m.privacy && !m.static && !m.readonly && !m.name.startsWith('_'));

/** An event's detail type when the manifest names one (`RangeSelectDetail`), else `unknown`. */
const detailOf = (event: { type?: { text: string } }) =>
  event.type?.text && /^[A-Z]\w*$/.test(event.type.text) ? event.type.text : 'unknown';

function imports(elements: ManifestDeclaration[], options: HostTypesOptions, first: string): string {
  const details = [...new Set(elements.flatMap((e) => (e.events ?? []).map(detailOf)))].filter((d) => d !== 'unknown').sort();
  return [
    first,
    `import type { ${details.join(', ')} } from '${options.eventTypesModule}';`,
    ...elements.map((e) => `import type { ${e.name} } from '${options.classModule(e.tagName!)}';`),
  ].join('\n');
}

/** The text of `vue.d.ts`. */
export function vueTypes(manifest: ElementsManifest, options: HostTypesOptions): string {
  const elements = elementsOf(manifest);
  const blocks: string[] = [];
  const tags: string[] = [];
  for (const element of elements) {
    const klass = element.name;
    const props: string[] = [];
    for (const member of settable(element)) {
      props.push(`${doc(member.description, '  ')}  ${key(member.name)}?: ${klass}[${JSON.stringify(member.name)}];`);
      // vue-tsc camelizes `group-by` to `groupBy`; an attribute named otherwise needs its own key
      if (member.attribute && camel(member.attribute) !== member.name)
        props.push(`  ${key(member.attribute)}?: ${klass}[${JSON.stringify(member.name)}];`);
    }
    const events = (element.events ?? []).map(
      (e) => `${doc(e.description, '  ')}  ${JSON.stringify(e.name)}: CustomEvent<${detailOf(e)}>;`,
    );
    blocks.push(`export type ${klass}Props = {\n${props.join('\n')}\n};\nexport type ${klass}Events = {\n${events.join('\n')}\n};`);
    tags.push(
      `${doc(`\`<${element.tagName}>\`: ${element.description ?? ''}`, '    ')}    ${JSON.stringify(element.tagName)}: DefineCustomElement<${klass}, ${klass}Props, ${klass}Events>;`,
    );
  }
  return `// Generated from custom-elements.json by scripts/typed-tags.ts: typed tags for Vue 3 (vue-tsc, Volar).
// Use: "types": ["composio-widgets/vue"] in tsconfig.json (or import type {} from 'composio-widgets/vue');
// add "vueCompilerOptions": { "checkUnknownProps": true } for unknown attributes to be errors.
${imports(elements, options, `import type { EmitFn, HTMLAttributes, PublicProps } from 'vue';`)}

/** A custom element as a Vue component type, for templates only (Vue's guide, "Web Components and TypeScript"). */
type DefineCustomElement<Element extends HTMLElement, Props, Events extends Record<string, Event>> = new () => Element & {
  /** @deprecated Template prop types only: not a property of the element. */
  $props: HTMLAttributes & Partial<Props> & PublicProps;
  /** @deprecated Template event types only: not a method of the element. */
  $emit: EmitFn<{ [K in keyof Events]: (event: Events[K]) => void }>;
};

${blocks.join('\n\n')}

declare module 'vue' {
  interface GlobalComponents {
${tags.join('\n')}
  }
}
`;
}

/** The text of `svelte.d.ts`. */
export function svelteTypes(manifest: ElementsManifest, options: HostTypesOptions): string {
  const elements = elementsOf(manifest);
  const blocks: string[] = [];
  const tags: string[] = [];
  for (const element of elements) {
    const klass = element.name;
    const lines: string[] = [];
    for (const attribute of element.attributes ?? []) {
      const type = attribute.fieldName ? `${klass}[${JSON.stringify(attribute.fieldName)}]` : 'string';
      lines.push(`${doc(attribute.description, '  ')}  ${key(attribute.name)}?: ${type};`);
    }
    // properties with no attribute (functions, objects): Svelte sets them as properties
    for (const member of settable(element).filter((m) => !m.attribute))
      lines.push(`${doc(member.description, '  ')}  ${key(member.name)}?: ${klass}[${JSON.stringify(member.name)}];`);
    for (const event of element.events ?? []) {
      const handler = `(event: CustomEvent<${detailOf(event)}>) => void`;
      // Svelte 5 event attributes, and the `on:` directive of components in legacy mode
      lines.push(`${doc(event.description, '  ')}  ${key(`on${event.name}`)}?: ${handler};`);
      lines.push(`  ${key(`on:${event.name}`)}?: ${handler};`);
    }
    blocks.push(
      `${doc(`\`<${element.tagName}>\`: ${element.description ?? ''}`, '')}export type ${klass}Attributes = HTMLAttributes<${klass}> & {\n${lines.join('\n')}\n};`,
    );
    tags.push(`    ${JSON.stringify(element.tagName)}: ${klass}Attributes;`);
  }
  return `// Generated from custom-elements.json by scripts/typed-tags.ts: typed tags for Svelte 5 (svelte-check).
// Use: /// <reference types="composio-widgets/svelte" /> in src/app.d.ts (or "types" in tsconfig.json).
${imports(elements, options, `import type { HTMLAttributes } from 'svelte/elements';`)}

${blocks.join('\n\n')}

declare module 'svelte/elements' {
  interface SvelteHTMLElements {
${tags.join('\n')}
  }
}
`;
}
