/**
 * The real BFF and the simulator running inside the test page, behind msw's service worker:
 * the elements fetch `/api/composio/*` exactly as they would from a host's server.
 */
import { http, HttpResponse, type HttpHandler } from 'msw';
import { setupWorker } from 'msw/browser';
import { createComposioHandler } from '../../src/server/index.ts';
import { createSimulator } from '../../src/simulator/index.ts';

export const GLOBEX = ['globex-ops', 'globex-sales', 'globex-support'];

// 400 days of history on the live clock: always contains a New York DST change
export const simulator = createSimulator({ historyDays: 400, toolCalls: 40_000, rateLimit: { limit: 1e9 } });

/** The signed-in customer, as the host's session would say; tests switch it. */
export const session = { userIds: GLOBEX };

export const bff = createComposioHandler({
  apiKey: 'sim_ak_demo',
  baseUrl: 'https://simulator.test',
  fetch: (input, init) => simulator.fetch(new Request(input, init)),
  resolveScope: () => ({ userIds: session.userIds }),
  cursorSecret: 'browser-test-secret-browser-test-secret',
});

/** The windows of the log list requests the elements sent, in order (what a test compares against). */
export const listWindows: { from: number; to: number }[] = [];

export const bffRoute = http.all('/api/composio/*', async ({ request }) => {
  if (request.method === 'POST' && new URL(request.url).pathname.endsWith('/logs/tool_execution')) {
    const body = (await request.clone().json()) as { time_range?: { from: number; to: number } };
    if (body.time_range) listWindows.push(body.time_range);
  }
  return bff(request);
});
export const worker = setupWorker(bffRoute);

/** Count requests the elements make, by path suffix. */
export const seen: string[] = [];
worker.events.on('request:start', ({ request }) =>
  seen.push(`${request.method} ${new URL(request.url).pathname.replace('/api/composio/', '')}`),
);

export async function startWorker(): Promise<void> {
  await worker.start({ quiet: true, onUnhandledRequest: 'bypass' });
}

export function resetWorker(): void {
  worker.resetHandlers();
  session.userIds = GLOBEX;
  seen.length = 0;
  listWindows.length = 0;
}

/** A one-off error answer in the BFF's envelope. */
export function failOnce(path: RegExp, status = 503, message = 'Composio is unavailable (HTTP 503)'): HttpHandler {
  return http.all(
    path,
    () =>
      HttpResponse.json(
        { error: { message, code: 10503, slug: 'ServiceUnavailable', status, request_id: 'req_bff_test_failure' } },
        { status, headers: { 'x-request-id': 'req_bff_test_failure' } },
      ),
    { once: true },
  );
}

/** Straight to the handler, past any msw override a test installed. */
export function bffPost<T = any>(path: string, body: unknown): Promise<T> {
  return bff(new Request(`${location.origin}/api/composio/${path}`, { method: 'POST', body: JSON.stringify(body) })).then((r) => r.json());
}

export function post<T = any>(path: string, body: unknown): Promise<T> {
  return fetch(`/api/composio/${path}`, { method: 'POST', body: JSON.stringify(body) }).then((r) => r.json());
}
