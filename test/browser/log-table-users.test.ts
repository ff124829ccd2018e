// The User picker: a customer whose scope spans several user ids picks one (or All users) in the
// filter bar; the choice is the `user_id is …` chip, so the picker, the chip, the request and the
// URL say the same. A single-user customer has no picker.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import { http, HttpResponse } from 'msw';
import './resize-observer-noise.ts';
import '../../src/elements/log-table/define.ts';
import type { ComposioLogTable } from '../../src/elements/log-table/log-table.ts';
import type { LogFilter } from '../../src/contract/upstream.ts';
import { bff, GLOBEX, resetWorker, session, startWorker, worker } from './bff-in-page.ts';

const START = location.href;
before(startWorker);
afterEach(() => {
  resetWorker();
  history.replaceState(null, '', START);
});

const $ = <T extends Element = HTMLElement>(el: Element, selector: string) => el.shadowRoot!.querySelector(selector) as T | null;
const picker = (el: ComposioLogTable) => $<HTMLSelectElement>(el, 'select[name="user"]');
const chips = (el: ComposioLogTable) => [...el.shadowRoot!.querySelectorAll('.chip-text')].map((c) => c.textContent);
const STATUS: LogFilter = { field: 'status', operator: '==', value: 'success' };
const userIs = (value: string): LogFilter => ({ field: 'user_id', operator: '==', value });

/** The filters of every list request, and how many user breakdowns the BFF answered; both passed on to the real BFF. */
function record() {
  const seen = { lists: [] as (LogFilter[] | undefined)[], userLists: 0 };
  worker.use(
    http.post('/api/composio/logs/tool_execution', async ({ request }) => {
      seen.lists.push(((await request.clone().json()) as { filters?: LogFilter[] }).filters);
      return bff(request);
    }),
    http.post('/api/composio/usage/tool_calls', async ({ request }) => {
      const answer = await bff(request.clone());
      if (((await request.json()) as { group_by?: string }).group_by === 'user_id') seen.userLists++;
      return answer;
    }),
  );
  return seen;
}

/** Move a focused, closed select with the arrow keys, as a keyboard user does. */
async function arrowTo(select: HTMLSelectElement, index: number) {
  select.focus();
  await sendKeys({ press: 'Home' });
  for (let i = 0; i < index; i++) await sendKeys({ press: 'ArrowDown' });
  await waitUntil(() => select.selectedIndex === index, `option ${index}`);
}

describe('<composio-log-table> User picker', () => {
  it('lets a several-user customer pick a user by keyboard: the chip, the request and the rows follow; All users clears it', async () => {
    const seen = record();
    const el = await fixture<ComposioLogTable>(html`<composio-log-table range="30d" .filters=${[STATUS]}></composio-log-table>`);
    await waitUntil(() => picker(el), 'picker shown', { timeout: 10_000 });
    const select = picker(el)!;
    expect(select.closest('label')!.textContent).to.match(/^\s*User\s/);
    expect([...select.options].map((o) => o.text)).to.deep.equal(['All users', ...[...select.options].slice(1).map((o) => o.value)]);
    expect(
      [...select.options]
        .slice(1)
        .map((o) => o.value)
        .sort(),
    ).to.deep.equal(GLOBEX);
    expect(select.value).to.equal('');
    await expect(el).to.be.accessible();

    const changes: LogFilter[][] = [];
    el.addEventListener('composio-filters-change', (e) => changes.push(e.detail.filters));
    await arrowTo(select, 2);
    const user = select.options[2].value;
    await waitUntil(() => JSON.stringify(seen.lists.at(-1)) === JSON.stringify([STATUS, userIs(user)]), 'request narrowed', {
      timeout: 10_000,
    });
    await waitUntil(
      () => el.logs.length > 0 && el.logs.every((l) => l.metadata.user_id === user && l.status === 'success'),
      'rows of that user',
      {
        timeout: 10_000,
      },
    );
    expect(el.filters).to.deep.equal([STATUS, userIs(user)]);
    expect(changes.at(-1)).to.deep.equal([STATUS, userIs(user)]);
    expect(chips(el)).to.deep.equal([`User is ${user}`]);
    expect(select.title).to.equal(user);

    // another user replaces the chip rather than adding a second (contradictory) one
    await arrowTo(select, 1);
    const other = select.options[1].value;
    await waitUntil(() => chips(el).join() === `User is ${other}`, 'one chip, the other user');
    expect(el.filters).to.deep.equal([STATUS, userIs(other)]);

    // removing the chip sets the picker back to All users
    $<HTMLButtonElement>(el, '.chip button')!.click();
    await waitUntil(() => picker(el)!.value === '' && el.filters.length === 1, 'picker back to All users');
    expect(picker(el)!.selectedOptions[0].text).to.equal('All users');

    // and All users in the picker removes the chip
    await arrowTo(picker(el)!, 3);
    await waitUntil(() => chips(el).length === 1, 'chip back');
    await arrowTo(picker(el)!, 0);
    await waitUntil(() => chips(el).length === 0, 'chip gone');
    expect(el.filters).to.deep.equal([STATUS]);
    await waitUntil(() => JSON.stringify(seen.lists.at(-1)) === JSON.stringify([STATUS]), 'request for all users', { timeout: 10_000 });
  });

  it('shows a user the host set in the picker, and no picker for a single-user customer', async () => {
    const seen = record();
    const host = await fixture<ComposioLogTable>(
      html`<composio-log-table range="30d" filters=${JSON.stringify([userIs('globex-sales'), STATUS])}></composio-log-table>`,
    );
    await waitUntil(() => picker(host), 'picker shown', { timeout: 10_000 });
    expect(picker(host)!.value).to.equal('globex-sales');
    expect(chips(host)).to.deep.equal(['User is globex-sales']);
    host.remove();

    session.userIds = ['globex-ops'];
    seen.userLists = 0;
    const single = await fixture<ComposioLogTable>(html`<composio-log-table range="30d"></composio-log-table>`);
    await waitUntil(() => single.logs.length > 0 && seen.userLists > 0, 'rows and the user list', { timeout: 10_000 });
    await single.updateComplete;
    expect(picker(single), 'one user: nothing to pick').to.equal(null);
  });

  it('keeps the picked user in the URL (url-state), and a link restores it', async () => {
    const el = await fixture<ComposioLogTable>(html`<composio-log-table url-state range="30d"></composio-log-table>`);
    await waitUntil(() => picker(el), 'picker shown', { timeout: 10_000 });
    await arrowTo(picker(el)!, 1);
    const user = picker(el)!.value;
    await waitUntil(() => new URL(location.href).searchParams.get('log.f') === JSON.stringify([userIs(user)]), 'user in the URL');
    const link = location.href;
    el.remove();
    history.replaceState(null, '', START);
    history.replaceState(null, '', link);
    const opened = await fixture<ComposioLogTable>(html`<composio-log-table url-state range="30d"></composio-log-table>`);
    await waitUntil(() => picker(opened)?.value === user, 'the linked user picked', { timeout: 10_000 });
    await waitUntil(() => opened.logs.length > 0 && opened.logs.every((l) => l.metadata.user_id === user), 'rows of that user', {
      timeout: 10_000,
    });
  });

  describe('at 375 px', () => {
    afterEach(() => setViewport({ width: 800, height: 600 }));

    it('cuts long user ids (the whole id in a title) and fits the screen, the empty result too', async () => {
      const long = ['org-7f3a', 'x'.repeat(60), 'y'.repeat(300)].map((p) => `${p}@customers.example.com`);
      worker.use(
        http.post('/api/composio/usage/tool_calls', async ({ request }) => {
          if (((await request.clone().json()) as { group_by?: string }).group_by !== 'user_id') return bff(request);
          const groups = long.map((key, i) => ({ key, total_quantity: String(10 - i), event_count: 10 - i }));
          return HttpResponse.json({ entity_type: 'tool_calls', unit: 'calls', total_quantity: '27', event_count: 27, groups });
        }),
      );
      await setViewport({ width: 375, height: 700 });
      const el = await fixture<ComposioLogTable>(html`<composio-log-table range="30d"></composio-log-table>`);
      await waitUntil(() => picker(el) && el.logs.length > 0, 'picker and rows', { timeout: 10_000 });
      const options = [...picker(el)!.options].slice(1);
      expect(options.map((o) => o.title)).to.deep.equal(long);
      expect(options.map((o) => o.value)).to.deep.equal(long);
      expect(options[0].text).to.equal(long[0]);
      for (const o of options.slice(1)) {
        expect(o.text.length).to.be.at.most(48);
        expect(o.text.endsWith('…')).to.equal(true);
      }
      await arrowTo(picker(el)!, 3);
      // no such user upstream: the empty result names it, and must wrap it too
      await waitUntil(
        () => el.filters.some((f) => f.value === long[2]) && $(el, '[part="empty"]')?.textContent?.includes(long[2]),
        'long id picked',
        {
          timeout: 10_000,
        },
      );
      expect(picker(el)!.title).to.equal(long[2]);
      const box = picker(el)!.getBoundingClientRect();
      expect(box.left).to.be.at.least(0);
      expect(box.right).to.be.at.most(375);
      expect(document.documentElement.scrollWidth).to.be.at.most(375);
    });
  });
});
