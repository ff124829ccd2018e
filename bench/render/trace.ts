/**
 * Main-thread CPU time from a Chrome trace, read from the events' thread clock (`tts`, `tdur`), so
 * that time the renderer spent waiting for a core on this shared machine is not counted.
 *
 * Script per frame: frames are the renderer's `AnimationFrame` spans (the frames long-animation-
 * frame entries describe: from the first task after the previous rendering update to the end of
 * this one); script is the thread time of the outermost JavaScript events starting in the frame
 * (callbacks, microtasks, compilation, GC; nested events count once). Only frames holding one of
 * the page's `bench-frame` marks count: the frames of the measured scroll.
 */

/** Categories that carry the events read here. */
export const TRACE_CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink.user_timing', 'toplevel'];

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  /** Thread clock, µs: start, and time on a core. */
  tts?: number;
  tdur?: number;
  pid: number;
  tid: number;
  id?: string;
  id2?: { local?: string; global?: string };
  args?: { name?: string };
}

const SCRIPT_EVENTS = new Set(['FunctionCall', 'RunMicrotasks', 'EvaluateScript', 'v8.compile', 'v8.compileModule', 'MinorGC', 'MajorGC']);

export interface FrameScript {
  /** Main-thread CPU time spent running JavaScript in the frame, ms. */
  scriptMs: number;
}

/** The renderer main thread's events. */
function mainThread(trace: Buffer | string): TraceEvent[] {
  const parsed = JSON.parse(String(trace)) as { traceEvents?: TraceEvent[] } | TraceEvent[];
  const events = Array.isArray(parsed) ? parsed : (parsed.traceEvents ?? []);
  const main = events.find((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  if (!main) throw new Error('no renderer main thread in the trace');
  return events.filter((e) => e.pid === main.pid && e.tid === main.tid);
}

export function scriptPerFrame(trace: Buffer | string): FrameScript[] {
  const onMain = mainThread(trace);
  const script = outermost(onMain.filter((e) => e.ph === 'X' && SCRIPT_EVENTS.has(e.name)));
  const marks = onMain.filter((e) => e.name === 'bench-frame').map((e) => e.ts);

  const opened = new Map<string, number>();
  const frames: [number, number][] = [];
  for (const e of onMain) {
    if (e.name !== 'AnimationFrame') continue;
    const id = e.id2?.local ?? e.id2?.global ?? e.id ?? '';
    if (e.ph === 'b') opened.set(id, e.ts);
    else if (e.ph === 'e' && opened.has(id)) {
      frames.push([opened.get(id)!, e.ts]);
      opened.delete(id);
    }
  }

  return frames
    .filter(([start, end]) => marks.some((t) => t >= start && t <= end))
    .sort((a, b) => a[0] - b[0])
    .map(([start, end]) => ({
      scriptMs: script.filter((e) => e.ts >= start && e.ts < end).reduce((sum, e) => sum + (e.tdur ?? e.dur ?? 0), 0) / 1000,
    }));
}

/** Events not inside another one of the list (by wall clock), in time order. */
function outermost(events: TraceEvent[]): TraceEvent[] {
  const sorted = [...events].sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  const out: TraceEvent[] = [];
  let end = -Infinity;
  for (const e of sorted) {
    if (e.ts < end) continue;
    out.push(e);
    end = e.ts + (e.dur ?? 0);
  }
  return out;
}

/** Thread time, ms, between each `<name>:start` mark and the `<name>:end` mark after it, in order. */
export function cpuBetweenMarks(trace: Buffer | string, name: string): number[] {
  const marks = mainThread(trace)
    .filter((e) => e.name === `${name}:start` || e.name === `${name}:end`)
    .sort((a, b) => a.ts - b.ts);
  const spans: number[] = [];
  for (let i = 0; i + 1 < marks.length; i++) {
    if (marks[i].name.endsWith(':start') && marks[i + 1].name.endsWith(':end')) spans.push((marks[i + 1].tts! - marks[i].tts!) / 1000);
  }
  return spans;
}
