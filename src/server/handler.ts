/**
 * `createComposioHandler(options)`: the backend-for-frontend as a web-standard
 * `(request: Request) => Promise<Response>`. It holds the Composio key, resolves the caller to a
 * tenant scope, validates input, forces the scope onto every upstream query, caches, and computes
 * the time series the upstream API lacks.
 */
import { LRUCache } from 'lru-cache';
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { COMPOSIO_BASE_URL } from '../contract/constants.ts';
import { BFF_ROUTES, DEFAULT_ENDPOINT } from '../contract/protocol.ts';
import type { LogEntry } from '../contract/upstream.ts';
import { budgetSettings, memoryBudget, type BudgetSettings, type UpstreamBudget } from './budget.ts';
import { CursorSigner } from './cursor.ts';
import { BffError, errorResponse } from './errors.ts';
import { usageInsights, type InsightsContext } from './insights.ts';
import { exportLogs } from './export.ts';
import { listLogs, logDetail, type DetailReply, type LogsContext } from './logs.ts';
import { DEFAULT_MAX_SCOPE_USERS, resolveOrReject, type ResolveScope, type Scope } from './scope.ts';
import { memoryStore, type MemoryStoreSettings, type Store } from './store.ts';
import { Upstream, type UpstreamSettings } from './upstream.ts';
import { entityTypeOf, usageBreakdown, usageSeries, usageSummary, type UsageContext } from './usage.ts';
import {
  breakdownRequest,
  insightsRequest,
  logExportRequest,
  logIdParam,
  logListRequest,
  parse,
  seriesRequest,
  summaryRequest,
} from './validation.ts';

export interface ComposioHandlerOptions {
  /** Project API key (`ak_…`), ideally scoped to "Observability: Read". Needed for logs. */
  apiKey?: string;
  /** Org API key (`oak_…`): usage then comes from the org endpoints, limited to `projectIds`. */
  orgApiKey?: string;
  /** With `orgApiKey`: the projects whose usage the widgets show. */
  projectIds?: string[];
  /** Default `https://backend.composio.dev`; point it at the simulator for demos and tests. */
  baseUrl?: string;
  /**
   * Who is calling: `{ userIds }` from your session or an embed token; `null` → 401. Never from the
   * body. `{ kind: 'project' }` (`PROJECT_ADMIN_SCOPE`) is the whole project, for your own
   * administrators only: return it solely for requests you have authenticated as theirs.
   */
  resolveScope: ResolveScope;
  /** Rewrite each log (list entries and details) before it leaves the server, e.g. to drop PII. */
  redact?: <T extends LogEntry>(log: T) => T;
  /** Where the handler is mounted (default `/api/composio`); requests with or without it are accepted. */
  basePath?: string;
  /**
   * Signs cursors (≥ 32 bytes). Default: random per process, so cursors die with a restart; set it
   * when running several instances (required with a shared `store`).
   */
  cursorSecret?: string | Uint8Array;
  /**
   * Where upstream answers are cached and identical cold calls are coalesced. Default: this
   * process's memory (bounded by `cache.maxEntries` / `cache.maxBytes`). Pass
   * `createRedisStore(…)` from `composio-widgets/server/redis` to share one cache across instances.
   */
  store?: Store;
  /** Upstream transport (default global `fetch`). */
  fetch?: typeof fetch;
  cache?: Partial<Omit<MemoryStoreSettings, 'now'>> & {
    /** TTL of usage windows that include the last `closeLagMs` (default 30 s). */
    openTtlMs?: number;
    /** TTL of windows that ended before that (default 24 h: effectively until evicted). */
    closedTtlMs?: number;
    /** How long after its end a window may still change through late ingestion (default 60 s). */
    closeLagMs?: number;
    /** TTL of a first log page (default 2 s) and of later pages (default 60 s). */
    logsFirstPageTtlMs?: number;
    logsPageTtlMs?: number;
    /** TTL of a log detail (default 5 min). */
    detailTtlMs?: number;
    /** Bytes of log details kept as sent (text and ETag) in this process (default 32 MB). */
    detailMaxBytes?: number;
  };
  limits?: {
    /** Largest request body (default 64 kB; larger → 413). */
    maxBodyBytes?: number;
    /** Most user ids in one scope (default 20); more is a server misconfiguration (500). */
    maxScopeUsers?: number;
    /** Upstream calls in flight for one series or one multi-user log page (default 6). */
    concurrency?: number;
    /**
     * Most buckets in one series (default 400): the cost cap of one request, since each bucket is one
     * upstream call. Keep it below the per-scope budget, or such a request can never complete.
     */
    maxBuckets?: number;
    /**
     * Most upstream log pages (100 logs each) one insights request may read (default 500): its
     * cost cap, counted from a usage breakdown by user before any log is read; more → 400. What
     * the store holds (read days, and the open day up to a minute ago) costs nothing. Keep it below the per-scope budget, or such a request can never complete.
     */
    maxInsightPages?: number;
    /** Most rows one `logs/tool_execution/export` streams (default 100,000), then a final notice line. */
    maxExportRows?: number;
  };
  upstream?: Partial<Pick<UpstreamSettings, 'timeoutMs' | 'retries' | 'maxRetryAfterMs' | 'backoffMs' | 'deadlineMs'>>;
  /**
   * Upstream calls a minute: for the organisation (default 1,500, 75 % of Composio's Hobby limit)
   * and for one scope (default 600); the organisation's last `reservePerMinute` (default 20 %) only
   * for customers that have spent fewer than `lightPerMinute` (default 150) this minute. Cache hits
   * spend nothing; a spent budget is a 429 with Retry-After. Invalid settings throw here. Or pass
   * your own `UpstreamBudget` (e.g. one shared by several instances).
   */
  budget?: Partial<BudgetSettings> | UpstreamBudget;
  /**
   * Opt-in CORS for pages on other origins (the reason embed tokens exist): only these exact origins
   * (e.g. `['https://app.example.com']`) get `Access-Control-Allow-Origin`; there is no wildcard.
   * `credentials: true` also lets cookies through (off by default: use embed tokens).
   */
  cors?: { origins: string[]; credentials?: boolean; maxAgeSeconds?: number };
  /** Clock (default `Date.now`). */
  now?: () => number;
  /**
   * Waits `ms` on that clock, or until `signal` aborts (default a real timer). An export waits out a
   * spent budget with it; a simulated `now` needs a `sleep` that moves it.
   */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  /**
   * Called with unexpected errors (default `console.error`); the browser only sees a 500 envelope.
   * Also told what Composio said when it refuses a request (scrubbed); the browser sees our words.
   */
  onError?: (error: unknown, request: Request) => void;
}

export type ComposioHandler = ((request: Request) => Promise<Response>) & {
  /** Current size of the upstream response cache. */
  readonly cacheSize: { entries: number; bytes: number };
  /** Upstream lookups since start, and how many were answered without an upstream call of this instance. */
  readonly cacheStats: { lookups: number; hits: number };
};

type Env = { Variables: { requestId: string; scope: Scope } };

function randomId(): string {
  return `req_bff_${Array.from(crypto.getRandomValues(new Uint8Array(8)), (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

async function jsonBody(c: Context<Env>): Promise<unknown> {
  const text = await c.req.text();
  if (!text.trim()) return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new BffError(400, 'Request body is not valid JSON', { suggested_fix: 'Send a JSON object with Content-Type: application/json' });
  }
}

const isBudget = (value: ComposioHandlerOptions['budget']): value is UpstreamBudget =>
  typeof (value as UpstreamBudget | undefined)?.spend === 'function';

export function createComposioHandler(options: ComposioHandlerOptions): ComposioHandler {
  if (!options.apiKey && !options.orgApiKey) throw new Error('createComposioHandler: pass apiKey (project key) or orgApiKey + projectIds');
  if (options.orgApiKey && !options.projectIds?.length) throw new Error('createComposioHandler: orgApiKey needs projectIds');
  if (typeof options.resolveScope !== 'function') throw new Error('createComposioHandler: resolveScope(request) is required');

  const now = options.now ?? Date.now;
  const basePath = (options.basePath ?? DEFAULT_ENDPOINT).replace(/\/+$/, '');
  const limits = {
    maxBodyBytes: 64 * 1024,
    maxScopeUsers: DEFAULT_MAX_SCOPE_USERS,
    concurrency: 6,
    maxBuckets: 400,
    maxInsightPages: 500,
    maxExportRows: 100_000,
    ...options.limits,
  };
  const cache = options.cache ?? {};
  if (options.store?.shared && options.cursorSecret === undefined) {
    throw new Error(
      'createComposioHandler: a shared store serves several instances, so cursors must verify on every one of them: pass the same cursorSecret (≥ 32 bytes) to each instance',
    );
  }
  const secret = options.cursorSecret ?? crypto.getRandomValues(new Uint8Array(32));
  const secretBytes = typeof secret === 'string' ? new TextEncoder().encode(secret) : secret;
  if (secretBytes.byteLength < 32) throw new Error('createComposioHandler: cursorSecret must be at least 32 bytes');

  const upstream = new Upstream(
    {
      baseUrl: (options.baseUrl ?? COMPOSIO_BASE_URL).replace(/\/+$/, ''),
      apiKey: options.apiKey,
      orgApiKey: options.orgApiKey,
      fetch: options.fetch ?? ((input, init) => fetch(input, init)),
      timeoutMs: 10_000,
      retries: 2,
      maxRetryAfterMs: 5_000,
      backoffMs: 200,
      deadlineMs: 12_000,
      ...options.upstream,
    },
    options.store ?? memoryStore({ maxEntries: cache.maxEntries ?? 5_000, maxBytes: cache.maxBytes ?? 50 * 1024 * 1024, now }),
    isBudget(options.budget) ? options.budget : memoryBudget(budgetSettings(options.budget, 'createComposioHandler: budget'), now),
  );
  const usageCtx: UsageContext = {
    upstream,
    org: options.orgApiKey ? { projectIds: options.projectIds! } : undefined,
    now,
    concurrency: limits.concurrency,
    maxBuckets: limits.maxBuckets,
    ttl: { openMs: cache.openTtlMs ?? 30_000, closedMs: cache.closedTtlMs ?? 86_400_000, closeLagMs: cache.closeLagMs ?? 60_000 },
  };
  const logsCtx: LogsContext = {
    upstream,
    signer: new CursorSigner(secretBytes),
    now,
    concurrency: limits.concurrency,
    ttl: { firstPageMs: cache.logsFirstPageTtlMs ?? 2_000, pageMs: cache.logsPageTtlMs ?? 60_000, detailMs: cache.detailTtlMs ?? 300_000 },
    redact: options.redact,
    replies: new LRUCache<string, DetailReply>({
      maxSize: cache.detailMaxBytes ?? 32 * 1024 * 1024,
      sizeCalculation: (reply) => Math.max(1, reply.body.length),
      ttl: cache.detailTtlMs ?? 300_000,
      perf: { now },
      ttlResolution: 0,
    }),
  };
  const insightsCtx: InsightsContext = {
    upstream,
    now,
    concurrency: limits.concurrency,
    maxBuckets: limits.maxBuckets,
    maxPages: limits.maxInsightPages,
    ttl: usageCtx.ttl,
    store: upstream.derived(),
    inFlight: new Map(),
  };
  const requireLogs = () => {
    if (!options.apiKey)
      throw new BffError(501, 'Logs are not configured on this server', {
        suggested_fix: 'Pass a project apiKey to createComposioHandler',
      });
  };

  const app = new Hono<Env>({
    // accept the path with or without the mount prefix (Express strips it, a fetch router may not)
    getPath: (request) => {
      const path = new URL(request.url).pathname;
      return basePath && (path === basePath || path.startsWith(`${basePath}/`)) ? path.slice(basePath.length) || '/' : path;
    },
  });

  app.use(async (c, next) => {
    c.set('requestId', randomId());
    await next();
    c.res.headers.set('x-request-id', c.get('requestId'));
  });
  if (options.cors) {
    const allowed = new Set(options.cors.origins);
    if (allowed.has('*')) throw new Error('createComposioHandler: cors.origins lists exact origins; "*" is not allowed');
    app.use(
      cors({
        origin: (origin) => (allowed.has(origin) ? origin : null),
        allowMethods: ['GET', 'POST'],
        allowHeaders: ['authorization', 'content-type'],
        exposeHeaders: ['x-request-id', 'retry-after'],
        credentials: options.cors.credentials ?? false,
        maxAge: options.cors.maxAgeSeconds ?? 600,
      }),
    );
  }
  // answers differ by who asks: no shared cache may hand one caller's answer to another
  app.use(async (c, next) => {
    await next();
    c.res.headers.append('vary', 'authorization, cookie');
  });
  // Only POST routes read a body. A declared length is checked from the header: hono's bodyLimit
  // touches request.body, which makes the Node adapter build a full Request for every call (the
  // measured cost of a cache hit); a body without a declared length is counted as it streams.
  const tooLarge = (c: Context<Env>) =>
    errorResponse(new BffError(413, `Request body larger than ${limits.maxBodyBytes} bytes`), c.get('requestId'));
  const streamedLimit = bodyLimit({ maxSize: limits.maxBodyBytes, onError: tooLarge });
  app.use(async (c, next) => {
    if (c.req.method !== 'POST') return next();
    const declared = c.req.header('content-length');
    if (declared === undefined) return streamedLimit(c, next);
    return Number(declared) > limits.maxBodyBytes ? tooLarge(c) : next();
  });
  app.use(async (c, next) => {
    c.set('scope', await resolveOrReject(options.resolveScope, c.req.raw, limits.maxScopeUsers));
    await next();
  });

  const ok = (c: Context<Env>, body: unknown, cacheControl = 'private, no-cache') => {
    c.header('cache-control', cacheControl);
    return c.json(body as object);
  };

  app.post(`/${BFF_ROUTES.usageSummary}`, async (c) =>
    ok(c, await usageSummary(usageCtx, c.get('scope'), parse(summaryRequest, await jsonBody(c)))),
  );
  // before usage/:entity_type, which would take 'insights' for an entity type
  app.post(`/${BFF_ROUTES.usageInsights}`, async (c) => {
    requireLogs();
    return ok(c, await usageInsights(insightsCtx, c.get('scope'), parse(insightsRequest, await jsonBody(c))));
  });
  app.post(`/${BFF_ROUTES.usageSeries}`, async (c) => {
    const entity = entityTypeOf(c.req.param('entity_type'));
    return ok(c, await usageSeries(usageCtx, c.get('scope'), entity, parse(seriesRequest, await jsonBody(c))));
  });
  app.post(`/${BFF_ROUTES.usageBreakdown}`, async (c) => {
    const entity = entityTypeOf(c.req.param('entity_type'));
    return ok(c, await usageBreakdown(usageCtx, c.get('scope'), entity, parse(breakdownRequest, await jsonBody(c))));
  });
  app.post(`/${BFF_ROUTES.logList}`, async (c) => {
    requireLogs();
    return ok(c, await listLogs(logsCtx, c.get('scope'), parse(logListRequest, await jsonBody(c))));
  });
  app.post(`/${BFF_ROUTES.logExport}`, async (c) => {
    requireLogs();
    const body = parse(logExportRequest, await jsonBody(c));
    const { stream, fileName, contentType } = await exportLogs(logsCtx, c.get('scope'), body, {
      maxRows: limits.maxExportRows,
      sleep: options.sleep,
    });
    return new Response(stream, {
      headers: {
        'content-type': contentType,
        'content-disposition': `attachment; filename="${fileName}"`,
        'cache-control': 'private, no-store',
        'x-request-id': c.get('requestId'),
      },
    });
  });
  app.get(`/${BFF_ROUTES.logDetail}`, async (c) => {
    requireLogs();
    const id = parse(logIdParam, c.req.param('id'));
    const reply = await logDetail(logsCtx, c.get('scope'), id);
    c.header('cache-control', 'private, max-age=60');
    c.header('etag', reply.etag);
    if (
      c.req
        .header('if-none-match')
        ?.split(/\s*,\s*/)
        .includes(reply.etag)
    )
      return c.body(null, 304);
    return c.body(reply.body, 200, { 'content-type': 'application/json' });
  });

  app.notFound((c) =>
    errorResponse(
      new BffError(404, `No route for ${c.req.method} ${new URL(c.req.url).pathname}`, {
        suggested_fix:
          'Routes: POST usage/summary, usage/insights, usage/{entity_type}, usage/{entity_type}/series, logs/tool_execution, logs/tool_execution/export; GET logs/tool_execution/{id}',
      }),
      c.get('requestId') ?? randomId(),
    ),
  );
  const report = options.onError ?? ((e) => console.error('composio-widgets BFF:', e));
  app.onError((error, c) => {
    const requestId = c.get('requestId') ?? randomId();
    if (error instanceof BffError) {
      const said = error.details.upstreamText;
      if (said) report(new Error(`Composio refused request ${requestId} (HTTP ${error.status}): ${said}`), c.req.raw);
      return errorResponse(error, requestId);
    }
    report(error, c.req.raw);
    return errorResponse(new BffError(500, 'Internal error', { suggested_fix: `Report request id ${requestId}` }), requestId);
  });

  const handler = (request: Request) => Promise.resolve(app.fetch(request));
  return Object.defineProperties(handler, {
    cacheSize: { get: () => upstream.cacheSize },
    cacheStats: { get: () => upstream.cacheStats },
  }) as ComposioHandler;
}
