/** The elements' events: typed, bubbling and composed (they cross shadow roots to reach the host page). */
import type { BffRequestError } from '../../client/bff-client.ts';
import type { LogEntry, LogFilter } from '../../contract/upstream.ts';

export interface RangeSelectDetail {
  /** Inclusive epoch ms of the clicked bucket. */
  from: number;
  /** Exclusive epoch ms. */
  to: number;
}

export interface GroupSelectDetail {
  groupBy: string;
  key: string;
}

export interface LoadDetail {
  /** What was loaded, e.g. `usage-series`, `usage-breakdown`, `logs-page`. */
  kind: string;
  /** Rows or buckets now shown. */
  count: number;
}

export interface ErrorDetail {
  error: BffRequestError | Error;
}

export interface LogSelectDetail {
  /** The list entry of the opened log (the detail panel fetches the rest). */
  log: LogEntry;
}

/**
 * The window a person chose in an element's range control: a preset, or a custom window of whole
 * local days in the element's `time-zone` (`from` its first day's start, `to` the next day's start,
 * or the moment of Apply when the last day is today). The element has set its own `range`, `from`
 * and `to` to match; a host that keeps them (in its URL, in another element) sets the same.
 */
export interface RangeChangeDetail {
  /** The preset; with `from` and `to`, the one the element returns to without them. */
  range: string;
  /** A custom window's start, inclusive epoch ms (absent for a preset). */
  from?: number;
  /** A custom window's end, exclusive epoch ms. */
  to?: number;
}

export interface FiltersChangeDetail extends RangeChangeDetail {
  /** The full v3.1 filter list now applied. */
  filters: LogFilter[];
}

export interface FiltersRequestDetail {
  /** v3.1 log filters, AND-ed, that show the calls asked for (a log table's `filters`). */
  filters: LogFilter[];
  /** The window the request is about: inclusive epoch ms. */
  from: number;
  /** Exclusive epoch ms. */
  to: number;
}

export interface ComposioEventMap {
  'composio-filters-request': CustomEvent<FiltersRequestDetail>;
  'composio-log-select': CustomEvent<LogSelectDetail>;
  'composio-filters-change': CustomEvent<FiltersChangeDetail>;
  'composio-range-select': CustomEvent<RangeSelectDetail>;
  'composio-range-change': CustomEvent<RangeChangeDetail>;
  'composio-group-select': CustomEvent<GroupSelectDetail>;
  'composio-load': CustomEvent<LoadDetail>;
  'composio-error': CustomEvent<ErrorDetail>;
}

declare global {
  // declaration merging: the composio events join every element's event map (typed addEventListener)
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface HTMLElementEventMap extends ComposioEventMap {}
}

export function composioEvent<K extends keyof ComposioEventMap>(type: K, detail: ComposioEventMap[K]['detail']): ComposioEventMap[K] {
  return new CustomEvent(type, { detail, bubbles: true, composed: true }) as ComposioEventMap[K];
}
