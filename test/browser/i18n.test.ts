/**
 * Which language the elements speak: `locale`, else the closest `[lang]` (across shadow roots),
 * else the browser's; the closest built-in match, English for the rest; `strings` over any word;
 * changes at run time re-render; a language is downloaded only when an element needs it.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import './resize-observer-noise.ts';
import '../../src/elements/usage-chart/define.ts';
import '../../src/elements/usage-insights/define.ts';
import '../../src/elements/log-table/define.ts';
import '../../src/elements/log-detail/define.ts';
import type { ComposioElement } from '../../src/elements/shared/base.ts';
import type { ComposioUsageChart } from '../../src/elements/usage-chart/usage-chart.ts';
import type { StringsOverride } from '../../src/elements/shared/i18n/strings.ts';
import { resetWorker, startWorker } from './bff-in-page.ts';
import { captureWarnings } from './capture.ts';

before(startWorker);
afterEach(resetWorker);

const root = document.documentElement;
const pageLang = root.getAttribute('lang');
afterEach(() => (pageLang === null ? root.removeAttribute('lang') : root.setAttribute('lang', pageLang)));

const text = (el: Element, selector: string) => el.shadowRoot!.querySelector(selector)?.textContent?.trim();
const tableButton = (el: Element) => text(el, '[part="table-toggle"]');
/** Wait until `read` says `expected` (a language arrives by a dynamic import). */
const says = (read: () => string | undefined, expected: string) =>
  waitUntil(() => read() === expected, `expected "${expected}", got "${read()}"`, { timeout: 5000 });

// room for every module the page fetches (the default keeps 250 entries)
performance.setResourceTimingBufferSize(100_000);
const loadedChunk = (name: string) =>
  performance.getEntriesByType('resource').some((e) => new URL(e.name).pathname.endsWith(`/shared/i18n/${name}.ts`));

describe('the elements’ language', () => {
  it('downloads a language only when an element needs it', async () => {
    expect(loadedChunk('es'), 'Spanish before anyone asked').to.equal(false);
    const el = await fixture<ComposioUsageChart>(html`<composio-usage-chart locale="en-US"></composio-usage-chart>`);
    expect(tableButton(el)).to.equal('Table');
    expect(loadedChunk('es')).to.equal(false);
    el.locale = 'es-MX';
    await says(() => tableButton(el), 'Tabla');
    expect(loadedChunk('es'), 'Spanish once asked').to.equal(true);
  });

  it('follows <html lang="fr"> in every element, words and numbers', async () => {
    root.setAttribute('lang', 'fr');
    const chart = await fixture(html`<composio-usage-chart></composio-usage-chart>`);
    const insights = await fixture(html`<composio-usage-insights></composio-usage-insights>`);
    const table = await fixture(html`<composio-log-table></composio-log-table>`);
    const detail = await fixture(html`<composio-log-detail log-id="log_nope"></composio-log-detail>`);
    await says(() => tableButton(chart), 'Tableau');
    await says(() => text(insights, '[data-key="calls"] dt'), 'Appels');
    await says(() => text(table, '[role="columnheader"]'), 'Heure');
    await says(() => text(detail, '[role="alert"] span'), 'Ce log est introuvable, ou vous n’avez pas le droit de le voir.');
    await waitUntil(() => /chargé/.test(text(table, '[part="footer"] [role="status"]') ?? ''), 'footer count', { timeout: 10_000 });
    const count = (table as unknown as { logs: unknown[] }).logs.length;
    expect(text(table, '[part="footer"] [role="status"]')).to.match(new RegExp(`^${new Intl.NumberFormat('fr').format(count)} chargés?`));
  });

  it('takes `locale` over the page’s lang, the closest [lang] over the page’s, across a shadow root', async () => {
    root.setAttribute('lang', 'fr');
    const own = await fixture(html`<composio-usage-chart locale="de"></composio-usage-chart>`);
    await says(() => tableButton(own), 'Tabelle');
    const nested = await fixture(
      html`<section lang="ja">
        <div><composio-usage-chart></composio-usage-chart></div>
      </section>`,
    );
    const inner = nested.querySelector('composio-usage-chart')!;
    await says(() => tableButton(inner), '表');
    // a host component's shadow root: the element inherits its host's lang
    const host = await fixture(html`<div lang="pt-BR"></div>`);
    host.attachShadow({ mode: 'open' }).innerHTML = '<composio-usage-chart></composio-usage-chart>';
    await says(() => tableButton(host.shadowRoot!.querySelector('composio-usage-chart')!), 'Tabela');
  });

  it('matches the closest language (fr-CA → fr, pt → pt-BR); an unknown one is English, with one warning', async () => {
    const canadian = await fixture(html`<composio-usage-chart locale="fr-CA"></composio-usage-chart>`);
    const portuguese = await fixture(html`<composio-usage-chart locale="pt"></composio-usage-chart>`);
    await says(() => tableButton(canadian), 'Tableau');
    await says(() => tableButton(portuguese), 'Tabela');
    const { messages, restore } = captureWarnings();
    try {
      const chinese = await fixture<ComposioUsageChart>(html`<composio-usage-chart locale="zh-CN"></composio-usage-chart>`);
      expect(tableButton(chinese)).to.equal('Table');
      // an invalid locale is no language at all: the page's lang decides
      root.setAttribute('lang', 'de');
      const invalid = await fixture(html`<composio-usage-chart locale="xx-!!"></composio-usage-chart>`);
      await says(() => tableButton(invalid), 'Tabelle');
    } finally {
      restore();
    }
    expect(messages.filter((m) => m.includes('"zh-CN"'))).to.have.length(1);
    expect(messages.some((m) => m.includes('invalid locale "xx-!!"'))).to.equal(true);
  });

  it('falls back to the browser’s language when neither `locale` nor any lang says', async () => {
    root.removeAttribute('lang');
    Object.defineProperty(navigator, 'language', { configurable: true, get: () => 'ja-JP' });
    try {
      const el = await fixture(html`<composio-usage-chart></composio-usage-chart>`);
      await says(() => tableButton(el), '表');
    } finally {
      delete (navigator as unknown as Record<string, unknown>).language;
    }
  });

  it('re-renders when `locale`, `strings` or a lang change at run time', async () => {
    const el = await fixture<ComposioElement>(html`<div lang="fr"><composio-usage-chart></composio-usage-chart></div>`).then((div) =>
      div.querySelector<ComposioElement>('composio-usage-chart')!,
    );
    await says(() => tableButton(el), 'Tableau');
    el.parentElement!.setAttribute('lang', 'es');
    await says(() => tableButton(el), 'Tabla');
    el.locale = 'de-AT';
    await says(() => tableButton(el), 'Tabelle');
    el.strings = { chart: { table: 'Daten' } };
    await says(() => tableButton(el), 'Daten');
    el.strings = undefined;
    await says(() => tableButton(el), 'Tabelle');
  });

  it('re-renders the table’s rows for new words (they render again only when what they show changed)', async () => {
    const table = await fixture<ComposioElement>(html`<composio-log-table locale="en-US"></composio-log-table>`);
    const badges = () => [...table.shadowRoot!.querySelectorAll('[role="row"] .badge')].map((b) => b.textContent!.trim());
    await waitUntil(() => badges().length > 0, 'rows', { timeout: 10_000 });
    expect(badges().every((b) => b === 'Success' || b === 'Failed')).to.equal(true);
    table.strings = { common: { success: 'Fine', failed: 'Broken' } };
    await waitUntil(() => badges().every((b) => b === 'Fine' || b === 'Broken'), `rows say ${badges().join(', ')}`);
  });

  it('lets `strings` replace any word, over the built-in language, and ignores a wrong value', async () => {
    root.setAttribute('lang', 'fr');
    const strings: StringsOverride = { chart: { table: 'Données', metrics: { tool_calls: 'Actions' } }, common: { retry: 'Encore' } };
    const el = await fixture<ComposioUsageChart>(html`<composio-usage-chart .strings=${strings}></composio-usage-chart>`);
    await says(() => tableButton(el), 'Données');
    await waitUntil(() => text(el, '[part="stat"] dt'), 'header', { timeout: 10_000 });
    expect(text(el, '[part="stat"] dt')).to.equal('Actions');
    expect(text(el, '[part="export-csv"]')).to.equal('CSV');
    await waitUntil(() => text(el, '[part="change"]'), 'change', { timeout: 10_000 });
    expect(text(el, '[part="change"]'), 'the rest stays French').to.match(/période précédente/);
    const { messages, restore } = captureWarnings();
    try {
      el.strings = { chart: { table: 42 } } as unknown as StringsOverride;
      await says(() => tableButton(el), 'Tableau');
    } finally {
      restore();
    }
    expect(messages.some((m) => m.includes('strings.chart.table ignored'))).to.equal(true);
  });
});
