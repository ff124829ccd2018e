/**
 * web-test-runner commands for tests that budget the page's main-thread work (issue 12: no task
 * over 50 ms). `trace-start` starts a Chromium trace; `trace-stop` ends it and answers the longest
 * task on the renderer's main thread, in CPU time and in wall time (ms), from the trace's RunTask
 * events. CPU time is what the page's own work costs whatever else the machine runs: on a shared
 * 2-core machine a 5 ms task that waits 100 ms for a core is a 105 ms long task in wall time.
 */
const CATEGORIES = ['toplevel', 'disabled-by-default-devtools.timeline'];
const TASKS = new Set(['RunTask', 'ThreadControllerImpl::RunTask']);

/** The longest main-thread task of a trace: `{ cpuMs, wallMs, tasks }`. */
export function longestMainThreadTask(trace) {
  const events = Array.isArray(trace) ? trace : trace.traceEvents;
  const main = new Set(
    events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`),
  );
  let cpu = 0;
  let wall = 0;
  let tasks = 0;
  for (const e of events) {
    if (e.ph !== 'X' || !TASKS.has(e.name) || !main.has(`${e.pid}:${e.tid}`)) continue;
    tasks++;
    cpu = Math.max(cpu, e.tdur ?? 0);
    wall = Math.max(wall, e.dur ?? 0);
  }
  return { cpuMs: Math.round(cpu / 100) / 10, wallMs: Math.round(wall / 100) / 10, tasks };
}

export function mainThreadTracePlugin() {
  /** Sessions with a trace running (a test that failed mid-phase leaves one behind). */
  const tracing = new Set();
  return {
    name: 'main-thread-trace',
    async executeCommand({ command, session }) {
      if (command !== 'trace-start' && command !== 'trace-stop') return undefined;
      if (session.browser.type !== 'puppeteer') throw new Error(`${command}: needs the Chrome launcher`);
      const page = session.browser.getPage(session.id);
      if (command === 'trace-start') {
        if (tracing.has(session.id)) await page.tracing.stop();
        await page.tracing.start({ categories: CATEGORIES });
        tracing.add(session.id);
        return true;
      }
      tracing.delete(session.id);
      const trace = await page.tracing.stop();
      return longestMainThreadTask(JSON.parse(Buffer.from(trace).toString('utf8')));
    },
  };
}
