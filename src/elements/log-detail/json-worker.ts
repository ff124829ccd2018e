/**
 * A module worker (same origin, so a `script-src 'self'` policy allows it, unlike a Blob URL):
 * pretty-prints a multi-megabyte payload off the main thread, from the detail's JSON text (a
 * string crosses to the worker cheaply; a parsed object would be cloned on the main thread).
 */
type Job = { id: number; op: 'payload'; text: string };

self.onmessage = (event: MessageEvent<Job>) => {
  const job = event.data;
  const post = (message: unknown) => (self as unknown as Worker).postMessage(message);
  try {
    post({ id: job.id, value: JSON.stringify((JSON.parse(job.text) as { data?: unknown }).data ?? {}, null, 2) });
  } catch (error) {
    post({ id: job.id, error: String(error) });
  }
};
