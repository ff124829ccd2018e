// Finds a Chromium for the browser tests: $CHROMIUM_PATH, Debian's /usr/bin/chromium, or one that
// Playwright installed. `node scripts/find-chromium.mjs --check` prints it, or explains how to
// install one and exits 1 (instead of web-test-runner failing obscurely).
import { existsSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

function playwrightChromiums() {
  const root = process.env.PLAYWRIGHT_BROWSERS_PATH || join(homedir(), '.cache', 'ms-playwright');
  if (!existsSync(root)) return [];
  return readdirSync(root)
    .filter((name) => name.startsWith('chromium-'))
    .sort()
    .reverse()
    .flatMap((name) => [join(root, name, 'chrome-linux', 'chrome'), join(root, name, 'chrome-linux64', 'chrome')]);
}

export function findChromium() {
  const candidates = [
    process.env.CHROMIUM_PATH,
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
    ...playwrightChromiums(),
  ].filter(Boolean);
  return candidates.find((path) => existsSync(path));
}

if (import.meta.url === pathToFileURL(process.argv[1]).href && process.argv.includes('--check')) {
  const found = findChromium();
  if (!found) {
    console.error(
      [
        'No Chromium found for the browser tests.',
        "Install Debian's: sudo apt-get install -y --no-install-recommends chromium",
        'or point CHROMIUM_PATH at a Chromium or Chrome binary.',
      ].join('\n'),
    );
    process.exit(1);
  }
  console.log(`chromium: ${found}`);
}
