/**
 * No English left: each element, in its main states (loaded, empty, error), shows no English word
 * under every other built-in language (see i18n-helpers.ts for what counts as English and what as
 * data); and the JSON tree's counts are formatted in the element's locale.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import './resize-observer-noise.ts';
import '../../src/elements/usage-chart/define.ts';
import '../../src/elements/usage-insights/define.ts';
import '../../src/elements/log-table/define.ts';
import '../../src/elements/log-detail/define.ts';
import type { ComposioElement } from '../../src/elements/shared/base.ts';
import type { ComposioLogDetail } from '../../src/elements/log-detail/log-detail.ts';
import type { ComposioLogTable } from '../../src/elements/log-table/log-table.ts';
import type { ComposioUsageChart } from '../../src/elements/usage-chart/usage-chart.ts';
import { loadStrings } from '../../src/elements/shared/i18n/languages.ts';
import type { Language, LoadedLanguage } from '../../src/elements/shared/i18n/strings.ts';
import { Records } from '../../src/simulator/records.ts';
import { failOnce, resetWorker, session, simulator, startWorker, worker } from './bff-in-page.ts';
import { englishLeft, englishOnly, visibleTexts } from './i18n-helpers.ts';

before(startWorker);
afterEach(resetWorker);

const OTHERS: LoadedLanguage[] = ['de', 'fr', 'es', 'ja', 'pt-BR'];
const DAY = 86_400_000;
const TO = Math.floor(Date.now() / DAY) * DAY;
const FROM = TO - 7 * DAY;
/** A month long before the simulator's history: nothing to show. */
const [EMPTY_FROM, EMPTY_TO] = [Date.UTC(2001, 0, 1), Date.UTC(2001, 1, 1)];

const $ = (el: Element, selector: string) => el.shadowRoot!.querySelector(selector) as HTMLElement | null;

/** The words of `language` are on screen (the element and any element nested in it re-rendered). */
async function speak(el: ComposioElement, language: Language): Promise<void> {
  el.locale = language;
  await loadStrings(language);
  await el.updateComplete;
  const nested = el.shadowRoot!.querySelector<ComposioElement>('composio-log-detail');
  await nested?.updateComplete;
}

/** Under each language in turn, no English is left in `el` (compared with the same state in English). */
async function expectNoEnglish(el: ComposioElement, languages = OTHERS): Promise<void> {
  await speak(el, 'en');
  const english = new Set(visibleTexts(el.shadowRoot!));
  for (const language of languages) {
    await speak(el, language);
    expect(await englishLeft(el, language, english), `English left under ${language}`).to.deep.equal([]);
  }
}

describe('no English left under another language', () => {
  it('finds English in an element that shows English (the check can fail)', async () => {
    const el = await fixture<ComposioUsageChart>(html`<composio-usage-chart locale="en" range="7d"></composio-usage-chart>`);
    await waitUntil(() => el.chart, 'drawn', { timeout: 10_000 });
    const left = await englishLeft(el, 'fr');
    expect(left.join(' ')).to.contain('calls');
    expect((await englishOnly('fr')).has('load'), 'Load more').to.equal(true);
  });

  it('<composio-usage-chart>: loaded (chart and table view), empty, and failed with the last data dimmed', async () => {
    const el = await fixture<ComposioUsageChart>(
      html`<composio-usage-chart range="30d" group-by="toolkit_slug" compare controls time-zone="UTC"></composio-usage-chart>`,
    );
    await waitUntil(() => el.chart, 'drawn', { timeout: 10_000 });
    await expectNoEnglish(el);
    $(el, '[part="table-toggle"]')!.click();
    await expectNoEnglish(el, ['fr', 'ja']);
    worker.use(failOnce(/usage\/summary$/));
    el.refresh();
    await waitUntil(() => $(el, '[part="error"]') && $(el, '[part="shown"]'), 'failed, last data shown', { timeout: 10_000 });
    await expectNoEnglish(el, ['de', 'es']);
    el.from = String(EMPTY_FROM);
    el.to = String(EMPTY_TO);
    await waitUntil(() => $(el, '[part="empty"]'), 'empty', { timeout: 10_000 });
    await expectNoEnglish(el);
  });

  it('<composio-usage-chart>: a first load that fails', async () => {
    worker.use(failOnce(/usage\/summary$/, 422));
    const el = await fixture<ComposioUsageChart>(html`<composio-usage-chart locale="pt-BR"></composio-usage-chart>`);
    await waitUntil(() => $(el, '[part="error"]'), 'failed', { timeout: 10_000 });
    await expectNoEnglish(el);
  });

  it('<composio-usage-chart>: a busy server, waited out on screen', async () => {
    const busy = { error: { message: 'busy', code: 10429, slug: 'TooManyRequests', status: 429, request_id: 'req_busy' } };
    worker.use(
      http.post(/usage\/summary$/, () => HttpResponse.json(busy, { status: 429, headers: { 'retry-after': '60' } }), { once: true }),
    );
    const el = await fixture<ComposioUsageChart>(html`<composio-usage-chart></composio-usage-chart>`);
    await waitUntil(() => $(el, '[part="busy"]'), 'busy', { timeout: 10_000 });
    await expectNoEnglish(el);
  });

  it('<composio-usage-insights>: loaded, failed with the last data dimmed, and empty', async () => {
    const el = await fixture<ComposioElement>(
      html`<composio-usage-insights from=${FROM} to=${TO} time-zone="UTC"></composio-usage-insights>`,
    );
    await waitUntil(() => $(el, '[part="table"]') && $(el, '[part="errors"]'), 'loaded', { timeout: 15_000 });
    await expectNoEnglish(el);
    worker.use(failOnce(/usage\/insights$/, 401));
    el.refresh();
    await waitUntil(() => $(el, '[part="error"]') && $(el, '[part="shown"]'), 'failed, last data shown', { timeout: 10_000 });
    await expectNoEnglish(el, ['fr', 'ja']);
    el.setAttribute('from', String(EMPTY_FROM));
    el.setAttribute('to', String(EMPTY_TO));
    await waitUntil(() => $(el, '[part="empty"]'), 'empty', { timeout: 15_000 });
    await expectNoEnglish(el);
  });

  it('<composio-log-table>: rows with a filter chip, Add filter and the detail panel open', async () => {
    const filters = JSON.stringify([{ field: 'session_id', operator: '!=', value: 'trs_none' }]);
    const el = await fixture<ComposioLogTable>(html`<composio-log-table range="24h" filters=${filters}></composio-log-table>`);
    await waitUntil(() => el.logs.length > 0 && $(el, '[role="row"]:not(.head)'), 'rows', { timeout: 10_000 });
    $(el, '.add-filter')!.click();
    const failed = el.logs.find((l) => l.status === 'failed') ?? el.logs[0];
    el.open(failed);
    await waitUntil(() => $(el, 'composio-log-detail')?.shadowRoot?.querySelector('h3'), 'detail open', { timeout: 10_000 });
    await expectNoEnglish(el);
  });

  it('<composio-log-table>: the empty result and a failed first page', async () => {
    const filters = JSON.stringify([{ field: 'tool_slug', operator: 'contains', value: 'ZZZ' }]);
    const el = await fixture<ComposioLogTable>(html`<composio-log-table filters=${filters}></composio-log-table>`);
    await waitUntil(() => $(el, '[part="empty"]'), 'empty', { timeout: 10_000 });
    await expectNoEnglish(el);
    worker.use(failOnce(/logs\/tool_execution$/));
    el.filters = [];
    await waitUntil(() => $(el, '[part="error"]'), 'failed', { timeout: 10_000 });
    await expectNoEnglish(el);
  });

  it('<composio-log-detail>: a failed call with its hint, and a log that is not found', async () => {
    const ds = simulator.dataset;
    const records = new Records(ds);
    let index = ds.visibleCount(simulator.now()) - 1;
    while (!(records.projectIndex(index) === 0 && ds.failure[index] === 3)) index--; // invalid input: the hint shows the arguments
    session.userIds = [records.userId(index)];
    const el = await fixture<ComposioLogDetail>(html`<composio-log-detail log-id=${records.logId(index)}></composio-log-detail>`);
    await waitUntil(() => $(el, '[part="hint"]') && $(el, '[part="payload"] details'), 'detail loaded', { timeout: 10_000 });
    await expectNoEnglish(el);
    el.logId = 'log_not_there';
    await waitUntil(() => $(el, '[role="alert"]'), 'not found', { timeout: 10_000 });
    await expectNoEnglish(el);
  });
});

describe('the JSON tree in the element’s locale', () => {
  const detail = {
    id: 'log_i18n_tree',
    timestamp: new Date().toISOString(),
    type: 'tool.execution',
    status: 'success',
    level: 'info',
    metadata: {},
    metrics: { duration_ms: 1234 },
    parent: null,
    context: {},
    source: {},
    data: { request: { arguments: { text: 'x'.repeat(12_345), items: Array.from({ length: 1_500 }, (_, i) => i + 0.5) } } },
  };

  async function tree(locale: string) {
    worker.use(http.get('/api/composio/logs/tool_execution/:id', () => HttpResponse.json(detail)));
    const el = await fixture<ComposioLogDetail>(html`<composio-log-detail log-id="log_i18n_tree" locale=${locale}></composio-log-detail>`);
    await waitUntil(() => $(el, '[part="payload"] button.more'), 'tree shown', { timeout: 10_000 });
    await loadStrings(locale === 'en-US' ? 'en' : (locale.slice(0, 2) as Language));
    await el.updateComplete;
    const items = [...el.shadowRoot!.querySelectorAll<HTMLDetailsElement>('details')].find((d) =>
      d.querySelector(':scope > summary')!.textContent!.includes('items'),
    )!;
    items.open = true;
    await waitUntil(() => items.querySelector(':scope > .j-children > button.more'), 'items opened');
    const buttons = [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('button.more')];
    return {
      texts: buttons.map((b) => b.textContent!.trim()),
      titles: buttons.map((b) => b.title).filter(Boolean),
      firstItem: items.querySelector('.j-number')!.textContent,
    };
  }

  it('formats the tree’s counts with the locale (and leaves the payload’s own numbers as JSON wrote them)', async () => {
    const n = (value: number, locale: string) => new Intl.NumberFormat(locale).format(value);
    const de = await tree('de-DE');
    expect(de.texts).to.include(`alle ${n(12_345, 'de-DE')} Zeichen anzeigen`);
    expect(de.texts).to.include('100 weitere anzeigen');
    expect(de.titles).to.deep.equal([`${n(1_400, 'de-DE')} nicht angezeigt`]);
    expect(n(12_345, 'de-DE')).to.equal('12.345');
    expect(de.firstItem, 'a value of the payload is data').to.equal('0.5');
    const fr = await tree('fr-FR');
    expect(fr.texts).to.include(`afficher les ${n(12_345, 'fr-FR')} caractères`);
    expect(fr.titles).to.deep.equal([`${n(1_400, 'fr-FR')} non affichés`]);
    const us = await tree('en-US');
    expect(us.texts).to.include('show all 12,345 characters');
    expect(us.titles).to.deep.equal(['1,400 not shown']);
  });
});
