/**
 * The v3.1 Logs and Usage endpoints on Composio's paths (and their `/api/v3` aliases), with the
 * upstream's auth, validation and error envelope.
 */
import { Hono, type Context } from 'hono';
import type { z } from 'zod';
import {
  LOG_LIST_DEFAULT_LIMIT,
  UPSTREAM_PATHS,
  USAGE_BREAKDOWN_DEFAULT_LIMIT,
  USAGE_DEFAULT_GROUP_BY,
  USAGE_DEFAULT_WINDOW_MS,
  USAGE_ENTITY_TYPES,
  USAGE_GROUP_BY,
  USAGE_MAX_WINDOW_MS,
  type UsageEntityType,
} from '../contract/constants.ts';
import { errorCodeFor, type ErrorEnvelope } from '../contract/errors.ts';
import type { LogListResponse, UsageBreakdownResponse, UsageSummaryResponse } from '../contract/upstream.ts';
import { PROJECTS } from './catalog.ts';
import type { Dataset } from './dataset.ts';
import { breakdown, formatCharge, listLogs, sessionTotals, toolCallTotals, type Scope } from './query.ts';
import { hashString } from './random.ts';
import type { Records } from './records.ts';
import { breakdownBody, describeIssues, logListBody, summaryBody } from './schemas.ts';

/** Who is calling: a project key, or an org key. Set by the auth step before the routes run. */
export type Caller = { kind: 'project'; project: number } | { kind: 'org' };

export interface RouteContext {
  ds: Dataset;
  records: Records;
  now: () => number;
  nextRequestId: () => string;
}

/** Set per request by the simulator's auth step. */
export type Bindings = { caller: Caller; requestId: string };
type Env = { Bindings: Bindings };

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly extra: { suggested_fix?: string; errors?: string[] } = {},
  ) {
    super(message);
  }
}

export function envelope(status: number, message: string, requestId: string, extra: HttpError['extra'] = {}): ErrorEnvelope {
  return { error: { message, ...errorCodeFor(status), status, request_id: requestId, ...extra } };
}

async function readBody<S extends z.ZodType>(c: Context<Env>, schema: S): Promise<z.infer<S>> {
  const text = await c.req.text();
  let json: unknown = {};
  if (text.trim()) {
    try {
      json = JSON.parse(text);
    } catch {
      throw new HttpError(400, 'Request body is not valid JSON', {
        suggested_fix: 'Send a JSON object with Content-Type: application/json',
      });
    }
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw new HttpError(400, 'Invalid request body', { errors: describeIssues(parsed.error), suggested_fix: 'Fix the listed fields' });
  }
  return parsed.data;
}

/** `from` inclusive, `to` exclusive; defaults to the last 30 days; at most 366 days. */
function usageWindow(body: { from?: number; to?: number }, now: number): { from: number; to: number } {
  const to = body.to ?? now;
  const from = body.from ?? to - USAGE_DEFAULT_WINDOW_MS;
  if (from > to) throw new HttpError(400, 'Invalid time range: from must not be after to', { suggested_fix: 'Swap from and to' });
  if (to - from > USAGE_MAX_WINDOW_MS) {
    throw new HttpError(400, 'Time range must not exceed 366 days', { suggested_fix: 'Narrow from/to', errors: ['to - from > 366 days'] });
  }
  return { from, to };
}

function entityType(value: string): UsageEntityType {
  if (!(USAGE_ENTITY_TYPES as readonly string[]).includes(value)) {
    throw new HttpError(400, `Unknown entity type '${value}'`, { suggested_fix: `Use one of: ${USAGE_ENTITY_TYPES.join(', ')}` });
  }
  return value as UsageEntityType;
}

function usageScope(
  caller: Caller,
  filters: { user_id?: string[] | null; session_id?: string[] | null; project_id?: string[] | null } = {},
): Scope {
  let projects = caller.kind === 'project' ? [caller.project] : PROJECTS.map((_, i) => i);
  if (caller.kind === 'org' && filters.project_id) {
    const unknown = filters.project_id.filter((id) => !PROJECTS.some((p) => p.id === id));
    if (unknown.length) throw new HttpError(400, `Project not in this organization: ${unknown.join(', ')}`);
    projects = projects.filter((p) => filters.project_id!.includes(PROJECTS[p].id));
  }
  return { projects, userIds: filters.user_id ?? null, sessionIds: filters.session_id ?? null };
}

interface CursorState {
  /** Next page holds logs with an index below this. */
  before: number;
  /** Hash of the query the cursor belongs to. */
  query: number;
}

function encodeCursor(state: CursorState): string {
  return btoa(JSON.stringify({ b: state.before, q: state.query })).replace(/=+$/, '');
}

function decodeCursor(cursor: string, query: number): number {
  let state: { b?: unknown; q?: unknown };
  try {
    state = JSON.parse(atob(cursor));
  } catch {
    throw new HttpError(400, 'Invalid cursor', { suggested_fix: 'Pass back next_cursor exactly as received' });
  }
  if (typeof state.b !== 'number' || !Number.isInteger(state.b) || state.b < 0) throw new HttpError(400, 'Invalid cursor');
  if (state.q !== query) {
    throw new HttpError(400, 'Cursor does not belong to this query', {
      suggested_fix: 'Keep filters and time_range unchanged while paging',
    });
  }
  return state.b;
}

export function createRoutes(ctx: RouteContext): Hono<Env> {
  const app = new Hono<Env>();
  const { ds, records } = ctx;

  const projectOnly = (c: Context<Env>): Caller & { kind: 'project' } => {
    const caller = c.env.caller;
    if (caller.kind !== 'project') throw new HttpError(401, 'This endpoint needs a project API key (x-api-key)');
    return caller;
  };

  // each of the paths the BFF calls (contract's UPSTREAM_PATHS), and its /api/v3 alias
  for (const at of [(path: string) => path, (path: string) => path.replace(/^\/api\/v3\.1\//, '/api/v3/')]) {
    app.post(at(UPSTREAM_PATHS.logList), async (c) => {
      const caller = projectOnly(c);
      const body = await readBody(c, logListBody);
      const range = body.time_range;
      if (range && range.from > range.to) throw new HttpError(400, 'Invalid time_range: from must not be after to');
      const filters = body.filters ?? [];
      const queryHash = hashString(JSON.stringify([caller.project, filters, range ?? null]));
      const before = body.cursor ? decodeCursor(body.cursor, queryHash) : undefined;
      const page = listLogs(ds, records, {
        scope: { projects: [caller.project] },
        filters,
        from: range?.from,
        to: range?.to,
        limit: body.limit ?? LOG_LIST_DEFAULT_LIMIT,
        before,
        now: ctx.now(),
      });
      const response: LogListResponse = {
        logs: page.indices.map((i) => records.entry(i)),
        next_cursor: page.nextBefore === null ? null : encodeCursor({ before: page.nextBefore, query: queryHash }),
      };
      return c.json(response);
    });

    app.get(at(`${UPSTREAM_PATHS.logList}/:id`), (c) => {
      const caller = projectOnly(c);
      const id = c.req.param('id') ?? ''; // always set: a computed path only hides :id from the type
      const index = records.indexOfLogId(id);
      if (index === undefined || index >= ds.visibleCount(ctx.now()) || records.projectIndex(index) !== caller.project) {
        throw new HttpError(404, `Log ${id} not found`, { suggested_fix: 'Check the log id; logs of other projects are not visible' });
      }
      return c.json(records.detail(index));
    });

    for (const family of ['project', 'org'] as const) {
      const org = family === 'org';
      const usage = at(org ? UPSTREAM_PATHS.orgUsage : UPSTREAM_PATHS.projectUsage);
      const ensureFamily = (c: Context<Env>) => {
        const caller = c.env.caller;
        if (org !== (caller.kind === 'org')) {
          throw new HttpError(
            401,
            org ? 'Org usage needs an org API key (x-org-api-key)' : 'Project usage needs a project API key (x-api-key)',
          );
        }
        return caller;
      };

      app.post(`${usage}/summary`, async (c) => {
        const caller = ensureFamily(c);
        const body = await readBody(c, summaryBody(org));
        const now = ctx.now();
        const window = usageWindow(body, now);
        const types = (body.entity_types ?? [...USAGE_ENTITY_TYPES]).map(entityType);
        const query = { ...window, now, scope: usageScope(caller, body.filters) };
        const response: UsageSummaryResponse = { entities: {}, instant_charge: '0' };
        if (types.includes('tool_calls')) {
          const totals = toolCallTotals(ds, query);
          response.entities.tool_calls = { unit: 'count', total_quantity: String(totals.count), event_count: totals.count };
          response.instant_charge = formatCharge(totals.chargeMicros);
        }
        if (types.includes('sessions')) {
          const count = sessionTotals(ds, query);
          response.entities.sessions = { unit: 'count', total_quantity: String(count), event_count: count };
        }
        return c.json(response);
      });

      app.post(`${usage}/:entity_type`, async (c) => {
        const caller = ensureFamily(c);
        const type = entityType(c.req.param('entity_type'));
        const body = await readBody(c, breakdownBody(org));
        const now = ctx.now();
        const groupBy = body.group_by ?? USAGE_DEFAULT_GROUP_BY[type];
        const allowed = [...USAGE_GROUP_BY[type], ...(org ? ['project_id'] : [])];
        if (!allowed.includes(groupBy)) {
          throw new HttpError(400, `Invalid group_by '${groupBy}' for ${type}`, { suggested_fix: `Use one of: ${allowed.join(', ')}` });
        }
        const result = breakdown(ds, {
          ...usageWindow(body, now),
          now,
          scope: usageScope(caller, body.filters),
          entityType: type,
          groupBy,
          orderBy: body.order_by ?? 'total_quantity',
          orderDirection: body.order_direction ?? 'desc',
          limit: body.limit ?? USAGE_BREAKDOWN_DEFAULT_LIMIT,
        });
        const response: UsageBreakdownResponse = {
          entity_type: type,
          unit: 'count',
          total_quantity: String(result.total),
          event_count: result.total,
          groups: result.groups,
        };
        return c.json(response);
      });
    }
  }

  app.notFound((c) =>
    c.json(envelope(404, `No route for ${c.req.method} ${new URL(c.req.url).pathname}`, c.env?.requestId ?? ctx.nextRequestId()), 404),
  );
  app.onError((error, c) => {
    const requestId = c.env?.requestId ?? ctx.nextRequestId();
    if (error instanceof HttpError) return c.json(envelope(error.status, error.message, requestId, error.extra), error.status as 400);
    return c.json(envelope(500, 'Internal server error', requestId), 500);
  });
  return app;
}
