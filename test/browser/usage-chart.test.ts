import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import type { Chart } from 'chart.js';
import { emulateMedia, setViewport } from '@web/test-runner-commands';
import { http, HttpResponse } from 'msw';
import '../../src/elements/usage-chart/define.ts';
import type { ComposioUsageChart } from '../../src/elements/usage-chart/usage-chart.ts';
import { renderStat } from '../../src/elements/usage-chart/views.ts';
import { en } from '../../src/elements/shared/i18n/en.ts';
import { layoutHeader } from '../../src/elements/usage-chart/png-export.ts';
import { render } from 'lit';
import type { UsageSeriesResponse } from '../../src/contract/protocol.ts';
import { zoneOffsetMs } from '../../src/core/time-zone.ts';
import { bff, bffPost, failOnce, post, resetWorker, seen, session, startWorker, worker } from './bff-in-page.ts';
import { captureUncaught, captureWarnings } from './capture.ts';

before(startWorker);
afterEach(resetWorker);

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

async function drawn(el: ComposioUsageChart): Promise<Chart> {
  await waitUntil(() => el.chart, 'chart was not drawn', { timeout: 10_000 });
  return el.chart!;
}

type P = { x: number; y: number; from: number; to: number };
const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
const pointsOf = (chart: Chart, i = 0) => chart.data.datasets[i].data as unknown as P[];
const shadow = (el: Element, selector: string) => el.shadowRoot!.querySelector(selector) as HTMLElement;
const headerTotal = (el: ComposioUsageChart) => Number(shadow(el, '[part="total"]').textContent!.replace(/\D/g, ''));

/** Opens the table view and reads it back as rows of cell texts. */
async function tableRows(el: ComposioUsageChart): Promise<string[][]> {
  if (!shadow(el, 'table')) {
    shadow(el, '[part="table-toggle"]').click();
    await el.updateComplete;
  }
  return [...el.shadowRoot!.querySelectorAll('tbody tr')].map((tr) => [...tr.children].map((c) => c.textContent!.trim()));
}

/**
 * Clicks the canvas where Chart.js drew point `index` of dataset `dataset`. Chart.js reads the
 * event in a later animation frame, when a synthetic event dispatched inside a shadow root has lost
 * its target (and so its offsets); give it the offsets a real, trusted click carries.
 */
function clickPoint(chart: Chart, dataset: number, index: number): void {
  const element = chart.getDatasetMeta(dataset).data[index];
  const { x, y, base, horizontal } = element.getProps(['x', 'y', 'base', 'horizontal'], true) as Record<string, number>;
  const [cx, cy] = horizontal ? [(x + base) / 2, y] : [x, (y + base) / 2];
  clickAt(chart, cx, cy);
}

/** A click at canvas pixel (cx, cy). */
function clickAt(chart: Chart, cx: number, cy: number): void {
  const rect = chart.canvas.getBoundingClientRect();
  for (const type of ['mousemove', 'click']) {
    const event = new MouseEvent(type, { clientX: rect.left + cx, clientY: rect.top + cy, bubbles: true });
    Object.defineProperties(event, { offsetX: { value: cx }, offsetY: { value: cy } });
    chart.canvas.dispatchEvent(event);
  }
}

describe('<composio-usage-chart> series', () => {
  it('plots daily buckets whose sum equals the header total, with an accessible summary', async () => {
    const el = await fixture<ComposioUsageChart>(html`<composio-usage-chart range="30d" time-zone="Europe/Berlin"></composio-usage-chart>`);
    const chart = await drawn(el);
    const points = pointsOf(chart);
    expect(points.length).to.equal(30);
    expect(sum(points.map((p) => p.y))).to.equal(headerTotal(el));
    const canvas = shadow(el, 'canvas');
    expect(canvas.getAttribute('role')).to.equal('img');
    expect(canvas.getAttribute('aria-label')).to.match(/^Tool calls per day, .+ in total; highest/);
    expect((chart.options.scales!.x as { type: string }).type).to.equal('linear');
    expect(chart.options.animation).to.equal(false);
    expect(seen.filter((r) => r.endsWith('/series'))).to.have.length(1);
  });

  it('shows a table view with exactly the chart’s data, and exports it as formula-safe CSV', async () => {
    const el = await fixture<ComposioUsageChart>(
      html`<composio-usage-chart range="7d" locale="en-US" time-zone="UTC"></composio-usage-chart>`,
    );
    const chart = await drawn(el);
    const points = pointsOf(chart);
    const rows = await tableRows(el);
    expect(rows.map((r) => Number(r[1].replace(/,/g, '')))).to.deep.equal(points.map((p) => p.y));
    expect(rows.map((r) => r[0])).to.deep.equal(
      points.map((p) =>
        new Intl.DateTimeFormat('en-US', { weekday: 'short', month: 'short', day: 'numeric', timeZone: 'UTC' }).format(p.from),
      ),
    );
    const footer = shadow(el, 'tfoot td').textContent!.replace(/,/g, '');
    expect(Number(footer)).to.equal(headerTotal(el));
    const csv = el.toCsv().trimEnd().split('\r\n');
    expect(csv[0]).to.equal('from,to,bucket,Tool calls');
    expect(csv.length).to.equal(points.length + 1);
    expect(csv[1].split(',')[0]).to.equal(new Date(points[0].from).toISOString());
  });

  it('stacks grouped series: top N plus Other add up to each bucket, and the legend toggles a series', async () => {
    const el = await fixture<ComposioUsageChart>(
      html`<composio-usage-chart range="7d" group-by="toolkit_slug" top="3" time-zone="UTC"></composio-usage-chart>`,
    );
    const chart = await drawn(el);
    expect(chart.data.datasets.map((d) => d.label)).to.have.length(4);
    expect(chart.data.datasets.at(-1)!.label).to.equal('Other');
    expect((chart.options.scales!.y as { stacked: boolean }).stacked).to.equal(true);
    const totals = pointsOf(chart, 0).map((_, i) => sum(chart.data.datasets.map((_, d) => pointsOf(chart, d)[i].y)));
    expect(sum(totals)).to.equal(headerTotal(el));
    const series: UsageSeriesResponse = await post('usage/tool_calls/series', {
      from: pointsOf(chart)[0].from,
      to: pointsOf(chart).at(-1)!.to,
      interval: 'day',
      time_zone: 'UTC',
      group_by: 'toolkit_slug',
      limit: 3,
    });
    expect(chart.data.datasets.slice(0, 3).map((d) => d.label)).to.deep.equal(series.group_keys);
    const toggles = [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part="legend"] button')];
    expect(toggles.map((b) => b.textContent!.trim())).to.deep.equal(chart.data.datasets.map((d) => d.label));
    toggles[0].click();
    await el.updateComplete;
    expect(chart.isDatasetVisible(0)).to.equal(false);
    expect(toggles[0].getAttribute('aria-pressed')).to.equal('false');
  });

  it('overlays the previous period when compare is set', async () => {
    const el = await fixture<ComposioUsageChart>(html`<composio-usage-chart range="7d" compare time-zone="UTC"></composio-usage-chart>`);
    const chart = await drawn(el);
    const previous = chart.data.datasets.find((d) => d.label === 'Previous period')!;
    expect(previous).to.exist;
    const current = pointsOf(chart);
    const before = previous.data as unknown as P[];
    expect(before).to.have.length(current.length);
    // the same local days, seven earlier; today's partial day against the same hours a week ago
    // (its end, "now" a week ago, rounded down to the minute so that the BFF's cache can answer)
    const lastEnd = (to: number, i: number) => (i === current.length - 1 ? Math.floor(to / 60_000) * 60_000 : to);
    before.forEach((p, i) => expect([p.from, p.to]).to.deep.equal([current[i].from - 7 * DAY, lastEnd(current[i].to - 7 * DAY, i)]));
    const expected: UsageSeriesResponse = await post('usage/tool_calls/series', {
      from: before[0].from,
      to: before.at(-1)!.to,
      interval: 'day',
      time_zone: 'UTC',
    });
    expect(before.map((p) => p.y)).to.deep.equal(expected.buckets.map((b) => b.event_count));
    const rows = await tableRows(el);
    expect(rows[0]).to.have.length(3); // bucket, tool calls, previous period
  });

  it('cuts days at local midnight across a DST change and labels them in local time', async () => {
    // the latest New York DST change within the simulator's 400-day history
    let change = Date.now() - DAY;
    while (zoneOffsetMs(change, 'America/New_York') === zoneOffsetMs(change - DAY, 'America/New_York')) change -= DAY;
    const from = change - 3 * DAY;
    const to = change + 3 * DAY;
    const el = await fixture<ComposioUsageChart>(
      html`<composio-usage-chart
        from=${String(from)}
        to=${String(to)}
        interval="day"
        time-zone="America/New_York"
        locale="en-US"
      ></composio-usage-chart>`,
    );
    const chart = await drawn(el);
    const points = pointsOf(chart);
    const hours = points.slice(1, -1).map((p) => (p.to - p.from) / HOUR);
    expect(
      hours.some((h) => h === 23 || h === 25),
      `day lengths ${hours}`,
    ).to.equal(true);
    const localHour = new Intl.DateTimeFormat('en-US', { timeZone: 'America/New_York', hour: 'numeric', hourCycle: 'h23' });
    points.slice(1).forEach((p) => expect(Number(localHour.format(p.from))).to.equal(0));
    const rows = await tableRows(el);
    const dayFormat = new Intl.DateTimeFormat('en-US', { weekday: 'short', month: 'short', day: 'numeric', timeZone: 'America/New_York' });
    expect(rows.map((r) => r[0])).to.deep.equal(points.map((p) => dayFormat.format(p.from)));
    expect(new Set(rows.map((r) => r[0])).size).to.equal(rows.length, 'every local day once');
  });

  it('falls back to one summary per bucket when the BFF has no series route', async () => {
    worker.use(
      http.post('/api/composio/usage/:entity/series', () =>
        HttpResponse.json({ error: { message: 'No route', status: 404, code: 10404, slug: 'URLNotFound' } }, { status: 404 }),
      ),
    );
    const el = await fixture<ComposioUsageChart>(html`<composio-usage-chart range="7d" time-zone="Asia/Kolkata"></composio-usage-chart>`);
    const chart = await drawn(el);
    const points = pointsOf(chart);
    expect(points).to.have.length(7);
    expect(sum(points.map((p) => p.y))).to.equal(headerTotal(el));
    expect(shadow(el, '[part="note"]').textContent).to.contain('no series route');
    expect(seen.filter((r) => r === 'POST usage/summary').length).to.be.at.least(7 + 2);
    const direct: UsageSeriesResponse = await bffPost('usage/tool_calls/series', {
      from: points[0].from,
      to: points.at(-1)!.to,
      interval: 'day',
      time_zone: 'Asia/Kolkata',
    });
    expect(points.map((p) => p.y)).to.deep.equal(direct.buckets.map((b) => b.event_count));
  });
});

describe('<composio-usage-chart> breakdown', () => {
  it('draws horizontal bars of the top groups plus Other, and emits composio-group-select on click', async () => {
    const el = await fixture<ComposioUsageChart>(
      html`<composio-usage-chart view="breakdown" group-by="toolkit_slug" top="3"></composio-usage-chart>`,
    );
    const chart = await drawn(el);
    expect(chart.options.indexAxis).to.equal('y');
    const bars = chart.data.datasets[0].data as unknown as { x: number; y: number }[];
    expect(bars).to.have.length(4);
    const labels = [...el.shadowRoot!.querySelectorAll('tbody th')].map((th) => th.textContent!.trim());
    const top = bars.slice(0, 3).map((b) => b.x);
    expect(top).to.deep.equal(
      [...top].sort((a, b) => b - a),
      'largest first',
    );
    expect(sum(bars.map((b) => b.x))).to.equal(headerTotal(el));
    const rows = await tableRows(el);
    expect(rows.at(-1)![0]).to.equal('Other');
    shadow(el, '[part="table-toggle"]').click();
    const redrawn = await drawn(el);
    const event = oneEvent(el, 'composio-group-select');
    clickPoint(redrawn, 0, 0);
    const { detail } = await event;
    expect(detail).to.deep.equal({ groupBy: 'toolkit_slug', key: rows[0][0] });
    expect(labels).to.have.length(0);
  });
});

describe('<composio-usage-chart> interaction, theme and states', () => {
  it('emits composio-range-select for a clicked bucket, and for Enter after arrow keys', async () => {
    const el = await fixture<ComposioUsageChart>(html`<composio-usage-chart range="7d" time-zone="UTC"></composio-usage-chart>`);
    const chart = await drawn(el);
    const points = pointsOf(chart);
    let event = oneEvent(el, 'composio-range-select');
    clickPoint(chart, 0, 3);
    expect((await event).detail).to.deep.equal({ from: points[3].from, to: points[3].to });
    const plot = shadow(el, '[part="plot"]');
    plot.focus();
    event = oneEvent(el, 'composio-range-select');
    for (const key of ['ArrowRight', 'ArrowRight', 'Enter']) plot.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }));
    expect((await event).detail).to.deep.equal({ from: points[1].from, to: points[1].to });
    expect(chart.getActiveElements()[0].index).to.equal(1);
  });

  it('recolours when the theme changes', async () => {
    const el = await fixture<ComposioUsageChart>(html`<composio-usage-chart range="7d" theme="light"></composio-usage-chart>`);
    const before = (await drawn(el)).data.datasets[0].backgroundColor;
    el.theme = 'dark';
    await waitUntil(() => el.chart?.data.datasets[0].backgroundColor !== before, 'not recoloured');
    expect(el.chart!.data.datasets[0].backgroundColor).to.equal('#4493f8');
    el.style.setProperty('--composio-chart-1', 'rgb(1, 2, 3)');
    el.theme = 'light';
    await waitUntil(() => el.chart?.data.datasets[0].backgroundColor === 'rgb(1, 2, 3)', 'custom property not applied');
  });

  it('follows its container’s size', async () => {
    const box = await fixture<HTMLDivElement>(
      html`<div style="width: 600px"><composio-usage-chart range="7d"></composio-usage-chart></div>`,
    );
    const el = box.querySelector('composio-usage-chart') as ComposioUsageChart;
    const chart = await drawn(el);
    const before = chart.width;
    box.style.width = '400px';
    await waitUntil(() => chart.width < before - 150, `width stayed ${chart.width}`);
  });

  it('exports a PNG of the chart', async () => {
    const el = await fixture<ComposioUsageChart>(html`<composio-usage-chart range="7d"></composio-usage-chart>`);
    await drawn(el);
    const png = (await el.toPng())!;
    expect(png.type).to.equal('image/png');
    const signature = new Uint8Array(await png.slice(0, 8).arrayBuffer());
    expect([...signature]).to.deep.equal([137, 80, 78, 71, 13, 10, 26, 10]);
    expect(png.size).to.be.greaterThan(2000);
  });

  it('keeps the last data on error, shows the message and request id, and recovers on Retry', async () => {
    const el = await fixture<ComposioUsageChart>(html`<composio-usage-chart range="7d"></composio-usage-chart>`);
    const chart = await drawn(el);
    const total = headerTotal(el);
    // 500 is not retried by the client (503 would be, after Retry-After)
    worker.use(failOnce(/\/api\/composio\/usage\/summary$/, 500), failOnce(/\/api\/composio\/usage\/summary$/, 500));
    const failed = oneEvent(el, 'composio-error');
    el.refresh();
    expect((await failed).detail.error.message).to.contain('unavailable');
    await el.updateComplete;
    const alert = shadow(el, '[part="error"]');
    expect(alert.getAttribute('role')).to.equal('alert');
    expect(alert.textContent).to.contain('req_bff_test_failure');
    expect(headerTotal(el)).to.equal(total);
    expect(el.chart === chart, 'the chart stays').to.equal(true);
    const loaded = oneEvent(el, 'composio-load');
    (shadow(el, '[part="retry"]') as HTMLButtonElement).click();
    await loaded;
    await el.updateComplete;
    expect(shadow(el, '[part="error"]')).to.equal(null);
  });

  it('says so when there is nothing in the period', async () => {
    session.userIds = ['nobody-at-all'];
    const el = await fixture<ComposioUsageChart>(html`<composio-usage-chart range="7d" metric="sessions"></composio-usage-chart>`);
    await waitUntil(() => shadow(el, '[part="empty"]'), 'no empty state');
    expect(shadow(el, '[part="empty"]').textContent).to.equal('No sessions in this period');
    expect(el.chart === undefined, 'no chart').to.equal(true);
  });

  it('has no axe violations, in the chart and the table view', async () => {
    const el = await fixture<ComposioUsageChart>(
      html`<composio-usage-chart range="7d" controls group-by="toolkit_slug"></composio-usage-chart>`,
    );
    await drawn(el);
    await expect(el).to.be.accessible();
    await tableRows(el);
    await expect(el).to.be.accessible();
  });

  it('reloads when the range picker changes, aborting nothing it still needs', async () => {
    const el = await fixture<ComposioUsageChart>(html`<composio-usage-chart range="7d" controls time-zone="UTC"></composio-usage-chart>`);
    await drawn(el);
    const picker = shadow(el, '[part="range-picker"]') as HTMLSelectElement;
    picker.value = '24h';
    picker.dispatchEvent(new Event('change'));
    await waitUntil(() => el.chart && pointsOf(el.chart).length >= 24, 'hourly buckets');
    expect(el.range).to.equal('24h');
  });
});

describe('<composio-usage-chart> lifecycle, colour scheme and hostile data', () => {
  it('destroys its chart when removed and draws a new one when re-added', async () => {
    const el = await fixture<ComposioUsageChart>(html`<composio-usage-chart range="7d"></composio-usage-chart>`);
    const chart = await drawn(el);
    const parent = el.parentElement!;
    el.remove();
    // booleans, not the Chart: chai would spend minutes printing a Chart.js instance in a failure message
    expect(el.chart === undefined, 'the element let go of its chart').to.equal(true);
    expect((chart as unknown as { ctx: unknown }).ctx === null, 'Chart.js released its canvas').to.equal(true);
    parent.append(el);
    const again = await drawn(el);
    expect(again === chart, 'a new chart').to.equal(false);
    expect(pointsOf(again)).to.have.length(7);
  });

  it('follows prefers-color-scheme in auto theme', async () => {
    await emulateMedia({ colorScheme: 'light' });
    const el = await fixture<ComposioUsageChart>(html`<composio-usage-chart range="7d"></composio-usage-chart>`);
    expect((await drawn(el)).data.datasets[0].backgroundColor).to.equal('#0969da');
    await emulateMedia({ colorScheme: 'dark' });
    await waitUntil(() => el.chart?.data.datasets[0].backgroundColor === '#4493f8', 'dark palette not applied');
    await emulateMedia({ colorScheme: 'light' });
  });

  it('exports hostile group keys as inert CSV text', async () => {
    session.userIds = ['tyrell"><img src=x onerror=alert(1)>'];
    const el = await fixture<ComposioUsageChart>(
      html`<composio-usage-chart view="breakdown" group-by="tool_slug" top="20"></composio-usage-chart>`,
    );
    await drawn(el);
    const lines = el.toCsv().split('\r\n');
    const formula = lines.find((l) => l.includes('HYPERLINK'))!;
    expect(formula.startsWith(`"'=HYPERLINK(""http://evil.example"",""CLICK"")"`), formula).to.equal(true);
    expect(lines.some((l) => l.startsWith('CUSTOM_<IMG SRC=X ONERROR=ALERT(1)>,'))).to.equal(true);
    const rows = await tableRows(el);
    expect(rows.map((r) => r[0])).to.include('CUSTOM_<IMG SRC=X ONERROR=ALERT(1)>');
    expect(el.shadowRoot!.querySelector('img')).to.equal(null, 'rendered as text');
  });
});

describe('<composio-usage-chart> controls', () => {
  it('makes disabled buttons look disabled', async () => {
    const el = await fixture<ComposioUsageChart>(html`<composio-usage-chart range="7d"></composio-usage-chart>`);
    await drawn(el);
    shadow(el, '[part="table-toggle"]').click();
    await el.updateComplete;
    const png = shadow(el, '[part="export-png"]') as HTMLButtonElement;
    const csv = shadow(el, '[part="export-csv"]') as HTMLButtonElement;
    expect(png.disabled).to.equal(true);
    expect(Number(getComputedStyle(png).opacity)).to.be.below(1);
    expect(getComputedStyle(png).cursor).to.equal('not-allowed');
    expect(csv.disabled).to.equal(false);
    expect(getComputedStyle(csv).opacity).to.equal('1');
    expect(getComputedStyle(csv).cursor).to.equal('pointer');
  });
});

describe('<composio-usage-chart> drawing', () => {
  it('draws once per render, with hidden series already in the configuration', async () => {
    const { Chart } = await import('../../src/elements/usage-chart/chart-register.ts');
    const draws = new Map<unknown, number>();
    Chart.register({ id: 'test-draw-count', afterDraw: (chart: Chart) => void draws.set(chart, (draws.get(chart) ?? 0) + 1) });
    const el = await fixture<ComposioUsageChart>(
      html`<composio-usage-chart range="7d" group-by="toolkit_slug" top="3" time-zone="UTC"></composio-usage-chart>`,
    );
    const first = await drawn(el);
    expect(draws.get(first)).to.equal(1);
    (shadow(el, '[part="legend"] button') as HTMLButtonElement).click();
    await el.updateComplete;
    expect(first.isDatasetVisible(0)).to.equal(false);
    el.type = 'line';
    await waitUntil(() => el.chart && el.chart !== first, 'not redrawn');
    const second = el.chart!;
    expect(second.isDatasetVisible(0), 'hidden series stays hidden').to.equal(false);
    expect((second.data.datasets[0] as { hidden?: boolean }).hidden).to.equal(true);
    expect(draws.get(second), 'draws of the new chart').to.equal(1);
  });
});

describe('<composio-usage-chart> picking a segment', () => {
  /** Clicks, and returns what the element reported: the range and every group. */
  async function picked(el: ComposioUsageChart, click: () => void) {
    const groups: string[] = [];
    const onGroup = (e: Event) => groups.push((e as CustomEvent).detail.key);
    el.addEventListener('composio-group-select', onGroup);
    const range = oneEvent(el, 'composio-range-select');
    click();
    const { detail } = await range;
    el.removeEventListener('composio-group-select', onGroup);
    return { range: detail as { from: number; to: number }, groups };
  }

  for (const compare of [false, true]) {
    it(`reports exactly the clicked segment, or only the day above a stack (compare ${compare ? 'on' : 'off'})`, async () => {
      const el = await fixture<ComposioUsageChart>(
        html`<composio-usage-chart range="7d" group-by="toolkit_slug" top="3" time-zone="UTC" ?compare=${compare}></composio-usage-chart>`,
      );
      const chart = await drawn(el);
      const groups = chart.data.datasets.filter((d) => d.stack === 'usage');
      expect(groups.length).to.equal(4);
      // the quietest full day: room above its stack for a click on nothing
      const totals = pointsOf(chart)
        .slice(0, -1)
        .map((_, i) => sum(groups.map((_, d) => pointsOf(chart, d)[i].y)));
      const day = totals.indexOf(Math.min(...totals));
      // every non-empty segment of the day, bottom to top: each reports its own key
      for (let d = 0; d < 3; d++) {
        if (pointsOf(chart, d)[day].y === 0) continue;
        const result = await picked(el, () => clickPoint(chart, d, day));
        expect(result.range).to.deep.equal({ from: pointsOf(chart)[day].from, to: pointsOf(chart)[day].to });
        expect(result.groups, `segment ${d}`).to.deep.equal([chart.data.datasets[d].label]);
      }
      // above the stack, in the same day: the day only
      const bar = chart.getDatasetMeta(0).data[day].getProps(['x'], true) as { x: number };
      const stackTop = Math.min(...groups.map((_, d) => (chart.getDatasetMeta(d).data[day].getProps(['y'], true) as { y: number }).y));
      expect(stackTop - 6).to.be.greaterThan(chart.chartArea.top);
      const above = await picked(el, () => clickAt(chart, bar.x, stackTop - 6));
      expect(above.range.from).to.equal(pointsOf(chart)[day].from);
      expect(above.groups).to.deep.equal([]);
    });
  }
  it('stacks an area chart: each top is the sum of the visible layers up to it, also after a toggle, and a click picks its band', async () => {
    const el = await fixture<ComposioUsageChart>(
      html`<composio-usage-chart range="7d" group-by="toolkit_slug" top="3" time-zone="UTC" type="area"></composio-usage-chart>`,
    );
    const chart = await drawn(el);
    const value = (d: number, i: number) => (pointsOf(chart, d)[i] as P & { value: number }).value;
    const top = (d: number, i: number) => (chart.getDatasetMeta(d).data[i].getProps(['y'], true) as { y: number }).y;
    const topValue = (d: number, i: number) => chart.scales.y.getValueForPixel(top(d, i))!;
    const totals = pointsOf(chart).map((_, i) => sum([0, 1, 2, 3].map((d) => value(d, i))));
    const day = totals.indexOf(Math.max(...totals));
    for (let d = 0; d < 4; d++)
      expect(topValue(d, day), `top of layer ${d}`).to.be.closeTo(sum([0, 1, 2, 3].slice(0, d + 1).map((l) => value(l, day))), 0.01);
    // hide the bottom layer: the others come down by its value
    (shadow(el, '[part="legend"] button') as HTMLButtonElement).click();
    await el.updateComplete;
    expect(chart.isDatasetVisible(0)).to.equal(false);
    expect(topValue(3, day)).to.be.closeTo(totals[day] - value(0, day), 0.01);
    expect(topValue(1, day)).to.be.closeTo(value(1, day), 0.01);
    // the middle of layer 2's band, now directly on layer 1
    const x = (chart.getDatasetMeta(2).data[day].getProps(['x'], true) as { x: number }).x;
    const result = await picked(el, () => clickAt(chart, x, (top(1, day) + top(2, day)) / 2));
    expect(result.groups).to.deep.equal([chart.data.datasets[2].label]);
  });
});

describe('<composio-usage-chart> keyboard', () => {
  it('Enter selects the day only; Up/Down move between groups and Shift+Enter or G selects one', async () => {
    const el = await fixture<ComposioUsageChart>(
      html`<composio-usage-chart range="7d" group-by="toolkit_slug" top="3" time-zone="UTC" locale="en-US"></composio-usage-chart>`,
    );
    const chart = await drawn(el);
    const points = pointsOf(chart);
    const events: string[] = [];
    for (const type of ['composio-range-select', 'composio-group-select'] as const) {
      el.addEventListener(type, (e) => events.push(`${type === 'composio-range-select' ? 'range' : 'group'} ${JSON.stringify(e.detail)}`));
    }
    const plot = shadow(el, '[part="plot"]');
    plot.focus();
    const press = async (key: string, init: KeyboardEventInit = {}) => {
      plot.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...init }));
      await el.updateComplete;
    };
    await press('ArrowRight');
    await press('ArrowRight');
    await press('Enter');
    expect(events).to.deep.equal([`range ${JSON.stringify({ from: points[1].from, to: points[1].to })}`], 'Enter: the day, no group');
    events.length = 0;
    const nonEmpty = [0, 1, 2].filter((d) => pointsOf(chart, d)[1].y > 0);
    expect(nonEmpty.length).to.be.at.least(2);
    await press('ArrowUp');
    await press('ArrowUp');
    const second = chart.data.datasets[nonEmpty[1]].label!;
    expect(chart.getActiveElements().map((a) => a.datasetIndex)).to.deep.equal([nonEmpty[1]]);
    expect(el.shadowRoot!.querySelector('[aria-live="polite"].visually-hidden')!.textContent).to.contain(second);
    await press('Enter', { shiftKey: true });
    expect(events).to.deep.equal([`group ${JSON.stringify({ groupBy: 'toolkit_slug', key: second })}`]);
    events.length = 0;
    await press('ArrowDown');
    await press('g');
    expect(events).to.deep.equal([`group ${JSON.stringify({ groupBy: 'toolkit_slug', key: chart.data.datasets[nonEmpty[0]].label })}`]);
    expect(shadow(el, '#keys').textContent).to.match(/Shift\+Enter or G/);
  });
});

describe('<composio-usage-chart> compare', () => {
  it('overlays previous bucket i with the same calendar shape as bucket i, across a DST change', async () => {
    // Nov 4 00:00 – Nov 10 14:23 in New York: the previous week holds the 25-hour Nov 1
    const from = Date.UTC(2026, 10, 4, 5);
    const to = Date.UTC(2026, 10, 10, 19, 23);
    const el = await fixture<ComposioUsageChart>(
      html`<composio-usage-chart
        from=${String(from)}
        to=${String(to)}
        interval="day"
        compare
        time-zone="America/New_York"
      ></composio-usage-chart>`,
    );
    const chart = await drawn(el);
    const current = pointsOf(chart);
    const previous = chart.data.datasets.find((d) => d.label === 'Previous period')!.data as unknown as P[];
    expect(current).to.have.length(7);
    expect(previous).to.have.length(current.length);
    const wall = new Intl.DateTimeFormat('en-US', {
      timeZone: 'America/New_York',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      hourCycle: 'h23',
    });
    const local = (t: number) => wall.format(t);
    const weekEarlier = (t: number) =>
      wall.format(t).replace(/^11\/(\d+)/, (_, d) => (Number(d) > 7 ? `11/${Number(d) - 7}` : `10/${Number(d) + 24}`));
    previous.forEach((p, i) => {
      expect(local(p.from), `bucket ${i} start`).to.equal(weekEarlier(current[i].from));
      expect(local(p.to), `bucket ${i} end`).to.equal(weekEarlier(current[i].to));
    });
    expect((previous.at(-1)!.to - previous.at(-1)!.from) / HOUR).to.be.closeTo(14 + 23 / 60, 1e-9);
    expect(
      previous.some((p) => p.to - p.from === 25 * HOUR),
      'the 25-hour day is one bucket',
    ).to.equal(true);
  });

  it('draws 90d by week (Auto) and overlays the same weekdays 13 weeks earlier', async () => {
    const el = await fixture<ComposioUsageChart>(
      html`<composio-usage-chart range="90d" compare time-zone="America/New_York"></composio-usage-chart>`,
    );
    const chart = await drawn(el);
    const current = pointsOf(chart);
    const previous = chart.data.datasets.find((d) => d.label === 'Previous period')!.data as unknown as P[];
    // 14 bars (a partial week at each end), not 90: a phone can read them, and a cold view costs 30 calls, not 182
    expect(current.length).to.be.within(13, 15);
    expect(previous).to.have.length(current.length);
    const weekdayHour = new Intl.DateTimeFormat('en-US', {
      timeZone: 'America/New_York',
      weekday: 'short',
      hour: 'numeric',
      hourCycle: 'h23',
    });
    previous.forEach((p, i) => {
      expect(weekdayHour.format(p.from), `bucket ${i} start`).to.equal(weekdayHour.format(current[i].from));
      expect(Math.round((p.to - p.from) / (24 * HOUR)), `bucket ${i} length`).to.equal(
        Math.round((current[i].to - current[i].from) / (24 * HOUR)),
      );
    });
    expect(Math.round((current[0].from - previous[0].from) / (24 * HOUR))).to.equal(91);
  });
});

describe('<composio-usage-chart> tooltip', () => {
  it('shows the bucket’s total under its stacked parts', async () => {
    const el = await fixture<ComposioUsageChart>(
      html`<composio-usage-chart range="7d" group-by="toolkit_slug" top="3" time-zone="UTC" locale="en-US"></composio-usage-chart>`,
    );
    const chart = await drawn(el);
    const plot = shadow(el, '[part="plot"]');
    for (const key of ['ArrowRight', 'ArrowRight']) plot.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }));
    const total = sum(chart.data.datasets.map((_, d) => pointsOf(chart, d)[1].y));
    expect(chart.tooltip!.footer).to.deep.equal([`Total: ${total.toLocaleString('en-US')}`]);
    expect(chart.tooltip!.body).to.have.length(chart.data.datasets.length);
  });
});

describe('<composio-usage-chart> errors', () => {
  const failSummaries = () =>
    worker.use(
      failOnce(/\/api\/composio\/usage\/summary$/, 500, 'Composio is unavailable (HTTP 500)'),
      failOnce(/\/api\/composio\/usage\/summary$/, 500, 'Composio is unavailable (HTTP 500)'),
    );

  it('marks the data on screen as stale after a failed change, and says which range it is', async () => {
    const el = await fixture<ComposioUsageChart>(html`<composio-usage-chart range="30d" controls time-zone="UTC"></composio-usage-chart>`);
    const chart = await drawn(el);
    expect(shadow(el, '[part="shown"]')).to.equal(null);
    failSummaries();
    const failed = oneEvent(el, 'composio-error');
    const picker = shadow(el, '[part="range-picker"]') as HTMLSelectElement;
    picker.value = '7d';
    picker.dispatchEvent(new Event('change'));
    await failed;
    await el.updateComplete;
    expect(pointsOf(el.chart!)).to.have.length(30, 'the 30-day data stays');
    expect(el.chart === chart, 'the same chart').to.equal(true);
    expect(shadow(el, '[part="shown"]').textContent).to.match(/^Showing Last 30d \(.+\)$/);
    for (const selector of ['.stats', '.body']) {
      expect(shadow(el, selector).classList.contains('stale'), selector).to.equal(true);
      // marked by stripes and grey, not faded: the figures stay readable (axe checks their contrast)
      expect(getComputedStyle(shadow(el, selector)).backgroundImage, selector).to.contain('repeating-linear-gradient');
      expect(getComputedStyle(shadow(el, selector)).opacity, selector).to.equal('1');
    }
    await expect(el).to.be.accessible();
    expect(shadow(el, '[part="error"] .message').textContent).to.contain('Showing the last data that loaded');
    const loaded = oneEvent(el, 'composio-load');
    (shadow(el, '[part="retry"]') as HTMLButtonElement).click();
    await loaded;
    await el.updateComplete;
    expect(shadow(el, '[part="shown"]')).to.equal(null);
    expect(shadow(el, '.body').classList.contains('stale')).to.equal(false);
    await waitUntil(() => el.chart && pointsOf(el.chart).length === 7, '7 days after Retry');
  });

  it('shows one plain error with Retry on a failed first load, with no skeletons', async () => {
    failSummaries();
    const el = await fixture<ComposioUsageChart>(html`<composio-usage-chart range="7d"></composio-usage-chart>`);
    await waitUntil(() => shadow(el, '[part="error"]'), 'no error shown');
    expect(el.shadowRoot!.querySelectorAll('.skeleton')).to.have.length(0);
    expect(el.shadowRoot!.querySelectorAll('[part="error"]')).to.have.length(1);
    const message = shadow(el, '[part="error"] .message').textContent!;
    expect(message).to.contain('Usage data is temporarily unavailable');
    expect(message).to.not.match(/Composio|HTTP|500/);
    expect(message).to.not.contain('Showing the last data');
    const details = shadow(el, '[part="error"] details');
    expect(details.hasAttribute('open')).to.equal(false);
    expect(details.textContent).to.contain('HTTP 500').and.contain('req_bff_test_failure');
    (shadow(el, '[part="retry"]') as HTMLButtonElement).click();
    await drawn(el);
    await el.updateComplete;
    expect(shadow(el, '[part="error"]')).to.equal(null);
  });
});

describe('<composio-usage-chart> change against the previous period', () => {
  it('says there is no data for a previous period that predates the data, never a percentage', async () => {
    // the simulator's history starts 400 days ago: this window has 20 days of it, its previous period none
    const now = Date.now();
    const el = await fixture<ComposioUsageChart>(
      html`<composio-usage-chart
        from=${String(now - 410 * DAY)}
        to=${String(now - 380 * DAY)}
        time-zone="UTC"
        locale="en-US"
      ></composio-usage-chart>`,
    );
    await drawn(el);
    expect(headerTotal(el)).to.be.greaterThan(0);
    const change = shadow(el, '[part="change"]').textContent!.trim();
    expect(change).to.equal('No data for the previous period');
    expect(change).to.not.contain('%');
  });

  it('words a change against an all-but-empty previous period instead of +287,827.3 %', async () => {
    const box = document.createElement('div');
    render(renderStat('Tool calls', '287828', '1', { words: en.common, locale: 'en-US' }), box);
    expect(box.querySelector('[part="change"]')!.textContent).to.equal('Over 100× the previous period');
    render(renderStat('Tool calls', '12', '0', { words: en.common, locale: 'en-US' }), box);
    expect(box.querySelector('[part="change"]')!.textContent).to.equal('No data for the previous period');
  });

  it('shows an ordinary change as a percentage', async () => {
    const el = await fixture<ComposioUsageChart>(
      html`<composio-usage-chart range="30d" time-zone="UTC" locale="en-US"></composio-usage-chart>`,
    );
    await drawn(el);
    expect(shadow(el, '[part="change"]').textContent!.trim()).to.match(/^[+−-]?[\d.,]+\s?% vs previous period$/);
  });
});

describe('<composio-usage-chart> PNG export', () => {
  it('carries the title, the window and the legend above the plot, on the background', async () => {
    const el = await fixture<ComposioUsageChart>(
      html`<composio-usage-chart
        range="7d"
        group-by="toolkit_slug"
        top="3"
        compare
        theme="light"
        time-zone="UTC"
        locale="en-US"
      ></composio-usage-chart>`,
    );
    const chart = await drawn(el);
    const image = await createImageBitmap((await el.toPng())!);
    expect(image.width).to.equal(chart.canvas.width);
    const header = image.height - chart.canvas.height;
    expect(header, 'room above the plot').to.be.greaterThan(40);
    const canvas = document.createElement('canvas');
    [canvas.width, canvas.height] = [image.width, image.height];
    const ctx = canvas.getContext('2d')!;
    ctx.drawImage(image, 0, 0);
    const pixels = ctx.getImageData(0, 0, image.width, header).data;
    let ink = 0;
    let background = 0;
    for (let i = 0; i < pixels.length; i += 4) {
      if (pixels[i] === 255 && pixels[i + 1] === 255 && pixels[i + 2] === 255 && pixels[i + 3] === 255) background++;
      else ink++;
    }
    expect(background, 'opaque theme background').to.be.greaterThan(ink);
    expect(ink, 'text and swatches drawn in the header').to.be.greaterThan(500);
    // a legend swatch in the first series colour (#0969da) is in the header
    let swatch = false;
    for (let i = 0; i < pixels.length && !swatch; i += 4) swatch = pixels[i] === 9 && pixels[i + 1] === 105 && pixels[i + 2] === 218;
    expect(swatch, 'series swatch').to.equal(true);
  });

  it('lays the header out: title, window, and a legend that wraps to the width', () => {
    const header = {
      title: 'Tool calls by toolkit',
      range: 'Dec 1 – 7, 2026',
      legend: ['gmail', 'slack', 'github', 'Other', 'Previous period'].map((label) => ({ label, color: '#000' })),
    };
    const measure = (text: string) => text.length * 7;
    const wide = layoutHeader(header, 800, measure);
    const narrow = layoutHeader(header, 160, measure);
    const texts = wide.items.flatMap((i) => (i.kind === 'text' ? [i.text] : []));
    expect(texts).to.deep.equal(['Tool calls by toolkit', 'Dec 1 – 7, 2026', 'gmail', 'slack', 'github', 'Other', 'Previous period']);
    expect(wide.items.filter((i) => i.kind === 'swatch')).to.have.length(5);
    expect(narrow.height).to.be.greaterThan(wide.height);
    for (const item of narrow.items) if (item.kind === 'swatch') expect(item.x + item.size).to.be.at.most(160);
  });
});

describe('<composio-usage-chart> bad values from the host', () => {
  it('falls back to defaults with one warning each, never throws, and still draws', async () => {
    const { messages: warnings, restore: restoreWarn } = captureWarnings();
    const { errors, restore } = captureUncaught();
    try {
      const el = await fixture<ComposioUsageChart>(
        html`<composio-usage-chart
          range="forever"
          interval="fortnight"
          type="pie"
          metric="bananas"
          view="sideways"
          top="lots"
          group-by="planet"
          controls
          time-zone="UTC"
        ></composio-usage-chart>`,
      );
      const chart = await drawn(el);
      expect(pointsOf(chart), 'the default 30 days, per day').to.have.length(30);
      expect(chart.data.datasets).to.have.length(1, 'not grouped');
      expect((chart.config as { type?: string }).type).to.equal('bar');
      expect(headerTotal(el)).to.be.greaterThan(0);
      for (const name of ['range', 'interval', 'type', 'metric', 'view', 'top', 'group-by']) {
        expect(
          warnings.filter((w) =>
            w.startsWith(`<composio-usage-chart>: ${name === 'top' || name === 'group-by' ? name : `unknown ${name}`} `),
          ),
          name,
        ).to.have.length(1);
      }
      // a later bad value still never throws
      el.top = 0;
      el.setAttribute('type', 'donut');
      await waitUntil(() => warnings.some((w) => w.includes('top 0')), 'top 0 warned');
      await el.updateComplete;
      expect(el.chart).to.exist;
      expect(errors).to.deep.equal([]);
    } finally {
      restoreWarn();
      restore();
    }
  });

  it('an unknown time-zone warns once, throws nothing, and cuts days in the browser’s zone', async () => {
    const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    /** The time_zone of each series request the chart sent. */
    const zones: string[] = [];
    const recording = ((input: RequestInfo | URL, init?: RequestInit) => {
      if (String(input).endsWith('/series')) zones.push(JSON.parse(String(init!.body)).time_zone);
      return fetch(input, init);
    }) as typeof fetch;
    const { messages: warnings, restore: restoreWarn } = captureWarnings();
    const { errors, restore } = captureUncaught();
    try {
      const el = await fixture<ComposioUsageChart>(
        html`<composio-usage-chart range="30d" time-zone="Mars/Base" .fetch=${recording}></composio-usage-chart>`,
      );
      const points = pointsOf(await drawn(el));
      expect(points, 'the 30 days, per day').to.have.length(30);
      expect(zones.length, 'series requested').to.be.greaterThan(0);
      expect(new Set(zones), 'the zone sent to the BFF').to.deep.equal(new Set([browserZone]));
      // days start at the browser's local midnight (the test page runs in the browser's zone)
      for (const p of points) expect([new Date(p.from).getHours(), new Date(p.from).getMinutes()]).to.deep.equal([0, 0]);
      expect(headerTotal(el)).to.be.greaterThan(0);
      expect(warnings.filter((w) => w.includes('"Mars/Base"'))).to.have.length(1);
      expect(shadow(el, '[part="error"]'), 'no error banner').to.equal(null);
      expect(errors).to.deep.equal([]);
    } finally {
      restoreWarn();
      restore();
    }
  });
});

describe('<composio-usage-chart> small screens', () => {
  after(() => setViewport({ width: 800, height: 600 }));

  /** Everything in the shadow root that reaches past the host's right edge. */
  const tooWide = (el: ComposioUsageChart) => {
    const right = el.getBoundingClientRect().right + 0.5;
    return [...el.shadowRoot!.querySelectorAll<HTMLElement>('*')]
      .filter((node) => node.getClientRects().length && node.getBoundingClientRect().right > right && !node.closest('.table-wrap'))
      .map((node) => `${node.localName}.${node.className} ${Math.round(node.getBoundingClientRect().right)}`);
  };

  it('wraps its header, toolbar and legend at 375 px: nothing wider than the screen', async () => {
    // group keys are the customer's own ids: often long unbroken strings (e-mail addresses, UUIDs)
    const long = 'customer_3f6c1a529b7e4d1fa0c26e8b4f2d9a71@accounts.example.com';
    worker.use(
      http.post('/api/composio/usage/:entity/series', async ({ request }) => {
        const body = (await (await bff(request)).json()) as UsageSeriesResponse;
        if (body.group_keys?.length) body.group_keys[0] = long;
        return HttpResponse.json(body);
      }),
    );
    await setViewport({ width: 375, height: 800 });
    const el = await fixture<ComposioUsageChart>(
      html`<composio-usage-chart
        range="30d"
        group-by="toolkit_slug"
        top="5"
        compare
        controls
        locale="en-US"
        time-zone="UTC"
      ></composio-usage-chart>`,
    );
    const chart = await drawn(el);
    expect(chart.data.datasets[0].label).to.equal(long);
    await el.updateComplete;
    expect(chart.scales.x.ticks.length, 'date labels fit side by side').to.be.at.most(Math.floor(chart.scales.x.width / 64));
    expect(document.documentElement.clientWidth).to.equal(375);
    expect(el.getBoundingClientRect().right).to.be.at.most(375);
    expect(el.scrollWidth, 'host scrolls sideways').to.be.at.most(el.clientWidth);
    expect(tooWide(el)).to.deep.equal([]);
    // the error state, with its "Showing …" line and details, fits too
    worker.use(failOnce(/\/api\/composio\/usage\/summary$/, 500), failOnce(/\/api\/composio\/usage\/summary$/, 500));
    const failed = oneEvent(el, 'composio-error');
    el.range = '7d';
    await failed;
    await el.updateComplete;
    (shadow(el, '[part="error"] details') as HTMLDetailsElement).open = true;
    expect(shadow(el, '[part="shown"]')).to.exist;
    expect(tooWide(el)).to.deep.equal([]);
    expect(document.documentElement.scrollWidth).to.be.at.most(375);
  });
});
