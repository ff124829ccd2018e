// Meta-tool trees: calls made inside COMPOSIO_MULTI_EXECUTE_TOOL show under their parent, in the
// order they ran, also when the parent arrives on a later page; they fold and unfold.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { http, HttpResponse } from 'msw';
import './resize-observer-noise.ts';
import '../../src/elements/log-table/define.ts';
import type { ComposioLogTable } from '../../src/elements/log-table/log-table.ts';
import type { LogEntry, LogListResponse } from '../../src/contract/upstream.ts';
import { bff, bffPost, resetWorker, startWorker, worker } from './bff-in-page.ts';
import { fakeLog } from './log-fixtures.ts';

before(startWorker);
afterEach(resetWorker);

const BASE = Date.now() - 60_000;
const PARENT = { log_id: 'log_parent00001', tool_slug: 'COMPOSIO_MULTI_EXECUTE_TOOL' };

function entry(id: string, secondsAgo: number, extra: Partial<LogEntry> = {}): LogEntry {
  return fakeLog(id, BASE - secondsAgo * 1000, extra);
}

// newest first, as the API lists them: the children ran after their parent started, so they come first
const FEED = [
  entry('log_other000000', 0),
  entry('log_child000003', 3, { parent: PARENT }),
  entry('log_child000002', 4, { parent: PARENT }),
  entry('log_child000001', 5, { parent: PARENT }),
  entry(PARENT.log_id, 6, { metadata: { tool_slug: PARENT.tool_slug, toolkit_slug: 'composio', user_id: 'u1' } }),
  entry('log_other000005', 9),
];

function feedRoute(feed: LogEntry[]) {
  return http.post('/api/composio/logs/tool_execution', async ({ request }) => {
    const body = (await request.json()) as { limit?: number; cursor?: string };
    const start = body.cursor ? feed.findIndex((l) => l.id === body.cursor) + 1 : 0;
    const logs = feed.slice(start, start + (body.limit ?? 20));
    return HttpResponse.json({ logs, next_cursor: start + logs.length < feed.length ? logs.at(-1)!.id : null } satisfies LogListResponse);
  });
}

const shownIds = (el: ComposioLogTable) =>
  [...el.shadowRoot!.querySelectorAll<HTMLElement>('[role="row"]:not(.head)')]
    .sort((a, b) => Number(a.getAttribute('aria-rowindex')) - Number(b.getAttribute('aria-rowindex')))
    .map((r) => r.querySelector('.c-message')!.textContent!.trim());
const row = (el: ComposioLogTable, id: string) =>
  [...el.shadowRoot!.querySelectorAll<HTMLElement>('[role="row"]:not(.head)')].find(
    (r) => r.querySelector('.c-message')?.textContent?.trim() === id,
  )!;

describe('<composio-log-table> meta-tool trees', () => {
  it('moves children under their parent when the parent arrives on the next page, and folds them', async () => {
    worker.use(feedRoute(FEED));
    const el = await fixture<ComposioLogTable>(html`<composio-log-table page-size="3"></composio-log-table>`);
    await waitUntil(() => shownIds(el).length === 3, 'first page');
    // parent not loaded yet: the children stay at their time, marked as called inside it
    expect(shownIds(el)).to.deep.equal(['log_other000000', 'log_child000003', 'log_child000002']);
    expect(row(el, 'log_child000003').querySelector('.nested')).to.not.equal(null);
    await el.loadMore();
    await waitUntil(() => shownIds(el).length === 6, 'second page');
    expect(shownIds(el)).to.deep.equal([
      'log_other000000',
      PARENT.log_id,
      'log_child000001',
      'log_child000002',
      'log_child000003',
      'log_other000005',
    ]);
    const parentRow = row(el, PARENT.log_id);
    const toggle = parentRow.querySelector<HTMLButtonElement>('.tree-toggle')!;
    expect(toggle.getAttribute('aria-expanded')).to.equal('true');
    expect(row(el, 'log_child000001').classList.contains('depth-1')).to.equal(true);
    // fold with a click on the toggle (it does not open the row)
    expect(toggle.getAttribute('aria-label')).to.equal('Hide 3 calls inside');
    toggle.click();
    await waitUntil(() => shownIds(el).length === 3, 'folded');
    expect(shownIds(el)).to.deep.equal(['log_other000000', PARENT.log_id, 'log_other000005']);
    expect(el.shadowRoot!.querySelector('composio-log-detail')).to.equal(null);
    expect(row(el, PARENT.log_id).querySelector('.tree-toggle')!.getAttribute('aria-expanded')).to.equal('false');
    // unfold from the keyboard: focus the parent row, ArrowRight
    row(el, 'log_other000000').click();
    // the panel opens asynchronously: close it once it is there, or it takes the focus later
    const close = () => el.shadowRoot!.querySelector<HTMLElement>('.panel .close');
    await waitUntil(close, 'the detail opened');
    close()!.click();
    await waitUntil(() => !close(), 'the detail closed');
    row(el, 'log_other000000').focus();
    await sendKeys({ press: 'ArrowDown' });
    const focusedOn = (id: string) => el.shadowRoot!.activeElement === row(el, id);
    await waitUntil(() => focusedOn(PARENT.log_id), 'parent row focused');
    await sendKeys({ press: 'ArrowRight' });
    await waitUntil(() => shownIds(el).length === 6 && focusedOn(PARENT.log_id), 'unfolded by keyboard, focus kept');
    await sendKeys({ press: 'ArrowLeft' });
    await waitUntil(() => shownIds(el).length === 3, 'folded by keyboard');
  });

  it('with the simulator through the BFF: a multi-execute call whose children came on the page before shows them under it', async () => {
    // a meta-tool call of the customer with 2+ children, listed (newest first) before it
    const to = Date.now() - 3_600_000;
    const { logs }: LogListResponse = await bffPost('logs/tool_execution', { limit: 100, time_range: { from: to - 30 * 86_400_000, to } });
    const at = logs.findIndex(
      (l, i) => l.parent && logs[i + 1]?.parent?.log_id === l.parent.log_id && logs.findIndex((p) => p.id === l.parent!.log_id) > i,
    );
    expect(at, 'the simulator makes meta-tool calls').to.be.at.least(0);
    const parentId = logs[at].parent!.log_id;
    // end the window just after the newest child: the children open the list, the parent follows
    const window = { from: to - 30 * 86_400_000, to: Date.parse(logs[at].timestamp) + 1 };
    const children = logs.filter((l) => l.parent?.log_id === parentId);
    const parent = logs.find((l) => l.id === parentId)!;
    // pages of 2: the first holds only children, the parent comes on a later page
    const pages: string[][] = [];
    worker.use(
      http.post('/api/composio/logs/tool_execution', async ({ request }) => {
        const answer = await bff(request);
        pages.push(((await answer.clone().json()) as LogListResponse).logs.map((l) => l.id));
        return answer;
      }),
    );
    const el = await fixture<ComposioLogTable>(
      html`<composio-log-table from=${window.from} to=${window.to} page-size="2"></composio-log-table>`,
    );
    await waitUntil(() => el.logs.length > 0, 'first page', { timeout: 10_000 });
    while (!el.logs.some((l) => l.id === parentId)) await el.loadMore();
    expect(pages[0]).to.deep.equal(children.slice(0, 2).map((l) => l.id));
    expect(
      pages.findIndex((page) => page.includes(parentId)),
      'the parent on a later page',
    ).to.be.above(0);
    // the parent first, then its calls in the order they ran (oldest first), one level in
    const shown = () =>
      [...el.shadowRoot!.querySelectorAll<HTMLElement>('[role="row"]:not(.head)')]
        .sort((a, b) => Number(a.getAttribute('aria-rowindex')) - Number(b.getAttribute('aria-rowindex')))
        .slice(0, children.length + 1)
        .map((r) => `${/depth-(\d)/.exec(r.className)![1]} ${r.querySelector('.c-message')!.textContent!.trim()}`);
    const expected = [`0 ${parent.message}`, ...[...children].reverse().map((c) => `1 ${c.message}`)];
    await waitUntil(() => JSON.stringify(shown()) === JSON.stringify(expected), 'children under the parent', { timeout: 10_000 }).catch(
      (e) => {
        throw new Error(`${e.message}: shown ${JSON.stringify(shown())}, expected ${JSON.stringify(expected)}`);
      },
    );
    const toggle = el.shadowRoot!.querySelector<HTMLButtonElement>('[role="row"][aria-rowindex="2"] .tree-toggle')!;
    expect(toggle.getAttribute('aria-label')).to.equal(`Hide ${children.length} calls inside`);
  });
});
