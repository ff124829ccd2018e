/**
 * The demo's host server: the BFF at /api/composio (upstream: the embedded simulator, or Composio
 * with COMPOSIO_API_KEY), a "customer" cookie standing in for the host's login, and the built page
 * (compressed, cached, with the customer list written into it: site.ts).
 */
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import type { AddressInfo } from 'node:net';
import { createComposioHandler, PROJECT_ADMIN_SCOPE, type ComposioHandlerOptions } from '../src/server/index.ts';
import { createSimulator, DEFAULT_ORG_API_KEY, DEFAULT_PROJECT_API_KEY, type Simulator } from '../src/simulator/index.ts';
import { DEMO_LIVE_RATE, slugOf, type DemoCustomer, type DemoSessionData } from './session.ts';
import { mountSite } from './site.ts';

export interface DemoServerOptions {
  /** The built page (vite build --config demo/vite.config.ts --mode server). */
  root: string;
  port?: number;
  /** A real Composio project key; without it the simulator is the upstream. */
  apiKey?: string;
  /** With apiKey: the user ids of the one demo customer. */
  userIds?: string[];
  simulator?: Simulator;
}

export interface RunningDemo {
  url: string;
  close(): Promise<void>;
}

export function startDemoServer(options: DemoServerOptions): Promise<RunningDemo> {
  const simulator = options.apiKey ? undefined : (options.simulator ?? createSimulator({ liveRate: DEMO_LIVE_RATE }));
  const customers: DemoCustomer[] = simulator
    ? simulator.customers
        .filter((c) => c.projectId === 'proj_acme_prod')
        .map((c) => ({ slug: slugOf(c.userIds), name: c.name, userIds: [...c.userIds] }))
    : [{ slug: 'you', name: 'Your project', userIds: options.userIds ?? [] }];
  const customerOf = (slug: string | undefined) => customers.find((c) => c.slug === slug) ?? customers[0];

  const upstream: Omit<ComposioHandlerOptions, 'resolveScope'> = {
    apiKey: options.apiKey ?? DEFAULT_PROJECT_API_KEY,
    ...(simulator ? { baseUrl: 'https://simulator.invalid', fetch: (input, init) => simulator.fetch(new Request(input, init)) } : {}),
  };
  const bff = createComposioHandler({
    ...upstream,
    // the host's login, reduced to a cookie: the scope always comes from the server
    resolveScope: (request) => {
      const slug = /(?:^|;\s*)customer=([^;]+)/.exec(request.headers.get('cookie') ?? '')?.[1];
      const customer = customerOf(slug);
      return customer.userIds.length ? { userIds: customer.userIds } : null;
    },
  });

  // the Admin page's own mount: the project-wide scope, for a request with the admin cookie only
  // (a real host checks its staff login here); the customer mount above never returns it
  const isAdmin = (request: Request) => /(?:^|;\s*)demo_admin=1(?:;|$)/.test(request.headers.get('cookie') ?? '');
  const adminBff = createComposioHandler({
    ...upstream,
    basePath: '/api/composio-admin',
    resolveScope: (request) => (isAdmin(request) ? PROJECT_ADMIN_SCOPE : null),
  });
  // the organisation's usage over its projects (org key), for the same admins; simulator only
  const orgBff = simulator
    ? createComposioHandler({
        ...upstream,
        orgApiKey: DEFAULT_ORG_API_KEY,
        projectIds: [...new Set(simulator.customers.map((c) => c.projectId))],
        basePath: '/api/composio-admin/org',
        resolveScope: (request) => (isAdmin(request) ? PROJECT_ADMIN_SCOPE : null),
      })
    : undefined;

  const app = new Hono();
  app.all('/api/composio/*', (c) => bff(c.req.raw));
  if (orgBff) app.all('/api/composio-admin/org/*', (c) => orgBff(c.req.raw));
  app.all('/api/composio-admin/*', (c) => adminBff(c.req.raw));
  app.post('/demo/admin-session', (c) => {
    setCookie(c, 'demo_admin', '1', { path: '/api/composio-admin', httpOnly: true, sameSite: 'Strict' });
    return c.body(null, 204);
  });
  app.post('/demo/session', async (c) => {
    const { customer } = await c.req.json<{ customer?: string }>();
    if (!customers.some((x) => x.slug === customer))
      return c.json({ error: { message: `Unknown customer '${customer}'`, status: 400 } }, 400);
    setCookie(c, 'customer', customer!, { path: '/', httpOnly: true, sameSite: 'Lax' });
    return c.body(null, 204);
  });
  mountSite(app, {
    root: options.root,
    pageData: (c): DemoSessionData => ({ customers, current: customerOf(getCookie(c, 'customer')).slug }),
  });

  return new Promise((resolve) => {
    const server = serve({ fetch: app.fetch, port: options.port ?? 0, hostname: '127.0.0.1' }, (info: AddressInfo) =>
      resolve({
        url: `http://127.0.0.1:${info.port}`,
        close: () =>
          new Promise((done) => ((server as { closeAllConnections?: () => void }).closeAllConnections?.(), server.close(() => done()))),
      }),
    );
  });
}
