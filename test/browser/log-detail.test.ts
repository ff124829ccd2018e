import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import './resize-observer-noise.ts';
import '../../src/elements/log-detail/define.ts';
import '../../src/elements/log-table/define.ts';
import type { ComposioLogDetail } from '../../src/elements/log-detail/log-detail.ts';
import type { ComposioLogTable } from '../../src/elements/log-table/log-table.ts';
import { FLAG_HOSTILE, FLAG_LARGE } from '../../src/simulator/dataset.ts';
import { Records } from '../../src/simulator/records.ts';
import { bff, bffPost, resetWorker, session, simulator, startWorker, worker } from './bff-in-page.ts';

before(startWorker);
afterEach(resetWorker);

const ds = simulator.dataset;
const records = new Records(ds);
const part = (el: Element, name: string) => el.shadowRoot!.querySelector(`[part="${name}"]`) as HTMLElement | null;

/** The newest log (in the production project) that satisfies `test`. */
function find(test: (i: number) => boolean): { id: string; user: string; index: number } {
  for (let i = ds.visibleCount(simulator.now()) - 1; i >= 0; i--) {
    if (records.projectIndex(i) === 0 && test(i)) return { id: records.logId(i), user: records.userId(i), index: i };
  }
  throw new Error('no such log');
}

async function showDetail(id: string, user: string): Promise<ComposioLogDetail> {
  session.userIds = [user];
  const el = await fixture<ComposioLogDetail>(html`<composio-log-detail log-id=${id}></composio-log-detail>`);
  await waitUntil(() => el.shadowRoot!.querySelector('h3'), 'detail rendered', { timeout: 10_000 });
  await waitUntil(() => !el.shadowRoot!.textContent!.includes('Loading…'), 'payload loaded', { timeout: 10_000 });
  return el;
}

let clipboard: string[] = [];
beforeEach(() => {
  clipboard = [];
  Object.defineProperty(navigator, 'clipboard', {
    configurable: true,
    value: { writeText: async (text: string) => void clipboard.push(text) },
  });
});

describe('<composio-log-detail>', () => {
  it('shows a failure with its hint, the arguments for invalid input, timings, context and source', async () => {
    const log = find((i) => ds.failure[i] === 3 && !(ds.flags[i] & FLAG_HOSTILE)); // invalid_input
    const el = await showDetail(log.id, log.user);
    const text = el.shadowRoot!.textContent!;
    expect(part(el, 'hint')!.textContent).to.contain('The agent sent arguments the tool rejected.');
    expect(part(el, 'hint')!.textContent).to.contain('Arguments sent');
    for (const heading of ['Timing', 'Context', 'Source', 'Metadata', 'Request and response']) expect(text).to.contain(heading);
    expect(text).to.contain('Start');
    const copy = el.shadowRoot!.querySelector<HTMLButtonElement>('button[aria-label="Copy request id"]')!;
    copy.click();
    await waitUntil(() => clipboard.length === 1);
    expect(clipboard[0]).to.equal(records.requestId(log.index));
    await waitUntil(() => el.shadowRoot!.textContent!.includes('Copied request id'));
  });

  it('renders a large payload lazily and copies it whole as JSON', async () => {
    const log = find((i) => (ds.flags[i] & FLAG_LARGE) !== 0);
    const el = await showDetail(log.id, log.user);
    const payload = part(el, 'payload')!;
    expect(payload.querySelectorAll('*').length, 'only the opened levels are in the DOM').to.be.below(400);
    const closed = payload.querySelector<HTMLDetailsElement>('details:not([open])')!;
    expect(closed.querySelector('.j-children'), 'a closed node has no children in the DOM').to.equal(null);
    // open three levels: the big list (or string) appears, cut short
    for (let depth = 0; depth < 3; depth++) {
      const opened = [...payload.querySelectorAll<HTMLDetailsElement>('details:not([open])')];
      for (const node of opened) node.open = true;
      await waitUntil(() => opened.every((n) => n.querySelector(':scope > .j-children:not([aria-busy])')), `level ${depth + 1} open`, {
        timeout: 10_000,
      });
    }
    const more = [...payload.querySelectorAll('button.more')];
    expect(more.length, 'long arrays and strings are cut').to.be.greaterThan(0);
    expect(more[0].textContent?.trim()).to.match(/^show ([\d,]+ more|all [\d,]+ characters)$/);
    payload.querySelector<HTMLButtonElement>('button.small')!.click();
    await waitUntil(() => clipboard.length === 1);
    expect(clipboard[0].length).to.be.greaterThan(200_000);
    expect(JSON.parse(clipboard[0])).to.have.keys(['request', 'response']);
  });

  it('opens the parent meta-tool log from a child', async () => {
    const child = find((i) => ds.parent[i] !== 0);
    const el = await showDetail(child.id, child.user);
    const button = [...el.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent!.includes('open parent log'))!;
    const selected = oneEvent(el, 'composio-log-select');
    button.click();
    const { detail } = await selected;
    expect(detail.log.id).to.equal(records.logId(ds.parent[child.index] - 1));
    await waitUntil(() => el.shadowRoot!.querySelector('h2')!.textContent === 'COMPOSIO_MULTI_EXECUTE_TOOL');
  });

  it('says when payload storage is off, and when a log is not the caller’s', async () => {
    const log = find((i) => ds.failure[i] === 0);
    // what a project with "Don't store data" answers: the audit row without a payload
    worker.use(http.get('/api/composio/logs/tool_execution/:id', () => HttpResponse.json({ ...records.detail(log.index), data: {} })));
    const el = await showDetail(log.id, log.user);
    expect(part(el, 'payload')!.textContent).to.contain('payload storage is off');
    worker.resetHandlers();
    session.userIds = ['hooli_prod'];
    const foreign = find((i) => records.userId(i) === 'globex-ops');
    const other = await fixture<ComposioLogDetail>(html`<composio-log-detail log-id=${foreign.id}></composio-log-detail>`);
    await waitUntil(() => other.shadowRoot!.querySelector('[role="alert"]'), 'refused', { timeout: 10_000 });
    expect(other.shadowRoot!.textContent).to.contain('not found, or is not yours to see');
    expect(other.shadowRoot!.textContent).to.not.contain('globex-ops');
  });
});

describe('hostile log content under a strict Content-Security-Policy', () => {
  it('renders every hostile string as text: no script runs, no CSP violation is reported', async () => {
    const meta = document.createElement('meta');
    meta.httpEquiv = 'Content-Security-Policy';
    meta.content =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'";
    const violations: string[] = [];
    const onViolation = (e: SecurityPolicyViolationEvent) => violations.push(`${e.violatedDirective}: ${e.blockedURI} ${e.sample}`);
    document.addEventListener('securitypolicyviolation', onViolation);
    const ran: string[] = [];
    const originalAlert = window.alert;
    window.alert = (message?: unknown) => void ran.push(String(message));
    try {
      // The BFF is server code: answer from its precomputed responses, so the policy judges only the elements.
      session.userIds = ['tyrell"><img src=x onerror=alert(1)>'];
      const page = await bffPost('logs/tool_execution', { limit: 100, time_range: { from: Date.now() - 30 * 86_400_000, to: Date.now() } });
      const details = new Map<string, unknown>();
      for (const log of page.logs)
        details.set(log.id, await (await bff(new Request(`${location.origin}/api/composio/logs/tool_execution/${log.id}`))).json());
      worker.use(
        http.post('/api/composio/logs/tool_execution', () => HttpResponse.json(page)),
        http.get('/api/composio/logs/tool_execution/:id', ({ params }) =>
          HttpResponse.json(details.get(String(params.id)) as Record<string, unknown>),
        ),
        http.post('/api/composio/usage/tool_calls', () =>
          HttpResponse.json({
            entity_type: 'tool_calls',
            unit: 'count',
            total_quantity: '0',
            event_count: 0,
            groups: [{ key: '<img src=x onerror=alert(2)>', total_quantity: '1', event_count: 1 }],
          }),
        ),
      );
      document.head.append(meta);
      const table = await fixture<ComposioLogTable>(html`<composio-log-table range="30d" page-size="100"></composio-log-table>`);
      await waitUntil(() => table.logs.length >= 50, 'hostile rows', { timeout: 10_000 });
      // open the hostile ones: messages, slugs, and payloads with <img onerror>, <script>, javascript: URLs
      const hostile = table.logs.filter((l) => /[<>"]|javascript:|=HYPERLINK/.test(JSON.stringify(l))).slice(0, 8);
      expect(hostile.length).to.be.greaterThan(3);
      for (const log of hostile) {
        table.open(log);
        await waitUntil(
          () => {
            const detail = table.shadowRoot!.querySelector('composio-log-detail');
            return detail?.shadowRoot?.querySelector('h2') && !detail.shadowRoot.textContent!.includes('Loading…');
          },
          'hostile detail',
          { timeout: 10_000 },
        );
      }
      // asserting that nothing happens: violation reports are queued as tasks, so give them time to arrive
      await new Promise((r) => setTimeout(r, 300));
      const roots = [table.shadowRoot!, table.shadowRoot!.querySelector('composio-log-detail')!.shadowRoot!];
      for (const root of roots) expect(root.querySelectorAll('img, script, iframe, object, a[href^="javascript"]')).to.have.length(0);
      expect(table.shadowRoot!.textContent).to.contain('<img src=x onerror=alert(1)>');
      expect(ran, 'no hostile script ran').to.deep.equal([]);
      expect(violations, 'no CSP violation').to.deep.equal([]);
    } finally {
      // a failed assertion must not leave the policy, the listener or the stub behind for later tests
      window.alert = originalAlert;
      document.removeEventListener('securitypolicyviolation', onViolation);
      meta.remove();
    }
  });
});
