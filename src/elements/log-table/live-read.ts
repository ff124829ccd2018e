/**
 * The live tail's reading: where a poll reads, the read itself (new and late rows, page by page,
 * de-duplicated). Needed only when `live` is set and a poll is due, so it is its own chunk,
 * imported by the first poll.
 */
import type { BffClient } from '../../client/bff-client.ts';
import { BFF_PATHS } from '../../contract/protocol.ts';
import type { LogEntry, LogListResponse } from '../../contract/upstream.ts';
import { requestBody, time, type LogQuery } from './data.ts';

/** Where a live-tail poll reads: from the newest row shown (or waiting), down to the oldest loaded while more pages exist. */
function tailWindow(rows: readonly LogEntry[], pending: readonly LogEntry[], paging: boolean, from: number) {
  const newest = [rows[0], pending[0]].filter(Boolean).map((l) => Date.parse(l.timestamp));
  const oldest = rows.at(-1);
  return { since: newest.length ? Math.max(...newest) : undefined, floor: paging && oldest ? Date.parse(oldest.timestamp) : from };
}

const MAX_CATCH_UP_PAGES = 5;
/** Browser clocks drift: the tail asks up to an hour ahead and the BFF clamps `to` to its own now. */
const CLOCK_SLACK_MS = 3_600_000;

/**
 * What the live tail has not shown yet, newest first: everything in the last `overlapMs` before
 * `since` (the newest row shown) and after it, read page by page and de-duplicated by id. The
 * overlap catches logs that reach the API a few seconds after their timestamp; they belong between
 * rows already shown. Nothing older than `floor` is read: below the oldest loaded row (while more
 * pages exist) rows are paging's business, not late arrivals. `null` when more new rows arrived than the catch-up allows (the caller
 * reloads); a busy overlap window alone only shortens the re-read.
 */
export async function fetchNewer(
  client: BffClient,
  query: LogQuery,
  shown: { rows: readonly LogEntry[]; pending: readonly LogEntry[]; paging: boolean; overlapMs: number; known: (id: string) => boolean },
  signal: AbortSignal,
): Promise<LogEntry[] | null> {
  const { since, floor } = tailWindow(shown.rows, shown.pending, shown.paging, query.from);
  const { overlapMs, known } = shown;
  const from = Math.max(query.from, floor, (since ?? query.from) - Math.max(0, overlapMs));
  const tail: LogQuery = { ...query, from, to: query.custom ? query.to : Date.now() + CLOCK_SLACK_MS, limit: 100 };
  const fresh: LogEntry[] = [];
  let cursor: string | null = null;
  let caughtUp = since === undefined;
  for (let page = 0; page < MAX_CATCH_UP_PAGES; page++) {
    const answer: LogListResponse = await client.post<LogListResponse>(BFF_PATHS.logList, requestBody(tail, cursor), signal);
    for (const log of answer.logs) {
      // an upstream that ignores time_range still ends the read here
      if (time(log) < from) return fresh;
      if (!known(log.id)) fresh.push(log);
      caughtUp ||= time(log) <= since!;
    }
    cursor = answer.next_cursor;
    if (!cursor) return fresh;
  }
  // a busy project fills the pages with the overlap: what is newer than `since` is all there
  return caughtUp ? fresh : null;
}
