/**
 * `composio-widgets/server/redis`: one cache, one coalescing lock and one upstream budget shared by
 * every BFF instance, in Redis. ioredis is an optional peer dependency: only this entry imports it.
 *
 *   const redis = connectRedis(process.env.REDIS_URL);
 *   createComposioHandler({ …, cursorSecret, store: createRedisStore({ redis }), budget: redisBudget({ redis, instances: 4 }) });
 *
 * Redis is a help, never a dependency of an answer: when it is down or slow (each command is given
 * `timeoutMs`), the store serves from this process's memory and the budget from a local share, a
 * warning is reported once per outage, and both return to Redis by themselves when it answers again.
 */
import { Redis, type RedisOptions } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, type RateLimiterRes } from 'rate-limiter-flexible';
import { budgetSettings, countedBudget, type BudgetSettings, type UpstreamBudget, type WindowCounter } from './budget.ts';
import { memoryStore, type MemoryStoreSettings, type Store } from './store.ts';

/** Fail fast rather than queue: a request must not wait on a Redis that is not there. */
export const REDIS_OPTIONS: RedisOptions = {
  commandTimeout: 250,
  maxRetriesPerRequest: 1,
  enableOfflineQueue: false,
  connectTimeout: 2_000,
  // reconnect forever, at most every 2 s
  retryStrategy: (times) => Math.min(times * 100, 2_000),
};

/** An ioredis client with `REDIS_OPTIONS` (pass one client to both the store and the budget). */
export function connectRedis(url: string, options: RedisOptions = {}): Redis {
  return new Redis(url, { ...REDIS_OPTIONS, ...options });
}

export interface RedisLinkOptions {
  /** An ioredis client (ideally from `connectRedis`, or with `REDIS_OPTIONS`), or a `redis://` URL. */
  redis: Redis | string;
  /** Prefix of every key (default `composio-widgets:`): several deployments can share one Redis. */
  prefix?: string;
  /** Longest wait for one Redis command before falling back to local memory (default 250 ms). */
  timeoutMs?: number;
  /** Told once when Redis becomes unavailable and once when it is back (default `console.warn`). */
  onError?: (error: unknown) => void;
}

class Unavailable extends Error {}

/** One Link per client: a store and a budget on the same client report one outage once. */
const links = new WeakMap<Redis, Link>();
function linkFor(options: RedisLinkOptions): Link {
  if (typeof options.redis === 'string') return new Link(options, options.timeoutMs ?? 250);
  let link = links.get(options.redis);
  if (!link) links.set(options.redis, (link = new Link(options, options.timeoutMs ?? 250)));
  return link;
}

/** One client's health: commands with a deadline, a 1 s pause after a failure, one report per outage. */
class Link {
  readonly redis: Redis;
  private readonly owned: boolean;
  private down = false;
  private retryAt = 0;

  constructor(
    options: RedisLinkOptions,
    private readonly timeoutMs: number,
  ) {
    this.owned = typeof options.redis === 'string';
    this.redis = typeof options.redis === 'string' ? connectRedis(options.redis) : options.redis;
    const report =
      options.onError ?? ((error: unknown) => console.warn('composio-widgets BFF:', error instanceof Error ? error.message : error));
    this.report = report;
    // without a listener ioredis prints every failed reconnection
    this.redis.on('error', (error: unknown) => this.fail(error));
    this.redis.on('ready', () => {
      this.retryAt = 0;
      this.recovered();
    });
  }

  private readonly report: (error: unknown) => void;

  /** Worth trying now (connected, and no failure in the last second). */
  get usable(): boolean {
    return this.redis.status === 'ready' && Date.now() >= this.retryAt;
  }

  get healthy(): boolean {
    return this.usable && !this.down;
  }

  /** The command's answer, or Unavailable (after reporting) when Redis fails or is slower than the deadline. */
  async run<T>(command: (redis: Redis) => Promise<T>): Promise<T> {
    if (!this.usable) {
      // refused while disconnected is an outage even when ioredis reported no error (a restart
      // quicker than its reconnection attempts): marked, so the reconnection syncs what was spent
      if (this.redis.status !== 'ready') this.fail(new Error(`not connected (${this.redis.status})`));
      throw new Unavailable('Redis is unavailable');
    }
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      const answer = command(this.redis);
      answer.catch(() => undefined);
      const result = await Promise.race([
        answer,
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`Redis did not answer within ${this.timeoutMs} ms`)), this.timeoutMs);
        }),
      ]);
      this.recovered();
      return result;
    } catch (error) {
      this.fail(error);
      throw new Unavailable('Redis is unavailable');
    } finally {
      clearTimeout(timer);
    }
  }

  private readonly recoveries: (() => void)[] = [];

  /** Run `listener` each time Redis answers again after an outage. */
  onRecover(listener: () => void): void {
    this.recoveries.push(listener);
  }

  private recovered(): void {
    if (!this.down) return;
    this.down = false;
    this.report(new Error('Redis is available again: the shared cache and budget are back in use'));
    for (const listener of this.recoveries) listener();
  }

  fail(error: unknown): void {
    this.retryAt = Date.now() + 1_000;
    if (this.down) return;
    this.down = true;
    const reason = error instanceof Error ? error.message : String(error);
    this.report(new Error(`Redis is unavailable (${reason}): serving from this instance's memory until it is back`));
  }

  async close(): Promise<void> {
    if (this.owned) this.redis.disconnect();
  }
}

export interface RedisStoreOptions extends RedisLinkOptions {
  /** Entries longer than this (characters of JSON) stay in this instance's memory only (default 1 MB). */
  maxEntryBytes?: number;
  /** This instance's own memory: a near cache in front of Redis, and the whole cache while Redis is away. */
  local?: Partial<MemoryStoreSettings>;
}

export type RedisStore = Store & {
  /** Redis answers, and the last command did not fail. */
  readonly healthy: boolean;
  /** Disconnects a client the store created from a URL (a client passed in is yours to close). */
  close(): Promise<void>;
};

const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A `Store` in Redis: entries `SET … PX ttl` (never without a TTL, so Redis memory is bounded by
 * what the TTLs keep alive; run Redis with `maxmemory` and `maxmemory-policy volatile-lru` as a
 * second bound), entries over `maxEntryBytes` kept locally only, locks `SET … NX PX`.
 */
export function createRedisStore(options: RedisStoreOptions): RedisStore {
  const link = linkFor(options);
  const prefix = options.prefix ?? 'composio-widgets:';
  const maxEntryBytes = options.maxEntryBytes ?? 1024 * 1024;
  const local = memoryStore(options.local);
  const valueKey = (key: string) => `${prefix}v:${key}`;
  const lockKey = (key: string) => `${prefix}lock:${key}`;

  /** Value and remaining TTL from Redis; undefined when absent or Redis is away. */
  const read = async (key: string): Promise<string | undefined> => {
    try {
      const [value, ttl] = await link.run((redis) => Promise.all([redis.get(valueKey(key)), redis.pttl(valueKey(key))]));
      if (value === null) return undefined;
      if (ttl > 0) await local.set(key, value, ttl);
      return value;
    } catch {
      return undefined;
    }
  };

  return {
    shared: true,
    get healthy() {
      return link.healthy;
    },
    get size() {
      return local.size;
    },
    async get(key) {
      return (await local.get(key)) ?? (await read(key));
    },
    async set(key, value, ttlMs) {
      if (ttlMs <= 0) return;
      await local.set(key, value, ttlMs);
      if (value.length > maxEntryBytes) return;
      await link.run((redis) => redis.set(valueKey(key), value, 'PX', Math.ceil(ttlMs))).catch(() => undefined);
    },
    async acquire(key, ttlMs) {
      const token = await local.acquire(key, ttlMs);
      if (token === undefined) return undefined;
      try {
        const taken = await link.run((redis) => redis.set(lockKey(key), token, 'PX', Math.ceil(ttlMs), 'NX'));
        if (taken === 'OK') return token;
        await local.release(key, token);
        return undefined;
      } catch {
        // Redis is away: this instance's lock alone (it coalesces its own callers)
        return token;
      }
    },
    async release(key, token) {
      await local.release(key, token);
      await link.run((redis) => redis.eval(RELEASE, 1, lockKey(key), token)).catch(() => undefined);
    },
    async waitFor(key, timeoutMs) {
      const until = Date.now() + timeoutMs;
      for (let pause = 5; ; pause = Math.min(pause * 2, 50)) {
        let state: [string | null, number];
        try {
          state = await link.run((redis) => Promise.all([redis.get(valueKey(key)), redis.exists(lockKey(key))]));
        } catch {
          return local.get(key);
        }
        if (state[0] !== null) return state[0];
        // the lock is gone without a value: its holder failed or died
        if (!state[1]) return undefined;
        const left = until - Date.now();
        if (left <= 0) return undefined;
        await sleep(Math.min(pause, left));
      }
    },
    close: () => link.close(),
  };
}

const isLimiterAnswer = (value: unknown): value is RateLimiterRes => typeof (value as RateLimiterRes)?.msBeforeNext === 'number';

export interface RedisBudgetOptions extends RedisLinkOptions, Partial<BudgetSettings> {
  /**
   * How many instances share the budget (default 1). While Redis is away each instance spends from
   * a local budget of `perMinute / instances` (and the same share of the reserve's bound and of
   * `perScopePerMinute`), so the organisation's limit still holds when all of them fall back at once.
   */
  instances?: number;
}

export type RedisBudget = UpstreamBudget & {
  readonly healthy: boolean;
  /** Calls spent locally while Redis was away and not yet added to its count (they are, as soon as it answers). */
  readonly unsynced: number;
  close(): Promise<void>;
};

/**
 * The organisation's budget, its reserve for light customers and each scope's share, counted in
 * Redis by every instance (rate-limiter-flexible's `RateLimiterRedis`, fixed one-minute windows),
 * so that all instances together keep memoryBudget's rule: three limiters, `scope`, `bulk` (the
 * organisation's minute less the reserve) and `org` (see `countedBudget`). Throws at creation for
 * invalid settings (see `budgetSettings`).
 */
/** How soon a failed sync of what an instance spent during an outage is tried again. */
const SYNC_RETRY_MS = 1_000;

export function redisBudget(options: RedisBudgetOptions): RedisBudget {
  const link = linkFor(options);
  const prefix = options.prefix ?? 'composio-widgets:';
  const settings = budgetSettings(options, 'redisBudget');
  const instances = Math.max(1, options.instances ?? 1);
  const counter = (name: string, points: number): WindowCounter => {
    const shared = new RateLimiterRedis({
      storeClient: link.redis,
      keyPrefix: `${prefix}budget:${name}`,
      points,
      duration: 60,
      rejectIfRedisNotReady: true,
    });
    // this instance's share, counted all the time (not only while Redis is away): a fallback then
    // starts from what the instance has already spent in this minute, not from zero
    const local = new RateLimiterMemory({ points: Math.max(1, Math.floor(points / instances)), duration: 60 });
    /** Spent locally while Redis was away, per key: added to Redis's count once it answers again. */
    const owed = new Map<string, number>();
    const owe = (key: string, points: number) => {
      const total = (owed.get(key) ?? 0) + points;
      if (total > 0) owed.set(key, total);
      else owed.delete(key);
    };
    /**
     * Redis's answer; this instance's share while Redis is away (a refusal is an answer, not a
     * failure). While Redis is away the limits are this instance's share (the local limiter's
     * points), but `count`, which says whether a customer is light, is what it spent here: scaled
     * by `instances`, one light customer's page turned heavy at 1/instances of the threshold.
     */
    const either = async (action: 'consume' | 'penalty' | 'reward', key: string) => {
      try {
        const result = await link.run(async () => {
          try {
            return { count: (await shared[action](key)).consumedPoints };
          } catch (error) {
            if (isLimiterAnswer(error)) return { refused: error };
            throw error;
          }
        });
        if (!('refused' in result)) await local[action](key).catch(() => undefined);
        return result;
      } catch (error) {
        if (!(error instanceof Unavailable)) throw error;
        const answer = await local[action](key);
        owe(key, action === 'reward' ? -1 : 1);
        return { count: answer.consumedPoints };
      }
    };
    // as soon as Redis is back, add what this instance spent meanwhile to the shared count; a sync
    // that fails (a slow first answer after reconnecting) is tried again a second later, not only
    // at the next reconnection, which may never come
    let retry: ReturnType<typeof setTimeout> | undefined;
    const syncLater = (): void => {
      retry ??= setTimeout(() => {
        retry = undefined;
        // a timer may fire a millisecond before Date.now() reaches the link's pause: try again
        // rather than drop the debt until some later outage
        if (link.usable) sync();
        else if (owed.size) syncLater();
      }, SYNC_RETRY_MS);
      (retry as { unref?: () => void }).unref?.(); // never keeps a Node process alive
    };
    const sync = (): void => {
      for (const [key, debt] of owed) {
        owed.delete(key);
        link
          .run(() => shared.penalty(key, debt))
          .catch(() => {
            owe(key, debt);
            syncLater();
          });
      }
    };
    link.onRecover(sync);
    counters.push(owed);
    return {
      async consume(key) {
        const result = await either('consume', key);
        if ('refused' in result) throw result.refused;
        return result.count;
      },
      add: async (key) => void (await either('penalty', key)),
      reward: async (key) => void (await either('reward', key)),
    };
  };
  const counters: Map<string, number>[] = [];
  const budget = countedBudget(
    {
      scope: counter('scope', settings.perScopePerMinute),
      org: counter('org', settings.perMinute),
      // without a reserve, bulk would be the organisation's count again
      bulk: settings.reservePerMinute > 0 ? counter('bulk', settings.perMinute - settings.reservePerMinute) : undefined,
    },
    settings,
  );
  return {
    spend: (scopeKey) => budget.spend(scopeKey),
    get healthy() {
      return link.healthy;
    },
    get unsynced() {
      return counters.reduce((sum, owed) => sum + [...owed.values()].reduce((a, b) => a + b, 0), 0);
    },
    close: () => link.close(),
  };
}
