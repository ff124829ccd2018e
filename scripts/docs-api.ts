/**
 * `npm run docs:api` (also the tail of `npm run manifest`): writes each element's API tables —
 * attributes/properties, events, CSS parts, CSS custom properties — into README.md between
 * `<!-- api:<tag> -->` and `<!-- /api -->`, from custom-elements.json. The element classes' JSDoc
 * is the one source; test/node/readme-api.test.ts fails when README and manifest disagree.
 */
import { readFileSync, writeFileSync } from 'node:fs';

interface Described {
  name: string;
  description?: string;
}
interface Member extends Described {
  kind: string;
  attribute?: string;
  type?: { text: string };
  default?: string;
  privacy?: string;
  static?: boolean;
  readonly?: boolean;
}
interface Element extends Described {
  tagName?: string;
  members?: Member[];
  events?: (Described & { type?: { text: string } })[];
  cssParts?: Described[];
  cssProperties?: (Described & { default?: string })[];
}
interface Manifest {
  modules: { declarations?: Element[] }[];
}

const cell = (text = '') =>
  text
    .replace(/\|/g, '\\|')
    .replace(/\s*\n\s*/g, ' ')
    .trim();
const code = (text?: string) => (text ? `\`${text.replace(/\|/g, '\\|')}\`` : '');

export function elements(manifest: Manifest): Element[] {
  return manifest.modules.flatMap((m) => m.declarations ?? []).filter((d) => d.tagName);
}

/** The markdown between an element's markers. */
export function apiTables(element: Element): string {
  const out: string[] = [];
  const fields = (element.members ?? []).filter((m) => m.kind === 'field' && !m.privacy && !m.static && !m.name.startsWith('_'));
  out.push('| attribute | property | type | default | meaning |', '|---|---|---|---|---|');
  for (const f of fields)
    out.push(
      `| ${code(f.attribute)} | ${code(f.name)}${f.readonly ? ' (read-only)' : ''} | ${code(f.type?.text)} | ${code(f.default)} | ${cell(f.description)} |`,
    );
  if (element.events?.length) {
    out.push('', '| event | detail | meaning |', '|---|---|---|');
    for (const e of element.events) out.push(`| ${code(e.name)} | ${code(e.type?.text)} | ${cell(e.description)} |`);
  }
  if (element.cssParts?.length) {
    out.push('', '| CSS part | meaning |', '|---|---|');
    for (const p of element.cssParts) out.push(`| ${code(p.name)} | ${cell(p.description)} |`);
  }
  if (element.cssProperties?.length) {
    out.push('', '| CSS custom property | meaning |', '|---|---|');
    for (const p of element.cssProperties) out.push(`| ${code(p.name)} | ${cell(p.description)} |`);
  }
  return out.join('\n');
}

/** README with every element's marked block regenerated; throws when an element has no markers. */
export function renderReadme(readme: string, manifest: Manifest): string {
  let result = readme;
  for (const element of elements(manifest)) {
    const open = `<!-- api:${element.tagName} -->`;
    const start = result.indexOf(open);
    const end = result.indexOf('<!-- /api -->', start);
    if (start < 0 || end < 0) throw new Error(`README.md has no ${open} … <!-- /api --> block`);
    result = `${result.slice(0, start + open.length)}\n\n${apiTables(element)}\n\n${result.slice(end)}`;
  }
  return result;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const manifest = JSON.parse(readFileSync('custom-elements.json', 'utf8')) as Manifest;
  writeFileSync('README.md', renderReadme(readFileSync('README.md', 'utf8'), manifest));
}
