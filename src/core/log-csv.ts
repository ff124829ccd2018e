/**
 * One log as a CSV row: the columns the table's Export CSV and the BFF's export route share, so a
 * download from either opens the same way in a spreadsheet (cells formula-neutralised by `csvCell`).
 */
import type { LogEntry } from '../contract/upstream.ts';
import { csvCell } from './csv.ts';

export const LOG_CSV_HEADER = ['time', 'status', 'tool', 'toolkit', 'user', 'message', 'duration_ms', 'log_id', 'parent_tool'] as const;

const str = (value: unknown) => (typeof value === 'string' ? value : '');

export function logCsvCells(l: LogEntry): unknown[] {
  return [
    l.timestamp,
    l.status,
    str(l.metadata.tool_slug),
    str(l.metadata.toolkit_slug),
    str(l.metadata.user_id),
    l.message ?? '',
    Number(l.metrics.duration_ms ?? 0),
    l.id,
    l.parent?.tool_slug ?? '',
  ];
}

/** One CRLF-terminated CSV line. */
export const csvLine = (cells: readonly unknown[]) => `${cells.map(csvCell).join(',')}\r\n`;
