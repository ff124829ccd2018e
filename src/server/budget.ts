/**
 * The upstream budget. Composio limits requests per organisation (2,000 a minute on Hobby), and
 * once that limit is hit every customer's page goes blank at once. So each upstream call (not a
 * cache hit, not a call joined while in flight) is spent from two budgets: the organisation's,
 * kept below the plan's limit, and the calling scope's fair share of it, so that no single
 * customer can spend what the others need. Behind an interface so that a shared store (Redis) can
 * hold the counters for several instances.
 */
import { RateLimiterMemory, type RateLimiterRes } from 'rate-limiter-flexible';
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

const ORG_KEY = 'org';
export const isLimiterAnswer = (value: unknown): value is RateLimiterRes => typeof (value as RateLimiterRes)?.msBeforeNext === 'number';

function spent(who: 'customer' | 'organisation', res: RateLimiterRes): BffError {
  const retryAfterSeconds = Math.max(1, Math.ceil(res.msBeforeNext / 1000));
  return new BffError(
    429,
    who === 'customer' ? 'Too many requests for this account right now' : 'Too many requests on this server right now',
    { retryAfterSeconds, suggested_fix: `Retry after ${retryAfterSeconds} s` },
  );
}

/** One bucket of calls: rate-limiter-flexible's shape; a refusal rejects with its `RateLimiterRes`. */
export interface Limiter {
  consume(key: string): Promise<unknown>;
  reward(key: string): Promise<unknown>;
}

/** The two budgets in order: the scope's share first, then the organisation's (the share is refunded when the organisation refuses). */
export function twoBudgets(perScope: Limiter, org: Limiter): UpstreamBudget {
  return {
    async spend(scopeKey) {
      try {
        await perScope.consume(scopeKey);
      } catch (error) {
        throw isLimiterAnswer(error) ? spent('customer', error) : error;
      }
      try {
        await org.consume(ORG_KEY);
      } catch (error) {
        // the customer did not get the call: give its share back
        await perScope.reward(scopeKey);
        throw isLimiterAnswer(error) ? spent('organisation', error) : error;
      }
    },
  };
}

/** One process's budget, in memory (fixed one-minute windows, by rate-limiter-flexible). */
export function memoryBudget(settings: BudgetSettings = DEFAULT_BUDGET): UpstreamBudget {
  return twoBudgets(new RateLimiterMemory({ points: settings.perScopePerMinute, duration: 60 }), new RateLimiterMemory({ points: settings.perMinute, duration: 60 }));
}
