/** Messages between the page (`payload-reader.ts`) and the JSON worker (`json-worker.ts`). */
import type { PayloadPath } from './payload-document.ts';

/** A question about detail `doc`; `id` pairs it with its reply. */
export type PayloadJob = { id: number; doc: number } & (
  | { op: 'open'; body: Blob }
  | { op: 'entries'; path: PayloadPath; from: number; count: number }
  | { op: 'slice'; path: PayloadPath; start: number; end: number }
  | { op: 'pretty' }
);

/** A job without the `id` and `doc` every job has. */
export type PayloadQuestion = PayloadJob extends infer Job ? (Job extends unknown ? Omit<Job, 'id' | 'doc'> : never) : never;

export type PayloadReply =
  | { id: number; value: unknown }
  /** The worker no longer keeps this detail: open it again. */
  | { id: number; forgotten: true }
  /** `syntax`: the body is not a JSON object. */
  | { id: number; error: string; syntax: boolean };
