/**
 * When the live tail polls: every `interval` seconds while connected, at once when the tab becomes
 * visible again, one poll at a time. A failed poll pauses live updates: the host can say so
 * (`paused`, `retryInSeconds`), retries back off (doubling, at least the server's Retry-After, at
 * most five minutes) and the first poll that succeeds resumes by itself. A busy server (429) is not
 * an outage: `busy` counts down its Retry-After and polls when it is over, while the poll timer
 * stays off, so retries never stack on polls. What a poll does is the host's business.
 */
import { html, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { BffRequestError } from '../../client/bff-client.ts';
import { BusyRetryController } from '../shared/busy-retry.ts';
import { count } from '../shared/i18n/count.ts';
import type { Words } from '../shared/i18n/strings.ts';
import { isAbort } from '../shared/problem.ts';

export interface LiveTailOptions {
  /** Seconds between polls; 0 (or less) turns the tail off. */
  interval(): number;
  /** Whether there is anything to poll for yet (the first page has loaded). */
  ready(): boolean;
  /** One poll; a rejection pauses live updates. */
  poll(signal: AbortSignal): Promise<void>;
  /** Live updates just paused or turned busy (called once per outage, not per failed retry). */
  onPause?(error: unknown): void;
}

const MAX_BACKOFF_MS = 5 * 60_000;

export class LiveTailController implements ReactiveController {
  /** Why live updates are paused; undefined while they run (or wait out a busy server). */
  error?: unknown;
  /** A poll answered "busy": counting down to the next one. */
  readonly busy: BusyRetryController;
  /** Since the last poll that succeeded (so the host hears of an outage once). */
  private outage = false;
  private retryAt = 0;
  private failures = 0;
  private interval = 0;
  private connected = false;
  private timer?: ReturnType<typeof setTimeout>;
  private ticker?: ReturnType<typeof setInterval>;
  private inFlight?: AbortController;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: LiveTailOptions,
  ) {
    this.busy = new BusyRetryController(host, { retry: () => void this.tick() });
    host.addController(this); // last: on a connected host (loaded late, live-tail.ts) this starts it at once
  }

  get paused(): boolean {
    return this.error !== undefined;
  }

  /** Whole seconds until the next retry while paused. */
  get retryInSeconds(): number {
    return Math.max(0, Math.ceil((this.retryAt - Date.now()) / 1000));
  }

  hostConnected(): void {
    this.connected = true;
    document.addEventListener('visibilitychange', this.onVisibility);
    this.schedule();
  }

  hostDisconnected(): void {
    this.connected = false;
    document.removeEventListener('visibilitychange', this.onVisibility);
    this.inFlight?.abort();
    clearTimeout(this.timer);
    this.outage = false;
    this.busy.clear();
    this.setPaused(undefined);
  }

  hostUpdated(): void {
    const interval = this.options.interval();
    if (interval === this.interval) return;
    this.interval = interval;
    this.failures = 0;
    this.outage = false;
    this.busy.clear();
    this.setPaused(undefined);
    this.schedule();
  }

  /** Poll now (Retry now, or the tab is visible again); a poll in flight is not doubled. */
  pollNow(): void {
    if (this.busy.active) this.busy.retryNow();
    else this.schedule(0);
  }

  private readonly onVisibility = () => {
    // a tab shown again does not cut a busy server's wait short
    if (!document.hidden && !this.busy.active) this.pollNow();
  };

  private schedule(delayMs = this.options.interval() * 1000): void {
    clearTimeout(this.timer);
    if (this.busy.phase === 'waiting') return; // its countdown polls next
    if (this.connected && this.options.interval() > 0) this.timer = setTimeout(() => void this.tick(), delayMs);
  }

  private async tick(): Promise<void> {
    if (this.inFlight) return; // it schedules the next poll when it settles
    if (!this.options.ready()) return this.schedule();
    this.busy.started();
    const controller = (this.inFlight = new AbortController());
    try {
      await this.options.poll(controller.signal);
      if (controller.signal.aborted) return;
      this.failures = 0;
      this.outage = false;
      this.busy.clear();
      this.setPaused(undefined);
      this.schedule();
    } catch (error) {
      if (controller.signal.aborted) return;
      if (isAbort(error)) return this.schedule();
      if (this.busy.handle(error)) {
        clearTimeout(this.timer);
        this.setPaused(undefined); // the busy status replaces "paused"
        return this.startOutage(error);
      }
      this.fail(error);
    } finally {
      if (this.inFlight === controller) this.inFlight = undefined;
    }
  }

  private startOutage(error: unknown): void {
    if (!this.outage) this.options.onPause?.(error);
    this.outage = true;
  }

  private fail(error: unknown): void {
    this.failures++;
    const base = Math.max(1, this.options.interval()) * 1000;
    const retryAfter = error instanceof BffRequestError ? (error.retryAfterSeconds ?? 0) * 1000 : 0;
    const delay = Math.min(MAX_BACKOFF_MS, Math.max(retryAfter, base * 2 ** this.failures));
    this.retryAt = Date.now() + delay;
    this.setPaused(error);
    this.startOutage(error);
    this.schedule(delay);
  }

  /** Pause (with why) or resume; while paused the host re-renders every second for the countdown. */
  private setPaused(error: unknown): void {
    const was = this.paused;
    this.error = error;
    clearInterval(this.ticker);
    if (error !== undefined) this.ticker = setInterval(() => this.host.requestUpdate(), 1000);
    if (was || error !== undefined) this.host.requestUpdate();
  }
}

/** Why live updates stopped, in the reader's words. */
function pauseReason(error: unknown, words: Words<'table'>): string {
  const status = error instanceof BffRequestError ? error.status : 0;
  const reasons = words.table.pauseReasons;
  if (status === 429) return reasons.tooMany;
  if (status === 401 || status === 403) return reasons.signedOut;
  return status ? reasons.unavailable : reasons.offline;
}

/** "Live updates paused — retrying in N s", with Retry now. */
export function renderLivePaused(tail: LiveTailController, words: Words<'table'>, locale?: string) {
  return html`<div class="live-paused" part="live-status" role="status">
    <span>${words.table.livePaused(pauseReason(tail.error, words), count(tail.retryInSeconds, locale).shown)}</span>
    <button type="button" @click=${() => tail.pollNow()}>${words.common.retryNow}</button>
  </div>`;
}
