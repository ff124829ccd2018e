/**
 * `url-state`: the table's filters, window and open log mirrored into the page URL, under a prefix
 * (`log.f`, `log.range` — or `log.from` and `log.to` for a custom window —, `log.id` by default)
 * so the host's own query parameters stay as they are.
 * Each change is a history entry (pushState); back and forward restore them (popstate); a shared
 * link restores them on load, and opens the named log through the BFF's ownership check.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { LogFilter } from '../../contract/upstream.ts';
import { isRangePreset, type RangePreset } from '../../core/ranges.ts';
import { cleanFilters } from './data.ts';

export interface UrlState {
  filters: LogFilter[];
  range?: RangePreset;
  /** A custom window (the table's `from` and `to`), named only together. */
  window?: { from: string; to: string };
  id?: string;
}

/** The state a URL names under `prefix` (absent parameters: no filters, no log). */
export function readUrlState(url: string | URL, prefix = 'log'): UrlState {
  const params = new URL(url, location.href).searchParams;
  let filters: LogFilter[] = [];
  try {
    filters = cleanFilters(JSON.parse(params.get(`${prefix}.f`) ?? '[]')).filters;
  } catch {
    // a mangled link: no filters
  }
  const range = params.get(`${prefix}.range`);
  const from = params.get(`${prefix}.from`);
  const to = params.get(`${prefix}.to`);
  const id = params.get(`${prefix}.id`);
  return { filters, ...(isRangePreset(range) ? { range } : {}), ...(from && to ? { window: { from, to } } : {}), ...(id ? { id } : {}) };
}

/** `url` with the state written under `prefix`; every other parameter and the hash are kept. */
export function writeUrlState(url: string | URL, state: UrlState, prefix = 'log'): string {
  const out = new URL(url, location.href);
  const set = (name: string, value?: string) =>
    value ? out.searchParams.set(`${prefix}.${name}`, value) : out.searchParams.delete(`${prefix}.${name}`);
  set('f', state.filters.length ? JSON.stringify(state.filters) : undefined);
  set('range', state.range);
  set('from', state.window?.from);
  set('to', state.window?.to);
  set('id', state.id);
  return out.href;
}

/** What the controller reads and sets: the table's public surface. */
export interface UrlStateHost extends ReactiveControllerHost {
  /** The `url-state` attribute: the prefix ("", `true` or a bare attribute = "log"); undefined or `false` = off. */
  urlState?: string | boolean;
  filters: LogFilter[];
  range: RangePreset;
  from?: string;
  to?: string;
  readonly openLogId?: string;
  openId(id: string): void;
  closeDetail(): void;
}

const same = (a: UrlState, b: UrlState) =>
  JSON.stringify([a.filters, a.range, a.window, a.id]) === JSON.stringify([b.filters, b.range, b.window, b.id]);

export class UrlStateController implements ReactiveController {
  private started = false;
  private initialRange?: RangePreset;
  private readonly onPop = () => this.restore(true);

  constructor(private readonly host: UrlStateHost) {
    host.addController(this);
  }

  /** The prefix in use, or undefined while URL state is off. */
  get prefix(): string | undefined {
    const value = this.host.urlState;
    if (value === undefined || value === null || value === false) return undefined;
    return (typeof value === 'string' && value.trim()) || 'log';
  }

  private get state(): UrlState {
    const { filters, range, from, to, openLogId } = this.host;
    const window = from && to ? { window: { from, to } } : { range };
    return { filters, ...window, ...(openLogId ? { id: openLogId } : {}) };
  }

  hostDisconnected(): void {
    window.removeEventListener('popstate', this.onPop);
    this.started = false;
  }

  /** On connection with URL state on (attributes are set by then): take the URL's state. */
  hostConnected(): void {
    this.start();
  }

  /** `url-state` set later. */
  hostUpdate(): void {
    this.start();
  }

  private start(): void {
    if (this.started || !this.prefix) return;
    this.started = true;
    this.initialRange = this.host.range;
    window.addEventListener('popstate', this.onPop);
    this.restore(false);
    const prefix = this.prefix;
    history.replaceState(history.state, '', writeUrlState(location.href, this.state, prefix));
  }

  /** After a render: a state the URL does not name yet is a new history entry. */
  hostUpdated(): void {
    const prefix = this.prefix;
    if (!prefix || !this.started) return;
    const state = this.state;
    if (!same(state, readUrlState(location.href, prefix)))
      history.pushState(history.state, '', writeUrlState(location.href, state, prefix));
  }

  /** A link to the current view with log `id` open. */
  linkTo(id: string): string {
    return writeUrlState(location.href, { ...this.state, id }, this.prefix ?? 'log');
  }

  /** On load only what the URL names; on back/forward the whole state (absent = none, the first range). */
  private restore(all: boolean): void {
    const prefix = this.prefix!;
    const state = readUrlState(location.href, prefix);
    const has = (name: string) => new URL(location.href).searchParams.has(`${prefix}.${name}`);
    const host = this.host;
    if (all || has('f')) host.filters = state.filters;
    if (state.range || all) host.range = state.range ?? this.initialRange ?? host.range;
    // a custom window, or (back/forward) none: the range above applies again
    if (state.window || all) [host.from, host.to] = [state.window?.from, state.window?.to];
    if (state.id && state.id !== host.openLogId) host.openId(state.id);
    else if (!state.id && all && host.openLogId) host.closeDetail();
  }
}
