// The filter bar reaches every v3.1 log filter field by keyboard, suggests values from the usage
// breakdown, and Go to log opens a log by id or request id.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { http } from 'msw';
import './resize-observer-noise.ts';
import '../../src/elements/log-table/define.ts';
import type { ComposioLogTable } from '../../src/elements/log-table/log-table.ts';
import { LOG_FILTER_FIELDS } from '../../src/contract/constants.ts';
import type { LogEntry, LogFilter, LogListResponse } from '../../src/contract/upstream.ts';
import { matchesFilter } from '../../src/core/filters.ts';
import { bff, bffPost, listWindows, resetWorker, startWorker, worker } from './bff-in-page.ts';

before(startWorker);
afterEach(resetWorker);

const $ = <T extends Element = HTMLElement>(el: Element, selector: string) => el.shadowRoot!.querySelector(selector) as T;
const loaded = (el: ComposioLogTable) => waitUntil(() => el.logs.length > 0, 'rows', { timeout: 10_000 });

/** Every list request's body, passed on to the real BFF. */
function recordBodies(): { filters?: LogFilter[] }[] {
  const bodies: { filters?: LogFilter[] }[] = [];
  worker.use(
    http.post('/api/composio/logs/tool_execution', async ({ request }) => {
      bodies.push((await request.clone().json()) as { filters?: LogFilter[] });
      return bff(request);
    }),
  );
  return bodies;
}

const fieldOf = (log: LogEntry, field: LogFilter['field']) =>
  field === 'log_id'
    ? log.id
    : field === 'status'
      ? log.status
      : typeof log.metadata[field] === 'string'
        ? (log.metadata[field] as string)
        : '';

const LABELS: Record<LogFilter['field'], string> = {
  tool_slug: 'Tool',
  toolkit_slug: 'Toolkit',
  connected_account_id: 'Connected account',
  auth_config_id: 'Auth config',
  status: 'Status',
  user_id: 'User',
  session_id: 'Session',
  sandbox_id: 'Sandbox',
  request_id: 'Request id',
  log_id: 'Log id',
};
const OPERATORS: [LogFilter['operator'], string][] = [
  ['==', 'is'],
  ['!=', 'is not'],
  ['contains', 'contains'],
  ['not_contains', 'does not contain'],
];

/** Pick an option of a closed select with arrow keys, as a keyboard user does. */
async function choose(select: HTMLSelectElement, index: number) {
  select.focus();
  await sendKeys({ press: 'Home' });
  for (let i = 0; i < index; i++) await sendKeys({ press: 'ArrowDown' });
  await waitUntil(() => select.selectedIndex === index, `option ${index}`);
}

/** Add a filter with the keyboard only: Enter on Add filter, arrows in the selects, type the value, Enter. */
async function addByKeyboard(el: ComposioLogTable, field: LogFilter['field'], operatorWords: string, value: string) {
  $(el, 'button.add-filter').focus();
  await sendKeys({ press: 'Enter' });
  await waitUntil(() => $(el, 'form.builder'), 'builder open');
  await choose($<HTMLSelectElement>(el, 'select[name="field"]'), LOG_FILTER_FIELDS.indexOf(field));
  const operator = $<HTMLSelectElement>(el, 'select[name="operator"]');
  expect($<HTMLSelectElement>(el, 'select[name="field"]').selectedOptions[0].text).to.equal(LABELS[field]);
  await choose(
    operator,
    OPERATORS.findIndex(([, words]) => words === operatorWords),
  );
  expect(operator.selectedOptions[0].text).to.equal(operatorWords);
  $<HTMLInputElement>(el, 'input[name="value"]').focus();
  await sendKeys({ type: value });
  await sendKeys({ press: 'Enter' });
}

describe('<composio-log-table> filter bar', () => {
  // one test per field, so a field the bar cannot reach fails by name; the operators rotate so
  // each of the four is used (with a real value from the simulator) on at least two fields
  const window = { from: Date.now() - 30 * 86_400_000, to: Date.now() };
  let samples: Promise<{ full: LogEntry; withSandbox: LogEntry }> | undefined;
  const sampleLogs = () =>
    (samples ??= (async () => {
      const sample: LogListResponse = await bffPost('logs/tool_execution', { limit: 100, time_range: window });
      const withSandbox: LogListResponse = await bffPost('logs/tool_execution', {
        limit: 1,
        time_range: window,
        filters: [{ field: 'sandbox_id', operator: '!=', value: '' }],
      });
      return { full: sample.logs.find((l) => l.metadata.connected_account_id && l.metadata.session_id)!, withSandbox: withSandbox.logs[0] };
    })());
  for (const [i, field] of LOG_FILTER_FIELDS.entries()) {
    const [operator, words] = OPERATORS[i % 4];
    it(`adds "${LABELS[field]} ${words} …" (${field} ${operator}) by keyboard; the request and every row match it`, async () => {
      const { full, withSandbox } = await sampleLogs();
      const source = field === 'sandbox_id' ? withSandbox : full;
      const whole = fieldOf(source, field);
      expect(whole, `a ${field} to filter on`).to.not.equal('');
      const value = operator === 'contains' || operator === 'not_contains' ? whole.slice(0, Math.min(6, whole.length)) : whole;
      const bodies = recordBodies();
      const el = await fixture<ComposioLogTable>(html`<composio-log-table range="30d" page-size="100"></composio-log-table>`);
      await loaded(el);
      bodies.length = 0;
      await addByKeyboard(el, field, words, value);
      const expected = { field, operator, value: field === 'tool_slug' && operator === 'contains' ? value.toUpperCase() : value };
      await waitUntil(() => bodies.some((b) => JSON.stringify(b.filters) === JSON.stringify([expected])), `request with ${field}`, {
        timeout: 10_000,
      }).catch((e) => {
        throw new Error(`${e.message}: sent ${JSON.stringify(bodies.map((b) => b.filters))}, filters ${JSON.stringify(el.filters)}`);
      });
      await waitUntil(
        () => el.logs.length > 0 && el.logs.every((l) => matchesFilter(operator, expected.value, fieldOf(l, field))),
        `rows match ${field}`,
        {
          timeout: 10_000,
        },
      );
      expect(el.filters).to.deep.equal([expected]);
    });
  }

  it('shows added filters as removable chips, AND-ed', async () => {
    const bodies = recordBodies();
    const el = await fixture<ComposioLogTable>(html`<composio-log-table range="30d"></composio-log-table>`);
    await loaded(el);
    await addByKeyboard(el, 'user_id', 'is not', 'globex-ops');
    await addByKeyboard(el, 'session_id', 'does not contain', 'trs_0');
    await waitUntil(() => el.shadowRoot!.querySelectorAll('.chip').length === 2, 'two chips');
    // field → operator → value, in plain words
    expect([...el.shadowRoot!.querySelectorAll('.chip-text')].map((c) => c.textContent)).to.deep.equal([
      'User is not globex-ops',
      'Session does not contain trs_0',
    ]);
    await waitUntil(() => bodies.at(-1)?.filters?.length === 2, 'both filters sent');
    await waitUntil(() => el.logs.length > 0 && el.logs.every((l) => l.metadata.user_id !== 'globex-ops'), 'rows match');
    expect(el.logs.every((l) => !String(l.metadata.session_id ?? '').includes('trs_0'))).to.equal(true);
    $(el, '.chip button').click();
    await waitUntil(() => el.filters.length === 1, 'one filter left');
    expect(el.filters[0].field).to.equal('session_id');
  });

  it('suggests values from the usage breakdown of the window: toolkits, tools, users, sessions, connected accounts', async () => {
    // the breakdowns the element asks the BFF for, and what the BFF answered
    const asked: { body: { group_by?: string; from?: number }; keys: string[] }[] = [];
    worker.use(
      http.post('/api/composio/usage/tool_calls', async ({ request }) => {
        const answer = await bff(request.clone());
        const { groups } = (await answer.clone().json()) as { groups: { key: string }[] };
        asked.push({ body: (await request.json()) as { group_by?: string }, keys: groups.map((g) => g.key) });
        return answer;
      }),
    );
    const el = await fixture<ComposioLogTable>(html`<composio-log-table range="7d"></composio-log-table>`);
    await loaded(el);
    $(el, 'button.add-filter').click();
    await waitUntil(() => $(el, 'select[name="field"]'), 'builder');
    const field = $<HTMLSelectElement>(el, 'select[name="field"]');
    const options = () => [...el.shadowRoot!.querySelectorAll<HTMLOptionElement>('#filter-values option')].map((o) => o.value);
    for (const name of ['toolkit_slug', 'tool_slug', 'user_id', 'session_id', 'connected_account_id'] as const) {
      field.value = name;
      field.dispatchEvent(new Event('change'));
      const answer = () => asked.filter((a) => a.body.group_by === name).at(-1);
      const keys = () => answer()?.keys.filter(Boolean) ?? [];
      await waitUntil(() => keys().length > 0 && JSON.stringify(options()) === JSON.stringify(keys()), `${name} suggestions`, {
        timeout: 10_000,
      });
      expect(answer()!.body.from, 'over the window of the list').to.equal(listWindows.at(-1)!.from);
    }
    expect(options().every((v) => v.startsWith('ca_'))).to.equal(true);
    field.value = 'user_id';
    field.dispatchEvent(new Event('change'));
    await waitUntil(() => options().length === 3, 'the customer’s three users', { timeout: 10_000 });
    expect(options().sort()).to.deep.equal(['globex-ops', 'globex-sales', 'globex-support']);
  });

  it('Go to log opens a log by its id and by its request id', async () => {
    const el = await fixture<ComposioLogTable>(html`<composio-log-table range="30d"></composio-log-table>`);
    await loaded(el);
    // two different logs, so the second jump cannot pass on the detail the first one left open
    for (const [target, typed] of [
      [el.logs[3], el.logs[3].id],
      [el.logs[5], String(el.logs[5].metadata.request_id)],
    ] as const) {
      $<HTMLInputElement>(el, 'input[name="goto"]').focus();
      await sendKeys({ type: typed });
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => $(el, 'composio-log-detail'), 'detail open');
      const detail = $(el, 'composio-log-detail') as HTMLElement & { logId: string };
      await waitUntil(() => detail.logId === target.id, `opened ${typed}`, { timeout: 10_000 });
      await waitUntil(() => detail.shadowRoot?.textContent?.includes(target.id), 'detail shows the log', { timeout: 10_000 });
    }
  });
});
