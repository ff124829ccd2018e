/**
 * A collapsible JSON tree over a payload's preview, rendered as text (never HTML). Children render
 * only when their node is opened; long strings are cut and "show all" reveals the rest a chunk per
 * frame (many text nodes, never one multi-megabyte one at once); arrays and objects show 100
 * entries, then 100 more per click. What the preview lacks, the `TreeView` fetches. Its own words
 * count in the element's locale ("show all 12.345 Zeichen"); the payload's values stay as JSON wrote them.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { count } from '../shared/i18n/count.ts';
import type { DetailStrings } from '../shared/i18n/strings.ts';
import {
  PAGE_ITEMS,
  type CutString,
  type PayloadPath,
  type PreviewContainer,
  type PreviewEntry,
  type PreviewValue,
} from './payload-document.ts';

/** What the tree shows beyond the preview, and how it asks for more (`PayloadTree`). */
export interface TreeView {
  isOpen(id: string): boolean;
  toggle(id: string, open: boolean): void;
  /** The entries of `node` loaded so far; undefined while its first page loads (asked for once). */
  entries(node: PreviewContainer, path: PayloadPath): readonly PreviewEntry[] | undefined;
  /** Load the next page of `node`'s entries. */
  more(node: PreviewContainer, path: PayloadPath): void;
  /** The parts of a cut string revealed so far; undefined: only its head. */
  revealed(node: CutString): readonly string[] | undefined;
  /** Whether "show all" is still adding to `node`. */
  revealing(node: CutString): boolean;
  /** Reveal the rest of `node`, a chunk per frame. */
  reveal(node: CutString, path: PayloadPath): void;
}

/** Where a value sits: its path in the payload, and the tree it is shown in (the hint has its own). */
interface Place {
  path: PayloadPath;
  tree: string;
}

/** The tree's words and the locale its counts are formatted in. */
export interface TreeWords {
  words: DetailStrings;
  locale?: string;
}

/** A JSON Pointer (RFC 6901) for a path, prefixed with the tree's name: the key of its open state. */
export function nodeId(tree: string, path: PayloadPath): string {
  return tree + path.map((key) => '/' + key.replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}

function isCutString(value: PreviewValue): value is CutString {
  return typeof value === 'object' && value !== null && value.kind === 'string';
}

function isContainer(value: PreviewValue): value is PreviewContainer {
  return typeof value === 'object' && value !== null && value.kind !== 'string';
}

/** The value at `key` of a container, if the preview has it. */
export function childOf(value: PreviewValue | undefined, key: string): PreviewValue | undefined {
  return value !== undefined && isContainer(value) ? value.entries?.find(([k]) => k === key)?.[1] : undefined;
}

/** True for a payload with nothing in it (payload storage off). */
export function isEmptyPayload(value: PreviewValue): boolean {
  return value === null || (isContainer(value) && value.size === 0);
}

function cutString(node: CutString, path: PayloadPath, view: TreeView, t: TreeWords): TemplateResult {
  const parts = view.revealed(node);
  const shown = parts ? parts.reduce((sum, part) => sum + part.length, 0) : node.head.length;
  const cut = shown < node.length;
  // each part its own block: appending one lays out only that one, not the whole string again
  const text = parts ? parts.map((part) => html`<span class="j-chunk">${part}</span>`) : node.head;
  return html`<span class="j-string ${parts ? 'j-revealed' : ''}">"${text}${cut ? '…' : ''}"</span>${
      cut && !view.revealing(node)
        ? html` <button type="button" class="more" @click=${() => view.reveal(node, path)}>
            ${t.words.showAll(count(node.length, t.locale))}
          </button>`
        : nothing
    }`;
}

function leaf(value: PreviewValue, path: PayloadPath, view: TreeView, t: TreeWords): TemplateResult {
  if (typeof value === 'string') return html`<span class="j-string">"${value}"</span>`;
  if (isCutString(value)) return cutString(value, path, view, t);
  const kind = value === null ? 'null' : typeof value;
  return html`<span class="j-${kind}">${String(value)}</span>`;
}

/** The tree of `value` at `path` (default: the payload's root) in the tree named `tree`. */
export function jsonTree(
  value: PreviewValue,
  view: TreeView,
  t: TreeWords,
  at: Place = { path: [], tree: '$' },
  label?: string,
): TemplateResult {
  const key = label === undefined ? nothing : html`<span class="j-key">${label}</span>: `;
  if (!isContainer(value)) return html`<div class="j-row">${key}${leaf(value, at.path, view, t)}</div>`;
  const id = nodeId(at.tree, at.path);
  const open = view.isOpen(id);
  return html`<details
    class="j-node"
    ?open=${open}
    @toggle=${(e: Event) => (e.stopPropagation(), view.toggle(id, (e.target as HTMLDetailsElement).open))}
  >
    <summary>${key}<span class="j-preview">${preview(value, t)}</span></summary>
    ${open ? children(value, view, t, at) : nothing}
  </details>`;
}

function preview(node: PreviewContainer, t: TreeWords): string {
  const size = count(node.size, t.locale);
  return node.kind === 'array' ? t.words.arrayPreview(size) : t.words.objectPreview(size);
}

function children(node: PreviewContainer, view: TreeView, t: TreeWords, at: Place): TemplateResult {
  const entries = view.entries(node, at.path);
  if (!entries) return html`<div class="j-children" aria-busy="true"><span class="j-preview">…</span></div>`;
  const left = node.size - entries.length;
  return html`<div class="j-children">
    ${entries.map(([k, v]) => jsonTree(v, view, t, { path: [...at.path, k], tree: at.tree }, k))}
    ${
      left > 0
        ? html`<button type="button" class="more" title=${t.words.notShown(count(left, t.locale))} @click=${() => view.more(node, at.path)}>
            ${t.words.showMore(count(Math.min(PAGE_ITEMS, left), t.locale))}
          </button>`
        : nothing
    }
  </div>`;
}
