/**
 * Copy as JSON off the main thread when a worker can start (a module worker from this package's
 * origin, allowed by `script-src 'self'`), on it otherwise (a policy that forbids workers).
 */
let worker: Worker | undefined | null;
let next = 0;
const waiting = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();

function start(): Worker | null {
  try {
    const w = new Worker(new URL('./json-worker.ts', import.meta.url), { type: 'module' });
    w.onmessage = (e: MessageEvent<{ id: number; value?: unknown; error?: string }>) => {
      const job = waiting.get(e.data.id);
      waiting.delete(e.data.id);
      if (e.data.error === undefined) job?.resolve(e.data.value);
      else job?.reject(new SyntaxError(e.data.error));
    };
    w.onerror = () => {
      worker = null; // could not load: the main thread does the work from now on
      for (const [, job] of waiting) job.reject(new Error('worker failed'));
      waiting.clear();
    };
    return w;
  } catch {
    return null;
  }
}

function run(job: { op: 'payload'; text: string }): Promise<unknown> | null {
  if (worker === undefined) worker = start();
  if (!worker) return null;
  const id = next++;
  return new Promise((resolve, reject) => {
    waiting.set(id, { resolve, reject });
    worker!.postMessage({ id, ...job });
  });
}

/** The JSON text each parsed detail came from (the client caches the parsed object). */
const texts = new WeakMap<object, string>();

/** `JSON.parse`, remembering the text for `prettyPayload`. */
export function parseKeepingText(text: string): Promise<unknown> {
  const value: unknown = JSON.parse(text);
  if (value && typeof value === 'object') texts.set(value, text);
  return Promise.resolve(value);
}

/** `JSON.stringify(detail.data, null, 2)`: in the worker from the detail's text when there is both. */
export async function prettyPayload(detail: { data?: unknown }): Promise<string> {
  const fallback = () => JSON.stringify(detail.data ?? {}, null, 2);
  const text = texts.get(detail);
  const job = text === undefined ? null : run({ op: 'payload', text });
  return ((await job?.catch(fallback)) as string | undefined) ?? fallback();
}
