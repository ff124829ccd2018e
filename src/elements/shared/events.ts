/** The elements' events: typed, bubbling and composed (they cross shadow roots to reach the host page). */
import type { BffRequestError } from '../../client/bff-client.ts';

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

export interface ComposioEventMap {
  'composio-range-select': CustomEvent<RangeSelectDetail>;
  'composio-group-select': CustomEvent<GroupSelectDetail>;
  'composio-load': CustomEvent<LoadDetail>;
  'composio-error': CustomEvent<ErrorDetail>;
}

declare global {
  interface HTMLElementEventMap extends ComposioEventMap {}
}

export function composioEvent<K extends keyof ComposioEventMap>(type: K, detail: ComposioEventMap[K]['detail']): ComposioEventMap[K] {
  return new CustomEvent(type, { detail, bubbles: true, composed: true }) as ComposioEventMap[K];
}
