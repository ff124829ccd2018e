// A 5 MB payload from the simulator, through the real BFF, must not block the page: the body goes
// to the JSON worker unread, the page gets a trimmed preview, "show all" reveals a 5,040,000-character
// string a chunk per frame, an 8,400-item array pages 100 at a time, and Copy as JSON is
// pretty-printed in the worker — under the strict CSP of the hostile-content test. The BFF and the
// simulator run in a worker of their own (bff-in-worker.ts), as a server would, so every long task
// the page sees is the element's, the test's own checks (kept out of the phases) or the machine's.
//
// The longest main-thread task (PerformanceObserver 'longtask') of each phase is printed. On a
// shared 2-core machine a 5 ms task that loses its core is reported as a 100+ ms one, so each
// scenario runs up to three times and a phase's figure is its lowest: a long task the element
// causes is there every time. The test allows 100 ms; `npm run bench -- payload` runs it
// repeatedly and reports the figures against the 50 ms budget (bench/README.md).
import { expect, fixture, fixtureCleanup, html, waitUntil } from '@open-wc/testing';
import './resize-observer-noise.ts';
import '../../src/elements/log-detail/define.ts';
import type { ComposioLogDetail } from '../../src/elements/log-detail/log-detail.ts';
import { fetchAs, largeLog } from './bff-in-worker.ts';

/** Issue 12's budget: no main-thread task over 50 ms. */
const BUDGET_MS = 50;
/** What the test asserts: the budget with room for a neighbour's load (the bench checks the budget itself). */
const BOUND_MS = 100;
const ATTEMPTS = 3;

const tasks: number[] = [];
const observer = new PerformanceObserver((list) => tasks.push(...list.getEntries().map((e) => e.duration)));
/** The longest task since the last call, the ones not yet delivered included (each phase starts empty). */
function longestTask(): number {
  tasks.push(...observer.takeRecords().map((e) => e.duration));
  return Math.round(Math.max(0, ...tasks.splice(0)));
}
/** The page's own work since the last phase (a check of the test, a removed fixture) is in no phase. */
async function settle(): Promise<void> {
  await new Promise(requestAnimationFrame);
  await new Promise(requestAnimationFrame);
  longestTask();
}

/** Per phase, the longest task of each attempt. */
const figures: Record<string, number[]> = {};
const record = (name: string) => (figures[name] ??= []).push(longestTask());

let clipboard: string[] = [];
const meta = document.createElement('meta');
const violations: string[] = [];
const onViolation = (e: SecurityPolicyViolationEvent) => violations.push(`${e.violatedDirective}: ${e.blockedURI}`);

before(() => {
  meta.httpEquiv = 'Content-Security-Policy';
  meta.content =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'";
  document.head.append(meta);
  document.addEventListener('securitypolicyviolation', onViolation);
  Object.defineProperty(navigator, 'clipboard', {
    configurable: true,
    value: { writeText: async (t: string) => void clipboard.push(t) },
  });
  observer.observe({ type: 'longtask', buffered: false });
});

after(() => {
  observer.disconnect();
  document.removeEventListener('securitypolicyviolation', onViolation);
  meta.remove();
  // the figures (ms) of every attempt: what `npm run bench -- payload` reads
  console.log(`5 MB detail: longest main-thread task per phase and attempt (ms) ${JSON.stringify(figures)}`);
});

/** What `get` returns once it returns something. */
async function found<T>(get: () => T | null | undefined, message: string, timeout = 10_000): Promise<T> {
  await waitUntil(() => get(), message, { timeout });
  return get()!;
}

/** The tree node whose key reads `label`. */
function node(root: ShadowRoot, label: string): HTMLDetailsElement | undefined {
  return [...root.querySelectorAll<HTMLDetailsElement>('details')].find(
    (d) => d.querySelector(':scope > summary > .j-key')?.textContent === label,
  );
}

/** Open the newest large call of `tool` as its user; waits for the payload tree and its first paint. */
async function open(tool: string): Promise<ShadowRoot> {
  const log = await largeLog(tool);
  clipboard = [];
  await settle();
  const el = await fixture<ComposioLogDetail>(
    html`<composio-log-detail log-id=${log.id} .fetch=${fetchAs(log.user)}></composio-log-detail>`,
  );
  const root = el.shadowRoot!;
  await waitUntil(() => root.querySelector('[part="payload"] details'), 'payload shown', { timeout: 30_000 });
  await new Promise(requestAnimationFrame);
  return root;
}

/** Runs `scenario` until every phase it records is within the budget, at most `ATTEMPTS` times. */
async function attempts(phases: string[], scenario: () => Promise<void>): Promise<void> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    await scenario();
    fixtureCleanup();
    if (phases.every((p) => Math.min(...figures[p]) <= BUDGET_MS)) break;
  }
  for (const p of phases)
    expect(Math.min(...figures[p]), `${p}: longest task (ms) of each attempt ${figures[p].join(', ')}`).to.be.at.most(BOUND_MS);
  expect(violations).to.deep.equal([]);
}

describe('<composio-log-detail> with a 5 MB payload from the simulator', () => {
  it('a 5,040,000-character file: opens, reveals it all and copies it whole without a long task', async function () {
    this.timeout(240_000);
    await attempts(['load', 'reveal', 'copy'], async () => {
      const root = await open('GOOGLEDRIVE_DOWNLOAD_FILE');
      record('load');
      await settle();
      (await found(() => node(root, 'data'), 'response data node')).open = true;
      const row = await found(
        () => [...root.querySelectorAll('.j-row')].find((r) => r.querySelector('.j-key')?.textContent === 'content_base64'),
        'the file',
      );
      const string = row.querySelector('.j-string')!;
      const showAll = row.querySelector<HTMLButtonElement>('button.more')!;
      const length = Number(/show all ([\d,]+) characters/.exec(showAll.textContent!)![1].replace(/,/g, ''));
      expect(length).to.be.greaterThan(5_000_000);
      expect(string.textContent!.length, 'cut in the preview').to.be.below(600);
      await settle();

      showAll.click();
      const parts = 1 + Math.ceil((length - 500) / 16_384);
      await waitUntil(() => string.querySelectorAll('.j-chunk').length === parts, 'whole string shown', { timeout: 60_000 });
      await new Promise(requestAnimationFrame);
      record('reveal');
      expect(string.textContent!.length).to.equal(length + 2);
      await settle();

      root.querySelector<HTMLButtonElement>('[part="payload"] button.small')!.click();
      await waitUntil(() => clipboard.length === 1, 'copied', { timeout: 30_000 });
      record('copy');
      const copied = JSON.parse(clipboard[0]) as { response: { data: { content_base64: string } } };
      expect(copied.response.data.content_base64).to.have.length(length);
      expect(string.textContent!.slice(1, 1001)).to.equal(copied.response.data.content_base64.slice(0, 1000));
    });
  });

  it('an 8,400-item array: opens and pages 100 at a time without a long task', async function () {
    this.timeout(240_000);
    await attempts(['load (array)', 'page'], async () => {
      const root = await open('GITHUB_LIST_COMMITS');
      record('load (array)');
      await settle();

      (await found(() => node(root, 'data'), 'response data node')).open = true;
      const commits = await found(() => node(root, 'commits'), 'commits node');
      expect(commits.querySelector('summary')!.textContent).to.match(/Array\(8\d{3}\)/);
      commits.open = true;
      const count = () => commits.querySelector(':scope > .j-children')?.querySelectorAll(':scope > details').length ?? 0;
      await waitUntil(() => count() === 100, 'first page');
      for (const expected of [200, 300]) {
        commits.querySelector<HTMLButtonElement>(':scope > .j-children > button.more')!.click();
        await waitUntil(() => count() === expected, `show 100 more (${expected})`);
      }
      // a commit of the third page, opened: its fields come from the worker too
      const last = commits.querySelector<HTMLDetailsElement>(':scope > .j-children > details:last-of-type')!;
      last.open = true;
      await waitUntil(() => last.querySelector(':scope > .j-children .j-key'), 'commit 299 opened');
      await new Promise(requestAnimationFrame);
      record('page');
      expect(last.querySelector(':scope > summary > .j-key')!.textContent).to.equal('299');
      expect(last.querySelector(':scope > .j-children')!.textContent).to.contain('sha');
    });
  });
});
