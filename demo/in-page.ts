/**
 * The BFF and the simulator inside the page, behind msw's service worker: the static demo needs
 * no server (and the preview pages use it too). Customer switching = a different server scope.
 */
import { http } from 'msw';
import { setupWorker } from 'msw/browser';
import { createComposioHandler, PROJECT_ADMIN_SCOPE } from '../src/server/index.ts';
import { createSimulator } from '../src/simulator/index.ts';
import { DEMO_LIVE_RATE } from './session.ts';

export const simulator = createSimulator({ liveRate: DEMO_LIVE_RATE });
export const customers = simulator.customers.filter((c) => c.projectId === 'proj_acme_prod');
export const session = { userIds: [...customers[0].userIds] };

const bff = createComposioHandler({
  apiKey: 'sim_ak_demo',
  baseUrl: 'https://simulator.invalid',
  fetch: (input, init) => simulator.fetch(new Request(input, init)),
  resolveScope: () => ({ userIds: session.userIds }),
});

// the Admin page's mount: the static demo has no login, so its page is the host that asks for it
const adminBff = createComposioHandler({
  apiKey: 'sim_ak_demo',
  baseUrl: 'https://simulator.invalid',
  basePath: '/api/composio-admin',
  fetch: (input, init) => simulator.fetch(new Request(input, init)),
  resolveScope: () => PROJECT_ADMIN_SCOPE,
});

const orgBff = createComposioHandler({
  apiKey: 'sim_ak_demo',
  orgApiKey: 'sim_oak_demo',
  projectIds: [...new Set(simulator.customers.map((c) => c.projectId))],
  baseUrl: 'https://simulator.invalid',
  basePath: '/api/composio-admin/org',
  fetch: (input, init) => simulator.fetch(new Request(input, init)),
  resolveScope: () => PROJECT_ADMIN_SCOPE,
});

export async function startInPageBff(): Promise<void> {
  await setupWorker(
    http.all('*/api/composio/*', ({ request }) => bff(request)),
    http.all('*/api/composio-admin/org/*', ({ request }) => orgBff(request)),
    http.all('*/api/composio-admin/*', ({ request }) => adminBff(request)),
  ).start({ quiet: true, onUnhandledRequest: 'bypass' });
}
