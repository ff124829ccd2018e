/**
 * `npm run demo` — for now a skeleton: the real BFF mounted at /api/composio over the embedded
 * simulator (or a real Composio project), and a server-rendered overview. The two elements and
 * the full demo page replace the overview as their issues land.
 *
 * The `customer` cookie stands in for the host's login: resolveScope maps it to user ids on the
 * server. The Composio key never reaches the page.
 */
import { createServer } from 'node:http';
import { createComposioHandler } from '../src/server/index.ts';
import { toNodeListener } from '../src/server/node.ts';
import { createSimulator, DEFAULT_PROJECT_API_KEY } from '../src/simulator/index.ts';

const port = Number(process.env.PORT ?? 5173);
const realKey = process.env.COMPOSIO_API_KEY;
const simulator = realKey ? undefined : createSimulator();

/** Demo "accounts": each is a different server-side scope. */
const customers: { slug: string; name: string; userIds: string[] }[] = simulator
  ? simulator.customers
      .filter((c) => c.projectId === 'proj_acme_prod')
      .map((c) => ({ slug: c.userIds[0].replace(/[^a-z0-9]+/gi, '-').toLowerCase(), name: c.name, userIds: [...c.userIds] }))
  : [{ slug: 'you', name: 'Your project', userIds: (process.env.COMPOSIO_USER_IDS ?? '').split(',').filter(Boolean) }];

const customerOf = (cookie: string | null) => {
  const slug = /(?:^|;\s*)customer=([^;]+)/.exec(cookie ?? '')?.[1];
  return customers.find((c) => c.slug === slug) ?? customers[0];
};

const bff = createComposioHandler({
  apiKey: realKey ?? DEFAULT_PROJECT_API_KEY,
  ...(simulator ? { baseUrl: 'https://simulator.invalid', fetch: (input, init) => simulator.fetch(new Request(input, init)) } : {}),
  resolveScope: (request) => {
    const customer = customerOf(request.headers.get('cookie'));
    return customer.userIds.length ? { userIds: customer.userIds } : null;
  },
});
const api = toNodeListener(bff);

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

async function overview(): Promise<string> {
  const rows = await Promise.all(
    customers.map(async (c) => {
      const response = await bff(
        new Request('http://demo/api/composio/usage/summary', { method: 'POST', headers: { cookie: `customer=${c.slug}` }, body: '{}' }),
      );
      const s = (await response.json()) as { entities?: Record<string, { total_quantity: string }> };
      return `<tr><td>${escapeHtml(c.name)}</td><td>${c.userIds.map(escapeHtml).join(', ')}</td><td>${s.entities?.tool_calls?.total_quantity ?? '—'}</td><td>${s.entities?.sessions?.total_quantity ?? '—'}</td></tr>`;
    }),
  );
  return `<!doctype html><html lang="en"><meta charset="utf-8"><title>composio-widgets demo (skeleton)</title>
<style>body{font:15px system-ui;margin:2rem;color:#1f2328}table{border-collapse:collapse}td,th{padding:.4rem .8rem;border-bottom:1px solid #d0d7de;text-align:left}code{background:#f6f8fa;padding:.1rem .3rem}</style>
<h1>Acme › Usage &amp; activity <small>(skeleton)</small></h1>
<p>Tool calls and sessions per customer over the last 30 days, each read through the BFF at <code>/api/composio</code>
with that customer's server-side scope (${simulator ? 'upstream: the embedded Composio v3.1 simulator' : 'upstream: Composio'}).
The usage chart and the log table replace this table as they land.</p>
<table><thead><tr><th>Customer</th><th>user_id</th><th>Tool calls</th><th>Sessions</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

const server = createServer((request, response) => {
  if (request.url?.startsWith('/api/composio/')) return api(request, response);
  overview().then(
    (html) => response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html),
    (error) => response.writeHead(500).end(String(error)),
  );
});
server.listen(port, '127.0.0.1', () => {
  console.log(`composio-widgets demo: http://127.0.0.1:${port}/`);
  console.log(`  BFF: curl -s -X POST http://127.0.0.1:${port}/api/composio/usage/summary -H 'cookie: customer=${customers[0].slug}' -d '{}'`);
});
