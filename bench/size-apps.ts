/**
 * The pages of the size benchmark (bench/size.ts): small consumer apps built with Vite from the
 * packed tarball, the CDN files as a page without a build step uses them, and the anchors the
 * figures are compared with. Each page says when it shows data (`ready`) and, where the element
 * loads more on first use, how a reader gets there (`use`, then `used`).
 */
import { readFileSync } from 'node:fs';

export interface SizeApp {
  name: string;
  /** A consumer page of ours, or an anchor (third-party code alone, the floor we compare with). */
  kind: 'page' | 'anchor';
  /** Source files of the app (index.html and its modules); a CDN page has only index.html. */
  files: Record<string, string>;
  /** URL prefix → folder in the consumer project served at it (the CDN pages read the installed dist/). */
  mounts?: Record<string, string>;
  /** Built with Vite (production) before loading; false for the CDN pages. */
  vite: boolean;
  /** Put react + react-dom in a chunk of their own, reported apart from the page's figure. */
  splitReact?: boolean;
  /** Page expression: true once the page shows its data. */
  ready: string;
  /** Page statement for the first use that loads more code (opening a log row), and its end. */
  use?: string;
  used?: string;
}

const html = (body: string, head = '<script type="module" src="./main.ts"></script>') =>
  `<!doctype html><html><head><meta charset="utf-8">${head}</head><body>${body}</body></html>`;

const table = `document.querySelector('composio-log-table')`;
const TABLE_READY = `!!${table}?.shadowRoot?.querySelector('[role="row"]:not(.head)')`;
const CHART_READY = `!!document.querySelector('composio-usage-chart')?.chart`;
// opening a row loads the detail panel (<composio-log-detail>), the table's one lazy part
const OPEN_ROW = `${table}.shadowRoot.querySelector('[role="row"]:not(.head)').click()`;
const ROW_OPENED = `!!${table}.shadowRoot.querySelector('composio-log-detail')?.shadowRoot?.querySelector('h2')`;
const ANCHOR_READY = `window.__ready === true`;
const LOADED = `window.__loads > 0`;

const CHART_TAG = '<composio-usage-chart range="30d" group-by="toolkit_slug" compare></composio-usage-chart>';
const TABLE_TAG = '<composio-log-table range="7d"></composio-log-table>';

const element = (name: string, imports: string, body: string, ready: string, opensRows: boolean): SizeApp => ({
  name,
  kind: 'page',
  vite: true,
  files: { 'index.html': html(body), 'main.ts': imports },
  ready,
  ...(opensRows ? { use: OPEN_ROW, used: ROW_OPENED } : {}),
});

const react = (name: string, wrapper: 'LogTable' | 'UsageChart', props: string, ready: string, opensRows: boolean): SizeApp => ({
  ...element(
    name,
    [
      `import { createElement } from 'react';`,
      `import { createRoot } from 'react-dom/client';`,
      `import { ${wrapper} } from 'composio-widgets/react/${wrapper === 'LogTable' ? 'log-table' : 'usage-chart'}';`,
      `createRoot(document.getElementById('root')!).render(createElement(${wrapper}, ${props}));`,
    ].join('\n'),
    '<div id="root"></div>',
    ready,
    opensRows,
  ),
  splitReact: true,
});

const cdn = (name: string, file: string, body: string, ready: string, opensRows: boolean): SizeApp => ({
  name,
  kind: 'page',
  vite: false,
  files: { 'index.html': html(body, `<script type="module" src="/dist/${file}"></script>`) },
  mounts: { '/dist/': 'node_modules/composio-widgets/dist/' },
  ready,
  ...(opensRows ? { use: OPEN_ROW, used: ROW_OPENED } : {}),
});

/**
 * Our chart's Chart.js registration, read from the source so the anchor cannot drift from it: the
 * `import … from 'chart.js'` and the `Chart.register(…)` of chart-register.ts, nothing else.
 */
const registerSource = readFileSync(new URL('../src/elements/usage-chart/chart-register.ts', import.meta.url), 'utf8');
const chartJsImport = /import \{[^}]*\} from 'chart\.js';/.exec(registerSource)?.[0];
const registerCall = /Chart\.register\([^)]*\);/.exec(registerSource)?.[0];
if (!chartJsImport || !registerCall) throw new Error('chart-register.ts: no Chart.js import or Chart.register(…) call found');
export const CHART_REGISTER = `${chartJsImport}\n${registerCall}\nexport { Chart };\n`;

/** A small bar chart drawn with a Chart.js module (the anchor's chunk, loaded lazily as ours is). */
const drawWithChartJs = (module: string) => `
const { Chart } = await import('${module}');
const canvas = document.querySelector('canvas')!;
new Chart(canvas, {
  type: 'bar',
  data: { datasets: [{ label: 'calls', data: [{ x: 0, y: 3 }, { x: 1, y: 5 }, { x: 2, y: 2 }] }] },
  options: { animation: false, responsive: false, parsing: false, scales: { x: { type: 'linear' }, y: { type: 'linear' } } },
});
(window as unknown as { __ready: boolean }).__ready = true;
`;

export const APPS: SizeApp[] = [
  element('table only', `import 'composio-widgets/log-table';`, TABLE_TAG, TABLE_READY, true),
  element('chart only', `import 'composio-widgets/usage-chart';`, CHART_TAG, CHART_READY, false),
  element(
    'chart + table',
    `import 'composio-widgets/usage-chart';\nimport 'composio-widgets/log-table';`,
    CHART_TAG + TABLE_TAG,
    `${CHART_READY} && ${TABLE_READY}`,
    true,
  ),
  element(
    'insights',
    `import 'composio-widgets/usage-insights';`,
    '<composio-usage-insights range="7d"></composio-usage-insights>',
    LOADED,
    false,
  ),
  react('React <LogTable>', 'LogTable', `{ range: '7d' }`, TABLE_READY, true),
  react('React <UsageChart>', 'UsageChart', `{ range: '30d', groupBy: 'toolkit_slug', compare: true }`, CHART_READY, false),
  cdn('CDN loader: table', 'composio-widgets.loader.js', TABLE_TAG, TABLE_READY, true),
  cdn('CDN loader: chart', 'composio-widgets.loader.js', CHART_TAG, CHART_READY, false),
  cdn('CDN single file: chart + table', 'composio-widgets.min.js', CHART_TAG + TABLE_TAG, `${CHART_READY} && ${TABLE_READY}`, true),
  {
    name: 'Lit hello world',
    kind: 'anchor',
    vite: true,
    files: {
      'index.html': html('<hello-lit></hello-lit>'),
      'main.ts': `import { LitElement, html } from 'lit';
customElements.define('hello-lit', class extends LitElement {
  render() { return html\`<p>Hello</p>\`; }
  firstUpdated() { (window as unknown as { __ready: boolean }).__ready = true; }
});`,
    },
    ready: ANCHOR_READY,
  },
  {
    name: 'Lit + @lit/task',
    kind: 'anchor',
    vite: true,
    files: {
      'index.html': html('<hello-task></hello-task>'),
      'main.ts': `import { LitElement, html } from 'lit';
import { Task } from '@lit/task';
customElements.define('hello-task', class extends LitElement {
  task = new Task(this, { task: async () => 'Hello', args: () => [] });
  render() { return this.task.render({ complete: (text) => html\`<p>\${text}</p>\` }); }
  updated() { if (this.task.value) (window as unknown as { __ready: boolean }).__ready = true; }
});`,
    },
    ready: ANCHOR_READY,
  },
  {
    name: 'Lit + virtualizer',
    kind: 'anchor',
    vite: true,
    files: {
      'index.html': html('<virtual-list></virtual-list>'),
      // the directive and the flow layout, imported as the table imports them
      'main.ts': `import { LitElement, html, css } from 'lit';
import { virtualize } from '@lit-labs/virtualizer/virtualize.js';
import { FlowLayout } from '@lit-labs/virtualizer/layouts/flow.js';
const items = Array.from({ length: 1000 }, (_, i) => i);
customElements.define('virtual-list', class extends LitElement {
  static styles = css\`.rows { height: 300px; overflow: auto; }\`;
  render() { return html\`<div class="rows">\${virtualize({ items, renderItem: (i) => html\`<div role="row">row \${i}</div>\`, scroller: true, layout: { type: FlowLayout } })}</div>\`; }
});`,
    },
    ready: `!!document.querySelector('virtual-list')?.shadowRoot?.querySelector('[role="row"]')`,
  },
  {
    name: 'Chart.js, our registered parts',
    kind: 'anchor',
    vite: true,
    files: {
      'index.html': html('<canvas width="400" height="200"></canvas>'),
      'main.ts': drawWithChartJs('./chart-register.ts'),
      'chart-register.ts': CHART_REGISTER,
    },
    ready: ANCHOR_READY,
  },
  {
    name: 'uPlot',
    kind: 'anchor',
    vite: true,
    files: {
      'index.html': html('<div id="plot"></div>'),
      'main.ts': `await import('./plot.ts');`,
      'plot.ts': `import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
new uPlot(
  { width: 400, height: 200, series: [{}, { label: 'calls', paths: uPlot.paths.bars!() }] },
  [[0, 1, 2], [3, 5, 2]],
  document.getElementById('plot')!,
);
(window as unknown as { __ready: boolean }).__ready = true;`,
    },
    ready: ANCHOR_READY,
  },
];

/** Chart.js with one registered part left out: what that part costs (bench/size.ts, no browser). */
export function chartJsWithout(part: string): Record<string, string> {
  const register = CHART_REGISTER.replace(new RegExp(`\\b${part}, ?`, 'g'), '').replace(new RegExp(`, ?${part}\\b`, 'g'), '');
  return { 'index.html': html('<canvas></canvas>'), 'main.ts': drawWithChartJs('./chart-register.ts'), 'chart-register.ts': register };
}

/** The parts our chart registers, in the order of its `Chart.register(…)` call. */
export const CHART_PARTS = (/Chart\.register\(([^)]*)\)/.exec(CHART_REGISTER)?.[1] ?? '')
  .split(',')
  .map((part) => part.trim())
  .filter(Boolean);
