/**
 * A log detail's JSON, parsed once where it is kept (the JSON worker, or the main thread when no
 * worker can start) and read in small pieces: the page holds a trimmed preview — top levels,
 * strings cut to `MAX_STRING` characters, containers to their first `PAGE_ITEMS` entries — and
 * asks for more when someone opens a node, pages an array or reveals a string. A multi-megabyte
 * payload then never crosses to the main thread whole (a structured clone of it is itself a long
 * task there). Pure: no DOM, no worker API.
 */

/** Characters of a string in a preview. */
export const MAX_STRING = 500;
/** Entries of an array or object per page. */
export const PAGE_ITEMS = 100;
/** Values in one preview or page, whatever the payload's shape: enough for the opened top levels. */
const PREVIEW_VALUES = 400;

/** Keys from the payload's root to one value. */
export type PayloadPath = readonly string[];

/** A string longer than `MAX_STRING`: its start and its length. */
export interface CutString {
  kind: 'string';
  head: string;
  length: number;
}

/** An array or object: its size, and its first entries when they were sent along. */
export interface PreviewContainer {
  kind: 'array' | 'object';
  size: number;
  entries?: PreviewEntry[];
}

/** A JSON value as the page holds it: short values whole, long strings and containers cut. */
export type PreviewValue = null | boolean | number | string | CutString | PreviewContainer;

/** An array index or object key, and its value. */
export type PreviewEntry = readonly [key: string, value: PreviewValue];

/** What the page keeps of a detail: everything but `data`, and `data`'s preview. */
export interface DetailSummary {
  detail: Record<string, unknown>;
  data: PreviewValue;
}

function isContainer(value: unknown): value is Record<string, unknown> | unknown[] {
  return typeof value === 'object' && value !== null;
}

/** The value itself if small, else what the preview says of it (no entries yet). */
function shallow(value: unknown): PreviewValue {
  if (typeof value === 'string')
    return value.length <= MAX_STRING ? value : { kind: 'string', head: value.slice(0, MAX_STRING), length: value.length };
  if (Array.isArray(value)) return { kind: 'array', size: value.length };
  if (isContainer(value)) return { kind: 'object', size: Object.keys(value).length };
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  return null;
}

/** Entries `from` … `from + count` of a container, unconverted. */
function rawEntries(value: Record<string, unknown> | unknown[], from: number, count: number): [string, unknown][] {
  if (Array.isArray(value)) {
    const out: [string, unknown][] = [];
    for (let i = from; i < Math.min(value.length, from + count); i++) out.push([String(i), value[i]]);
    return out;
  }
  return Object.keys(value)
    .slice(from, from + count)
    .map((key) => [key, value[key]]);
}

/**
 * Entries `from` … `from + count` of `value` as previews, and — breadth first, while the budget of
 * `PREVIEW_VALUES` lasts — the first page of the containers among them, so opening the next
 * levels needs no round trip.
 */
function page(value: Record<string, unknown> | unknown[], from: number, count: number): PreviewEntry[] {
  let left = PREVIEW_VALUES;
  const queue: { source: Record<string, unknown> | unknown[]; node: PreviewContainer }[] = [];
  const convert = ([key, raw]: [string, unknown]): PreviewEntry => {
    const node = shallow(raw);
    if (isContainer(raw) && typeof node === 'object' && node !== null && node.kind !== 'string') queue.push({ source: raw, node });
    return [key, node];
  };
  const entries = rawEntries(value, from, count).map(convert);
  left -= entries.length;
  for (let i = 0; i < queue.length && left > 0; i++) {
    const { source, node } = queue[i];
    if (Math.min(node.size, PAGE_ITEMS) > left) continue;
    node.entries = rawEntries(source, 0, PAGE_ITEMS).map(convert);
    left -= node.entries.length;
  }
  return entries;
}

export class PayloadDocument {
  readonly summary: DetailSummary;
  private readonly data: unknown;

  /** Throws a `SyntaxError` for text that is not a JSON object. */
  constructor(text: string) {
    const parsed: unknown = JSON.parse(text);
    if (!isContainer(parsed) || Array.isArray(parsed)) throw new SyntaxError('A log detail is a JSON object');
    const { data, ...detail } = parsed;
    this.data = data ?? {};
    const preview = shallow(this.data);
    if (isContainer(this.data) && typeof preview === 'object' && preview !== null && preview.kind !== 'string') {
      preview.entries = page(this.data, 0, PAGE_ITEMS);
    }
    this.summary = { detail, data: preview };
  }

  /** Entries `from` … `from + count` of the array or object at `path`. */
  entries(path: PayloadPath, from: number, count: number): PreviewEntry[] {
    const value = this.at(path);
    if (!isContainer(value)) throw new TypeError(`No array or object at /${path.join('/')}`);
    return page(value, from, count);
  }

  /** Characters `start` … `end` of the string at `path`. */
  slice(path: PayloadPath, start: number, end: number): string {
    const value = this.at(path);
    if (typeof value !== 'string') throw new TypeError(`No string at /${path.join('/')}`);
    return value.slice(start, end);
  }

  /** The whole payload, pretty-printed (Copy as JSON). */
  pretty(): string {
    return JSON.stringify(this.data, null, 2);
  }

  private at(path: PayloadPath): unknown {
    let value = this.data;
    for (const key of path) {
      if (!isContainer(value) || !Object.hasOwn(value, key)) return undefined;
      value = (value as Record<string, unknown>)[key];
    }
    return value;
  }
}
