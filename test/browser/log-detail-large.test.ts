// Multi-megabyte payloads from the simulator, through the real BFF, must not block the page: the
// body goes to the JSON worker unread, the page gets a trimmed preview, "show all" reveals a
// 5,040,000-character string a chunk per frame, an 8,400-item array pages 100 at a time, Copy as
// JSON is pretty-printed in the worker, and a 50 MB list opens as fast as a 5 MB one — under the
// strict CSP of the hostile-content test. The BFF and the simulator run in a worker of their own
// (bff-in-worker.ts), as a server would, so the page's main thread does only the element's work
// and the test's (kept out of the phases).
//
// Each phase is measured twice: the longest task the page saw (PerformanceObserver 'longtask',
// wall time), and the longest main-thread task of a Chromium trace in CPU time
// (scripts/wtr-trace-plugin.mjs). Both are printed; the test asserts the CPU time against issue
// 12's 50 ms budget, because on a shared 2-core machine a 5 ms task that waits for a core is a
// 100+ ms long task in wall time. `npm run bench -- payload` repeats the test and tabulates both.
//
// The simulator's 5 MB payloads are string-heavy and parse on the main thread in ~1-12 ms, so
// the 5 MB phases alone would not catch the page parsing them again; the 50 MB list does (parsed
// on the main thread it is a ~190 ms task).
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import './resize-observer-noise.ts';
import '../../src/elements/log-detail/define.ts';
import type { ComposioLogDetail } from '../../src/elements/log-detail/log-detail.ts';
import { fetchAs, largeLog } from './bff-in-worker.ts';

/** Issue 12's budget: no main-thread task over 50 ms. */
const BUDGET_MS = 50;

const longTasks: number[] = [];
const observer = new PerformanceObserver((list) => longTasks.push(...list.getEntries().map((e) => e.duration)));

interface Figures {
  /** The longest task of the phase in CPU time (trace). */
  cpuMs: number;
  /** The longest task of the phase in wall time (trace). */
  wallMs: number;
  /** The longest task the page reported (PerformanceObserver 'longtask', only those over 50 ms; else 0). */
  longtaskMs: number;
  /** Main-thread tasks in the phase. */
  tasks: number;
}
const figures: Record<string, Figures> = {};

/** Measures from here to `end()`: a trace, and the long tasks the page reports. */
async function phase(name: string): Promise<{ end(): Promise<void> }> {
  await new Promise(requestAnimationFrame); // what came before is not this phase's
  await executeServerCommand('trace-start');
  longTasks.push(...observer.takeRecords().map((e) => e.duration));
  longTasks.length = 0;
  return {
    async end() {
      longTasks.push(...observer.takeRecords().map((e) => e.duration));
      const longtaskMs = Math.round(Math.max(0, ...longTasks));
      const trace = (await executeServerCommand('trace-stop')) as Omit<Figures, 'longtaskMs'>;
      figures[name] = { ...trace, longtaskMs };
    },
  };
}

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
  // one line per phase (ms): what `npm run bench -- payload` reads
  for (const [name, f] of Object.entries(figures)) console.log(`big payload, ${name}: ${JSON.stringify(f)}`);
});

/** Every phase measured so far within the budget, in CPU time. */
function expectWithinBudget(): void {
  for (const [name, f] of Object.entries(figures)) {
    expect(f.cpuMs, `${name}: longest main-thread task in CPU time (ms); ${JSON.stringify(f)}`).to.be.at.most(BUDGET_MS);
  }
  expect(violations).to.deep.equal([]);
}

/** What `get` returns once it returns something. */
async function found<T>(get: () => T | null | undefined, message: string, timeout = 10_000): Promise<T> {
  await waitUntil(() => get(), message, { timeout });
  return get()!;
}

/** Characters shown in a revealed string's blocks, from its text nodes' lengths: reading 5 MB of textContent would cost the page more than the element does. */
function shownLength(string: Element): number {
  let length = 0;
  for (const block of string.querySelectorAll('.j-chunk'))
    for (const text of block.childNodes) if (text instanceof Text) length += text.length;
  return length;
}

/** The tree node whose key reads `label`. */
function node(root: ShadowRoot, label: string): HTMLDetailsElement | undefined {
  return [...root.querySelectorAll<HTMLDetailsElement>('details')].find(
    (d) => d.querySelector(':scope > summary > .j-key')?.textContent === label,
  );
}

/** Opens the newest large call of `tool` as its user, measured as phase `name` until the tree is painted. */
async function open(tool: string, name: string, scale = 21): Promise<ShadowRoot> {
  const log = await largeLog(tool, scale);
  clipboard = [];
  const measured = await phase(name);
  const el = await fixture<ComposioLogDetail>(
    html`<composio-log-detail log-id=${log.id} .fetch=${fetchAs(log.user, scale)}></composio-log-detail>`,
  );
  const root = el.shadowRoot!;
  await waitUntil(() => root.querySelector('[part="payload"] details'), 'payload shown', { timeout: 30_000 });
  await new Promise(requestAnimationFrame);
  await measured.end();
  return root;
}

describe('<composio-log-detail> with multi-megabyte payloads from the simulator', () => {
  it('a 5,040,000-character file: opens, reveals it all and copies it whole without a long task', async function () {
    this.timeout(120_000);
    const root = await open('GOOGLEDRIVE_DOWNLOAD_FILE', 'load');
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

    const reveal = await phase('reveal');
    showAll.click();
    await waitUntil(() => shownLength(string) === length, 'whole string shown', { timeout: 60_000 });
    await new Promise(requestAnimationFrame);
    await reveal.end();
    expect(string.textContent!.length).to.equal(length + 2);

    const copy = await phase('copy');
    root.querySelector<HTMLButtonElement>('[part="payload"] button.small')!.click();
    await waitUntil(() => clipboard.length === 1, 'copied', { timeout: 30_000 });
    await copy.end();
    const copied = JSON.parse(clipboard[0]) as { response: { data: { content_base64: string } } };
    expect(copied.response.data.content_base64).to.have.length(length);
    expect(string.textContent!.slice(1, 1001)).to.equal(copied.response.data.content_base64.slice(0, 1000));
    expectWithinBudget();
  });

  it('an 8,400-item array: opens and pages 100 at a time without a long task', async function () {
    this.timeout(120_000);
    const root = await open('GITHUB_LIST_COMMITS', 'load (array)');
    const page = await phase('page');
    (await found(() => node(root, 'data'), 'response data node')).open = true;
    const commits = await found(() => node(root, 'commits'), 'commits node');
    expect(commits.querySelector('summary')!.textContent).to.match(/Array\(8\d{3}\)/);
    commits.open = true;
    const count = () => commits.querySelector(':scope > .j-children')?.querySelectorAll(':scope > details').length ?? 0;
    await waitUntil(() => count() === 100, 'first page', { timeout: 10_000 });
    for (const expected of [200, 300]) {
      commits.querySelector<HTMLButtonElement>(':scope > .j-children > button.more')!.click();
      await waitUntil(() => count() === expected, `show 100 more (${expected})`, { timeout: 10_000 });
    }
    // a commit of the third page, opened: its fields come from the worker too
    const last = commits.querySelector<HTMLDetailsElement>(':scope > .j-children > details:last-of-type')!;
    last.open = true;
    await waitUntil(() => last.querySelector(':scope > .j-children .j-key'), 'commit 299 opened', { timeout: 10_000 });
    await new Promise(requestAnimationFrame);
    await page.end();
    expect(last.querySelector(':scope > summary > .j-key')!.textContent).to.equal('299');
    expect(last.querySelector(':scope > .j-children')!.textContent).to.contain('sha');
    expectWithinBudget();
  });

  it('a 50 MB commit list opens as fast: the page never parses the payload', async function () {
    this.timeout(120_000);
    const root = await open('GITHUB_LIST_COMMITS', 'load (50 MB)', 210);
    (await found(() => node(root, 'data'), 'response data node')).open = true;
    const commits = await found(() => node(root, 'commits'), 'commits node');
    expect(commits.querySelector('summary')!.textContent).to.match(/Array\(8\d{4}\)/);
    expectWithinBudget();
  });
});
