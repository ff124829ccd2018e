/**
 * `npm run demo` — for now a simulator-backed skeleton: the simulator's world, rendered on the
 * server (the Composio key never reaches the page). The BFF, the two elements and the full demo
 * page replace this as their issues land.
 */
import { createServer } from 'node:http';
import { createSimulator, DEFAULT_PROJECT_API_KEY } from '../src/simulator/index.ts';

const port = Number(process.env.PORT ?? 5173);
const simulator = createSimulator();
const DAY = 86_400_000;

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

async function summaryFor(userIds: readonly string[]) {
  const now = simulator.now();
  const response = await simulator.fetch(
    new Request('https://backend.composio.dev/api/v3.1/project/usage/summary', {
      method: 'POST',
      headers: { 'x-api-key': DEFAULT_PROJECT_API_KEY, 'content-type': 'application/json' },
      body: JSON.stringify({ from: now - 30 * DAY, to: now, filters: { user_id: userIds } }),
    }),
  );
  return (await response.json()) as { entities: Record<string, { total_quantity: string }> };
}

async function page(): Promise<string> {
  const customers = simulator.customers.filter((c) => c.projectId === 'proj_acme_prod');
  const rows = await Promise.all(
    customers.map(async (c) => {
      const s = await summaryFor(c.userIds);
      return `<tr><td>${escapeHtml(c.name)}</td><td>${c.userIds.map(escapeHtml).join(', ')}</td><td>${s.entities.tool_calls?.total_quantity ?? '0'}</td><td>${s.entities.sessions?.total_quantity ?? '0'}</td></tr>`;
    }),
  );
  return `<!doctype html><html lang="en"><meta charset="utf-8"><title>composio-widgets demo (skeleton)</title>
<style>body{font:15px system-ui;margin:2rem;color:#1f2328}table{border-collapse:collapse}td,th{padding:.4rem .8rem;border-bottom:1px solid #d0d7de;text-align:left}</style>
<h1>Acme › Usage &amp; activity <small>(skeleton)</small></h1>
<p>Tool calls and sessions per customer over the last 30 days, from the embedded Composio v3.1 simulator.
The usage chart and the log table replace this table as they land.</p>
<table><thead><tr><th>Customer</th><th>user_id</th><th>Tool calls</th><th>Sessions</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

const server = createServer((request, response) => {
  page().then(
    (html) => response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html),
    (error) => response.writeHead(500).end(String(error)),
  );
});
server.listen(port, '127.0.0.1', () => console.log(`composio-widgets demo: http://127.0.0.1:${port}/`));
