// `npm test`: type-check, lint and format check, node:test suites, web-test-runner suites in headless Chromium; then one
// plain closing line "N passed, N failed" over both runners. Exits non-zero if anything failed.
import { spawn } from 'node:child_process';

function run(label, command, args) {
  console.log(`\n::: ${label}`);
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], env: process.env });
    let output = '';
    for (const stream of [child.stdout, child.stderr]) {
      stream.on('data', (chunk) => {
        output += chunk;
        (stream === child.stdout ? process.stdout : process.stderr).write(chunk);
      });
    }
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

const last = (output, pattern) => Number([...output.matchAll(pattern)].at(-1)?.[1] ?? 0);
let passed = 0;
let failed = 0;

const typecheck = await run('typecheck (tsc)', 'npx', ['tsc', '-p', 'tsconfig.json']);
if (typecheck.code !== 0) failed++;
const lint = await run('lint and format (eslint, prettier --check)', 'npm', ['run', '-s', 'lint']);
if (lint.code !== 0) failed++;

const node = await run('node tests (node:test)', 'npm', ['run', '-s', 'test:node']);
const nodePassed = last(node.output, /^(?:# |ℹ )pass (\d+)/gm);
const nodeFailed = last(node.output, /^(?:# |ℹ )fail (\d+)/gm);
passed += nodePassed;
failed += nodeFailed + (node.code !== 0 && nodeFailed === 0 ? 1 : 0);

const browser = await run('browser tests (web-test-runner, Chromium)', 'npm', ['run', '-s', 'test:browser']);
const browserPassed = last(browser.output, /^browser: (\d+) passed/gm);
const browserFailed = last(browser.output, /^browser: \d+ passed, (\d+) failed/gm);
passed += browserPassed;
failed += browserFailed + (browser.code !== 0 && browserFailed === 0 ? 1 : 0);

console.log(
  `\nnode: ${nodePassed} passed, ${nodeFailed} failed · browser: ${browserPassed} passed, ${browserFailed} failed${typecheck.code ? ' · typecheck failed' : ''}${lint.code ? ' · lint failed' : ''}`,
);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
