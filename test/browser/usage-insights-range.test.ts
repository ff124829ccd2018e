/**
 * `<composio-usage-insights controls>`: the shared Range control in the insights' header. Only
 * with `controls`; every preset `range` takes; a preset or a custom range of whole local days,
 * chosen with the keyboard, reaches the BFF as that window and the host hears
 * `composio-range-change`; no window longer than the BFF's `usage/insights` takes is offered; it
 * fits 375 px and axe finds nothing; a bad `range` still falls back with one warning.
 */
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import { http } from 'msw';
import '../../src/elements/usage-insights/define.ts';
import type { ComposioUsageInsights } from '../../src/elements/usage-insights/usage-insights.ts';
import type { RangeChangeDetail } from '../../src/elements/shared/events.ts';
import { en } from '../../src/elements/shared/i18n/en.ts';
import type { InsightsRequest } from '../../src/contract/protocol.ts';
import { RANGE_PRESETS, resolveRange } from '../../src/core/ranges.ts';
import { formatSpan } from '../../src/elements/shared/span.ts';
import { bff, resetWorker, startWorker, worker } from './bff-in-page.ts';
import { $, apply, chooseDays, DAY, dayIn, form, input, midnight, nextDay, picker, problem, tabTo, typeDay } from './range-helpers.ts';

before(startWorker);
afterEach(resetWorker);

/** The windows of the insights' grouped requests (the window shown; the previous period's is ungrouped). */
function recordWindows(): { from: number; to: number }[] {
  const windows: { from: number; to: number }[] = [];
  worker.use(
    http.post(/usage\/insights$/, async ({ request }) => {
      const body = (await request.clone().json()) as InsightsRequest;
      if (body.group_by) windows.push({ from: body.from, to: body.to });
      return bff(request);
    }),
  );
  return windows;
}

const loaded = (el: ComposioUsageInsights) =>
  waitUntil(() => $(el, '[part="table"]') || $(el, '[part="empty"]'), 'insights loaded', { timeout: 20_000 });
/** The table's caption names the window shown. */
const shows = (el: ComposioUsageInsights, w: { from: number; to: number }, zone: string) =>
  $(el, 'caption')?.textContent?.includes(formatSpan(w.from, w.to, zone, 'en-US')) ?? false;
const alert = (el: ComposioUsageInsights) => $(el, '[role="alert"]')?.textContent?.trim() ?? null;

describe('<composio-usage-insights controls>', () => {
  it('shows the Range control only with controls, offering every preset range takes, then Custom…', async () => {
    const el = await fixture<ComposioUsageInsights>(
      html`<composio-usage-insights range="30d" time-zone="UTC" locale="en-US"></composio-usage-insights>`,
    );
    await loaded(el);
    expect($(el, '[part="range-picker"]')).to.equal(null);
    expect($(el, '[part="header"]')).to.equal(null);
    el.controls = true;
    await el.updateComplete;
    expect($(el, '[part="header"]')).to.not.equal(null);
    expect(picker(el).value).to.equal('30d');
    expect(picker(el).labels[0].textContent!.trim()).to.match(/^Range/);
    const options = [...picker(el).options];
    expect(options.map((o) => o.value)).to.deep.equal([...RANGE_PRESETS, 'custom']);
    expect(options.map((o) => o.text)).to.deep.equal([...RANGE_PRESETS.map((r) => en.common.ranges[r]), 'Custom…']);
    el.controls = false;
    await el.updateComplete;
    expect($(el, '[part="range-picker"]')).to.equal(null);
  });

  it('a preset chosen with the keyboard reloads that window and fires composio-range-change', async () => {
    const zone = 'Asia/Kolkata';
    const windows = recordWindows();
    const el = await fixture<ComposioUsageInsights>(
      html`<composio-usage-insights controls range="7d" time-zone=${zone} locale="en-US"></composio-usage-insights>`,
    );
    await loaded(el);
    expect(windows.map((w) => w.from)).to.deep.equal([resolveRange('7d', Date.now(), zone).from]);
    const changed = oneEvent(el, 'composio-range-change') as Promise<CustomEvent<RangeChangeDetail>>;
    const reloaded = oneEvent(el, 'composio-load');
    picker(el).focus();
    await sendKeys({ press: 'ArrowDown' }); // Last 7d → Last 30d
    expect((await changed).detail).to.deep.equal({ range: '30d' });
    expect([el.range, el.from, el.to]).to.deep.equal(['30d', undefined, undefined]);
    await reloaded;
    await el.updateComplete;
    expect(windows).to.have.length(2);
    expect(windows[1].from).to.equal(resolveRange('30d', Date.now(), zone).from);
    expect(picker(el).value).to.equal('30d');
    expect(shows(el, windows[1], zone), 'the table is the new window’s').to.equal(true);
  });

  it('a custom range of days: the BFF gets whole local days, the host hears it, and a preset takes it back', async () => {
    const zone = 'Asia/Kolkata';
    const windows = recordWindows();
    const el = await fixture<ComposioUsageInsights>(
      html`<composio-usage-insights controls range="7d" time-zone=${zone} locale="en-US"></composio-usage-insights>`,
    );
    await loaded(el);
    const from = dayIn(Date.now() - 20 * DAY, zone);
    const to = dayIn(Date.now() - 6 * DAY, zone);
    const want = { from: midnight(from, zone), to: midnight(nextDay(to), zone) };
    expect(want).to.deep.equal({ from: Date.parse(`${from}T00:00:00+05:30`), to: Date.parse(`${nextDay(to)}T00:00:00+05:30`) });
    const changed = oneEvent(el, 'composio-range-change') as Promise<CustomEvent<RangeChangeDetail>>;
    await chooseDays(el, from, to);
    expect((await changed).detail).to.deep.equal({ range: '7d', ...want });
    expect([el.range, el.from, el.to]).to.deep.equal(['7d', want.from, want.to]);
    await waitUntil(() => windows.some((w) => w.from === want.from && w.to === want.to), 'the BFF got the window', { timeout: 15_000 });
    await waitUntil(() => !form(el) && shows(el, want, zone), 'the window shown', { timeout: 15_000 });
    expect(picker(el).selectedOptions[0].text).to.equal(
      new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', timeZone: zone }).formatRange(want.from, want.to - 1),
    );
    // a preset again: the custom window goes
    const back = oneEvent(el, 'composio-range-change') as Promise<CustomEvent<RangeChangeDetail>>;
    picker(el).focus();
    await sendKeys({ press: 'Home' });
    expect((await back).detail).to.deep.equal({ range: '1h' });
    expect([el.range, el.from, el.to]).to.deep.equal(['1h', undefined, undefined]);
    await waitUntil(() => windows.at(-1)!.from === resolveRange('1h', windows.at(-1)!.to, zone).from, 'the last hour asked for', {
      timeout: 15_000,
    });
  });

  it('offers no window longer than the BFF takes: 366 days says why and sends nothing; 365 days loads', async () => {
    const zone = 'UTC';
    const windows = recordWindows();
    const el = await fixture<ComposioUsageInsights>(
      html`<composio-usage-insights controls range="7d" time-zone=${zone} locale="en-US"></composio-usage-insights>`,
    );
    await loaded(el);
    const today = dayIn(Date.now(), zone);
    picker(el).focus();
    await sendKeys({ press: 'End' });
    await waitUntil(() => form(el), 'Custom… opens the form');
    await tabTo(el, input(el, 'from'), 'From');
    await typeDay(dayIn(Date.now() - 365 * DAY, zone));
    await waitUntil(() => problem(el) === 'A range can span at most 365 days.', 'the control says why');
    expect(apply(el).disabled).to.equal(true);
    expect(input(el, 'from').getAttribute('aria-invalid')).to.equal('true');
    await sendKeys({ press: 'Enter' }); // refused with Apply off
    expect(windows).to.have.length(1);
    expect(el.from).to.equal(undefined);
    // one day fewer: the longest window on offer, which the BFF answers (daily buckets, and its previous period)
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => !form(el), 'closed');
    const first = dayIn(Date.now() - 364 * DAY, zone);
    await chooseDays(el, first, today);
    await waitUntil(() => windows.length === 2, 'sent', { timeout: 15_000 });
    expect(windows[1].from).to.equal(midnight(first, zone));
    await waitUntil(() => shows(el, windows[1], zone), 'the year shown', { timeout: 60_000 });
    expect(alert(el)).to.equal(null);
  });

  it('fits 375 px (the header wraps, the form open with a message) and axe finds nothing', async () => {
    await setViewport({ width: 375, height: 800 });
    try {
      const el = await fixture<ComposioUsageInsights>(
        html`<composio-usage-insights controls range="30d" locale="en-US"></composio-usage-insights>`,
      );
      await loaded(el);
      await expect(el).to.be.accessible();
      picker(el).focus();
      await sendKeys({ press: 'End' });
      await waitUntil(() => form(el), 'open');
      await expect(el).to.be.accessible();
      // a message makes the form taller, never wider
      input(el, 'from').focus();
      await typeDay(dayIn(Date.now() + 2 * DAY, Intl.DateTimeFormat().resolvedOptions().timeZone));
      await waitUntil(() => problem(el) !== '', 'a message');
      await expect(el).to.be.accessible();
      const right = el.getBoundingClientRect().right + 0.5;
      const controls = [...form(el)!.querySelectorAll<HTMLElement>('input, button, p'), picker(el), $(el, '[part="header"]')!];
      const outside = controls.filter((c) => c.getBoundingClientRect().right > right).map((c) => c.outerHTML.slice(0, 60));
      expect(outside, 'controls past the element’s right edge').to.deep.equal([]);
      // the header wraps: the form on a row of its own under the select
      expect(form(el)!.getBoundingClientRect().top).to.be.at.least(picker(el).getBoundingClientRect().bottom - 0.5);
      expect(el.getBoundingClientRect().width).to.be.at.most(375);
      expect(document.documentElement.scrollWidth, 'no sideways page scroll').to.be.at.most(375);
    } finally {
      await setViewport({ width: 800, height: 600 });
    }
  });

  it('a bad range still falls back with one warning, and the control shows the fallback', async () => {
    const warnings: string[] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => void warnings.push(args.map(String).join(' '));
    try {
      const zone = 'UTC';
      const windows = recordWindows();
      const el = await fixture<ComposioUsageInsights>(
        html`<composio-usage-insights controls range="fortnight" time-zone=${zone} locale="en-US"></composio-usage-insights>`,
      );
      await loaded(el);
      expect(picker(el).value).to.equal('7d');
      expect(windows.map((w) => w.from)).to.deep.equal([resolveRange('7d', Date.now(), zone).from]);
      // the control renders (and reads `range`) on every update: still one warning
      el.requestUpdate();
      await el.updateComplete;
      expect(warnings.filter((w) => w.includes('range'))).to.deep.equal([
        '<composio-usage-insights>: unknown range "fortnight"; using "7d" (one of 1h, 24h, 7d, 30d, 90d)',
      ]);
    } finally {
      console.warn = warn;
    }
  });
});
