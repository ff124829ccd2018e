/**
 * The range control the chart and the log table share: a custom range of whole days chosen with
 * the keyboard alone reaches the BFF as the right window in the element's zone (far from UTC, and
 * across a DST day), Escape cancels, a range that makes no window says why and cannot be applied,
 * axe finds nothing with the form open, and it fits a 375 px screen.
 */
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import { http } from 'msw';
import './resize-observer-noise.ts';
import '../../src/elements/log-table/define.ts';
import '../../src/elements/usage-chart/define.ts';
import type { ComposioLogTable } from '../../src/elements/log-table/log-table.ts';
import type { ComposioUsageChart } from '../../src/elements/usage-chart/usage-chart.ts';
import type { FiltersChangeDetail, RangeChangeDetail } from '../../src/elements/shared/events.ts';
import { loadStrings } from '../../src/elements/shared/i18n/languages.ts';
import type { LoadedLanguage } from '../../src/elements/shared/i18n/strings.ts';
import { bff, listWindows, resetWorker, startWorker, worker } from './bff-in-page.ts';
import { englishLeft, visibleTexts } from './i18n-helpers.ts';
import {
  $,
  apply,
  chooseDays,
  DAY,
  dayIn,
  focused,
  form,
  HOUR,
  input,
  midnight,
  nextDay,
  picker,
  problem,
  tabTo,
  typeDay,
} from './range-helpers.ts';
import { captureUncaught } from './capture.ts';

const START = location.href;
before(startWorker);
afterEach(() => {
  resetWorker();
  history.replaceState(null, '', START);
});

/** The most recent local day of `zone` in the last 300 that is not 24 hours long (a DST change). */
function lastDstDay(zone: string): string {
  for (let back = 1; back < 300; back++) {
    const day = dayIn(Date.now() - back * DAY, zone);
    if (midnight(nextDay(day), zone) - midnight(day, zone) !== DAY) return day;
  }
  throw new Error(`${zone} changed its clocks on no day of the last 300`);
}

/** The usage requests' windows (`from`, `to` of each body) the chart sends. */
function recordUsageWindows(): { from: number; to: number }[] {
  const windows: { from: number; to: number }[] = [];
  worker.use(
    http.post('/api/composio/usage/*', async ({ request }) => {
      const body = (await request.clone().json()) as { from?: number; to?: number };
      if (typeof body.from === 'number' && typeof body.to === 'number') windows.push({ from: body.from, to: body.to });
      return bff(request);
    }),
  );
  return windows;
}

describe('range control: a custom range of days, by keyboard', () => {
  it('log table in Asia/Kolkata: the BFF gets local midnight to the next local midnight, the URL keeps it, the select says it', async () => {
    const zone = 'Asia/Kolkata';
    const el = await fixture<ComposioLogTable>(
      html`<composio-log-table url-state range="24h" time-zone=${zone} locale="en-US"></composio-log-table>`,
    );
    await waitUntil(() => el.logs.length > 0, 'first page', { timeout: 10_000 });
    const from = dayIn(Date.now() - 9 * DAY, zone);
    const to = dayIn(Date.now() - 3 * DAY, zone);
    const changed = oneEvent(el, 'composio-filters-change') as Promise<CustomEvent<FiltersChangeDetail>>;
    await chooseDays(el, from, to);
    // India is UTC+05:30 all year: its midnights, straight from ISO 8601
    const want = { from: Date.parse(`${from}T00:00:00+05:30`), to: Date.parse(`${nextDay(to)}T00:00:00+05:30`) };
    expect(want).to.deep.equal({ from: midnight(from, zone), to: midnight(nextDay(to), zone) });
    await waitUntil(() => listWindows.some((w) => w.from === want.from && w.to === want.to), 'the BFF got the window', { timeout: 10_000 });
    expect((await changed).detail).to.deep.include({ range: '24h', ...want });
    expect([el.from, el.to]).to.deep.equal([String(want.from), String(want.to)]);
    await waitUntil(() => new URL(location.href).searchParams.get('log.from') === String(want.from), 'the URL keeps it');
    expect(new URL(location.href).searchParams.get('log.to')).to.equal(String(want.to));
    await waitUntil(() => !form(el), 'the form closes');
    expect(focused(el), 'focus back on the select').to.equal(picker(el));
    const said = picker(el).selectedOptions[0].text;
    const words = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', timeZone: zone }).formatRange(want.from, want.to - 1);
    expect(said).to.equal(words);
    expect(said).to.match(/^[A-Z][a-z]{2} \d{1,2} – /);
    const inWindow = (l: { timestamp: string }) => Date.parse(l.timestamp) >= want.from && Date.parse(l.timestamp) < want.to;
    await waitUntil(() => el.logs.length > 0 && el.logs.every(inWindow), 'rows of the window, and only those', { timeout: 10_000 });
  });

  it('usage chart in America/Los_Angeles: a DST day is its 23 or 25 hours, and the host hears composio-range-change', async () => {
    const zone = 'America/Los_Angeles';
    const windows = recordUsageWindows();
    const el = await fixture<ComposioUsageChart>(
      html`<composio-usage-chart controls range="30d" time-zone=${zone} locale="en-US"></composio-usage-chart>`,
    );
    await waitUntil(() => el.chart, 'drawn', { timeout: 10_000 });
    const day = lastDstDay(zone);
    const want = { from: midnight(day, zone), to: midnight(nextDay(day), zone) };
    expect([23 * HOUR, 25 * HOUR], 'a DST day').to.include(want.to - want.from);
    const changed = oneEvent(el, 'composio-range-change') as Promise<CustomEvent<RangeChangeDetail>>;
    await chooseDays(el, day, day);
    expect((await changed).detail).to.deep.equal({ range: '30d', ...want });
    await waitUntil(() => windows.some((w) => w.from === want.from && w.to === want.to), 'the BFF got the window', { timeout: 10_000 });
    expect([el.from, el.to]).to.deep.equal([want.from, want.to]);
    // one day: hourly buckets, as many as the day has hours
    await waitUntil(() => el.chart && el.chart.data.datasets[0].data.length === (want.to - want.from) / HOUR, 'hourly buckets of the day', {
      timeout: 10_000,
    });
    expect(picker(el).selectedOptions[0].text).to.equal(
      new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', timeZone: zone }).format(want.from),
    );
    // a preset again: the custom window goes, and the host hears it
    const back = oneEvent(el, 'composio-range-change') as Promise<CustomEvent<RangeChangeDetail>>;
    picker(el).focus();
    await sendKeys({ press: 'Home' });
    expect((await back).detail).to.deep.equal({ range: '24h' });
    expect([el.from, el.to, el.range]).to.deep.equal([undefined, undefined, '24h']);
  });

  it('a range ending today ends now, not at midnight', async () => {
    const zone = 'Pacific/Kiritimati'; // UTC+14: "today" there is often tomorrow in UTC
    const el = await fixture<ComposioLogTable>(html`<composio-log-table range="24h" time-zone=${zone}></composio-log-table>`);
    await waitUntil(() => el.logs.length > 0, 'first page', { timeout: 10_000 });
    const today = dayIn(Date.now(), zone);
    const yesterday = dayIn(Date.now() - DAY, zone);
    const before = Date.now();
    await chooseDays(el, yesterday, today);
    await waitUntil(() => el.from !== undefined, 'applied');
    expect(Number(el.from)).to.equal(midnight(yesterday, zone));
    expect(Number(el.to)).to.be.within(before, Date.now());
  });
});

describe('range control: cancelling and bad input', () => {
  it('Escape cancels: the window stays, no request is sent, focus returns to the select', async () => {
    const el = await fixture<ComposioLogTable>(html`<composio-log-table range="7d" time-zone="Asia/Kolkata"></composio-log-table>`);
    await waitUntil(() => el.logs.length > 0, 'first page', { timeout: 10_000 });
    const sent = listWindows.length;
    picker(el).focus();
    await sendKeys({ press: 'End' });
    await waitUntil(() => form(el), 'form open');
    await tabTo(el, input(el, 'from'), 'From');
    await typeDay(dayIn(Date.now() - 40 * DAY, 'Asia/Kolkata'));
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => !form(el), 'Escape closes the form');
    expect(focused(el)).to.equal(picker(el));
    expect(picker(el).value).to.equal('7d');
    expect([el.range, el.from, el.to]).to.deep.equal(['7d', undefined, undefined]);
    expect(listWindows.length, 'no request').to.equal(sent);
    // Escape on the select itself cancels too; Cancel as well
    await sendKeys({ press: 'End' });
    await waitUntil(() => form(el), 'open again');
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => !form(el), 'Escape on the select closes it');
    expect(picker(el).value).to.equal('7d');
  });

  it('From after To, an empty date or a future one: a clear message, Apply off, nothing thrown or sent', async () => {
    const zone = 'Asia/Kolkata';
    const { errors, restore } = captureUncaught();
    try {
      const el = await fixture<ComposioLogTable>(
        html`<composio-log-table range="24h" time-zone=${zone} locale="en-US"></composio-log-table>`,
      );
      await waitUntil(() => el.logs.length > 0, 'first page', { timeout: 10_000 });
      const sent = listWindows.length;
      picker(el).focus();
      await sendKeys({ press: 'End' });
      await waitUntil(() => form(el), 'form open');
      expect(problem(el), 'the opening days are fine').to.equal('');
      expect(apply(el).disabled).to.equal(false);
      // From after To
      await tabTo(el, input(el, 'from'), 'From');
      await typeDay(dayIn(Date.now() - 2 * DAY, zone));
      await tabTo(el, input(el, 'to'), 'To');
      await typeDay(dayIn(Date.now() - 5 * DAY, zone));
      await waitUntil(() => problem(el) === 'From must be on or before To.', 'order message');
      expect(apply(el).disabled).to.equal(true);
      expect(input(el, 'from').getAttribute('aria-invalid')).to.equal('true');
      expect(input(el, 'from').getAttribute('aria-describedby')).to.contain('range-problem');
      await sendKeys({ press: 'Enter' }); // implicit submission: refused with Apply off
      expect(form(el), 'still open').to.not.equal(null);
      // an empty To (Backspace clears its year: the date is no longer complete)
      await sendKeys({ press: 'Backspace' });
      await waitUntil(() => problem(el) === 'Choose a From and a To date.', 'missing message');
      expect(apply(el).disabled).to.equal(true);
      // a day in the future (typed past the input's max)
      input(el, 'from').focus();
      await tabTo(el, input(el, 'to'), 'To');
      await typeDay(dayIn(Date.now() + 3 * DAY, zone));
      await waitUntil(() => problem(el) === 'Dates can’t be in the future.', 'future message');
      expect(apply(el).disabled).to.equal(true);
      expect(listWindows.length, 'nothing sent').to.equal(sent);
      expect(el.from).to.equal(undefined);
      expect(errors).to.deep.equal([]);
    } finally {
      restore();
    }
  });
});

describe('range control: languages', () => {
  it('speaks the element’s language: the open form with a message, and a custom window in words', async () => {
    const el = await fixture<ComposioLogTable>(
      html`<composio-log-table range="24h" time-zone="Asia/Kolkata" from="1793644200000" to="1794249000000"></composio-log-table>`,
    );
    await waitUntil(() => el.logs.length > 0 || $(el, '[part="empty"]'), 'first page', { timeout: 10_000 });
    picker(el).focus();
    await sendKeys({ press: 'End' });
    await waitUntil(() => form(el), 'open');
    input(el, 'from').focus();
    await typeDay(dayIn(Date.now() + 2 * DAY, 'Asia/Kolkata'));
    await waitUntil(() => problem(el) !== '', 'a message');
    const english = new Set(visibleTexts(el.shadowRoot!));
    expect([...english]).to.include.members(['From', 'To', 'Apply', 'Cancel', 'Custom…', 'Whole days in Asia/Kolkata', problem(el)]);
    for (const language of ['de', 'fr', 'es', 'ja', 'pt-BR'] as LoadedLanguage[]) {
      el.locale = language;
      await loadStrings(language);
      await el.updateComplete;
      expect(await englishLeft(el, language, english), `English left under ${language}`).to.deep.equal([]);
    }
    // the window in words follows the locale too: "3 nov. – 9 nov." style in French, not "Nov 3 – 9"
    el.locale = 'fr-FR';
    await el.updateComplete;
    const shown = [...picker(el).options].find((o) => o.value === 'shown')!.text;
    expect(shown).to.equal(
      new Intl.DateTimeFormat('fr-FR', { month: 'short', day: 'numeric', timeZone: 'Asia/Kolkata' }).formatRange(
        1793644200000,
        1794249000000 - 1,
      ),
    );
  });
});

describe('range control: accessibility and small screens', () => {
  afterEach(() => setViewport({ width: 800, height: 600 }));

  it('has no axe violations with the form open, in both elements (and with a message shown)', async () => {
    const table = await fixture<ComposioLogTable>(html`<composio-log-table range="24h"></composio-log-table>`);
    await waitUntil(() => table.logs.length > 0, 'first page', { timeout: 10_000 });
    picker(table).focus();
    await sendKeys({ press: 'End' });
    await waitUntil(() => form(table), 'open');
    await expect(table).to.be.accessible();
    input(table, 'from').focus();
    await typeDay(dayIn(Date.now() + 2 * DAY, Intl.DateTimeFormat().resolvedOptions().timeZone));
    await waitUntil(() => problem(table) !== '', 'a message');
    await expect(table).to.be.accessible();
    const chart = await fixture<ComposioUsageChart>(html`<composio-usage-chart controls range="7d"></composio-usage-chart>`);
    await waitUntil(() => chart.chart, 'drawn', { timeout: 10_000 });
    picker(chart).focus();
    await sendKeys({ press: 'End' });
    await waitUntil(() => form(chart), 'open');
    await expect(chart).to.be.accessible();
  });

  it('fits 375 px with the form open: no sideways page scroll, every control inside the element', async () => {
    await setViewport({ width: 375, height: 800 });
    const el = await fixture<HTMLElement>(
      html`<div>
        <composio-usage-chart controls range="30d" compare group-by="toolkit_slug" locale="en-US"></composio-usage-chart>
        <composio-log-table range="24h" locale="en-US"></composio-log-table>
      </div>`,
    );
    const chart = el.querySelector('composio-usage-chart')!;
    const table = el.querySelector('composio-log-table')!;
    await waitUntil(() => (chart as ComposioUsageChart).chart && (table as ComposioLogTable).logs.length > 0, 'both loaded', {
      timeout: 10_000,
    });
    for (const element of [chart, table]) {
      picker(element).focus();
      await sendKeys({ press: 'End' });
      await waitUntil(() => form(element), 'open');
      // a message makes the form taller, never wider
      input(element, 'from').focus();
      await typeDay(dayIn(Date.now() + 2 * DAY, Intl.DateTimeFormat().resolvedOptions().timeZone));
      await waitUntil(() => problem(element) !== '', 'a message');
      const right = element.getBoundingClientRect().right + 0.5;
      const controls = [...form(element)!.querySelectorAll<HTMLElement>('input, button, p'), picker(element)];
      const outside = controls.filter((c) => c.getBoundingClientRect().right > right).map((c) => c.outerHTML.slice(0, 60));
      expect(outside, `${element.localName}: controls past its right edge`).to.deep.equal([]);
    }
    expect(document.documentElement.clientWidth).to.equal(375);
    expect(document.documentElement.scrollWidth, 'no sideways page scroll').to.be.at.most(375);
  });
});
