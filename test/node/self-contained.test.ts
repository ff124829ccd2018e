/**
 * The repository explains itself: every link in its Markdown and every `docs/….md#section` that a
 * source comment cites resolves inside it, and nothing points at notes a reader of the repository
 * does not have (documents outside it, bracket citation tags such as `[C: …]`, `[D]`, `[U]`).
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const SELF = 'test/node/self-contained.test.ts';

/** Tracked text files: what a reader of the repository has. */
function tracked(): string[] {
  return execFileSync('git', ['ls-files'], { cwd: ROOT, encoding: 'utf8' })
    .split('\n')
    .filter((path) => path && /\.(ts|tsx|mts|mjs|js|md|json|html|css|yml|yaml)$|^\.ci\//.test(path) && path !== 'package-lock.json');
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens. */
export const anchorOf = (heading: string) =>
  heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N} _-]/gu, '')
    .replace(/ /g, '-');

function anchors(markdown: string): Set<string> {
  const code = /^```[\s\S]*?^```/gm;
  return new Set([...markdown.replace(code, '').matchAll(/^#{1,6} (.+)$/gm)].map((m) => anchorOf(m[1])));
}

/** Broken references in one file: `[text](relative/path#anchor)` links (Markdown) and `docs/x.md#anchor` citations. */
export function brokenReferences(file: string, text: string, read: (path: string) => string | undefined): string[] {
  const problems: string[] = [];
  const check = (target: string, base: string) => {
    const [path, anchor] = target.split('#');
    const resolved = path ? normalize(join(base, path)) : file;
    const content = read(resolved);
    if (content === undefined) return problems.push(`${file}: ${target} (no such file in the repository)`);
    if (anchor && resolved.endsWith('.md') && !anchors(content).has(anchor)) problems.push(`${file}: ${target} (no such section)`);
  };
  if (file.endsWith('.md')) {
    const prose = text.replace(/^```[\s\S]*?^```/gm, '');
    for (const [, target] of prose.matchAll(/\]\(([^)\s]+)\)/g)) if (!/^[a-z]+:/.test(target)) check(target, dirname(file));
  }
  for (const [target] of text.matchAll(/\bdocs\/[\w.-]+\.md(#[\w-]+)?/g)) check(target, '.');
  return [...new Set(problems)]; // a Markdown link to docs/… is also a citation
}

/** Mentions of notes outside the repository. */
export function outsideNotes(file: string, text: string): string[] {
  const patterns = [/\bDESIGN\.md\b/, /\bFINDINGS\.md\b/, /\[C: [^\]]*\]/, /\[[DU]\]/];
  return text
    .split('\n')
    .flatMap((line, i) => (patterns.some((p) => p.test(line)) ? [`${file}:${i + 1}: ${line.trim().slice(0, 100)}`] : []));
}

describe('self-contained repository', () => {
  it('finds broken links, missing sections and outside notes (the checks can fail)', () => {
    const files: Record<string, string> = { 'docs/a.md': '# Time windows\n', 'README.md': '' };
    const read = (path: string) => files[path];
    assert.deepEqual(
      brokenReferences('README.md', '[a](docs/a.md#time-windows) [b](docs/b.md) [c](docs/a.md#nowhere) [d](https://x.test/y)', read),
      ['README.md: docs/b.md (no such file in the repository)', 'README.md: docs/a.md#nowhere (no such section)'],
    );
    assert.deepEqual(brokenReferences('src/x.ts', '// see docs/a.md#time-windows and docs/a.md#gone', read), [
      'src/x.ts: docs/a.md#gone (no such section)',
    ]);
    assert.equal(anchorOf('Data flow: a chart request'), 'data-flow-a-chart-request');
    assert.equal(outsideNotes('src/x.ts', '// as decided [C: TS-LT, GUIDE-L]\n// fine\n// see the outside DESIGN.md').length, 2);
  });

  it('every link and docs/ citation resolves, and nothing cites notes outside the repository', () => {
    const files = tracked();
    assert.ok(files.includes('docs/ARCHITECTURE.md') && files.length > 100, `${files.length} tracked files`);
    const read = (path: string) => (existsSync(join(ROOT, path)) ? readFileSync(join(ROOT, path), 'utf8') : undefined);
    const problems = files
      .filter((file) => file !== SELF)
      .flatMap((file) => {
        const text = read(file) ?? '';
        return [...brokenReferences(file, text, read), ...outsideNotes(file, text)];
      });
    assert.deepEqual(problems, []);
  });

  it('keeps analyzer output out of the repository (tmp/ is ignored)', () => {
    assert.deepEqual(
      tracked().filter((path) => path.startsWith('tmp/')),
      [],
    );
    assert.match(readFileSync(join(ROOT, '.gitignore'), 'utf8'), /^tmp\/$/m);
  });
});
