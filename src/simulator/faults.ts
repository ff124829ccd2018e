/**
 * Seeded fault injection: the n-th request always meets the same fate for the same seed, so a
 * test that saw a 503 on its third call sees it again.
 */
import { Random } from './random.ts';

export interface FaultOptions {
  /** Seed of the fault stream (default: the simulator's seed). */
  seed?: number;
  /** Added to every response, in ms. */
  latencyMs?: number;
  /** Uniform extra latency in [0, jitterMs). */
  jitterMs?: number;
  /** Share of requests answered with a 5xx envelope. */
  errorRate?: number;
  /** Share of successful responses whose JSON body is cut short. */
  malformedRate?: number;
  /** Share of requests that never answer (until the client aborts). */
  timeoutRate?: number;
}

export interface Fate {
  delayMs: number;
  timeout: boolean;
  serverError: 500 | 502 | 503 | null;
  malformed: boolean;
}

export class FaultPlan {
  private readonly rng: Random;

  constructor(
    private readonly options: FaultOptions,
    seed: number,
  ) {
    this.rng = new Random(options.seed ?? seed, 0xfa17);
  }

  /** Draws the same number of values per request whatever the outcome, to keep the stream aligned. */
  next(): Fate {
    const o = this.options;
    const [jitter, timeout, error, which, malformed] = [0, 0, 0, 0, 0].map(() => this.rng.next());
    return {
      delayMs: (o.latencyMs ?? 0) + jitter * (o.jitterMs ?? 0),
      timeout: timeout < (o.timeoutRate ?? 0),
      serverError: error < (o.errorRate ?? 0) ? ([500, 502, 503] as const)[Math.floor(which * 3)] : null,
      malformed: malformed < (o.malformedRate ?? 0),
    };
  }
}

/** Resolves after `ms`, or rejects with the signal's reason when aborted first. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(done, ms);
    function done() {
      signal?.removeEventListener('abort', abort);
      resolve();
    }
    function abort() {
      clearTimeout(timer);
      reject(signal!.reason);
    }
    if (signal?.aborted) abort();
    else signal?.addEventListener('abort', abort, { once: true });
  });
}

/** Never settles unless the signal aborts: a server that accepted the request and went silent. */
export function hang(signal?: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    if (signal?.aborted) reject(signal.reason);
    else signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
  });
}
