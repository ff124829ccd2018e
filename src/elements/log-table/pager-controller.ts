/**
 * Cursor paging after the first page: at most one page request in flight, and automatic pages
 * driven by the last visible row when they run, at most one a second. A held End key (every repeat
 * reaching the newest end) made ~370 page requests a minute when each visible end loaded a page.
 * `loadMore()` (the Load more button, the public method) is explicit and not delayed. A busy
 * server (429) is waited out by `busy`, which loads the page when the wait is over; nothing else
 * pages meanwhile.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { LogEntry, LogListResponse } from '../../contract/upstream.ts';
import { BusyRetryController } from '../shared/busy-retry.ts';

export interface PagerOptions {
  /** The page after `cursor`. */
  load(cursor: string, signal: AbortSignal): Promise<LogListResponse>;
  /** Rows loaded so far (automatic paging starts within 20 rows of the end). */
  count(): number;
  onPage(logs: readonly LogEntry[]): void;
  /** A page failed (a busy server: once per wait, not per retry). */
  onError(error: unknown): void;
}

/** Automatic paging waits this long after the previous page. */
const AUTO_PAGE_GAP_MS = 1000;

export class PagerController implements ReactiveController {
  /** Where the next page starts; null when everything is loaded. */
  cursor: string | null = null;
  loading = false;
  /** The last page request failed (automatic paging stops until Retry or Load more). */
  error?: Error;
  private inFlight?: AbortController;
  private timer?: ReturnType<typeof setTimeout>;
  private lastPageAt = 0;
  private lastVisible = -1;
  /** The page request answered "busy": counting down to the next try. */
  readonly busy: BusyRetryController;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: PagerOptions,
  ) {
    host.addController(this);
    this.busy = new BusyRetryController(host, { retry: () => void this.loadMore() });
  }

  hostDisconnected(): void {
    this.abort();
  }

  /** A new first page arrived: page on from its cursor. */
  reset(cursor: string | null): void {
    this.abort();
    this.cursor = cursor;
    this.error = undefined;
    this.lastPageAt = Date.now();
    this.lastVisible = -1;
    this.host.requestUpdate();
  }

  /** Drop the page in flight or waited for (the first page is reloading). */
  abort(): void {
    this.inFlight?.abort();
    clearTimeout(this.timer);
    this.busy.clear();
  }

  async loadMore(): Promise<void> {
    if (!this.cursor || this.loading) return;
    this.busy.started();
    const controller = (this.inFlight = new AbortController());
    this.loading = true;
    this.error = undefined;
    this.host.requestUpdate();
    try {
      const page = await this.options.load(this.cursor, controller.signal);
      if (controller.signal.aborted) return;
      this.busy.clear();
      this.cursor = page.next_cursor;
      this.options.onPage(page.logs);
    } catch (error) {
      if (controller.signal.aborted) return;
      if (this.busy.handle(error)) {
        if (this.busy.attempts === 1) this.options.onError(error);
        return;
      }
      this.error = error as Error;
      this.options.onError(error);
    } finally {
      this.lastPageAt = Date.now();
      if (this.inFlight === controller) {
        this.loading = false;
        this.host.requestUpdate();
      }
    }
  }

  /** The virtualizer's last visible row changed. */
  visible(last: number): void {
    this.lastVisible = last;
    this.pageIfNeeded();
  }

  private pageIfNeeded(): void {
    clearTimeout(this.timer);
    if (this.lastVisible < this.options.count() - 20 || this.error || this.loading || this.busy.active || !this.cursor) return;
    const wait = this.lastPageAt + AUTO_PAGE_GAP_MS - Date.now();
    if (wait > 0) this.timer = setTimeout(() => this.pageIfNeeded(), wait);
    else void this.loadMore();
  }
}
