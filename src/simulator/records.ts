/**
 * Turns a row of the columnar data set into the v3.1 wire shapes: a list entry and, on demand,
 * the detail with its payload. Messages and payloads come from per-log seeded streams, so an
 * entry and its detail always agree and nothing needs storing.
 */
import type { LogDetail, LogEntry } from '../contract/upstream.ts';
import { formatScaled } from '../core/decimal.ts';
import { FAILURE_KINDS, HOSTILE_STRINGS, PROJECTS, TOOLS } from './catalog.ts';
import { FLAG_HOSTILE, FLAG_LARGE, type Dataset } from './dataset.ts';
import { decodeLogId, decodeRequestId, encodeLogId, encodeRequestId } from './ids.ts';
import { buildArguments, buildResult, failureMessage, type PayloadContext } from './payloads.ts';
import { Random } from './random.ts';

const SLOW_CALL_MS = 10_000;
const HOSTS = ['sdk', 'sdk', 'mcp', 'api'];
const FRAMEWORKS = ['openai-agents', 'langchain', 'vercel-ai', 'crewai', 'claude-agent-sdk'];

/** Keys that make ids of different kinds unrelated. */
function idKeys(seed: number) {
  return { log: seed ^ 0x5bd1e995, request: seed ^ 0x27d4eb2f };
}

export class Records {
  private readonly keys: ReturnType<typeof idKeys>;

  /** `largePayloadScale`: see `SimulatorOptions`. */
  constructor(
    private readonly ds: Dataset,
    private readonly largePayloadScale = 1,
  ) {
    this.keys = idKeys(ds.seed);
  }

  logId(index: number): string {
    return encodeLogId(index, this.keys.log);
  }

  /** The index a log id stands for, or undefined for an id this data set never issued. */
  indexOfLogId(id: string): number | undefined {
    return decodeLogId(id, this.keys.log);
  }

  indexOfRequestId(id: string): number | undefined {
    return decodeRequestId(id, this.keys.request);
  }

  requestId(index: number): string {
    return encodeRequestId(index, this.keys.request);
  }

  userId(index: number): string {
    return this.ds.actors[this.ds.actor[index]].userId;
  }

  projectIndex(index: number): number {
    return this.ds.actors[this.ds.actor[index]].project;
  }

  toolSlug(index: number): string {
    return TOOLS[this.ds.tool[index]].slug;
  }

  toolkitSlug(index: number): string {
    return TOOLS[this.ds.tool[index]].toolkit;
  }

  sessionId(index: number): string | undefined {
    const code = this.ds.session[index];
    return code ? this.ds.sessionIds[code] : undefined;
  }

  sandboxId(index: number): string | undefined {
    const session = this.ds.session[index];
    const code = session ? this.ds.sessionSandbox[session] : 0;
    return code ? this.ds.sandboxIds[code] : undefined;
  }

  accountId(index: number): string | undefined {
    const code = this.ds.account[index];
    return code ? this.ds.accountIds[code] : undefined;
  }

  /** Instant-tools charge in micro-USD (successful calls of charged tools only). */
  chargeMicros(index: number): number {
    return this.ds.failure[index] ? 0 : (TOOLS[this.ds.tool[index]].chargeMicros ?? 0);
  }

  private payloadContext(index: number, stream: number): PayloadContext {
    const flags = this.ds.flags[index];
    return {
      rng: new Random(this.ds.seed, stream, index),
      hostile: (flags & FLAG_HOSTILE) !== 0,
      large: (flags & FLAG_LARGE) !== 0,
      largeScale: this.largePayloadScale,
    };
  }

  /** Message and (for failures) the error the toolkit reported. */
  private outcome(index: number): { message: string; error?: string } {
    const ctx = this.payloadContext(index, 21);
    const tool = this.toolSlug(index);
    const failure = this.ds.failure[index];
    if (failure) {
      return failureMessage(FAILURE_KINDS[failure - 1], tool, this.toolkitSlug(index), this.userId(index), ctx);
    }
    return { message: ctx.hostile ? `${tool} executed: ${ctx.rng.pick(HOSTILE_STRINGS)}` : `${tool} executed successfully` };
  }

  entry(index: number): LogEntry {
    const ds = this.ds;
    const failed = ds.failure[index] !== 0;
    const durationMs = ds.durationMs[index];
    const metadata: Record<string, unknown> = {
      tool_slug: this.toolSlug(index),
      toolkit_slug: this.toolkitSlug(index),
      user_id: this.userId(index),
      project_id: PROJECTS[this.projectIndex(index)].id,
      request_id: this.requestId(index),
    };
    const account = this.accountId(index);
    if (account) {
      metadata.connected_account_id = account;
      metadata.auth_config_id = ds.authConfigOf(index);
    }
    const session = this.sessionId(index);
    if (session) metadata.session_id = session;
    const sandbox = this.sandboxId(index);
    if (sandbox) metadata.sandbox_id = sandbox;
    const charge = this.chargeMicros(index);
    if (charge) metadata.instant_charge = formatScaled(charge, 6);

    const parent = ds.parent[index];
    return {
      id: this.logId(index),
      timestamp: new Date(ds.ts[index]).toISOString(),
      type: 'tool.execution',
      status: failed ? 'failed' : 'success',
      level: failed ? 'error' : durationMs > SLOW_CALL_MS ? 'warn' : 'info',
      message: this.outcome(index).message,
      metadata,
      metrics: { duration_ms: durationMs },
      parent: parent ? { log_id: this.logId(parent - 1), tool_slug: this.toolSlug(parent - 1) } : null,
    };
  }

  detail(index: number): LogDetail {
    const ds = this.ds;
    const entry = this.entry(index);
    const end = ds.ts[index];
    const session = this.sessionId(index);
    const sourceRng = new Random(ds.seed, 31, ds.actor[index]);
    const data: Record<string, unknown> = {};
    if (PROJECTS[this.projectIndex(index)].storesPayloads) {
      const spec = TOOLS[ds.tool[index]];
      const ctx = this.payloadContext(index, 22);
      const outcome = this.outcome(index);
      data.request = { arguments: buildArguments(spec.kind, ctx, end) };
      data.response = outcome.error
        ? { successful: false, error: outcome.error, data: {} }
        : { successful: true, error: null, data: buildResult(spec.kind, ctx, end) };
    }
    return {
      ...entry,
      timings: { start_time: end - ds.durationMs[index], end_time: end },
      context: {
        ...(session ? { session_id: session } : {}),
        trace_id: 'tr_' + new Random(ds.seed, 23, index).token(12, '0123456789abcdef'),
        request_id: this.requestId(index),
      },
      source: {
        host: sourceRng.pick(HOSTS),
        framework: sourceRng.pick(FRAMEWORKS),
        language: sourceRng.chance(0.6) ? 'typescript' : 'python',
      },
      data,
    };
  }
}
