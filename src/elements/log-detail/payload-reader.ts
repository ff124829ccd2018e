/**
 * The page's side of the JSON worker: a log detail's body goes there unread (a Blob), comes back
 * as the detail without its payload plus the payload's trimmed preview, and the rest of the
 * payload is read in pieces when someone looks. Where no worker can start (a policy that forbids
 * workers, a worker file that fails to load) the same `PayloadDocument` runs on the main thread:
 * slower for a huge payload, never broken.
 */
import type { LogDetail } from '../../contract/upstream.ts';
import { PayloadDocument, type DetailSummary, type PayloadPath, type PreviewEntry, type PreviewValue } from './payload-document.ts';
import type { PayloadJob, PayloadQuestion, PayloadReply } from './payload-protocol.ts';

/** Reads pieces of one detail's payload, wherever it is kept. */
export interface PayloadReader {
  /** Entries `from` … `from + count` of the array or object at `path`. */
  entries(path: PayloadPath, from: number, count: number): Promise<PreviewEntry[]>;
  /** Characters `start` … `end` of the string at `path`. */
  slice(path: PayloadPath, start: number, end: number): Promise<string>;
  /** The whole payload pretty-printed, for Copy as JSON. */
  pretty(): Promise<string>;
}

/** A log detail as the page holds it: the detail without `data`, `data`'s preview, a reader for the rest. */
export interface LoadedDetail {
  log: Omit<LogDetail, 'data'>;
  data: PreviewValue;
  payload: PayloadReader;
}

/** The worker could not start, or failed: the main thread takes over. */
class WorkerUnavailable extends Error {}
/** The worker no longer keeps that detail (it keeps the latest few). */
class Forgotten extends Error {}

let worker: Worker | null | undefined;
let nextJob = 0;
let nextDoc = 0;
const waiting = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();

function startWorker(): Worker | null {
  try {
    const started = new Worker(new URL('./json-worker.ts', import.meta.url), { type: 'module' });
    started.onmessage = (event: MessageEvent<PayloadReply>) => {
      const reply = event.data;
      const job = waiting.get(reply.id);
      waiting.delete(reply.id);
      if ('value' in reply) job?.resolve(reply.value);
      else if ('forgotten' in reply) job?.reject(new Forgotten());
      else job?.reject(reply.syntax ? new SyntaxError(reply.error) : new Error(reply.error));
    };
    started.onerror = () => {
      worker = null; // could not load (a policy, a missing file): the main thread does the work from now on
      for (const job of waiting.values()) job.reject(new WorkerUnavailable());
      waiting.clear();
    };
    return started;
  } catch {
    return null; // a policy that forbids workers may throw at once
  }
}

function askWorker<T>(doc: number, question: PayloadQuestion): Promise<T> {
  if (worker === undefined) worker = startWorker();
  if (!worker) return Promise.reject(new WorkerUnavailable());
  const id = nextJob++;
  const running = worker;
  return new Promise<T>((resolve, reject) => {
    waiting.set(id, { resolve: resolve as (value: unknown) => void, reject });
    running.postMessage({ ...question, id, doc } as PayloadJob);
  });
}

async function parseHere(body: Blob): Promise<PayloadDocument> {
  return new PayloadDocument(await body.text());
}

/** A reader of a document kept on the main thread. */
function localReader(document: Promise<PayloadDocument>): PayloadReader {
  return {
    entries: async (path, from, count) => (await document).entries(path, from, count),
    slice: async (path, start, end) => (await document).slice(path, start, end),
    pretty: async () => (await document).pretty(),
  };
}

/** A reader of a document kept in the worker; opens it again there if forgotten, or here if the worker failed. */
class WorkerReader implements PayloadReader {
  private local?: PayloadReader;

  constructor(
    private readonly doc: number,
    private readonly body: Blob,
  ) {}

  entries(path: PayloadPath, from: number, count: number): Promise<PreviewEntry[]> {
    return this.ask({ op: 'entries', path, from, count }, (local) => local.entries(path, from, count));
  }

  slice(path: PayloadPath, start: number, end: number): Promise<string> {
    return this.ask({ op: 'slice', path, start, end }, (local) => local.slice(path, start, end));
  }

  pretty(): Promise<string> {
    return this.ask({ op: 'pretty' }, (local) => local.pretty());
  }

  private async ask<T>(question: PayloadQuestion, onMainThread: (local: PayloadReader) => Promise<T>): Promise<T> {
    if (!this.local) {
      try {
        return await askWorker<T>(this.doc, question).catch(async (error: unknown) => {
          if (!(error instanceof Forgotten)) throw error;
          await askWorker(this.doc, { op: 'open', body: this.body });
          return askWorker<T>(this.doc, question);
        });
      } catch (error) {
        if (!(error instanceof WorkerUnavailable)) throw error;
        this.local = localReader(parseHere(this.body));
      }
    }
    return onMainThread(this.local);
  }
}

/**
 * A detail's body, parsed in the worker (on the main thread if none can run). Rejects with a
 * `SyntaxError` when the body is not a JSON object.
 */
export async function openDetail(body: Blob): Promise<LoadedDetail> {
  const doc = nextDoc++;
  let summary: DetailSummary;
  let payload: PayloadReader;
  try {
    summary = await askWorker<DetailSummary>(doc, { op: 'open', body });
    payload = new WorkerReader(doc, body);
  } catch (error) {
    if (!(error instanceof WorkerUnavailable)) throw error;
    const document = await parseHere(body);
    summary = document.summary;
    payload = localReader(Promise.resolve(document));
  }
  return { log: summary.detail as unknown as Omit<LogDetail, 'data'>, data: summary.data, payload };
}
