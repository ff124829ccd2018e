import { createComposioHandler, type ComposioHandlerOptions } from '../../src/server/index.ts';
import type { Simulator, SimulatorOptions } from '../../src/simulator/index.ts';
import { NOW, parseLenient, smallSimulator } from './helpers.ts';

export const SECRET = 'test-secret-test-secret-test-secret!';
export const GLOBEX = ['globex-ops', 'globex-sales', 'globex-support'];

/**
 * A BFF in front of an in-process simulator; the scope comes from the `x-test-users` header. Pass
 * `simulator` to put several BFF instances in front of one simulator.
 */
export function makeBff(options: { sim?: SimulatorOptions; simulator?: Simulator; handler?: Partial<ComposioHandlerOptions> } = {}) {
  const sim = options.simulator ?? smallSimulator(options.sim);
  const handler = createComposioHandler({
    apiKey: 'sim_ak_demo',
    baseUrl: 'https://backend.composio.dev',
    now: () => sim.now(),
    cursorSecret: SECRET,
    fetch: (input, init) => sim.fetch(new Request(input, init)),
    resolveScope: (request) => {
      const users = request.headers.get('x-test-users');
      return users === null ? { userIds: GLOBEX } : users ? { userIds: users.split(',') } : null;
    },
    upstream: { backoffMs: 1 },
    ...options.handler,
  });
  const send = async (method: 'GET' | 'POST', path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const response = await handler(
      new Request(`http://app.test/api/composio/${path}`, {
        method,
        headers: { 'content-type': 'application/json', ...headers },
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      }),
    );
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: parseLenient(text), text };
  };
  return {
    sim,
    handler,
    post: (path: string, body: unknown = {}, headers?: Record<string, string>) => send('POST', path, body, headers),
    get: (path: string, headers?: Record<string, string>) => send('GET', path, undefined, headers),
  };
}

export { NOW };
