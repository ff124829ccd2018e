/**
 * The upstream budget. Composio limits requests per organisation (2,000 a minute on Hobby), and
 * once that limit is hit every customer's page goes blank at once. So each upstream call (not a
 * cache hit, not a call joined while in flight) is spent from two budgets: the organisation's,
 * kept below the plan's limit, and the calling scope's fair share of it, so that no single
 * customer can spend what the others need. Behind an interface so that a shared store (Redis) can
 * hold the counters for several instances.
 */
import { BffError } from './errors.ts';

export interface UpstreamBudget {
  /** Spend one upstream call for `scopeKey`; rejects with a 429 BffError (with Retry-After) when a budget is spent. */
  spend(scopeKey: string): Promise<void>;
}

export interface BudgetSettings {
  /** Upstream calls a minute for the whole organisation (default 1,500: 75 % of the Hobby plan's 2,000). */
  perMinute: number;
  /** Upstream calls a minute for one scope, i.e. one customer (default 600). */
  perScopePerMinute: number;
}

export const DEFAULT_BUDGET: BudgetSettings = { perMinute: 1_500, perScopePerMinute: 600 };

const WINDOW_MS = 60_000;

/** A 429 naming whose budget is spent and when the next window opens. */
export function budgetSpent(who: 'customer' | 'organisation', msBeforeNext: number): BffError {
  const retryAfterSeconds = Math.max(1, Math.ceil(msBeforeNext / 1000));
  return new BffError(
    429,
    who === 'customer' ? 'Too many requests for this account right now' : 'Too many requests on this server right now',
    { retryAfterSeconds, suggested_fix: `Retry after ${retryAfterSeconds} s` },
  );
}

/**
 * One process's budget: fixed one-minute windows, counted in memory, the same rule as Composio's
 * own limit. Written here rather than taken from rate-limiter-flexible, whose memory limiter is
 * CommonJS and whose index loads Node built-ins: the BFF also runs in edge runtimes and, for the
 * static demo, in a browser. (The Redis budget for several instances does use that library.)
 */
export function memoryBudget(settings: BudgetSettings = DEFAULT_BUDGET, now: () => number = Date.now): UpstreamBudget {
  let window = -1;
  let orgUsed = 0;
  const scopeUsed = new Map<string, number>();
  return {
    async spend(scopeKey) {
      const t = now();
      const current = Math.floor(t / WINDOW_MS);
      if (current !== window) {
        window = current;
        orgUsed = 0;
        scopeUsed.clear();
      }
      const msBeforeNext = (current + 1) * WINDOW_MS - t;
      const used = scopeUsed.get(scopeKey) ?? 0;
      if (used >= settings.perScopePerMinute) throw budgetSpent('customer', msBeforeNext);
      if (orgUsed >= settings.perMinute) throw budgetSpent('organisation', msBeforeNext);
      scopeUsed.set(scopeKey, used + 1);
      orgUsed++;
    },
  };
}
