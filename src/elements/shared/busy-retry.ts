/**
 * Waiting out a busy BFF. A 429 (or a 503 with Retry-After) means "not now, later": the upstream
 * budget all customers share is spent until its next window. That is no failure to show in red:
 * the element keeps what is on screen, counts down the seconds the server asked for, and asks again
 * by itself. One controller per kind of request that can be busy (an element's load, the next page,
 * the live tail, an export); the timers live here, so a disconnected element leaves none running.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { BffRequestError } from '../../client/bff-client.ts';

/** A "come back later" answer: any 429, or a 503 that says when (a 503 without Retry-After is an outage). */
export function isBusy(error: unknown): error is BffRequestError {
  if (!(error instanceof BffRequestError)) return false;
  return error.status === 429 || (error.status === 503 && (error.retryAfterSeconds ?? 0) > 0);
}

/** Without a usable Retry-After: 2 s, then doubling (the server gave no hint, so back off). */
const DEFAULT_WAIT_MS = 2_000;
const MAX_DEFAULT_WAIT_MS = 60_000;
/** A longer Retry-After (a misconfigured proxy's "3600") is cut to this: the budget's windows are a minute. */
const MAX_WAIT_MS = 5 * 60_000;
/** Browsers turned away at once would all come back at once: each waits up to this much longer. */
const MAX_JITTER_MS = 1_000;

/** How long to wait after the `attempt`-th busy answer in a row (0-based). */
export function busyWaitMs(error: BffRequestError, attempt: number): number {
  const seconds = error.retryAfterSeconds;
  if (seconds !== undefined && Number.isFinite(seconds) && seconds > 0) return Math.min(MAX_WAIT_MS, seconds * 1000);
  return Math.min(MAX_DEFAULT_WAIT_MS, DEFAULT_WAIT_MS * 2 ** attempt);
}

export interface BusyRetryOptions {
  /** Ask again (the countdown ran out, or Retry now). Must not reject. */
  retry(): void;
}

/** `waiting`: counting down; `retrying`: the request after the countdown is in flight. */
export type BusyPhase = 'idle' | 'waiting' | 'retrying';

export class BusyRetryController implements ReactiveController {
  phase: BusyPhase = 'idle';
  /** Busy answers since the last success (the default wait doubles with each). */
  attempts = 0;
  /** The whole wait in seconds, fixed per countdown: what screen readers hear, once, instead of every tick. */
  waitSeconds = 0;
  /** When the countdown reads 0; the retry itself goes up to MAX_JITTER_MS later. */
  private retryAt = 0;
  private fireAt = 0;
  private timer?: ReturnType<typeof setTimeout>;
  private ticker?: ReturnType<typeof setInterval>;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: BusyRetryOptions,
  ) {
    host.addController(this);
  }

  /** Busy: counting down or retrying. */
  get active(): boolean {
    return this.phase !== 'idle';
  }

  /** Whole seconds left on the countdown. */
  get seconds(): number {
    return Math.max(0, Math.ceil((this.retryAt - Date.now()) / 1000));
  }

  /**
   * A request failed. A busy answer starts the countdown (true); anything else ends the busy
   * state (false) and is the caller's to report.
   */
  handle(error: unknown): boolean {
    if (!isBusy(error)) {
      this.clear();
      return false;
    }
    const wait = busyWaitMs(error, this.attempts++);
    this.retryAt = Date.now() + wait;
    this.fireAt = this.retryAt + Math.random() * Math.min(MAX_JITTER_MS, wait / 5);
    this.phase = 'waiting';
    this.waitSeconds = Math.ceil(wait / 1000);
    this.start();
    return true;
  }

  /**
   * A request of this kind has started (the retry, Retry now, or new settings that replace the old
   * request): the countdown stops, so that no timer fires a second request on top of it.
   */
  started(): void {
    if (this.phase !== 'waiting') return;
    this.stop();
    this.phase = 'retrying';
    this.host.requestUpdate();
  }

  /** Success, or the wait no longer applies: no status, no timers. */
  clear(): void {
    this.stop();
    this.attempts = 0;
    if (this.phase === 'idle') return;
    this.phase = 'idle';
    this.host.requestUpdate();
  }

  /** Retry now: stop counting down and ask at once. */
  retryNow(): void {
    this.started();
    this.options.retry();
  }

  hostConnected(): void {
    // back in the page during a wait: count on from where it was (at once if the time has passed)
    if (this.phase === 'waiting') this.start();
  }

  hostDisconnected(): void {
    this.stop();
  }

  private start(): void {
    this.stop();
    this.timer = setTimeout(() => this.retryNow(), Math.max(0, this.fireAt - Date.now()));
    this.ticker = setInterval(() => this.host.requestUpdate(), 1000);
    this.host.requestUpdate();
  }

  private stop(): void {
    clearTimeout(this.timer);
    clearInterval(this.ticker);
    this.timer = this.ticker = undefined;
  }
}
