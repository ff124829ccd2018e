/**
 * The page's side of `bff-worker.ts`: a `fetch` for the elements' `fetch` property that asks the
 * BFF in the worker, as a signed-in customer. Answers arrive as Blobs, the way a network
 * response's bytes reach the page: without the main thread copying or building them.
 */
import type { BffWorkerJob } from './bff-worker.ts';

type Question = BffWorkerJob extends infer Job ? (Job extends unknown ? Omit<Job, 'id'> : never) : never;

const worker = new Worker(new URL('./bff-worker.ts', import.meta.url), { type: 'module' });
const waiting = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
let next = 0;
worker.onmessage = ({ data }: MessageEvent<{ id: number; value?: unknown; error?: string }>) => {
  const job = waiting.get(data.id)!;
  waiting.delete(data.id);
  if (data.error === undefined) job.resolve(data.value);
  else job.reject(new Error(data.error));
};

function ask<T>(question: Question): Promise<T> {
  const id = next++;
  return new Promise<T>((resolve, reject) => {
    waiting.set(id, { resolve: resolve as (value: unknown) => void, reject });
    worker.postMessage({ ...question, id });
  });
}

/** The newest large call of `tool` (about 5 MB at `scale` 21), and its user. */
export function largeLog(tool: string, scale: number): Promise<{ id: string; user: string }> {
  return ask({ op: 'find-large', tool, scale });
}

/** A transport to the BFF in the worker whose simulator has `largePayloadScale` `scale`, signed in as `user`. */
export function fetchAs(user: string, scale: number): typeof fetch {
  return async (input, init) => {
    const request = new Request(input instanceof Request ? input : new URL(String(input), location.href), init);
    const answer = await ask<{ status: number; headers: [string, string][]; body: Blob }>({
      op: 'fetch',
      scale,
      user,
      url: request.url,
      method: request.method,
      headers: [...request.headers],
      body: request.method === 'GET' ? null : await request.text(),
    });
    return new Response(answer.body, { status: answer.status, headers: answer.headers });
  };
}
