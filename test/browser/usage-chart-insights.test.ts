import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { Chart } from 'chart.js';
import '../../src/elements/usage-chart/define.ts';
import type { ComposioUsageChart } from '../../src/elements/usage-chart/usage-chart.ts';
import type { InsightsResponse } from '../../src/contract/protocol.ts';
import { formatDuration } from '../../src/client/format.ts';
import { bffPost, resetWorker, seen, startWorker } from './bff-in-page.ts';

before(startWorker);
afterEach(resetWorker);

const DAY = 86_400_000;
const TO = Math.floor(Date.now() / DAY) * DAY;
const FROM = TO - 7 * DAY;
const percent = (v: number) => new Intl.NumberFormat('en-US', { style: 'percent', maximumFractionDigits: 1 }).format(v);

const shadow = (el: Element, selector: string) => el.shadowRoot!.querySelector(selector) as HTMLElement;
type P = { x: number; y: number | null };

async function mount(metric: string, extra: Record<string, string> = {}): Promise<[ComposioUsageChart, Chart]> {
  const el = await fixture<ComposioUsageChart>(
    html`<composio-usage-chart metric=${metric} from=${FROM} to=${TO} time-zone="UTC" locale="en-US"></composio-usage-chart>`,
  );
  for (const [k, v] of Object.entries(extra)) el.setAttribute(k, v);
  await waitUntil(() => el.chart, 'chart was not drawn', { timeout: 15_000 });
  return [el, el.chart!];
}

async function tableRows(el: ComposioUsageChart): Promise<string[][]> {
  shadow(el, '[part="table-toggle"]').click();
  await el.updateComplete;
  return [...el.shadowRoot!.querySelectorAll('tbody tr, tfoot tr')].map((tr) => [...tr.children].map((c) => c.textContent!.trim()));
}

const insights = (): Promise<InsightsResponse> => bffPost('usage/insights', { from: FROM, to: TO, time_zone: 'UTC', interval: 'day' });

describe('<composio-usage-chart> metrics of the logs', () => {
  it('error_rate: a line of the BFF’s per-day rates, in percent, with the window’s rate in the header', async () => {
    const [el, chart] = await mount('error_rate');
    const bff = await insights();
    expect((chart.config as { type: string }).type).to.equal('line');
    const points = chart.data.datasets[0].data as unknown as P[];
    expect(points.map((p) => p.y)).to.deep.equal(bff.buckets.map((b) => b.error_rate));
    const y = chart.options.scales!.y as { ticks: { callback: (v: number) => string; precision?: number } };
    expect(y.ticks.callback(0.125)).to.equal('12.5%');
    expect(y.ticks.precision).to.equal(undefined); // a rate ticks between whole numbers
    expect(shadow(el, '[part="total"]').textContent).to.equal(percent(bff.totals.error_rate!));
    expect(shadow(el, 'canvas').getAttribute('aria-label')).to.match(/^Error rate per day, .+: [\d.]+% over the period; highest/);
    // the usage series is not asked for: the insights are
    expect(seen.filter((r) => r.endsWith('/series'))).to.deep.equal([]);
    expect(seen.filter((r) => r.endsWith('usage/insights')).length).to.equal(2);

    const rows = await tableRows(el);
    expect(rows.slice(0, -1).map((r) => r[1])).to.deep.equal(bff.buckets.map((b) => (b.error_rate === null ? '—' : percent(b.error_rate))));
    expect(rows.at(-1)).to.deep.equal(['Whole period', percent(bff.totals.error_rate!)]);

    const csv = el.toCsv().trimEnd().split('\r\n');
    expect(csv[0]).to.equal('from,to,bucket,Error rate (fraction)');
    expect(csv.slice(1).map((line) => line.split(',').at(-1))).to.deep.equal(
      bff.buckets.map((b) => (b.error_rate === null ? '' : String(b.error_rate))),
    );
  });

  it('latency_p95: durations like “659 ms” and “2.6 s” on the axis, in the table and the header; milliseconds in the CSV', async () => {
    const [el, chart] = await mount('latency_p95');
    const bff = await insights();
    const points = chart.data.datasets[0].data as unknown as P[];
    expect(points.map((p) => p.y)).to.deep.equal(bff.buckets.map((b) => b.p95));
    const y = chart.options.scales!.y as { ticks: { callback: (v: number) => string } };
    expect(y.ticks.callback(659)).to.equal('659 ms');
    expect(y.ticks.callback(2600)).to.equal('2.6 s');
    expect(shadow(el, '[part="total"]').textContent).to.equal(formatDuration(bff.totals.p95!, 'en-US'));
    const rows = await tableRows(el);
    expect(rows.slice(0, -1).map((r) => r[1])).to.deep.equal(
      bff.buckets.map((b) => (b.p95 === null ? '—' : formatDuration(b.p95, 'en-US'))),
    );
    const csv = el.toCsv().trimEnd().split('\r\n');
    expect(csv[0]).to.equal('from,to,bucket,p95 latency (ms)');
    expect(Number(csv[1].split(',').at(-1))).to.equal(bff.buckets[0].p95 ?? 0);
  });

  it('active_users: counts, never stacked or grouped (group-by and bars fall back with a warning)', async () => {
    const warnings: string[] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => void warnings.push(args.map(String).join(' '));
    try {
      const el = await fixture<ComposioUsageChart>(
        html`<composio-usage-chart
          metric="active_users"
          group-by="toolkit_slug"
          type="bar"
          from=${FROM}
          to=${TO}
          time-zone="UTC"
          locale="en-US"
        ></composio-usage-chart>`,
      );
      await waitUntil(() => el.chart, 'chart was not drawn', { timeout: 15_000 });
      const bff = await insights();
      expect(el.chart!.data.datasets).to.have.length(1);
      expect((el.chart!.config as { type: string }).type).to.equal('line');
      expect((el.chart!.data.datasets[0].data as unknown as P[]).map((p) => p.y)).to.deep.equal(bff.buckets.map((b) => b.active_users));
      expect(shadow(el, '[part="total"]').textContent).to.equal(String(bff.totals.active_users));
      expect(warnings.some((w) => w.includes('group-by "toolkit_slug" is not available for active_users'))).to.equal(true);
    } finally {
      console.warn = warn;
    }
  });

  it('an unknown metric still falls back to tool calls', async () => {
    const warn = console.warn;
    const warnings: string[] = [];
    console.warn = (...args: unknown[]) => void warnings.push(args.map(String).join(' '));
    try {
      const [el] = await mount('latency_p42');
      expect(shadow(el, 'dt').textContent).to.equal('Tool calls');
      expect(warnings.some((w) => w.includes('unknown metric "latency_p42"') && w.includes('error_rate'))).to.equal(true);
    } finally {
      console.warn = warn;
    }
  });
});
