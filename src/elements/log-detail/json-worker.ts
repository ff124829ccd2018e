/**
 * A module worker (same origin, so a `script-src 'self'` policy allows it, unlike a Blob URL) that
 * keeps the log details the page opened, parsed, and answers the page's small questions about
 * them (`PayloadDocument`). The body arrives as a Blob, unread: the main thread never decodes,
 * parses or clones the multi-megabyte text.
 */
import type { PayloadJob, PayloadReply } from './payload-protocol.ts';
import { PayloadDocument } from './payload-document.ts';

/** Details kept at once; an older one is parsed again from its Blob if the page asks for it. */
const KEPT_DOCUMENTS = 8;
const documents = new Map<number, PayloadDocument>();

function keep(doc: number, document: PayloadDocument): void {
  documents.delete(doc);
  documents.set(doc, document);
  while (documents.size > KEPT_DOCUMENTS) documents.delete(documents.keys().next().value!);
}

async function answer(job: PayloadJob): Promise<unknown> {
  if (job.op === 'open') {
    const document = new PayloadDocument(await job.body.text());
    keep(job.doc, document);
    return document.summary;
  }
  const document = documents.get(job.doc);
  if (!document) return undefined; // forgotten: the page opens it again
  keep(job.doc, document);
  if (job.op === 'entries') return document.entries(job.path, job.from, job.count);
  if (job.op === 'slice') return document.slice(job.path, job.start, job.end);
  return document.pretty();
}

self.onmessage = async (event: MessageEvent<PayloadJob>) => {
  const { id } = event.data;
  let reply: PayloadReply;
  try {
    const value = await answer(event.data);
    reply = value === undefined ? { id, forgotten: true } : { id, value };
  } catch (error) {
    reply = { id, error: String((error as Error).message ?? error), syntax: error instanceof SyntaxError };
  }
  (self as unknown as Worker).postMessage(reply);
};
