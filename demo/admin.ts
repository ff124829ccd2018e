/**
 * The demo's Admin page: the whole project for the vendor's own staff. Its elements talk to the
 * `/api/composio-admin` mount, whose resolveScope returns the project admin scope only for a
 * request carrying the admin session cookie (set below, scoped to that path); the customer page's
 * mount never does.
 */
import type { ComposioUsageChart } from '../src/elements/usage-chart/usage-chart.ts';
import type { ComposioUsageInsights } from '../src/elements/usage-insights/usage-insights.ts';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

if (import.meta.env.MODE === 'static') {
  const { startInPageBff } = await import('./in-page.ts');
  await startInPageBff();
} else {
  // the host's admin login, reduced to a cookie the demo server sets for /api/composio-admin only
  await fetch('/demo/admin-session', { method: 'POST' });
}
await Promise.all([import('../src/elements/usage-insights/define.ts'), import('../src/elements/usage-chart/define.ts')]);

const insights = $<ComposioUsageInsights>('insights');
const charts = [$<ComposioUsageChart>('chart'), $<ComposioUsageChart>('latency'), $<ComposioUsageChart>('projects')];
const range = $<HTMLSelectElement>('range');
range.addEventListener('change', () => [insights, ...charts].forEach((el) => el.setAttribute('range', range.value)));

const dark = matchMedia('(prefers-color-scheme: dark)').matches;
document.documentElement.dataset.theme = dark ? 'dark' : 'light';

// a customer picked in the table: the chart below shows that user's calls alone
const picked = $('picked');
insights.addEventListener('composio-group-select', (e) => {
  picked.textContent = `Selected user ${e.detail.key}.`;
});
