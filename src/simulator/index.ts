/**
 * `createSimulator(options)`: a deterministic imitation of Composio's v3.1 Logs and Usage
 * endpoints over a seeded, realistic data set, as a web-standard `fetch(request)` handler.
 * Adapters: `./msw.ts` (msw handlers for Node and the browser) and `./node.ts` (loopback HTTP).
 */
import { RATE_LIMIT_HEADERS } from '../contract/constants.ts';
import { CUSTOMERS, PROJECTS } from './catalog.ts';
import { DAY_MS, Dataset } from './dataset.ts';
import { FaultPlan, hang, sleep, type FaultOptions } from './faults.ts';
import { Records } from './records.ts';
import { createRoutes, envelope, type Bindings, type Caller } from './routes.ts';

export type { FaultOptions } from './faults.ts';

export const DEFAULT_PROJECT_API_KEY = 'sim_ak_demo';
export const DEFAULT_ORG_API_KEY = 'sim_oak_demo';
export const DEFAULT_SEED = 'composio-widgets';

export interface SimulatorOptions {
  /** Same seed and `now`, same data (default `'composio-widgets'`). */
  seed?: number | string;
  /**
   * The simulated clock: a fixed instant (tests: same seed and `now`, same data), or a function.
   * Default `Date.now`: history ends at start-up, logs keep arriving, rate-limit windows roll.
   */
  now?: number | (() => number);
  /**
   * After start-up, calls arrive at the daily rhythm's peak rate times this, day and night
   * (default 1: the history's rhythm goes on). The demo raises it so that a visitor sees the live
   * tail move within a minute instead of every few minutes.
   */
  liveRate?: number;
  /**
   * Logs reach the logs list up to this long after their timestamp (default 0). Usage counts them
   * at once. For tests of readers that must not miss late logs (the live tail).
   */
  arrivalLagMs?: number;
  /** Days of history before the first `now` (default 90). */
  historyDays?: number;
  /** Expected tool calls over the history (default 100,000; 1,000,000 for load tests). */
  toolCalls?: number;
  /** Project API keys → project id (default: `sim_ak_demo` → production, `sim_ak_staging` → staging). */
  projectApiKeys?: Record<string, string>;
  /** Org API keys (default `['sim_oak_demo']`). */
  orgApiKeys?: string[];
  /** Requests per key per fixed window (default 2,000 per 60 s, the Hobby/Starter plan). */
  rateLimit?: { limit: number; windowMs?: number };
  faults?: FaultOptions;
  /**
   * Large responses (a Drive download, a long email or commit list: ≥ 200 kB) are this many times
   * bigger (default 1). 21 makes them about 5 MB, for tests of big payloads in the browser.
   */
  largePayloadScale?: number;
}

export interface SimulatorStats {
  requests: number;
  /** `METHOD /path` (ids folded to `:id`) → count */
  byRoute: Record<string, number>;
}

export interface SimulatedCustomer {
  name: string;
  projectId: string;
  userIds: readonly string[];
}

export interface Simulator {
  /** Serve one request on Composio's paths. */
  fetch(request: Request): Promise<Response>;
  /** The current simulated time. */
  now(): number;
  /** Move the simulated clock forward: new logs appear, rate-limit windows roll over. */
  advance(ms: number): void;
  readonly customers: readonly SimulatedCustomer[];
  readonly projects: readonly { id: string; name: string; storesPayloads: boolean; apiKey?: string }[];
  readonly stats: SimulatorStats;
  resetStats(): void;
  /** Change fault injection at run time (e.g. a test that makes the upstream flaky mid-way). */
  setFaults(faults: FaultOptions): void;
  /** The underlying data set (benchmarks and tests). */
  readonly dataset: Dataset;
}

export function createSimulator(options: SimulatorOptions = {}): Simulator {
  const now = clockOf(options.now);
  const ds = new Dataset({
    seed: options.seed ?? DEFAULT_SEED,
    now: now(),
    historyDays: options.historyDays ?? 90,
    toolCalls: options.toolCalls ?? 100_000,
    liveRate: options.liveRate ?? 1,
    arrivalLagMs: options.arrivalLagMs ?? 0,
  });
  const records = new Records(ds, options.largePayloadScale);

  const projectKeys = new Map(
    Object.entries(options.projectApiKeys ?? { [DEFAULT_PROJECT_API_KEY]: 'proj_acme_prod', sim_ak_staging: 'proj_acme_staging' }).map(
      ([key, id]) => {
        const project = PROJECTS.findIndex((p) => p.id === id);
        if (project < 0) throw new Error(`projectApiKeys: unknown project '${id}' (known: ${PROJECTS.map((p) => p.id).join(', ')})`);
        return [key, project] as const;
      },
    ),
  );
  const orgKeys = new Set(options.orgApiKeys ?? [DEFAULT_ORG_API_KEY]);
  const limit = options.rateLimit?.limit ?? 2000;
  const windowMs = options.rateLimit?.windowMs ?? 60_000;
  const windows = new Map<string, { window: number; used: number }>();
  let faults = new FaultPlan(options.faults ?? {}, ds.seed);
  let sequence = 0;
  const nextRequestId = () => `req_sim_${(++sequence).toString(16).padStart(8, '0')}`;
  const stats: SimulatorStats = { requests: 0, byRoute: {} };

  const app = createRoutes({ ds, records, now, nextRequestId });

  function authenticate(request: Request): { caller: Caller; key: string } | null {
    const projectKey = request.headers.get('x-api-key');
    if (projectKey !== null) {
      const project = projectKeys.get(projectKey);
      return project === undefined ? null : { caller: { kind: 'project', project }, key: projectKey };
    }
    const orgKey = request.headers.get('x-org-api-key');
    return orgKey !== null && orgKeys.has(orgKey) ? { caller: { kind: 'org' }, key: orgKey } : null;
  }

  function count(request: Request): void {
    const path = new URL(request.url).pathname.replace(/\/(log_[^/]+)$/, '/:id');
    const route = `${request.method} ${path}`;
    stats.requests++;
    stats.byRoute[route] = (stats.byRoute[route] ?? 0) + 1;
  }

  /** Fixed window per key; returns the remaining budget, or the seconds to wait when exhausted. */
  function spend(key: string): { remaining: number; retryAfter?: number } {
    const t = now();
    const window = Math.floor(t / windowMs);
    let state = windows.get(key);
    if (!state || state.window !== window) windows.set(key, (state = { window, used: 0 }));
    if (state.used >= limit) return { remaining: 0, retryAfter: Math.max(1, Math.ceil(((window + 1) * windowMs - t) / 1000)) };
    state.used++;
    return { remaining: limit - state.used };
  }

  async function handle(request: Request): Promise<Response> {
    count(request);
    const fate = faults.next();
    await sleep(fate.delayMs, request.signal);
    if (fate.timeout) return hang(request.signal);

    const headers = new Headers({
      [RATE_LIMIT_HEADERS.limit]: String(limit),
      [RATE_LIMIT_HEADERS.windowSize]: `${Math.round(windowMs / 1000)}s`,
    });
    const requestId = nextRequestId();
    const reply = (body: unknown, status: number) => {
      headers.set('content-type', 'application/json');
      return new Response(JSON.stringify(body), { status, headers });
    };

    const auth = authenticate(request);
    if (!auth) {
      headers.set(RATE_LIMIT_HEADERS.remaining, String(limit));
      return reply(
        envelope(401, 'Authentication required: a valid x-api-key or x-org-api-key header is missing', requestId, {
          suggested_fix: 'Send your project API key in the x-api-key header',
        }),
        401,
      );
    }
    const budget = spend(auth.key);
    headers.set(RATE_LIMIT_HEADERS.remaining, String(budget.remaining));
    if (budget.retryAfter !== undefined) {
      headers.set('Retry-After', String(budget.retryAfter));
      // the upstream 429 is a bare object, not the envelope (docs/composio-v3.1.md#rate-limits)
      return reply({ message: `Rate limit exceeded. Limit: ${limit} requests per ${Math.round(windowMs / 60_000) || 1} minutes` }, 429);
    }
    if (fate.serverError) {
      const message = fate.serverError === 503 ? 'Service temporarily unavailable' : 'Internal server error';
      return reply(envelope(fate.serverError, message, requestId), fate.serverError);
    }

    const response = await app.fetch(request, { caller: auth.caller, requestId } satisfies Bindings);
    const routed = new Response(response.body, response);
    for (const [name, value] of headers) routed.headers.set(name, value);
    if (fate.malformed && routed.ok) {
      const text = await routed.text();
      return new Response(text.slice(0, Math.max(1, Math.floor(text.length / 2))), { status: routed.status, headers: routed.headers });
    }
    return routed;
  }

  const customers = CUSTOMERS.map((c) => ({ name: c.name, projectId: c.project, userIds: c.userIds }));
  const keyOf = (projectId: string) => [...projectKeys].find(([, p]) => PROJECTS[p].id === projectId)?.[0];

  return {
    fetch: handle,
    now,
    advance: now.advance,
    customers,
    projects: PROJECTS.map((p) => ({ ...p, apiKey: keyOf(p.id) })),
    stats,
    resetStats() {
      stats.requests = 0;
      stats.byRoute = {};
    },
    setFaults(next: FaultOptions) {
      faults = new FaultPlan(next, ds.seed);
    },
    dataset: ds,
  };
}

/** A clock read on every call (so a default `Date.now` moves), plus the tests' `advance`. */
function clockOf(option: SimulatorOptions['now']): (() => number) & { advance(ms: number): void } {
  const base = typeof option === 'function' ? option : typeof option === 'number' ? () => option : Date.now;
  let offset = 0;
  return Object.assign(() => base() + offset, {
    advance(ms: number) {
      offset += ms;
    },
  });
}

export { DAY_MS };
