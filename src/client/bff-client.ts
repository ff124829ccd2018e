/**
 * The elements' data layer: POST/GET to the BFF with abort, de-duplication of identical requests
 * in flight, a small short-lived cache (switching back to a range is instant), and auth by
 * same-origin cookies, an embed token (`fetchToken`), or a host-supplied `fetch`.
 *
 * Retries belong to the BFF, which knows Retry-After and the budget and has already retried
 * upstream faults: the browser retries only an answer the BFF marks retryable (a 429 or 503 with
 * Retry-After), and every request has one overall deadline (default 15 s) to an error the reader
 * sees. A 502/504 is final here: retrying it would multiply the BFF's own retries. The elements set
 * `maxRetryAfterMs: 0`: they wait out a busy answer themselves, on screen ("Busy — retrying in N s").
 */
import { isErrorEnvelope } from '../contract/errors.ts';

export type FetchToken = () => Promise<string>;

export interface BffClientOptions {
  /** Base URL of the BFF, e.g. `/api/composio` or `https://api.example.com/composio`. */
  endpoint: string;
  /** Replaces the transport entirely (the host adds its own auth, tracing, …). */
  fetch?: typeof fetch;
  /** Returns a short-lived bearer token; called before expiry and once more on a 401. */
  fetchToken?: FetchToken;
  /** How long a successful answer is reused (default 15 s). */
  cacheTtlMs?: number;
  /** Longest Retry-After waited out here before giving up with the error (default 10 s; 0 = never wait). */
  maxRetryAfterMs?: number;
  /** One request, retries included, ends by then (default 15 s) with an error the element shows. */
  deadlineMs?: number;
}

/** A failed BFF request, with what the v3.1 envelope said. */
export class BffRequestError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly requestId?: string,
    readonly suggestedFix?: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'BffRequestError';
  }
}

const CACHE_ENTRIES = 64;
/** Statuses the browser retries, and only when the BFF sends Retry-After with them. */
const RETRYABLE = new Set([429, 503]);
const DEFAULT_DEADLINE_MS = 15_000;

/** Seconds until a JWT expires (no signature check: the server does that), or undefined. */
function secondsToExpiry(token: string): number | undefined {
  try {
    const payload = JSON.parse(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
    return typeof payload.exp === 'number' ? payload.exp - Date.now() / 1000 : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Retry-After in seconds: delta-seconds or an HTTP date (RFC 9110 allows both); undefined when
 * absent or unreadable, so that the caller chooses its own wait rather than trusting garbage.
 */
function retryAfterSeconds(response: Response): number | undefined {
  const header = response.headers.get('retry-after')?.trim();
  if (!header) return undefined;
  if (/^\d+(\.\d+)?$/.test(header)) return Number(header);
  // Date.parse reads almost anything ("1.5" is a date in 2001): only an HTTP date, which ends in GMT
  const date = /GMT$/i.test(header) ? Date.parse(header) : NaN;
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

function delay(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => (clearTimeout(timer), reject(signal.reason)), { once: true });
  });
}

interface InFlight {
  promise: Promise<unknown>;
  users: number;
  controller: AbortController;
}

export class BffClient {
  private readonly cache = new Map<string, { at: number; value: unknown }>();
  private readonly inFlight = new Map<string, InFlight>();
  private token?: Promise<string>;

  constructor(private readonly options: BffClientOptions) {}

  post<T>(path: string, body: unknown, signal?: AbortSignal): Promise<T> {
    return this.request<T>('POST', path, body, signal);
  }

  /**
   * `decode` reads a successful answer's body instead of `JSON.parse` on the main thread: it gets
   * the body unread (a multi-megabyte log detail goes to a worker as it came); a `SyntaxError` from
   * it is "not JSON", as for any answer.
   */
  get<T>(path: string, signal?: AbortSignal, decode?: (body: Blob) => Promise<T>): Promise<T> {
    return this.request<T>('GET', path, undefined, signal, decode);
  }

  /**
   * A streamed answer (an export): the response once its status is OK, its body unread. No
   * deadline (a long export is fine) and no cache; `signal` cancels the download and the server's
   * paging with it. Errors are `BffRequestError`s as for `post`.
   */
  async stream(path: string, body: unknown, signal: AbortSignal): Promise<Response> {
    const url = `${this.options.endpoint.replace(/\/+$/, '')}/${path}`;
    const transport = this.options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
    for (let refreshed = false; ; refreshed = true) {
      const response = await transport(url, {
        method: 'POST',
        signal,
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json', ...(await this.authorization(refreshed)) },
        body: JSON.stringify(body),
      }).catch((error: unknown) => {
        throw signal.aborted ? signal.reason : new BffRequestError(`Could not reach ${url}: ${(error as Error).message}`, 0);
      });
      if (response.ok) return response;
      if (response.status === 401 && this.options.fetchToken && !refreshed) continue;
      const json: unknown = await response.json().catch(() => undefined);
      const e = isErrorEnvelope(json) ? json.error : undefined;
      throw new BffRequestError(
        e?.message ?? `The server answered HTTP ${response.status}`,
        response.status,
        e?.request_id ?? response.headers.get('x-request-id') ?? undefined,
        e?.suggested_fix,
        retryAfterSeconds(response),
      );
    }
  }

  /**
   * Forget cached answers, and stop sharing the calls in flight: a Retry or a refresh must reach
   * the server, not join a call of the attempt that failed (which may fail too). Those calls still
   * answer whoever waits for them.
   */
  clearCache(): void {
    this.cache.clear();
    this.inFlight.clear();
  }

  private async request<T>(
    method: 'GET' | 'POST',
    path: string,
    body: unknown,
    signal?: AbortSignal,
    decode?: (body: Blob) => Promise<unknown>,
  ): Promise<T> {
    const key = `${method} ${path} ${body === undefined ? '' : JSON.stringify(body)}`;
    const cached = this.cache.get(key);
    if (cached && Date.now() - cached.at < (this.options.cacheTtlMs ?? 15_000)) {
      // refresh its place: the map's order is the LRU order
      this.cache.delete(key);
      this.cache.set(key, cached);
      return cached.value as T;
    }
    // share identical requests; the shared call is aborted only when every caller has gone
    let shared = this.inFlight.get(key);
    if (!shared) {
      const controller = new AbortController();
      const promise = this.send(method, path, body, controller.signal, decode).then((value) => {
        this.cache.set(key, { at: Date.now(), value });
        while (this.cache.size > CACHE_ENTRIES) this.cache.delete(this.cache.keys().next().value!);
        return value;
      });
      const created = { promise, users: 0, controller };
      // only this entry: by the time it settles, a newer request under the same key may be in flight
      promise.then(
        () => this.forget(key, created),
        () => this.forget(key, created),
      );
      shared = created;
      this.inFlight.set(key, shared);
    }
    const entry = shared;
    entry.users++;
    if (!signal) return entry.promise as Promise<T>;
    return new Promise<T>((resolve, reject) => {
      const leave = () => {
        signal.removeEventListener('abort', onAbort);
        entry.users--;
      };
      const onAbort = () => {
        leave();
        if (entry.users === 0) {
          // out of the map before the abort settles, so an identical request made right now
          // (a double-clicked Retry) starts its own fetch instead of joining this aborted one
          this.forget(key, entry);
          entry.controller.abort(signal.reason);
        }
        reject(signal.reason);
      };
      if (signal.aborted) return onAbort();
      signal.addEventListener('abort', onAbort, { once: true });
      entry.promise.then(
        (value) => (leave(), resolve(value as T)),
        (error) => (leave(), reject(error)),
      );
    });
  }

  private forget(key: string, entry: InFlight): void {
    if (this.inFlight.get(key) === entry) this.inFlight.delete(key);
  }

  private async authorization(refresh = false): Promise<Record<string, string>> {
    const fetchToken = this.options.fetchToken;
    if (!fetchToken) return {};
    if (this.token && !refresh) {
      const token = await this.token.catch(() => undefined);
      const left = token ? secondsToExpiry(token) : 0;
      if (token && (left === undefined || left > 30)) return { authorization: `Bearer ${token}` };
    }
    this.token = fetchToken();
    return { authorization: `Bearer ${await this.token}` };
  }

  private async send(
    method: string,
    path: string,
    body: unknown,
    callerSignal: AbortSignal,
    decode?: (body: Blob) => Promise<unknown>,
  ): Promise<unknown> {
    const url = `${this.options.endpoint.replace(/\/+$/, '')}/${path}`;
    const transport = this.options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
    const deadlineMs = this.options.deadlineMs ?? DEFAULT_DEADLINE_MS;
    const deadline = AbortSignal.timeout(deadlineMs);
    const signal = AbortSignal.any([callerSignal, deadline]);
    const started = Date.now();
    const late = () => new BffRequestError(`The server did not answer within ${Math.round(deadlineMs / 1000)} s`, 504);
    // also race the deadline: a host's fetch (or an in-page BFF) that ignores its signal must not
    // hold the request past it
    const overdue = new Promise<never>((_, reject) => deadline.addEventListener('abort', () => reject(late()), { once: true }));
    overdue.catch(() => undefined);
    const inTime = <T>(work: Promise<T>) => Promise.race([work, overdue]);
    let refreshed = false;
    for (let attempt = 0; ; attempt++) {
      let response: Response;
      try {
        // the host's fetchToken counts against the deadline too: a token that never comes is an error on screen
        const authorization = await inTime(this.authorization(refreshed));
        response = await inTime(
          transport(url, {
            method,
            signal,
            credentials: 'same-origin',
            headers: {
              accept: 'application/json',
              ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
              ...authorization,
            },
            body: body === undefined ? undefined : JSON.stringify(body),
          }),
        );
      } catch (error) {
        if (callerSignal.aborted) throw callerSignal.reason;
        if (deadline.aborted) throw late();
        throw new BffRequestError(`Could not reach ${url}: ${(error as Error).message}`, 0);
      }
      if (response.status === 401 && this.options.fetchToken && !refreshed) {
        refreshed = true; // the token may have expired between check and use: one fresh try
        continue;
      }
      const unreadable = (error: unknown) => {
        if (callerSignal.aborted) throw callerSignal.reason;
        if (deadline.aborted) throw late();
        throw error;
      };
      if (response.ok && decode) {
        const blob = await inTime(response.blob()).catch(unreadable);
        try {
          return await decode(blob);
        } catch (error) {
          if (!(error instanceof SyntaxError)) throw error;
          throw new BffRequestError('The server sent a response that is not JSON', 502, response.headers.get('x-request-id') ?? undefined);
        }
      }
      const text = await inTime(response.text()).catch(unreadable);
      let json: unknown;
      try {
        json = text ? JSON.parse(text) : null;
      } catch {
        json = undefined;
      }
      if (response.ok && json !== undefined) return json;

      const seconds = retryAfterSeconds(response);
      const waitMs = (seconds ?? 0) * 1000;
      const marked = RETRYABLE.has(response.status) && waitMs > 0;
      const fits = waitMs <= (this.options.maxRetryAfterMs ?? 10_000) && Date.now() - started + waitMs < deadlineMs;
      if (marked && fits && attempt < 2) {
        await delay(waitMs, signal).catch((reason: unknown) => {
          throw callerSignal.aborted ? reason : late();
        });
        continue;
      }
      if (isErrorEnvelope(json)) {
        const e = json.error;
        throw new BffRequestError(e.message, response.status, e.request_id, e.suggested_fix, seconds);
      }
      const requestId = response.headers.get('x-request-id') ?? undefined;
      throw new BffRequestError(
        response.ok ? 'The server sent a response that is not JSON' : `The server answered HTTP ${response.status}`,
        response.ok ? 502 : response.status,
        requestId,
        undefined,
        seconds,
      );
    }
  }
}
