/**
 * The demo page: a vendor's "Usage & activity" settings page with both elements wired together.
 * Clicking a day (or a toolkit) in the chart narrows the activity table to it.
 */
import type { ComposioLogTable } from '../src/elements/log-table/log-table.ts';
import type { ComposioUsageChart } from '../src/elements/usage-chart/usage-chart.ts';
import type { ComposioUsageInsights } from '../src/elements/usage-insights/usage-insights.ts';
import { serverSession, staticSession } from './session.ts';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const chart = $<ComposioUsageChart>('chart');
const table = $<ComposioLogTable>('table');
const insights = $<ComposioUsageInsights>('insights');
const elements = [insights, chart, table];

const defineElements = () =>
  Promise.all([
    import('../src/elements/usage-insights/define.ts'),
    import('../src/elements/usage-chart/define.ts'),
    import('../src/elements/log-table/define.ts'),
  ]);
const isStatic = import.meta.env.MODE === 'static';
// on the demo server the scope is in a cookie and the customer list in the page: the elements start
// at once; the static build must first start the in-page BFF their requests go to
const [session] = await Promise.all([isStatic ? staticSession() : serverSession(), isStatic ? undefined : defineElements()]);
if (isStatic) await defineElements();

// ---- customer switcher: each choice is a different server-side scope
const customerSelect = $<HTMLSelectElement>('customer');
const scope = $('scope');
for (const c of session.customers) customerSelect.add(new Option(c.name, c.slug, false, c.slug === session.current));
const describe = () => {
  const c = session.customers.find((x) => x.slug === session.current)!;
  scope.textContent = c.userIds.length > 1 ? `This account spans ${c.userIds.length} Composio user ids.` : '';
};
describe();
customerSelect.addEventListener('change', async () => {
  await session.switchTo(customerSelect.value);
  describe();
  unlink();
  elements.forEach((el) => el.refresh());
});

// ---- preferences
/**
 * The browser's zone first, then a few others, each zone once: the platform may name the browser's
 * zone by an alias (Asia/Calcutta for Asia/Kolkata), so compare canonical forms.
 */
function zoneOptions(): string[] {
  const canonical = (zone: string) => new Intl.DateTimeFormat('en', { timeZone: zone }).resolvedOptions().timeZone;
  const listed = ['UTC', 'America/New_York', 'America/Los_Angeles', 'Europe/Berlin', 'Asia/Kolkata', 'Australia/Sydney'];
  const browser = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const same = listed.find((zone) => canonical(zone) === canonical(browser));
  return [same ?? browser, ...listed.filter((zone) => zone !== same)];
}
const zoneSelect = $<HTMLSelectElement>('zone');
zoneOptions().forEach((z) => zoneSelect.add(new Option(z, z)));
zoneSelect.addEventListener('change', () => elements.forEach((el) => el.setAttribute('time-zone', zoneSelect.value)));
// the language picker sets each element's `locale`: its words, numbers and dates (the page around them is the host's)
const localeSelect = $<HTMLSelectElement>('locale');
const setLocale = () => elements.forEach((el) => el.setAttribute('locale', localeSelect.value));
// start in the browser's language when the picker offers it (else English)
const offered = [...localeSelect.options].map((o) => o.value);
const browser = navigator.language;
localeSelect.value =
  offered.find((v) => v.toLowerCase() === browser.toLowerCase()) ??
  offered.find((v) => v.split('-')[0] === browser.split('-')[0]) ??
  'en-US';
setLocale();
localeSelect.addEventListener('change', setLocale);
const dark = $<HTMLButtonElement>('dark');
const setDark = (on: boolean) => {
  dark.setAttribute('aria-pressed', String(on));
  document.documentElement.dataset.theme = on ? 'dark' : 'light';
  elements.forEach((el) => el.setAttribute('theme', on ? 'dark' : 'light'));
};
setDark(matchMedia('(prefers-color-scheme: dark)').matches);
dark.addEventListener('click', () => setDark(dark.getAttribute('aria-pressed') !== 'true'));

// ---- the chart drives the table
const linked = $('linked');
const linkedText = $('linked-text');
// the bucket's day as the chart shows it: in the chosen zone and language
const day = (epochMs: number) =>
  new Intl.DateTimeFormat(localeSelect.value, { dateStyle: 'medium', timeZone: zoneSelect.value }).format(epochMs);

/** The filters a click here may have set: "Show all activity" takes them all back. */
const LINKED_FIELDS = ['toolkit_slug', 'tool_slug', 'status'];

function unlink(): void {
  linked.hidden = true;
  table.from = table.to = undefined;
  table.filters = table.filters.filter((f) => !LINKED_FIELDS.includes(f.field));
}

/** A toolkit chosen in the chart or in the insights table: the log shows its calls. */
function showToolkit(key: string): void {
  table.filters = [...table.filters.filter((f) => f.field !== 'toolkit_slug'), { field: 'toolkit_slug', operator: '==', value: key }];
  linkedText.textContent =
    `${linkedText.textContent?.startsWith('Showing') && table.from ? linkedText.textContent : ''} Toolkit ${key}.`.trim();
  linked.hidden = false;
}

chart.addEventListener('composio-range-select', (e) => {
  table.from = String(e.detail.from);
  table.to = String(e.detail.to);
  linkedText.textContent = `Showing ${day(e.detail.from)}.`;
  linked.hidden = false;
  table.scrollIntoView({ behavior: 'smooth', block: 'start' });
});
chart.addEventListener('composio-group-select', (e) => {
  if (e.detail.groupBy === 'toolkit_slug') showToolkit(e.detail.key);
});
insights.addEventListener('composio-group-select', (e) => {
  if (e.detail.groupBy !== 'toolkit_slug') return;
  table.from = table.to = undefined;
  linkedText.textContent = '';
  showToolkit(e.detail.key);
  table.scrollIntoView({ behavior: 'smooth', block: 'start' });
});
// an error group: its failed calls, over the insights' window
insights.addEventListener('composio-filters-request', (e) => {
  table.from = String(e.detail.from);
  table.to = String(e.detail.to);
  table.filters = e.detail.filters;
  const tool = e.detail.filters.find((f) => f.field === 'tool_slug' || f.field === 'toolkit_slug')?.value;
  linkedText.textContent = `Failed calls${tool ? ` of ${tool}` : ''}, ${day(e.detail.from)} – ${day(e.detail.to - 1)}.`;
  linked.hidden = false;
  table.scrollIntoView({ behavior: 'smooth', block: 'start' });
});
$('unlink').addEventListener('click', unlink);
