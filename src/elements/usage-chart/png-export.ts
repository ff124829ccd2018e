/**
 * The PNG export: the plot alone says nothing once it leaves the page, so the image carries a
 * header drawn on an offscreen canvas: the title (metric), the window ("Dec 1 – 30, 2026") and the
 * legend (a swatch and name per series), on the theme's background, above the chart.
 */

import type { Chart } from 'chart.js';
import type { Words } from '../shared/i18n/strings.ts';
import { formatSpan } from '../shared/span.ts';
import type { ResolvedTheme } from '../shared/theme.ts';
import { isPrevious } from './chart-config.ts';
import type { ChartRequest } from './data.ts';
import { groupLabel } from './words.ts';

export interface PngLegendEntry {
  label: string;
  color: string;
  /** Drawn as a dashed line (the previous period) rather than a filled square. */
  dashed?: boolean;
}

export interface PngHeader {
  title: string;
  range: string;
  legend: PngLegendEntry[];
}

export type HeaderItem =
  | { kind: 'text'; text: string; x: number; y: number; font: string; color: 'text' | 'muted' }
  | { kind: 'swatch'; x: number; y: number; size: number; color: string; dashed: boolean };

export interface HeaderLayout {
  /** CSS pixels above the plot. */
  height: number;
  items: HeaderItem[];
}

const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
export const TITLE_FONT = `600 16px ${FONT}`;
export const SMALL_FONT = `12px ${FONT}`;
const PAD = 12;
const SWATCH = 10;
const GAP = 6;
const ITEM_GAP = 14;
const LINE = 18;

/**
 * Where everything in the header goes, for a plot `width` CSS pixels wide; `measure` gives a text's
 * width in a font. Pure: the legend wraps onto as many lines as it needs (text baseline is top).
 */
export function layoutHeader(header: PngHeader, width: number, measure: (text: string, font: string) => number): HeaderLayout {
  const items: HeaderItem[] = [
    { kind: 'text', text: header.title, x: PAD, y: PAD, font: TITLE_FONT, color: 'text' },
    { kind: 'text', text: header.range, x: PAD, y: PAD + 22, font: SMALL_FONT, color: 'muted' },
  ];
  let y = PAD + 22 + LINE;
  let x = PAD;
  header.legend.forEach((entry, i) => {
    const w = SWATCH + GAP + measure(entry.label, SMALL_FONT);
    if (i > 0 && x + w > width - PAD) {
      x = PAD;
      y += LINE;
    }
    items.push({ kind: 'swatch', x, y: y + 2, size: SWATCH, color: entry.color, dashed: !!entry.dashed });
    items.push({ kind: 'text', text: entry.label, x: x + SWATCH + GAP, y, font: SMALL_FONT, color: 'text' });
    x += w + ITEM_GAP;
  });
  return { height: y + (header.legend.length ? LINE : 0) + PAD / 2, items };
}

/** The chart's canvas under its header, as a PNG. */
export function composePng(
  plot: HTMLCanvasElement,
  plotWidth: number,
  header: PngHeader,
  colours: { bg: string; text: string; muted: string },
): Promise<Blob | null> {
  // the plot canvas is in device pixels; draw the header at the same scale
  const scale = plot.width / Math.max(1, plotWidth);
  const probe = document.createElement('canvas').getContext('2d')!;
  const layout = layoutHeader(header, plotWidth, (text, font) => {
    probe.font = font;
    return probe.measureText(text).width;
  });
  const out = document.createElement('canvas');
  out.width = plot.width;
  out.height = Math.ceil(layout.height * scale) + plot.height;
  const ctx = out.getContext('2d')!;
  ctx.fillStyle = colours.bg || '#ffffff';
  ctx.fillRect(0, 0, out.width, out.height);
  ctx.save();
  ctx.scale(scale, scale);
  ctx.textBaseline = 'top';
  for (const item of layout.items) {
    if (item.kind === 'text') {
      ctx.font = item.font;
      ctx.fillStyle = colours[item.color] || '#000000';
      ctx.fillText(item.text, item.x, item.y);
    } else if (item.dashed) {
      ctx.strokeStyle = item.color;
      ctx.lineWidth = 2;
      ctx.setLineDash([3, 2]);
      ctx.beginPath();
      ctx.moveTo(item.x, item.y + item.size / 2);
      ctx.lineTo(item.x + item.size, item.y + item.size / 2);
      ctx.stroke();
      ctx.setLineDash([]);
    } else {
      ctx.fillStyle = item.color;
      ctx.fillRect(item.x, item.y, item.size, item.size);
    }
  }
  ctx.restore();
  ctx.drawImage(plot, 0, Math.ceil(layout.height * scale));
  return new Promise((resolve) => out.toBlob(resolve, 'image/png'));
}

/** The visible series of a chart with more than one, as legend entries (dashed: the previous period). */
export function pngLegend(chart: Chart): PngLegendEntry[] {
  const datasets = chart.data.datasets;
  if (datasets.length < 2) return [];
  return datasets.flatMap((dataset, i) =>
    chart.isDatasetVisible(i)
      ? [
          {
            label: dataset.label ?? '',
            color: String(dataset.borderColor ?? dataset.backgroundColor),
            dashed: isPrevious(dataset),
          },
        ]
      : [],
  );
}

/** The chart as a PNG: title, window and legend above the plot, on the theme's background. */
export async function chartPng(
  chart: Chart,
  request: ChartRequest,
  words: Words<'chart'>,
  place: { zone: string; locale: string | undefined; theme: ResolvedTheme },
): Promise<Blob | null> {
  const metric = words.chart.metrics[request.metric];
  const title = request.groupBy ? words.chart.titleBy(metric, groupLabel(request.groupBy, words)) : metric;
  const range = formatSpan(request.from, request.to, place.zone, place.locale);
  return composePng(chart.canvas, chart.width, { title, range, legend: pngLegend(chart) }, place.theme);
}
