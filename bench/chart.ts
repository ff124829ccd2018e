/**
 * Chart benchmark: render time of our Chart.js configuration beside uPlot on the same data in the
 * same page (bench/render/chart-page.ts), runs interleaved in rotating order: 10,000 hourly points
 * × 5 grouped series as lines, and the demo's 30 days × 6 groups as stacked bars with the previous
 * period. Animations are off in our configuration, so the timed draw is what the reader sees.
 * Each draw is reported as main-thread CPU time (from a trace: time spent waiting for a core on
 * this shared machine is not counted) and as wall time.
 * Screenshots of both drawings go to .tmp/bench-chart-<case>.png.
 * Run: npm run bench -- chart   (about a minute)
 */
import { benchCaller, buildPage, launch, openPage } from './render/browser.ts';
import { LIBRARIES, type Library } from './render/chart-libraries.ts';
import type { CaseName, ChartBench } from './render/chart-page.ts';
import { cpuBetweenMarks } from './render/trace.ts';
import { machine, median, percentile, table } from './stats.ts';

const RUNS: Record<CaseName, number> = { long: 25, demo: 80 };
const WARM_UP = 3;
const LABELS: Record<Library, string> = {
  chartjs: 'our Chart.js configuration',
  'chartjs-decimation': 'ours + Chart.js decimation (min-max)',
  'chartjs-floor': "Chart.js floor: same datasets and x range, Chart.js's defaults",
  uplot: 'uPlot (anchor)',
};

await buildPage('chart');
const browser = await launch();
const page = await openPage(browser, 'chart');

const call = benchCaller<ChartBench>(page);

console.log(machine());
for (const name of ['long', 'demo'] as const) {
  await call('show', name);
  await page.screenshot({ path: `.tmp/bench-chart-${name}.png`, fullPage: true });
  const wall = Object.fromEntries(LIBRARIES.map((library) => [library, [] as number[]])) as Record<Library, number[]>;
  const draw = async (run: number) => {
    // a different library goes first in each run: none always draws on a cold cache or after a GC
    for (let i = 0; i < LIBRARIES.length; i++) {
      const library = LIBRARIES[(i + run) % LIBRARIES.length];
      const ms = await call('render', name, library);
      if (run >= WARM_UP) wall[library].push(ms);
    }
  };
  for (let run = 0; run < WARM_UP; run++) await draw(run);
  await browser.startTracing(page, { categories: ['blink.user_timing'] });
  for (let run = WARM_UP; run < WARM_UP + RUNS[name]; run++) await draw(run);
  const trace = await browser.stopTracing();
  const cpu = Object.fromEntries(LIBRARIES.map((library) => [library, cpuBetweenMarks(trace, `draw-${library}`)])) as Record<
    Library,
    number[]
  >;

  const { points, series } = await call('size', name);
  console.log(`\n${name}: ${points.toLocaleString('en')} points × ${series} series, ${RUNS[name]} interleaved runs\n`);
  console.log(
    table(
      ['drawing', 'main-thread CPU ms, median', 'p90', '÷ uPlot', 'wall ms, median', 'p90', '÷ uPlot'],
      LIBRARIES.map((library) => [
        LABELS[library],
        ...[cpu, wall].flatMap((times) => [
          median(times[library]).toFixed(1),
          percentile(times[library], 90).toFixed(1),
          (median(times[library]) / median(times.uplot)).toFixed(2),
        ]),
      ]),
    ),
  );
}
await browser.close();
