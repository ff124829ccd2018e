/**
 * Calls to Composio (or the simulator): one place for auth headers, timeouts, retries, request
 * de-duplication and the response cache. Nothing of the upstream's headers or of the key ever
 * reaches a BffError: only status, message text and a retry hint.
 */
import { isErrorEnvelope } from '../contract/errors.ts';
import type { UpstreamBudget } from './budget.ts';
import { BffError } from './errors.ts';
import * as z from 'zod/mini';
import type { Store } from './store.ts';
import { UPSTREAM_SHAPES, type UpstreamShape } from './upstream-shapes.ts';

export type UpstreamAuth = 'project' | 'org';

export interface UpstreamSettings {
  baseUrl: string;
  apiKey?: string;
  orgApiKey?: string;
  fetch: typeof fetch;
  /** Per attempt (default 10 s). */
  timeoutMs: number;
  /** Retries after the first attempt, for 429, 5xx, timeouts and malformed bodies (default 2). */
  retries: number;
  /** Longest Retry-After we wait out; a longer one is passed to the browser instead (default 5 s). */
  maxRetryAfterMs: number;
  /** First backoff step for 5xx and timeouts; doubles each retry, with full jitter (default 200 ms). */
  backoffMs: number;
  /** All attempts of one call end by then (default 12 s: the browser gives up at 15 s). */
  deadlineMs: number;
}

export interface UpstreamCall {
  method: 'GET' | 'POST';
  path: string;
  body?: unknown;
  auth: UpstreamAuth;
  /** How long the answer may be reused; 0 = never (identical concurrent calls still share one request). */
  ttlMs: number;
  /** Whose budget a real upstream call is spent from (the scope's key); cache hits spend nothing. */
  payer: string;
  /** The shape a 200 must have; anything else is a 502, never cached. */
  shape: UpstreamShape;
  /** Also remember a 404 this long (an unknown id then costs one upstream call, not one per ask). */
  notFoundTtlMs?: number;
  /**
   * Keep the answer for this caller only (a scope key) when the request itself does not name the
   * caller: another caller's entry would answer without an upstream call, which times can tell.
   */
  cachedFor?: string;
}

/** A 429 without a usable Retry-After: wait this long (plus jitter) rather than hammer the limit. */
const DEFAULT_RETRY_AFTER_SECONDS = 2;
/** Spread retries after a 429 so that instances and requests do not all return at the same instant. */
const RETRY_JITTER_MS = 500;

/**
 * Text from upstream may reach the browser (a 400's reason): drop anything that looks like a key,
 * a bearer token or a long secret, and the configured keys themselves.
 */
export function scrub(text: string, secrets: readonly (string | undefined)[]): string {
  let clean = text;
  for (const secret of secrets) if (secret) clean = clean.split(secret).join('[redacted]');
  return clean
    .replace(/\b(?:sim_)?o?ak_[A-Za-z0-9_-]+/g, '[redacted]')
    .replace(/\bBearer\s+\S+/gi, 'Bearer [redacted]')
    .replace(/\b[A-Za-z0-9_\-+/=]{32,}\b/g, '[redacted]');
}

/** JSON with sorted keys: equal bodies give equal cache keys whatever the key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** Keys longer than this are stored as their SHA-256 (Redis keys stay short; bodies hold up to 20 user ids). */
const MAX_PLAIN_KEY = 200;
/**
 * How long one instance may hold the "I am asking upstream" lock. Longer than a normal call; if the
 * holder dies, the others wait at most this long before one of them asks itself.
 */
const LOCK_TTL_MS = 5_000;

async function sha256Hex(text: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * A stored answer: `{"v": body}`, or a remembered 404 `{"nf": message}` (thrown). An entry that is
 * not ours (a shared store holds what others wrote) is no answer: undefined, a miss.
 */
function decode(entry: string | undefined): { value: unknown } | undefined {
  if (entry === undefined) return undefined;
  let parsed: { v?: unknown; nf?: unknown };
  try {
    parsed = JSON.parse(entry) as { v?: unknown; nf?: unknown };
  } catch {
    return undefined;
  }
  if (typeof parsed?.nf === 'string') throw new BffError(404, parsed.nf);
  return parsed && typeof parsed === 'object' && 'v' in parsed ? { value: parsed.v } : undefined;
}

class Retryable extends Error {
  constructor(
    readonly final: BffError,
    readonly waitMs?: number,
  ) {
    super(final.message);
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class Upstream {
  private readonly inFlight = new Map<string, Promise<unknown>>();
  /** Calls asked of this Upstream, and those that went on to upstream (cache misses not joined to another). */
  private readonly counts = { lookups: 0, misses: 0 };
  /** Which upstream (base URL and key) answers: a hash, so entries of two projects sharing one store never mix and no key is stored. */
  private namespace?: Promise<string>;

  constructor(
    private readonly settings: UpstreamSettings,
    private readonly store: Store,
    private readonly budget: UpstreamBudget,
  ) {}

  get cacheSize(): { entries: number; bytes: number } {
    return this.store.size;
  }

  /** Lookups, and hits: answered from the store, by another instance's call, or by an identical call in flight. */
  get cacheStats(): { lookups: number; hits: number } {
    return { lookups: this.counts.lookups, hits: this.counts.lookups - this.counts.misses };
  }

  /** The parsed JSON answer, from the store, from an identical call in flight, or from upstream. */
  async call<T>(request: UpstreamCall): Promise<T> {
    // the scope is part of the key through the body (usage: filters.user_id; logs: user_id ==), or
    // through cachedFor (a log detail: its owner is checked after the cache, on every request)
    const caller = request.cachedFor === undefined ? '' : ` for ${request.cachedFor}`;
    const raw = `${request.auth} ${request.method} ${request.path} ${canonicalJson(request.body ?? null)}${caller}`;
    this.counts.lookups++;
    let pending = this.inFlight.get(raw);
    if (!pending) {
      pending = this.load(raw, request);
      pending.finally(() => this.inFlight.delete(raw)).catch(() => undefined);
      this.inFlight.set(raw, pending);
    }
    return pending as Promise<T>;
  }

  /**
   * The same store, for what the BFF derives from upstream answers (insights aggregates): keys get
   * this upstream's namespace like the cached answers, so two projects sharing a store never mix.
   */
  derived(): Store {
    const store = this.store;
    const key = (name: string) => this.storeKey(`derived ${name}`);
    return {
      shared: store.shared,
      get: async (name) => store.get(await key(name)),
      set: async (name, value, ttlMs) => store.set(await key(name), value, ttlMs),
      acquire: async (name, ttlMs) => store.acquire(await key(name), ttlMs),
      release: async (name, token) => store.release(await key(name), token),
      waitFor: async (name, timeoutMs) => store.waitFor(await key(name), timeoutMs),
      get size() {
        return store.size;
      },
    };
  }

  /** The store key: upstream identity hash + request (hashed when long). Never an API key. */
  private async storeKey(raw: string): Promise<string> {
    const { baseUrl, apiKey, orgApiKey } = this.settings;
    this.namespace ??= sha256Hex(`${baseUrl}\n${apiKey ?? ''}\n${orgApiKey ?? ''}`).then((hex) => hex.slice(0, 16));
    const namespace = await this.namespace;
    return raw.length > MAX_PLAIN_KEY ? `${namespace}:#${await sha256Hex(raw)}` : `${namespace}:${raw}`;
  }

  private async load(raw: string, request: UpstreamCall): Promise<unknown> {
    const key = await this.storeKey(raw);
    const hit = decode(await this.store.get(key));
    if (hit) return hit.value;
    if (request.ttlMs <= 0 && !request.notFoundTtlMs) return this.fetchAndStore(key, request);
    // one caller (across every instance sharing the store) asks upstream; the others wait for its answer
    const started = Date.now();
    for (;;) {
      const token = await this.store.acquire(key, Math.min(LOCK_TTL_MS, this.settings.deadlineMs));
      if (token !== undefined) {
        try {
          // stored between our miss and the lock: the previous holder just finished
          const late = decode(await this.store.get(key));
          return late ? late.value : await this.fetchAndStore(key, request);
        } finally {
          await this.store.release(key, token);
        }
      }
      const remaining = this.settings.deadlineMs - (Date.now() - started);
      if (remaining <= 0) return this.fetchAndStore(key, request);
      const shared = decode(await this.store.waitFor(key, remaining));
      if (shared) return shared.value;
      // the lock went without a value: the holder failed or died; take the lock ourselves
    }
  }

  private async fetchAndStore(key: string, request: UpstreamCall): Promise<unknown> {
    this.counts.misses++;
    try {
      const { value, text } = await this.fetchWithRetries(request);
      if (request.ttlMs > 0) await this.store.set(key, `{"v":${text || 'null'}}`, request.ttlMs);
      return value;
    } catch (error) {
      if (request.notFoundTtlMs && error instanceof BffError && error.status === 404) {
        await this.store.set(key, JSON.stringify({ nf: error.message }), request.notFoundTtlMs);
      }
      throw error;
    }
  }

  private async fetchWithRetries(request: UpstreamCall): Promise<{ value: unknown; text: string }> {
    const { retries, backoffMs, deadlineMs } = this.settings;
    const started = Date.now();
    for (let attempt = 0; ; attempt++) {
      // every attempt is a request Composio counts, retries included
      await this.budget.spend(request.payer);
      try {
        return await this.attempt(request, deadlineMs - (Date.now() - started));
      } catch (error) {
        if (!(error instanceof Retryable)) throw error;
        // full jitter: spread retries of many callers over the whole backoff window
        const wait = error.waitMs ?? Math.random() * backoffMs * 2 ** attempt;
        if (attempt >= retries || Date.now() - started + wait >= deadlineMs) throw this.finalError(error.final, attempt + 1, started);
        await sleep(wait);
      }
    }
  }

  /** A timeout names every attempt and the deadline, not only the last attempt's (maybe tiny) share of it. */
  private finalError(error: BffError, attempts: number, started: number): BffError {
    if (error.status !== 504) return error;
    const { timeoutMs, deadlineMs } = this.settings;
    return new BffError(
      504,
      `Composio did not answer in time: ${attempts} attempt${attempts === 1 ? '' : 's'} over ${Date.now() - started} ms ` +
        `(each waits at most ${timeoutMs} ms, all of them ${deadlineMs} ms)`,
      { suggested_fix: 'Retry in a moment' },
    );
  }

  private async attempt(request: UpstreamCall, remainingMs: number): Promise<{ value: unknown; text: string }> {
    const { baseUrl } = this.settings;
    const timeoutMs = Math.max(1, Math.min(this.settings.timeoutMs, remainingMs));
    const headers: Record<string, string> = { accept: 'application/json' };
    if (request.auth === 'org') headers['x-org-api-key'] = this.settings.orgApiKey ?? '';
    else headers['x-api-key'] = this.settings.apiKey ?? '';
    if (request.body !== undefined) headers['content-type'] = 'application/json';

    const controller = new AbortController();
    // also race the timeout: a transport that ignores its signal must not hang the BFF
    const timedOut = new Promise<never>((_, reject) => controller.signal.addEventListener('abort', () => reject(new Error('timeout'))));
    timedOut.catch(() => undefined);
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    let response: Response;
    let text: string;
    try {
      const fetched = this.settings.fetch(`${baseUrl}${request.path}`, {
        method: request.method,
        headers,
        body: request.body === undefined ? undefined : JSON.stringify(request.body),
        signal: controller.signal,
      });
      fetched.catch(() => undefined); // settles after a timeout: nobody is listening any more
      response = await Promise.race([fetched, timedOut]);
      text = await Promise.race([response.text(), timedOut]);
    } catch {
      throw new Retryable(
        controller.signal.aborted
          ? new BffError(504, `Composio did not answer within ${timeoutMs} ms`, { suggested_fix: 'Retry in a moment' })
          : new BffError(502, 'Could not reach Composio', { suggested_fix: 'Retry in a moment' }),
      );
    } finally {
      clearTimeout(timer);
    }

    let body: unknown;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      throw new Retryable(
        new BffError(502, `Composio sent a malformed response (HTTP ${response.status})`, { suggested_fix: 'Retry in a moment' }),
      );
    }
    if (response.ok) {
      if (!z.safeParse(UPSTREAM_SHAPES[request.shape], body).success) {
        throw new Retryable(
          new BffError(502, `Composio sent an answer of an unexpected shape (HTTP ${response.status})`, {
            suggested_fix: 'Retry in a moment',
          }),
        );
      }
      return { value: body, text };
    }
    throw this.failure(response, body);
  }

  /** Maps an upstream error answer to what the browser should see. */
  private failure(response: Response, body: unknown): Error {
    const status = response.status;
    const upstreamMessage = isErrorEnvelope(body)
      ? body.error.message
      : typeof (body as { message?: unknown })?.message === 'string'
        ? (body as { message: string }).message
        : '';
    const secrets = [this.settings.apiKey, this.settings.orgApiKey];
    if (status === 429) {
      // absent, unreadable or 0: a sane default, never an immediate retry or a "Retry-After: 0"
      const seconds = Number(response.headers.get('retry-after') ?? NaN);
      const retryAfterSeconds = Number.isFinite(seconds) && seconds >= 1 ? Math.ceil(seconds) : DEFAULT_RETRY_AFTER_SECONDS;
      const final = new BffError(429, 'Too many requests to the usage service right now', {
        retryAfterSeconds,
        suggested_fix: `Retry after ${retryAfterSeconds} s`,
      });
      // wait out a short Retry-After ourselves (with jitter); hand a long one to the browser at once
      const waitMs = retryAfterSeconds * 1000 + Math.random() * RETRY_JITTER_MS;
      return waitMs <= this.settings.maxRetryAfterMs ? new Retryable(final, waitMs) : final;
    }
    if (status >= 500)
      return new Retryable(new BffError(502, `Composio is unavailable (HTTP ${status})`, { suggested_fix: 'Retry in a moment' }));
    if (status === 401 || status === 403) {
      return new BffError(502, `Composio rejected the server's API key (HTTP ${status})`, {
        suggested_fix: 'Check the key given to createComposioHandler and its Observability: Read permission',
      });
    }
    if (status === 404) return new BffError(404, 'Not found');
    // Anything else Composio refuses is a request the BFF validated and built itself: nothing the
    // browser can act on, and upstream text may carry internal detail. The browser gets our words
    // only (by status); Composio's own, scrubbed, go to the operator through onError.
    const envelope = isErrorEnvelope(body) ? body.error : undefined;
    const said = [upstreamMessage, envelope?.suggested_fix, ...(Array.isArray(envelope?.errors) ? envelope.errors : [])];
    const upstreamText = said
      .filter(Boolean)
      .map((text) => scrub(String(text).slice(0, 300), secrets))
      .join(' | ');
    return new BffError(status >= 400 && status < 500 ? status : 502, `Composio refused the request (HTTP ${status})`, {
      suggested_fix: 'Report the request id to the administrators of this site',
      ...(upstreamText ? { upstreamText } : {}),
    });
  }
}
