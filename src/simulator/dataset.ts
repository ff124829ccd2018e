/**
 * The simulated world's tool calls, stored column by column in typed arrays so a 90-day summary
 * over a million logs is one tight loop. Logs are generated an hour at a time, each hour from
 * its own seeded stream, in time order: index order is time order, which makes cursors stable
 * while new logs arrive (they only ever get higher indices).
 */
import { DAY_MS, HOUR_MS, zoneOffsetMs } from '../core/time-zone.ts';
import { CUSTOMERS, FAILURE_KINDS, FAILURE_WEIGHTS, HOSTILE_TOOLKIT, HOURLY, META_TOOL, PROJECTS } from './catalog.ts';
import { META_SHARE, SANDBOX_SHARE, SESSION_SHARE, TOOLS, toolWeight, WEEKDAY, type CustomerSpec, type FailureKind } from './catalog.ts';
import { Column, upperBound } from './columns.ts';
import { Random, cumulative, hashString } from './random.ts';

export { lowerBound, upperBound } from './columns.ts';

export { DAY_MS, HOUR_MS };

export interface DatasetOptions {
  /** Same seed and `now`, same data. */
  seed: number | string;
  /** Where the history ends at creation; later the data set grows with the clock. */
  now: number;
  historyDays: number;
  /** Expected tool calls over the history (the scale knob: 100,000 by default, 1,000,000 for load). */
  toolCalls: number;
  /** Hours after `now` run at the daily rhythm's peak times this (the demo's livelier present); 1 = as the history. */
  liveRate?: number;
  /** Logs reach the list up to this long after their timestamp (default 0: at once). */
  arrivalLagMs?: number;
}

/** One (customer, user_id) pair: the unit that owns sessions and connected accounts. */
export interface Actor {
  userId: string;
  customer: number;
  project: number;
}

const NO_ACCOUNT_TOOLKITS = new Set(['composio', 'composio_search', HOSTILE_TOOLKIT]);
const ACCOUNTLESS_FAILURES = new Set<FailureKind>(['token_expired', 'missing_scopes', 'no_connected_account']);

/** A row of one hour's batch before it is written to the columns. */
interface PendingLog {
  ts: number;
  order: number;
  actor: number;
  tool: number;
  failure: number;
  session: number;
  account: number;
  durationMs: number;
  parent: PendingLog | null;
  flags: number;
  position: number;
}

export const FLAG_HOSTILE = 1;
export const FLAG_LARGE = 2;

export class Dataset {
  readonly seed: number;
  readonly start: number;
  readonly actors: Actor[] = [];
  readonly userIds: string[] = [];
  readonly toolkits: string[];
  /** tool index → toolkit index */
  readonly toolToolkit: Uint16Array;
  /** 1-based codes; 0 means "none" in the log columns. */
  readonly sessionIds: string[] = [''];
  readonly sandboxIds: string[] = [''];
  readonly accountIds: string[] = [''];
  /** (project, toolkit) → auth config id */
  readonly authConfigIds: string[][];

  // log columns (index order = time order)
  private readonly tsCol = new Column((n) => new Float64Array(n));
  private readonly actorCol = new Column((n) => new Uint16Array(n));
  private readonly toolCol = new Column((n) => new Uint16Array(n));
  private readonly failureCol = new Column((n) => new Uint8Array(n));
  private readonly sessionCol = new Column((n) => new Int32Array(n));
  private readonly accountCol = new Column((n) => new Int32Array(n));
  private readonly durationCol = new Column((n) => new Uint32Array(n));
  private readonly parentCol = new Column((n) => new Int32Array(n));
  private readonly flagsCol = new Column((n) => new Uint8Array(n));
  // session columns (1-based: row 0 unused), creation order = time order
  private readonly sessionCreatedCol = new Column((n) => new Float64Array(n));
  private readonly sessionActorCol = new Column((n) => new Uint16Array(n));
  private readonly sessionSandboxCol = new Column((n) => new Int32Array(n));

  /** Logs generated so far (some may lie in the future of the clock). */
  length = 0;
  private nextHour: number;
  private readonly ratePerHour: number;
  private readonly actorSession: { code: number; endsAt: number }[] = [];
  private readonly accountCodes = new Map<number, number>();
  private readonly customerTools: Float64Array[];
  private readonly actorCumulative: Float64Array[];
  private readonly customerActors: number[][];
  private readonly failureCumulative = cumulative(FAILURE_KINDS.map((k) => FAILURE_WEIGHTS[k]));
  private readonly offsetCache = new Map<string, number>();

  constructor(private readonly options: DatasetOptions) {
    this.seed = typeof options.seed === 'number' ? options.seed >>> 0 : hashString(options.seed);
    this.start = Math.floor((options.now - options.historyDays * DAY_MS) / HOUR_MS) * HOUR_MS;
    this.nextHour = this.start / HOUR_MS;

    this.toolkits = [...new Set(TOOLS.map((t) => t.toolkit))];
    this.toolToolkit = Uint16Array.from(TOOLS, (t) => this.toolkits.indexOf(t.toolkit));
    this.authConfigIds = PROJECTS.map((_, p) => this.toolkits.map((_, k) => 'ac_' + new Random(this.seed, 7, p, k).token(10)));

    this.customerActors = CUSTOMERS.map((customer, c) =>
      customer.userIds.map((userId) => {
        const project = PROJECTS.findIndex((p) => p.id === customer.project);
        this.actors.push({ userId, customer: c, project });
        if (!this.userIds.includes(userId)) this.userIds.push(userId);
        this.actorSession.push({ code: 0, endsAt: -Infinity });
        return this.actors.length - 1;
      }),
    );
    // the first user of a customer with several does most of the work
    this.actorCumulative = this.customerActors.map((list) => cumulative(list.map((_, i) => 1 / (i + 1))));
    this.customerTools = CUSTOMERS.map((customer) => cumulative(TOOLS.map((tool) => toolWeight(customer, tool.slug))));

    // normalise so the history holds `toolCalls` logs on average
    let expectedEvents = 0;
    for (let hour = this.nextHour; hour * HOUR_MS < options.now; hour++) {
      for (let c = 0; c < CUSTOMERS.length; c++) expectedEvents += this.intensity(c, hour);
    }
    const logsPerEvent = 1 + SESSION_SHARE * META_SHARE * 3; // a meta call adds 2–4 children
    this.ratePerHour = options.toolCalls / logsPerEvent / Math.max(expectedEvents, 1e-9);
    this.extendTo(options.now);
  }

  // ---- column access (read-only views for queries)

  get ts(): Float64Array {
    return this.tsCol.data;
  }
  get actor(): Uint16Array {
    return this.actorCol.data;
  }
  get tool(): Uint16Array {
    return this.toolCol.data;
  }
  /** 0 = success, else 1 + index in FAILURE_KINDS */
  get failure(): Uint8Array {
    return this.failureCol.data;
  }
  get session(): Int32Array {
    return this.sessionCol.data;
  }
  get account(): Int32Array {
    return this.accountCol.data;
  }
  get durationMs(): Uint32Array {
    return this.durationCol.data;
  }
  /** 1-based index of the parent log, 0 = none */
  get parent(): Int32Array {
    return this.parentCol.data;
  }
  get flags(): Uint8Array {
    return this.flagsCol.data;
  }
  get sessionCreated(): Float64Array {
    return this.sessionCreatedCol.data;
  }
  get sessionActor(): Uint16Array {
    return this.sessionActorCol.data;
  }
  get sessionSandbox(): Int32Array {
    return this.sessionSandboxCol.data;
  }

  /** Number of logs with `ts <= now` (generating the hours up to `now` first). */
  visibleCount(now: number): number {
    this.extendTo(now);
    return upperBound(this.ts, this.length, now);
  }

  /** Whether log `index` has reached the list by `now`: a seeded 0…arrivalLagMs after its timestamp. */
  arrived(index: number, now: number): boolean {
    return this.ts[index] + (this.options.arrivalLagMs ? new Random(this.seed, 13, index).next() * this.options.arrivalLagMs : 0) <= now;
  }

  /** Number of sessions (1-based codes 1..n) created at or before `now`. */
  visibleSessions(now: number): number {
    this.extendTo(now);
    return upperBound(this.sessionCreated, this.sessionIds.length, now, 1) - 1;
  }

  /** Generate whole hours until the one containing `now` exists. */
  extendTo(now: number): void {
    while (this.nextHour * HOUR_MS <= now) this.generateHour(this.nextHour++);
  }

  authConfigOf(index: number): string | undefined {
    if (!this.account[index]) return undefined;
    return this.authConfigIds[this.actors[this.actor[index]].project][this.toolToolkit[this.tool[index]]];
  }

  // ---- generation

  /** Expected events of customer `c` in epoch hour `hour` before scaling. */
  private intensity(c: number, hour: number, live = hour * HOUR_MS >= this.options.now): number {
    const customer = CUSTOMERS[c];
    const ts = hour * HOUR_MS;
    const daysAgo = (this.options.now - ts) / DAY_MS;
    if (customer.onboardedDaysAgo !== undefined && daysAgo > customer.onboardedDaysAgo) return 0;
    const local = ts + this.offsetAt(customer.timeZone, ts);
    const localHour = Math.floor(local / HOUR_MS) % 24;
    const weekday = new Date(local).getUTCDay();
    // gentle growth over the history; a new customer ramps up over its first week
    const growth = 0.75 + 0.4 * Math.min(1, Math.max(0, 1 - daysAgo / this.options.historyDays));
    const ramp = customer.onboardedDaysAgo === undefined ? 1 : Math.min(1, (customer.onboardedDaysAgo - daysAgo) / 7 + 0.1);
    const liveRate = this.options.liveRate ?? 1;
    // a livelier present runs at the rhythm's peak all day, so a demo moves at night too
    if (liveRate !== 1 && live) return customer.weight * growth * ramp * liveRate;
    return customer.weight * HOURLY[localHour] * WEEKDAY[weekday] * growth * ramp;
  }

  /** Zone offset, read once per zone and UTC day (a DST change shifts the rhythm by an hour for a day at most). */
  private offsetAt(timeZone: string, ts: number): number {
    const key = `${timeZone}|${Math.floor(ts / DAY_MS)}`;
    let offset = this.offsetCache.get(key);
    if (offset === undefined) {
      offset = zoneOffsetMs(Math.floor(ts / DAY_MS) * DAY_MS + 12 * HOUR_MS, timeZone);
      this.offsetCache.set(key, offset);
    }
    return offset;
  }

  private generateHour(hour: number): void {
    const hourStart = hour * HOUR_MS;
    const rng = new Random(this.seed, hour);
    const events: { ts: number; actor: number; customer: number }[] = [];
    // the hour holding a livelier start-up splits there: the history's rate before, the live rate after
    const start = this.options.now;
    const splits = (this.options.liveRate ?? 1) !== 1 && hourStart < start && start < hourStart + HOUR_MS;
    const parts = splits ? [false, true] : [hourStart >= start];
    // the live part draws from its own stream, so the history before start-up stays the same
    const liveRng = new Random(this.seed, hour, 1);
    for (let c = 0; c < CUSTOMERS.length; c++) {
      const dayNoise = new Random(this.seed, 3, c, Math.floor(hourStart / DAY_MS)).lognormal(1, 0.15);
      const actors = this.customerActors[c];
      for (const live of parts) {
        const r = splits && live ? liveRng : rng;
        const count = r.poisson(this.ratePerHour * this.intensity(c, hour, live) * dayNoise);
        for (let i = 0; i < count; i++) {
          const actor = actors[actors.length === 1 ? 0 : r.weighted(this.actorCumulative[c])];
          const ts = hourStart + Math.floor(r.next() * HOUR_MS);
          // each rate covers its side of start-up only (thinning keeps both sides Poisson)
          if (!splits || live === ts >= start) events.push({ ts, actor, customer: c });
        }
      }
    }
    events.sort((a, b) => a.ts - b.ts);

    const batch: PendingLog[] = [];
    for (const event of events) this.expandEvent(event, rng, batch, hourStart + HOUR_MS - 1);
    batch.sort((a, b) => a.ts - b.ts || a.order - b.order);
    this.writeBatch(batch);
  }

  /** One agent action: a single call, or a meta-tool call with its children. */
  private expandEvent(event: { ts: number; actor: number; customer: number }, rng: Random, batch: PendingLog[], hourEnd: number): void {
    const customer = CUSTOMERS[event.customer];
    const inSession = rng.chance(SESSION_SHARE);
    const session = inSession ? this.sessionFor(event.actor, event.ts, rng) : 0;
    if (!inSession || !rng.chance(META_SHARE)) {
      batch.push(this.makeCall(event, customer, rng, session, this.pickTool(event.customer, rng), null, batch.length));
      return;
    }
    const meta = this.makeCall(event, customer, rng, session, META_INDEX, null, batch.length);
    meta.failure = 0;
    batch.push(meta);
    const children = rng.int(2, 4);
    let ts = event.ts;
    let failed = 0;
    let total = 0;
    for (let i = 0; i < children; i++) {
      ts = Math.min(hourEnd, ts + rng.int(20, 400));
      const child = this.makeCall({ ...event, ts }, customer, rng, session, this.pickTool(event.customer, rng), meta, batch.length);
      batch.push(child);
      total += child.durationMs;
      if (child.failure) failed++;
    }
    meta.durationMs = total + rng.int(30, 250);
    // the meta tool reports failure only when none of its children succeeded
    if (failed === children) meta.failure = 1 + FAILURE_KINDS.indexOf('upstream_error');
  }

  private pickTool(customer: number, rng: Random): number {
    return rng.weighted(this.customerTools[customer]);
  }

  private sessionFor(actor: number, ts: number, rng: Random): number {
    const state = this.actorSession[actor];
    if (state.code && ts <= state.endsAt) return state.code;
    const code = this.sessionIds.length;
    this.sessionIds.push('trs_' + rng.token(10));
    const withSandbox = rng.chance(SANDBOX_SHARE);
    if (withSandbox) this.sandboxIds.push('sbx_' + rng.token(10));
    for (const col of [this.sessionCreatedCol, this.sessionActorCol, this.sessionSandboxCol]) col.ensure(code + 1);
    this.sessionCreatedCol.data[code] = ts;
    this.sessionActorCol.data[code] = actor;
    this.sessionSandboxCol.data[code] = withSandbox ? this.sandboxIds.length - 1 : 0;
    state.code = code;
    state.endsAt = ts + rng.lognormal(25 * 60_000, 0.7);
    return code;
  }

  private makeCall(
    event: { ts: number; actor: number },
    customer: CustomerSpec,
    rng: Random,
    session: number,
    tool: number,
    parent: PendingLog | null,
    order: number,
  ): PendingLog {
    const spec = TOOLS[tool];
    const needsAccount = !NO_ACCOUNT_TOOLKITS.has(spec.toolkit);
    let failure = 0;
    const episode = customer.tokenExpiredEpisode;
    const daysAgo = (this.options.now - event.ts) / DAY_MS;
    if (
      episode &&
      spec.toolkit === episode.toolkit &&
      daysAgo <= episode.endsDaysAgo + episode.days &&
      daysAgo > episode.endsDaysAgo &&
      rng.chance(0.9)
    ) {
      failure = 1 + FAILURE_KINDS.indexOf('token_expired');
    } else if (rng.chance(customer.failureRate)) {
      let kind = FAILURE_KINDS[rng.weighted(this.failureCumulative)];
      if (!needsAccount && ACCOUNTLESS_FAILURES.has(kind)) kind = rng.chance(0.5) ? 'invalid_input' : 'upstream_error';
      failure = 1 + FAILURE_KINDS.indexOf(kind);
    }
    const kind = failure ? FAILURE_KINDS[failure - 1] : undefined;
    const account = needsAccount && kind !== 'no_connected_account' ? this.accountFor(event.actor, spec.toolkit) : 0;

    let durationMs = Math.max(5, Math.round(rng.lognormal(spec.medianMs, 0.6)));
    if (kind === 'timeout') durationMs = 60_000 + rng.int(0, 400);
    else if (kind === 'tool_not_found' || kind === 'no_connected_account') durationMs = rng.int(8, 60);
    else if (kind === 'rate_limited') durationMs = rng.int(80, 400);

    let flags = 0;
    if (rng.chance(customer.hostileShare ?? 0.004)) flags |= FLAG_HOSTILE;
    if (!failure && spec.largeShare && rng.chance(spec.largeShare)) flags |= FLAG_LARGE;

    return { ts: event.ts, order, actor: event.actor, tool, failure, session, account, durationMs, parent, flags, position: -1 };
  }

  private accountFor(actor: number, toolkit: string): number {
    const toolkitIndex = this.toolkits.indexOf(toolkit);
    const key = actor * 256 + toolkitIndex;
    let code = this.accountCodes.get(key);
    if (code === undefined) {
      code = this.accountIds.length;
      this.accountIds.push('ca_' + new Random(this.seed, 11, actor, toolkitIndex).token(10));
      this.accountCodes.set(key, code);
    }
    return code;
  }

  private writeBatch(batch: PendingLog[]): void {
    const base = this.length;
    const size = base + batch.length;
    for (const col of [
      this.tsCol,
      this.actorCol,
      this.toolCol,
      this.failureCol,
      this.sessionCol,
      this.accountCol,
      this.durationCol,
      this.parentCol,
      this.flagsCol,
    ]) {
      col.ensure(size);
    }
    batch.forEach((log, i) => (log.position = base + i));
    batch.forEach((log, i) => {
      const at = base + i;
      this.tsCol.data[at] = log.ts;
      this.actorCol.data[at] = log.actor;
      this.toolCol.data[at] = log.tool;
      this.failureCol.data[at] = log.failure;
      this.sessionCol.data[at] = log.session;
      this.accountCol.data[at] = log.account;
      this.durationCol.data[at] = log.durationMs;
      this.parentCol.data[at] = log.parent ? log.parent.position + 1 : 0;
      this.flagsCol.data[at] = log.flags;
    });
    this.length = size;
  }
}

const META_INDEX = TOOLS.findIndex((t) => t.slug === META_TOOL);
