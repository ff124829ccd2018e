/**
 * Where the page's main thread spends the time from navigation to "ready", from a Chromium trace:
 * wall time inside tasks, the CPU time of those tasks, the CPU self time of every trace event on
 * the renderer's main thread summed by kind, and the time it was idle (waiting for the network,
 * the server, or a core).
 */

interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  ts: number;
  dur?: number;
  /** CPU time the thread spent in it (absent for some events) */
  tdur?: number;
  pid: number;
  tid: number;
  args?: { name?: string; data?: { frame?: string } };
}

/** Trace categories the summary needs (Playwright's `browser.startTracing`). */
export const TRACE_CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'v8',
  'blink.user_timing',
  'toplevel',
  '__metadata',
];

const KINDS: [string, RegExp][] = [
  [
    'script compile',
    /^(v8\.compile|v8\.compileModule|V8\.CompileCode|v8\.produceCache|v8\.produceModuleCache|v8\.deserializeOnBackground|CacheScript)/,
  ],
  [
    'script run',
    /^(v8\.run|v8\.evaluateModule|EvaluateScript|FunctionCall|TimerFire|FireAnimationFrame|EventDispatch|RunMicrotasks|v8\.callFunction|V8\.Execute|XHRReadyStateChange)/,
  ],
  ['garbage collection', /GC|Scavenge|MarkCompact|BlinkGC/],
  ['HTML parse', /^ParseHTML$/],
  ['style', /^(UpdateLayoutTree|ParseAuthorStyleSheet|RecalculateStyles|ScheduleStyleRecalculation)$/],
  ['layout', /^(Layout|UpdateLayerTree|PrePaint|IntersectionObserverController)/],
  ['paint and composite', /^(Paint|PaintImage|Layerize|Commit|CompositeLayers|UpdateLayer|RasterTask|PaintSetup)/],
];
const kindOf = (name: string) => KINDS.find(([, re]) => re.test(name))?.[0] ?? 'other (tasks, loading, bindings)';

export interface MainThreadSummary {
  /** navigation → ready, ms */
  window: number;
  /** wall time inside top-level tasks */
  busy: number;
  /** CPU time of those tasks: busy − cpu is time the thread was runnable but not running (a shared machine) */
  cpu: number;
  /** CPU ms by kind of work */
  byKind: Map<string, number>;
}

/**
 * `markName` is a `performance.mark` the page made at ready; the window starts at the page's
 * `navigationStart` mark. Nested events are counted once (self time). On a shared machine the wall
 * time inside tasks includes time the thread waited for a core, so the kinds are split by CPU time.
 */
export function summariseTrace(json: string, markName: string): MainThreadSummary {
  const events = (JSON.parse(json) as { traceEvents: TraceEvent[] }).traceEvents;
  const ready = events.filter((e) => e.name === markName && e.cat.includes('blink.user_timing')).at(-1);
  if (!ready) throw new Error(`no '${markName}' mark in the trace`);
  const start = events.filter((e) => e.name === 'navigationStart' && e.pid === ready.pid && e.ts <= ready.ts).at(-1);
  if (!start) throw new Error('no navigationStart in the trace');
  const main = events.find((e) => e.ph === 'M' && e.name === 'thread_name' && e.pid === ready.pid && e.args?.name === 'CrRendererMain');
  const complete = events
    .filter((e) => e.pid === ready.pid && e.tid === main?.tid && e.ph === 'X' && e.dur !== undefined)
    .map((e) => ({
      name: e.name,
      from: Math.max(e.ts, start.ts),
      to: Math.min(e.ts + e.dur!, ready.ts),
      cpu: (e.tdur ?? e.dur!) * Math.min(1, (Math.min(e.ts + e.dur!, ready.ts) - Math.max(e.ts, start.ts)) / Math.max(e.dur!, 1)),
    }))
    .filter((e) => e.to > e.from)
    .sort((a, b) => a.from - b.from || b.to - a.to);
  // self time: an event's CPU time minus that of the events nested directly inside it
  const byKind = new Map<string, number>();
  const stack: { to: number; kind: string; selfCpu: number }[] = [];
  let busy = 0;
  let cpu = 0;
  const close = (until: number) => {
    while (stack.length && stack.at(-1)!.to <= until) {
      const done = stack.pop()!;
      byKind.set(done.kind, (byKind.get(done.kind) ?? 0) + Math.max(0, done.selfCpu) / 1000);
    }
  };
  for (const e of complete) {
    close(e.from);
    const parent = stack.at(-1);
    if (parent) parent.selfCpu -= e.cpu;
    else {
      busy += e.to - e.from;
      cpu += e.cpu;
    }
    stack.push({ to: e.to, kind: kindOf(e.name), selfCpu: e.cpu });
  }
  close(Infinity);
  return { window: (ready.ts - start.ts) / 1000, busy: busy / 1000, cpu: cpu / 1000, byKind };
}
