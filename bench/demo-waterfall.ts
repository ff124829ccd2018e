/**
 * The demo benchmark's two helpers: the static anchor page (what a browser needs for a page of
 * comparable content with no script and no data requests), and the reading of one load's request
 * waterfall from Resource Timing.
 */
import { table } from './stats.ts';

/** One request as Resource Timing (or Navigation Timing, for the page) reports it; times from navigation start. */
export interface Request {
  path: string;
  /** `navigation`, `script`, `link`, `fetch`, `css`, … */
  initiator: string;
  start: number;
  end: number;
  /** Bytes on the wire, headers included; 0 when the HTTP cache answered. */
  transfer: number;
  /** The body as sent (compressed when it was). */
  encoded: number;
  /** The body the browser parsed. */
  decoded: number;
}

/** Source text for `page.evaluate`: the navigation and every finished resource of the page. */
export const READ_REQUESTS = `(() => {
  const nav = performance.getEntriesByType('navigation')[0];
  const pick = (e, initiator) => ({
    path: new URL(e.name).pathname, initiator, start: e.startTime, end: e.responseEnd,
    transfer: e.transferSize, encoded: e.encodedBodySize, decoded: e.decodedBodySize,
  });
  return [pick(nav, 'navigation'), ...performance.getEntriesByType('resource').map((e) => pick(e, e.initiatorType))];
})()`;

const isData = (r: Request) => r.path.startsWith('/api/');
const isScript = (r: Request) => r.path.endsWith('.js');

export interface Waterfall {
  requests: (Request & { depth: number; after?: Request })[];
  /** Start of the first BFF request, ms after navigation. */
  firstDataStart: number;
  beforeData: { requests: number; scriptTransfer: number; scriptEncoded: number; scriptDecoded: number };
  /** Round trips in a row before the first data request leaves (the page's own is 1). */
  roundTripsBeforeData: number;
  dataRequests: number;
  /** From the first BFF request's start to the last one's: the elements start one after another as the main thread reaches them. */
  dataSpread: number;
}

/**
 * Depth = how many round trips in a row lead to a request: the page is 1, what its HTML names is
 * 2, a request that starts only after another subresource ended is one more than that one. Time
 * order is not cause (a request may start late because the main thread was busy), so a depth is
 * an upper bound on the chain; the table names the request each one started after.
 */
export function readWaterfall(all: Request[]): Waterfall {
  const sorted = [...all].sort((a, b) => a.start - b.start);
  const requests: Waterfall['requests'] = [];
  for (const r of sorted) {
    if (r.initiator === 'navigation') {
      requests.push({ ...r, depth: 1 });
      continue;
    }
    // a request the HTTP cache answered (no time on the network) is no round trip to wait for
    const before = requests.filter((q) => q.initiator !== 'navigation' && q.end - q.start >= 1 && q.end <= r.start);
    const after = before.reduce<(typeof requests)[number] | undefined>((best, q) => (!best || q.depth > best.depth ? q : best), undefined);
    requests.push({ ...r, depth: after ? after.depth + 1 : 2, after });
  }
  const data = requests.filter(isData);
  const firstData = data[0];
  const firstDataStart = firstData?.start ?? Infinity;
  const scripts = requests.filter((r) => isScript(r) && r.end <= firstDataStart);
  const sum = (key: 'transfer' | 'encoded' | 'decoded') => scripts.reduce((n, r) => n + r[key], 0);
  return {
    requests,
    firstDataStart,
    beforeData: {
      requests: requests.filter((r) => r.start < firstDataStart).length,
      scriptTransfer: sum('transfer'),
      scriptEncoded: sum('encoded'),
      scriptDecoded: sum('decoded'),
    },
    roundTripsBeforeData: firstData ? firstData.depth - 1 : NaN,
    dataRequests: data.length,
    dataSpread: data.length ? data.at(-1)!.start - data[0].start : NaN,
  };
}

const short = (path: string) => path.replace(/-[\w-]{8}\.(js|css)$/, '.$1');

export function waterfallTable(w: Waterfall): string {
  return table(
    ['#', 'request', 'initiator', 'start ms', 'end ms', 'wire B', 'body B (parsed)', 'round trip', 'started after'],
    w.requests.map((r, i) => [
      i + 1,
      short(r.path),
      r.initiator,
      r.start.toFixed(0),
      r.end.toFixed(0),
      r.transfer,
      `${r.encoded}${r.decoded !== r.encoded ? ` (${r.decoded})` : ''}`,
      r.depth,
      r.after ? `${short(r.after.path)} (${r.after.end.toFixed(0)})` : '—',
    ]),
  );
}

/**
 * A static page with about what the demo shows above the fold once its data is in: the same top
 * bar and stylesheet, six figure tiles, a 30-day × 6-group bar chart as inline SVG and a 40-row
 * table — as HTML, no script, no data request. Served by the demo server like any page.
 */
export function anchorPage(stylesheet: string): string {
  const bars = Array.from({ length: 30 }, (_, day) =>
    Array.from({ length: 6 }, (_, group) => {
      const h = 8 + ((day * 7 + group * 13) % 23);
      return `<rect x="${day * 36 + 4}" y="${260 - (group + 1) * 40 + (40 - h)}" width="28" height="${h}" fill="hsl(${group * 60} 60% 50%)"><title>Day ${day + 1}, toolkit ${group + 1}: ${h * 17} calls</title></rect>`;
    }).join(''),
  ).join('\n');
  const rows = Array.from(
    { length: 40 },
    (_, i) =>
      `<tr><td>2026-11-${String(1 + (i % 28)).padStart(2, '0')} 12:${String(i).padStart(2, '0')}</td><td>${i % 7 ? 'success' : 'failed'}</td><td>GMAIL_SEND_EMAIL</td><td>gmail</td><td>Sent message ${i} to the team's shared inbox with the weekly summary</td><td>${120 + i * 7} ms</td></tr>`,
  ).join('\n');
  const tiles = ['Calls', 'Error rate', 'p95 latency', 'Active users', 'Sessions per day', 'Charges']
    .map((label, i) => `<div class="tile"><span>${label}</span><strong>${(i + 1) * 1234}</strong><small>+${i + 3}%</small></div>`)
    .join('');
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8" /><link rel="icon" href="data:," /><title>Anchor: the same content, static</title>
<link rel="stylesheet" href="${stylesheet}" /></head>
<body data-anchor>
<header class="topbar"><span class="logo">◆</span><strong>Acme</strong><nav class="crumbs"><span>Settings</span> › <span>Usage &amp; activity</span></nav></header>
<main>
<h1>Usage &amp; activity</h1>
<section><h2>Health</h2><div class="tiles">${tiles}</div></section>
<section><h2>Usage</h2><svg id="anchor-chart" viewBox="0 0 1084 270" width="1084" height="270" role="img" aria-label="Tool calls per day">
${bars}
</svg></section>
<section><h2>Activity</h2><table id="anchor-table"><thead><tr><th>Time</th><th>Status</th><th>Tool</th><th>Toolkit</th><th>Message</th><th>Duration</th></tr></thead><tbody>
${rows}
</tbody></table></section>
</main>
</body>
</html>
`;
}
