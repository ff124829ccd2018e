/**
 * The real BFF and the simulator in a dedicated worker, for tests that measure the page's main
 * thread: producing and serialising a 5 MB answer here costs the page nothing, as a server's
 * would. The page's side is `bff-in-worker.ts`. Large responses are 21× bigger (about 5 MB).
 */
import { createComposioHandler } from '../../src/server/index.ts';
import { FLAG_LARGE } from '../../src/simulator/dataset.ts';
import { createSimulator } from '../../src/simulator/index.ts';
import { Records } from '../../src/simulator/records.ts';

export type BffWorkerJob =
  | { id: number; op: 'find-large'; tool: string }
  | { id: number; op: 'fetch'; user: string; url: string; method: string; headers: [string, string][]; body: string | null };

const NOW = Date.UTC(2026, 10, 23, 12);
const simulator = createSimulator({ now: NOW, historyDays: 30, toolCalls: 20_000, rateLimit: { limit: 1e9 }, largePayloadScale: 21 });
const records = new Records(simulator.dataset);
const USER_HEADER = 'x-test-user';
const bff = createComposioHandler({
  apiKey: 'sim_ak_demo',
  baseUrl: 'https://simulator.test',
  fetch: (input, init) => simulator.fetch(new Request(input, init)),
  // the signed-in customer, as the page says; the BFF still checks each log belongs to them
  resolveScope: (request) => ({ userIds: [request.headers.get(USER_HEADER) ?? 'nobody'] }),
  cursorSecret: 'browser-test-secret-browser-test-secret',
});

/** The newest large call of `tool` in the production project. */
function findLarge(tool: string): { id: string; user: string } {
  const ds = simulator.dataset;
  for (let i = ds.visibleCount(NOW) - 1; i >= 0; i--) {
    if (ds.flags[i] & FLAG_LARGE && records.projectIndex(i) === 0 && records.toolSlug(i) === tool) {
      return { id: records.logId(i), user: records.userId(i) };
    }
  }
  throw new Error(`no large ${tool} call`);
}

const post = (message: unknown, transfer: Transferable[] = []) => (self as unknown as Worker).postMessage(message, transfer);

self.onmessage = async ({ data: job }: MessageEvent<BffWorkerJob>) => {
  try {
    if (job.op === 'find-large') return post({ id: job.id, value: findLarge(job.tool) });
    const headers = new Headers(job.headers);
    headers.set(USER_HEADER, job.user);
    const response = await bff(new Request(job.url, { method: job.method, headers, body: job.body }));
    const body = await response.arrayBuffer();
    post({ id: job.id, value: { status: response.status, headers: [...response.headers], body } }, [body]);
  } catch (error) {
    post({ id: job.id, error: String(error) });
  }
};
