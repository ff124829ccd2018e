/**
 * When the live tail polls: every `interval` seconds while connected, at once when the tab becomes
 * visible again, one poll at a time. A failed poll pauses live updates: the host can say so
 * (`paused`, `retryInSeconds`), retries back off (doubling, at least the server's Retry-After, at
 * most five minutes) and the first poll that succeeds resumes by itself. What a poll does is the
 * host's business.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { BffRequestError } from '../../client/bff-client.ts';
import { isAbort } from '../shared/problem.ts';

export interface LiveTailOptions {
  /** Seconds between polls; 0 (or less) turns the tail off. */
  interval(): number;
  /** Whether there is anything to poll for yet (the first page has loaded). */
  ready(): boolean;
  /** One poll; a rejection pauses live updates. */
  poll(signal: AbortSignal): Promise<void>;
  /** Live updates just paused (called once per outage, not per failed retry). */
  onPause?(error: unknown): void;
}

const MAX_BACKOFF_MS = 5 * 60_000;

export class LiveTailController implements ReactiveController {
  /** Why live updates are paused; undefined while they run. */
  error?: unknown;
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
    host.addController(this);
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
    this.setPaused(undefined);
  }

  hostUpdated(): void {
    const interval = this.options.interval();
    if (interval === this.interval) return;
    this.interval = interval;
    this.failures = 0;
    this.setPaused(undefined);
    this.schedule();
  }

  /** Poll now (Retry now, or the tab is visible again); a poll in flight is not doubled. */
  pollNow(): void {
    this.schedule(0);
  }

  private readonly onVisibility = () => {
    if (!document.hidden) this.pollNow();
  };

  private schedule(delayMs = this.options.interval() * 1000): void {
    clearTimeout(this.timer);
    if (this.connected && this.options.interval() > 0) this.timer = setTimeout(() => void this.tick(), delayMs);
  }

  private async tick(): Promise<void> {
    if (this.inFlight) return; // it schedules the next poll when it settles
    if (!this.options.ready()) return this.schedule();
    const controller = (this.inFlight = new AbortController());
    try {
      await this.options.poll(controller.signal);
      if (controller.signal.aborted) return;
      this.failures = 0;
      this.setPaused(undefined);
      this.schedule();
    } catch (error) {
      if (controller.signal.aborted) return;
      if (isAbort(error)) return this.schedule();
      this.fail(error);
    } finally {
      if (this.inFlight === controller) this.inFlight = undefined;
    }
  }

  private fail(error: unknown): void {
    const first = !this.paused;
    this.failures++;
    const base = Math.max(1, this.options.interval()) * 1000;
    const retryAfter = error instanceof BffRequestError ? (error.retryAfterSeconds ?? 0) * 1000 : 0;
    const delay = Math.min(MAX_BACKOFF_MS, Math.max(retryAfter, base * 2 ** this.failures));
    this.retryAt = Date.now() + delay;
    this.setPaused(error);
    if (first) this.options.onPause?.(error);
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
