import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { it } from 'node:test';

it('custom-elements.json is current (npm run manifest regenerates it)', () => {
  // the analyzer resolves --outdir against the working directory
  mkdirSync('.tmp', { recursive: true });
  const out = mkdtempSync(join('.tmp', 'cem-'));
  const packageJson = readFileSync('package.json', 'utf8');
  execFileSync('npx', ['cem', 'analyze', '--outdir', out], { stdio: 'ignore' });
  assert.equal(readFileSync('package.json', 'utf8'), packageJson, 'the analyzer leaves package.json alone');
  const fresh = JSON.parse(readFileSync(join(out, 'custom-elements.json'), 'utf8'));
  rmSync(out, { recursive: true, force: true });
  const committed = JSON.parse(readFileSync('custom-elements.json', 'utf8'));
  assert.deepEqual(committed, fresh, 'run `npm run manifest` and commit custom-elements.json');
  const chart = fresh.modules
    .flatMap((m: { declarations?: { tagName?: string }[] }) => m.declarations ?? [])
    .find((d: { tagName?: string }) => d.tagName === 'composio-usage-chart');
  assert.ok(chart, 'the usage chart is in the manifest');
});
