import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import './resize-observer-noise.ts';
import '../../src/elements/log-table/define.ts';
import type { ComposioLogTable } from '../../src/elements/log-table/log-table.ts';
import { resetWorker, startWorker } from './bff-in-page.ts';

before(startWorker);
afterEach(resetWorker);

// The detail panel is a <composio-log-detail> inside the table's shadow root: without exportparts,
// a host page's `composio-log-table::part(payload)` never reaches it.
describe('<composio-log-table> styling reach into the detail panel', () => {
  it('lets composio-log-table::part(hint) and ::part(payload) style the nested detail', async () => {
    const style = document.createElement('style');
    style.textContent = `
      composio-log-table::part(payload) { outline: 3px solid rgb(1, 2, 3); }
      composio-log-table::part(hint) { outline: 3px solid rgb(4, 5, 6); }`;
    document.head.append(style);
    try {
      const el = await fixture<ComposioLogTable>(html`<composio-log-table range="30d" page-size="100"></composio-log-table>`);
      await waitUntil(() => el.logs.some((l) => l.status === 'failed'), 'a failed row loaded', { timeout: 10_000 });
      el.open(el.logs.find((l) => l.status === 'failed')!);
      const part = (name: string) =>
        el.shadowRoot!.querySelector('composio-log-detail')?.shadowRoot?.querySelector<HTMLElement>(`[part~="${name}"]`);
      await waitUntil(() => part('payload') && part('hint'), 'detail loaded with hint and payload', { timeout: 10_000 });
      expect(getComputedStyle(part('payload')!).outlineColor).to.equal('rgb(1, 2, 3)');
      expect(getComputedStyle(part('hint')!).outlineColor).to.equal('rgb(4, 5, 6)');
    } finally {
      style.remove();
    }
  });
});
