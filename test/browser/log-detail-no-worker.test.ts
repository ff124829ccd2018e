// Where a policy forbids workers (`worker-src 'none'`), the JSON tree still works: the detail's
// body is parsed on the main thread instead, and opening nodes, paging, keyboard use and Copy as
// JSON behave as with the worker.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import './resize-observer-noise.ts';
import '../../src/elements/log-detail/define.ts';
import type { ComposioLogDetail } from '../../src/elements/log-detail/log-detail.ts';
import { FLAG_LARGE } from '../../src/simulator/dataset.ts';
import { Records } from '../../src/simulator/records.ts';
import { resetWorker, session, simulator, startWorker } from './bff-in-page.ts';

const ds = simulator.dataset;
const records = new Records(ds);
const meta = document.createElement('meta');
const violations: string[] = [];
const onViolation = (e: SecurityPolicyViolationEvent) => violations.push(e.effectiveDirective);
const clipboard: string[] = [];

before(async () => {
  await startWorker(); // msw's service worker first: the policy below forbids registering it too
  document.addEventListener('securitypolicyviolation', onViolation);
  meta.httpEquiv = 'Content-Security-Policy';
  meta.content = "worker-src 'none'";
  document.head.append(meta);
  Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText: async (t: string) => void clipboard.push(t) } });
});
after(() => document.removeEventListener('securitypolicyviolation', onViolation));
afterEach(resetWorker);

describe('<composio-log-detail> where no worker may start', () => {
  it('parses on the main thread: the tree opens by keyboard, pages, and copies the whole payload', async () => {
    let index = ds.visibleCount(simulator.now()) - 1;
    while (!(ds.flags[index] & FLAG_LARGE && records.projectIndex(index) === 0 && records.toolSlug(index) === 'GITHUB_LIST_COMMITS'))
      index--;
    session.userIds = [records.userId(index)];
    const el = await fixture<ComposioLogDetail>(html`<composio-log-detail log-id=${records.logId(index)}></composio-log-detail>`);
    const root = el.shadowRoot!;
    await waitUntil(() => root.querySelector('[part="payload"] details'), 'payload shown', { timeout: 10_000 });
    const node = (label: string) =>
      [...root.querySelectorAll<HTMLDetailsElement>('details')].find(
        (d) => d.querySelector(':scope > summary > .j-key')?.textContent === label,
      );

    // keyboard: Enter on a summary opens its node
    await waitUntil(() => node('data'), 'data node', { timeout: 10_000 });
    node('data')!.querySelector('summary')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => node('commits'), 'opened by Enter', { timeout: 10_000 });
    const commits = node('commits')!;
    commits.querySelector('summary')!.focus();
    await sendKeys({ press: 'Enter' });
    const count = () => commits.querySelector(':scope > .j-children')?.querySelectorAll(':scope > details').length ?? 0;
    await waitUntil(() => count() === 100, 'first 100 commits', { timeout: 10_000 });
    commits.querySelector<HTMLButtonElement>(':scope > .j-children > button.more')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => count() === 200, 'show 100 more', { timeout: 10_000 });

    root.querySelector<HTMLButtonElement>('[part="payload"] button.small')!.click();
    await waitUntil(() => clipboard.length === 1, 'copied', { timeout: 10_000 });
    const copied = JSON.parse(clipboard[0]) as { response: { data: { commits: unknown[] } } };
    expect(copied.response.data.commits).to.have.length(Number(/Array\((\d+)\)/.exec(commits.querySelector('summary')!.textContent!)![1]));
    expect(violations, 'the worker was refused').to.include('worker-src');
    expect(performance.getEntriesByType('resource').some((r) => r.name.includes('json-worker'))).to.equal(false);
  });
});
