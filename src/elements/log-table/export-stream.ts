/**
 * The export's transfer: stream the BFF's export route, count what arrives, save the file. Needed
 * only when an Export button is pressed, so it is its own chunk, imported then (export-controller.ts
 * keeps the state and the button).
 */
import type { BffClient } from '../../client/bff-client.ts';
import { BFF_PATHS, type LogExportFormat } from '../../contract/protocol.ts';
import { download } from '../shared/download.ts';

const NEWLINE = 10;

/** What the export route takes: the table's filters and window, and the file's format. */
export interface ExportBody {
  filters: unknown;
  time_range: unknown;
  format: LogExportFormat;
}

/** Streams `body`'s export and saves it; `onProgress` hears each chunk's bytes and line breaks. */
export async function runExport(
  client: BffClient,
  body: ExportBody,
  signal: AbortSignal,
  onProgress: (bytes: number, lines: number) => void,
): Promise<void> {
  const response = await client.stream(BFF_PATHS.logExport, body, signal);
  const name = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? `tool-calls.${body.format}`;
  const reader = response.body!.getReader();
  const chunks: Uint8Array[] = [];
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    let lines = 0;
    for (const byte of value) if (byte === NEWLINE) lines++;
    onProgress(value.byteLength, lines);
  }
  download(name, new Blob(chunks as BlobPart[], { type: response.headers.get('content-type') ?? 'text/csv' }));
}
