/**
 * Big payloads (issue 12): the longest main-thread task while a 5 MB log detail from the simulator
 * is opened, revealed, paged and copied, against the 50 ms budget. Runs the browser test
 * `test/browser/log-detail-large.test.ts` RUNS times in headless Chromium and reads the figures it
 * prints for each phase: the longest task the page reported (PerformanceObserver 'longtask', wall
 * time, 0 when none passed 50 ms) and the longest main-thread task of a Chromium trace in CPU time.
 * Run: npm run bench -- payload (PAYLOAD_RUNS, PAYLOAD_PORT to change).
 */
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import { machine, median, table } from './stats.ts';

const RUNS = Number(process.env.PAYLOAD_RUNS ?? 5);
const PORT = process.env.PAYLOAD_PORT ?? '8765';
const BUDGET_MS = 50;

interface Figures {
  cpuMs: number;
  longtaskMs: number;
}
const phases: Record<string, Figures[]> = {};
const load = [os.loadavg()[0]];
for (let run = 0; run < RUNS; run++) {
  const result = spawnSync('npx', ['wtr', '--files', 'test/browser/log-detail-large.test.ts', '--port', PORT], { encoding: 'utf8' });
  const lines = [...result.stdout.matchAll(/big payload, (.+?): (\{.*\})/g)];
  if (lines.length === 0) throw new Error(`run ${run + 1}: no figures in the test's output\n${result.stdout}\n${result.stderr}`);
  for (const [, phase, json] of lines) (phases[phase] ??= []).push(JSON.parse(json) as Figures);
  load.push(os.loadavg()[0]);
}

const within = (values: number[]) => `${values.filter((v) => v <= BUDGET_MS).length} / ${values.length}`;
console.log(machine());
console.log(
  `load average (1 min) during the runs: ${Math.min(...load).toFixed(1)}–${Math.max(...load).toFixed(1)} on ${os.cpus().length} cores`,
);
console.log(
  table(
    ['phase', `longtask ≤ ${BUDGET_MS} ms`, 'longtask median / max ms', `CPU ≤ ${BUDGET_MS} ms`, 'CPU median / max ms'],
    Object.entries(phases).map(([phase, runs]) => {
      const wall = runs.map((r) => r.longtaskMs);
      const cpu = runs.map((r) => r.cpuMs);
      return [phase, within(wall), `${median(wall)} / ${Math.max(...wall)}`, within(cpu), `${median(cpu)} / ${Math.max(...cpu)}`];
    }),
  ),
);
