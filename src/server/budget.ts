/**
 * The upstream budget. Composio limits requests per organisation (2,000 a minute on Hobby), and
 * once that limit is hit every customer's page goes blank at once. So each upstream call (not a
 * cache hit, not a call joined while in flight) is spent from two budgets: the organisation's,
 * kept below the plan's limit, and the calling scope's share of it, so that no single customer can
 * spend what the others need. A fixed share alone still lets a few heavy customers together spend
 * the organisation's minute, so its last calls are a reserve that only customers who have spent
 * little this minute may use: no group of heavy customers can lock out a light one. Behind an
 * interface so that a shared store (Redis) can hold the counters for several instances.
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
  /**
   * The organisation's last calls of each minute, kept for light customers (default 20 % of
   * `perMinute`: 300). Heavy customers together get at most `perMinute − reservePerMinute`. Below `perMinute`.
   */
  reservePerMinute: number;
  /**
   * A customer that has spent fewer calls than this in the minute is light and may spend from the
   * reserve (default 150, about one cold page view of the demo, at most `perScopePerMinute`).
   */
  lightPerMinute: number;
}

export const DEFAULT_BUDGET: BudgetSettings = { perMinute: 1_500, perScopePerMinute: 600, reservePerMinute: 300, lightPerMinute: 150 };

/**
 * Complete settings from partial ones: the reserve defaults to 20 % of the given `perMinute` and
 * the light threshold to 150 (at most the share), so lowering `perMinute` or the share alone stays
 * valid. Throws, naming `where`, when the reserve is not below `perMinute` or the light threshold is
 * above the share: such a budget would lock everyone out, or let nobody be heavy by mistake.
 */
export function budgetSettings(partial: Partial<BudgetSettings> = {}, where = 'budget'): BudgetSettings {
  const perMinute = partial.perMinute ?? DEFAULT_BUDGET.perMinute;
  const perScopePerMinute = partial.perScopePerMinute ?? DEFAULT_BUDGET.perScopePerMinute;
  const settings: BudgetSettings = {
    perMinute,
    perScopePerMinute,
    // an unlimited organisation (Infinity) needs no reserve
    reservePerMinute: partial.reservePerMinute ?? (Number.isFinite(perMinute) ? Math.floor(perMinute / 5) : 0),
    lightPerMinute: partial.lightPerMinute ?? Math.min(DEFAULT_BUDGET.lightPerMinute, perScopePerMinute),
  };
  for (const [name, value] of Object.entries(settings)) {
    if (typeof value !== 'number' || Number.isNaN(value) || value < 0) {
      throw new Error(`${where}: ${name} must be a number ≥ 0 (got ${String(value)})`);
    }
  }
  if (settings.reservePerMinute >= settings.perMinute && settings.perMinute > 0) {
    throw new Error(
      `${where}: reservePerMinute (${settings.reservePerMinute}) must be below perMinute (${settings.perMinute}), or heavy customers get nothing`,
    );
  }
  if (settings.lightPerMinute > settings.perScopePerMinute) {
    throw new Error(
      `${where}: lightPerMinute (${settings.lightPerMinute}) must be at most perScopePerMinute (${settings.perScopePerMinute}), the most a customer can spend`,
    );
  }
  return settings;
}

const WINDOW_MS = 60_000;

/**
 * A 429 naming whose budget is spent and when the next window opens. A heavy customer refused at
 * the reserve hears about its account: the organisation still serves light customers.
 */
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
 * Throws at creation for invalid settings (see `budgetSettings`).
 */
export function memoryBudget(partial: Partial<BudgetSettings> = DEFAULT_BUDGET, now: () => number = Date.now): UpstreamBudget {
  const settings = budgetSettings(partial);
  const bulkPerMinute = settings.perMinute - settings.reservePerMinute;
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
      // checked before the organisation's limit, in the same order as countedBudget's
      const heavy = used >= settings.lightPerMinute;
      if (heavy && settings.reservePerMinute > 0 && orgUsed >= bulkPerMinute) throw budgetSpent('customer', msBeforeNext);
      if (orgUsed >= settings.perMinute) throw budgetSpent('organisation', msBeforeNext);
      scopeUsed.set(scopeKey, used + 1);
      orgUsed++;
    },
  };
}

/**
 * Calls per key in one-minute windows, kept elsewhere (rate-limiter-flexible's limiters in Redis).
 * `consume` resolves with the window's count, this call included, or rejects with a refusal that
 * has `msBeforeNext` once the count is past the limit.
 */
export interface WindowCounter {
  consume(key: string): Promise<number>;
  /** Counts one call without a limit. */
  add(key: string): Promise<void>;
  /** Takes one call back. */
  reward(key: string): Promise<void>;
}

const ORG_KEY = 'org';
const refusalMs = (error: unknown): number | undefined => {
  const ms = (error as { msBeforeNext?: unknown } | null)?.msBeforeNext;
  return typeof ms === 'number' ? ms : undefined;
};

/**
 * memoryBudget's rule over counters: the scope's share (`perScopePerMinute`), then, when the
 * reserve is on, `bulk` (limit `perMinute − reservePerMinute`), which every call counts in but only
 * a heavy customer's is refused by, so the reserve is always the minute's last calls; then the
 * organisation's (`perMinute`). A refused call is given back to the counters it was taken from.
 */
export function countedBudget(
  counters: { scope: WindowCounter; org: WindowCounter; bulk?: WindowCounter },
  settings: Pick<BudgetSettings, 'lightPerMinute'>,
): UpstreamBudget {
  const { scope, org, bulk } = counters;
  const refused = (who: 'customer' | 'organisation', error: unknown) => {
    const ms = refusalMs(error);
    return ms === undefined ? error : budgetSpent(who, ms);
  };
  return {
    async spend(scopeKey) {
      let spentByScope: number;
      try {
        spentByScope = await scope.consume(scopeKey);
      } catch (error) {
        throw refused('customer', error);
      }
      const heavy = spentByScope > settings.lightPerMinute;
      try {
        if (bulk && heavy) await bulk.consume(ORG_KEY);
        else if (bulk) await bulk.add(ORG_KEY);
      } catch (error) {
        // the customer did not get the call: give its share back
        await scope.reward(scopeKey);
        throw refused('customer', error);
      }
      try {
        await org.consume(ORG_KEY);
      } catch (error) {
        await scope.reward(scopeKey);
        if (bulk) await bulk.reward(ORG_KEY);
        throw refused('organisation', error);
      }
    },
  };
}
