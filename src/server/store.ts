/**
 * Where the cached upstream keeps its answers: a small seam, so that several BFF instances can
 * share one cache (and one "someone is already asking upstream" lock) in Redis
 * (`composio-widgets/server/redis`), while a single process keeps today's in-memory LRU.
 *
 * Entries are serialised JSON strings with a TTL. Keys are built by `Upstream` from the upstream
 * request (method, path, canonical body — which carries the scope's `user_id` filter) and a hash
 * of the upstream identity; they never contain an API key, and long ones are hashed.
 */
import { LRUCache } from 'lru-cache';

export interface Store {
  /** True when other instances see what this one stores (then cursors need a shared `cursorSecret`). */
  readonly shared: boolean;
  /** The entry, or undefined when absent or expired. */
  get(key: string): Promise<string | undefined>;
  /** Store `value` for `ttlMs`; a store may decline (too large) — callers never rely on it. */
  set(key: string, value: string, ttlMs: number): Promise<void>;
  /** Try to take the short lock on `key`: a token when taken, undefined while another holder has it. */
  acquire(key: string, ttlMs: number): Promise<string | undefined>;
  /** Give the lock back (only when `token` still holds it). */
  release(key: string, token: string): Promise<void>;
  /**
   * Wait for the lock holder's value: the entry once it is stored, or undefined as soon as the lock
   * is gone without one (the holder failed or died) or after `timeoutMs`.
   */
  waitFor(key: string, timeoutMs: number): Promise<string | undefined>;
  /** What this process holds (a shared store reports its local part only). */
  readonly size: { entries: number; bytes: number };
}

export interface MemoryStoreSettings {
  /** Most entries (default 5,000). */
  maxEntries: number;
  /** Most bytes of entries, counted as string length (default 50 MB). */
  maxBytes: number;
  /** Clock for TTLs (default `Date.now`). */
  now: () => number;
}

let tokens = 0;
const newToken = () => `${Date.now().toString(36)}.${(tokens++).toString(36)}.${Math.random().toString(36).slice(2)}`;

/** The default: one process's LRU, bounded in entries and bytes, TTL per entry on an injectable clock. */
export function memoryStore(settings: Partial<MemoryStoreSettings> = {}): Store {
  const now = settings.now ?? Date.now;
  const cache = new LRUCache<string, string>({
    max: settings.maxEntries ?? 5_000,
    maxSize: settings.maxBytes ?? 50 * 1024 * 1024,
    sizeCalculation: (value) => Math.max(1, value.length),
    perf: { now },
    // read the clock on every check (lru-cache otherwise caches it behind a 1 ms timer)
    ttlResolution: 0,
  });
  const locks = new Map<string, { token: string; until: number; waiters: (() => void)[] }>();
  const unlock = (key: string) => {
    const lock = locks.get(key);
    locks.delete(key);
    for (const wake of lock?.waiters ?? []) wake();
  };
  return {
    shared: false,
    get: async (key) => cache.get(key),
    set: async (key, value, ttlMs) => {
      // lru-cache refuses an entry larger than maxSize by itself; ttl 0 would mean "forever"
      if (ttlMs > 0) cache.set(key, value, { ttl: ttlMs });
    },
    acquire: async (key, ttlMs) => {
      const held = locks.get(key);
      if (held && held.until > now()) return undefined;
      if (held) unlock(key);
      const token = newToken();
      locks.set(key, { token, until: now() + ttlMs, waiters: [] });
      return token;
    },
    release: async (key, token) => {
      if (locks.get(key)?.token === token) unlock(key);
    },
    waitFor: (key, timeoutMs) =>
      new Promise((resolve) => {
        const lock = locks.get(key);
        if (!lock) return resolve(cache.get(key));
        const timer = setTimeout(() => resolve(cache.get(key)), timeoutMs);
        lock.waiters.push(() => {
          clearTimeout(timer);
          resolve(cache.get(key));
        });
      }),
    get size() {
      return { entries: cache.size, bytes: cache.calculatedSize };
    },
  };
}
