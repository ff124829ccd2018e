/**
 * The log table's data: the filter bar as v3.1 filters, cursor paging with de-duplication, and the
 * live tail (logs newer than the newest shown, plus an overlap window for late arrivals, merged by
 * time and de-duplicated by id, so nothing is doubled or skipped).
 */
import { LOG_FILTER_FIELDS, LOG_FILTER_OPERATORS } from '../../contract/constants.ts';
import type { LogEntry, LogFilter } from '../../contract/upstream.ts';
import { toCsv } from '../../core/csv.ts';
import { LOG_CSV_HEADER, logCsvCells } from '../../core/log-csv.ts';
import type { RangePreset } from '../../core/ranges.ts';
import { appended } from './tree.ts';

/** The presets the table's Time picker offers (any preset works as the `range` attribute). */
export const TABLE_RANGES = ['1h', '24h', '7d', '30d'] as const satisfies readonly RangePreset[];

/** The filter bar's three controls, read from and written into one v3.1 filter list. */
export interface BarState {
  status: '' | 'success' | 'failed';
  toolkit: string;
  tool: string;
}

const isStatus = (f: LogFilter) => f.field === 'status' && f.operator === '==';
const isToolkit = (f: LogFilter) => f.field === 'toolkit_slug' && f.operator === '==';
const isTool = (f: LogFilter) => f.field === 'tool_slug' && f.operator === 'contains';

export function readBar(filters: readonly LogFilter[]): BarState {
  const status = filters.find(isStatus)?.value;
  return {
    status: status === 'success' || status === 'failed' ? status : '',
    toolkit: filters.find(isToolkit)?.value ?? '',
    tool: filters.find(isTool)?.value ?? '',
  };
}

/** Replaces the bar's filters and keeps every other filter the host set. Tool slugs are upper case, so the search is too. */
export function writeBar(filters: readonly LogFilter[], bar: BarState): LogFilter[] {
  const rest = filters.filter((f) => !isStatus(f) && !isToolkit(f) && !isTool(f));
  return [
    ...rest,
    ...(bar.status ? [{ field: 'status', operator: '==', value: bar.status } as const] : []),
    ...(bar.toolkit ? [{ field: 'toolkit_slug', operator: '==', value: bar.toolkit } as const] : []),
    ...(bar.tool.trim() ? [{ field: 'tool_slug', operator: 'contains', value: bar.tool.trim().toUpperCase() } as const] : []),
  ];
}

/** Filters the bar does not show (set by the host), for the "more filters" chips. */
export function extraFilters(filters: readonly LogFilter[]): LogFilter[] {
  return filters.filter((f) => !isStatus(f) && !isToolkit(f) && !isTool(f));
}

/** `filters` as a JSON attribute; what is not a list of valid filters is dropped (with a warning) by `cleanFilters`. */
export const filtersConverter = {
  fromAttribute: (value: string | null): LogFilter[] => {
    try {
      return JSON.parse(value ?? '[]');
    } catch {
      return value as unknown as LogFilter[];
    }
  },
  toAttribute: (value: LogFilter[]) => JSON.stringify(value),
};

/** Rows as RFC 4180 CSV (formulas neutralised by `toCsv`), the same columns as the BFF's export. */
export function logsCsv(rows: readonly LogEntry[]): string {
  return toCsv(LOG_CSV_HEADER, rows.map(logCsvCells));
}

const isFilter = (f: unknown): f is LogFilter => {
  const { field, operator, value } = (f ?? {}) as Record<string, unknown>;
  return (
    (LOG_FILTER_FIELDS as readonly unknown[]).includes(field) &&
    (LOG_FILTER_OPERATORS as readonly unknown[]).includes(operator) &&
    typeof value === 'string'
  );
};

/**
 * The valid filters of whatever the host set (the `filters` attribute may be any text). `problem`
 * says what was wrong, for one warning; the table never sends a filter the BFF would reject.
 */
export function cleanFilters(value: unknown): { filters: LogFilter[]; problem?: string } {
  if (!Array.isArray(value))
    return { filters: [], problem: `filters must be a JSON array of {field, operator, value}; got ${JSON.stringify(value)?.slice(0, 80)}` };
  const filters = value.filter(isFilter);
  const dropped = value.length - filters.length;
  return dropped ? { filters, problem: `filters: ignored ${dropped} invalid filter(s)` } : { filters: value };
}

/** `page-size` as a request limit: whole, 1–100; anything else is 50 (with a problem to warn about). */
export function pageLimit(value: unknown): { limit: number; problem?: string } {
  const n = Number(value);
  if (Number.isInteger(n) && n >= 1 && n <= 100) return { limit: n };
  return {
    limit: Number.isFinite(n) ? Math.min(100, Math.max(1, Math.floor(n))) : 50,
    problem: `page-size ${JSON.stringify(String(value))} is not a whole number from 1 to 100`,
  };
}

export interface LogQuery {
  filters: LogFilter[];
  from: number;
  to: number;
  limit: number;
  /** A host-set window (`from`/`to`): the live tail keeps its end. */
  custom?: boolean;
}

export function requestBody(query: LogQuery, cursor?: string | null) {
  return {
    limit: query.limit,
    ...(cursor ? { cursor } : {}),
    ...(query.filters.length ? { filters: query.filters } : {}),
    time_range: { from: query.from, to: query.to },
  };
}

/** Rows in display order (newest first), unique by id (also within one page: a repeated id would be one row twice). */
export class LogRows {
  rows: LogEntry[] = [];
  private readonly ids = new Set<string>();

  has(id: string): boolean {
    return this.ids.has(id);
  }

  /** A page of older rows at the end: touches only the page (the tree extends its view instead of rebuilding it). */
  append(logs: readonly LogEntry[]): number {
    const fresh = this.unseen(logs);
    const previous = this.rows;
    this.rows = previous.concat(fresh);
    appended(previous, this.rows);
    return fresh.length;
  }

  /** New rows at their time position (late arrivals land between rows already shown). */
  insert(logs: readonly LogEntry[]): number {
    const fresh = this.unseen(logs);
    this.rows = mergeByTime(this.rows, fresh);
    return fresh.length;
  }

  private unseen(logs: readonly LogEntry[]): LogEntry[] {
    const fresh: LogEntry[] = [];
    for (const log of logs) {
      if (this.ids.has(log.id)) continue;
      this.ids.add(log.id);
      fresh.push(log);
    }
    return fresh;
  }
}

/** A log's time, in epoch ms. */
export const time = (log: LogEntry) => Date.parse(log.timestamp);

/** Newest first by timestamp; rows of `b` go before rows of `a` with the same time. */
export function mergeByTime(a: readonly LogEntry[], b: readonly LogEntry[]): LogEntry[] {
  const out: LogEntry[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) out.push(j < b.length && (i >= a.length || time(b[j]) >= time(a[i])) ? b[j++] : a[i++]);
  return out;
}
