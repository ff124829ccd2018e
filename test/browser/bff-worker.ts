/**
 * The real BFF and the simulator in a dedicated worker, for tests that measure the page's main
 * thread: producing and serialising a multi-megabyte answer here costs the page nothing, as a
 * server's would. The page's side is `bff-in-worker.ts`. Each `largePayloadScale` asked for gets
 * its own simulator (21: large responses of about 5 MB).
 */
import { createComposioHandler } from '../../src/server/index.ts';
import { FLAG_LARGE } from '../../src/simulator/dataset.ts';
import { createSimulator } from '../../src/simulator/index.ts';
import { Records } from '../../src/simulator/records.ts';

export type BffWorkerJob = { id: number; scale: number } & (
  | { op: 'find-large'; tool: string }
  | { op: 'fetch'; user: string; url: string; method: string; headers: [string, string][]; body: string | null }
);

const NOW = Date.UTC(2026, 10, 23, 12);
const USER_HEADER = 'x-test-user';

function world(scale: number) {
  const simulator = createSimulator({ now: NOW, historyDays: 30, toolCalls: 20_000, rateLimit: { limit: 1e9 }, largePayloadScale: scale });
  const bff = createComposioHandler({
    apiKey: 'sim_ak_demo',
    baseUrl: 'https://simulator.test',
    fetch: (input, init) => simulator.fetch(new Request(input, init)),
    // the signed-in customer, as the page says; the BFF still checks each log belongs to them
    resolveScope: (request) => ({ userIds: [request.headers.get(USER_HEADER) ?? 'nobody'] }),
    cursorSecret: 'browser-test-secret-browser-test-secret',
  });
  return { simulator, bff, records: new Records(simulator.dataset) };
}
const worlds = new Map<number, ReturnType<typeof world>>();

/** The newest large call of `tool` in the production project. */
function findLarge({ simulator, records }: ReturnType<typeof world>, tool: string): { id: string; user: string } {
  const ds = simulator.dataset;
  for (let i = ds.visibleCount(NOW) - 1; i >= 0; i--) {
    if (ds.flags[i] & FLAG_LARGE && records.projectIndex(i) === 0 && records.toolSlug(i) === tool) {
      return { id: records.logId(i), user: records.userId(i) };
    }
  }
  throw new Error(`no large ${tool} call`);
}

const post = (message: unknown) => (self as unknown as Worker).postMessage(message);

self.onmessage = async ({ data: job }: MessageEvent<BffWorkerJob>) => {
  try {
    if (!worlds.has(job.scale)) worlds.set(job.scale, world(job.scale));
    const here = worlds.get(job.scale)!;
    if (job.op === 'find-large') return post({ id: job.id, value: findLarge(here, job.tool) });
    const headers = new Headers(job.headers);
    headers.set(USER_HEADER, job.user);
    const response = await here.bff(new Request(job.url, { method: job.method, headers, body: job.body }));
    // a Blob crosses by reference: its bytes never pass through the page's heap, as a network response's do not
    const body = await response.blob();
    post({ id: job.id, value: { status: response.status, headers: [...response.headers], body } });
  } catch (error) {
    post({ id: job.id, error: String(error) });
  }
};
