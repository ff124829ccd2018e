/**
 * No file in src/ is over 400 lines (the house rule; issue 14's "Done when"): a file that grows past
 * it is split by concern, not squeezed. Lines are counted as `wc -l` counts them.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), '../../src');
export const MAX_LINES = 400;

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? files(path) : [path];
  });
}

/** `wc -l`: the number of newline characters. */
export const lineCount = (text: string) => text.split('\n').length - 1;

/** One line per file over the limit: `path: N lines`. */
export function oversized(sources: readonly { path: string; text: string }[], max = MAX_LINES): string[] {
  return sources.filter(({ text }) => lineCount(text) > max).map(({ path, text }) => `${path}: ${lineCount(text)} lines`);
}

describe('source size', () => {
  it('counts lines as wc -l, and names each file over the limit (the check can fail)', () => {
    assert.equal(lineCount('a\nb\n'), 2);
    assert.equal(lineCount('a\nb'), 1);
    const at = { path: 'at.ts', text: 'x\n'.repeat(MAX_LINES) };
    const over = { path: 'over.ts', text: 'x\n'.repeat(MAX_LINES + 1) };
    assert.deepEqual(oversized([at, over]), [`over.ts: ${MAX_LINES + 1} lines`]);
  });

  it(`no file in src/ is over ${MAX_LINES} lines`, () => {
    const sources = files(SRC).map((path) => ({ path: relative(SRC, path), text: readFileSync(path, 'utf8') }));
    assert.ok(sources.length > 100, `only ${sources.length} files found under src/`);
    assert.deepEqual(oversized(sources), [], 'split these by concern rather than squeeze them');
  });
});
