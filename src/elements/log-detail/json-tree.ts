/**
 * A collapsible JSON tree rendered as text (never HTML). Children render only when their node is
 * opened; long strings are cut, and "show all" reveals the rest a chunk per frame (many text
 * nodes, never one multi-megabyte one at once); long arrays and objects show 100 entries more per
 * click. A multi-megabyte payload costs nothing until someone looks into it.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { count } from '../shared/i18n/count.ts';
import type { DetailStrings } from '../shared/i18n/strings.ts';

const MAX_STRING = 500;
/** Characters added per frame while a long string is revealed. */
export const STRING_CHUNK = 16_384;
const PAGE_ITEMS = 100;

export interface TreeState {
  /** Paths of opened nodes. */
  open: Set<string>;
  toggle(path: string, open: boolean): void;
  /** Characters of a string, or entries of an array/object, shown at `path` (absent: the default). */
  shown: Map<string, number>;
  show(path: string, count: number): void;
  /** The tree's words, and the locale its counts are formatted in (the payload's own values stay as JSON wrote them). */
  words(): DetailStrings;
  locale(): string | undefined;
}

function preview(value: object, state: TreeState): string {
  const w = state.words();
  return Array.isArray(value)
    ? w.arrayPreview(count(value.length, state.locale()))
    : w.objectPreview(count(Object.keys(value).length, state.locale()));
}

/** Reveal a long string a chunk per frame, from what is shown to its end. */
function reveal(value: string, path: string, state: TreeState): void {
  const step = () => {
    const shown = state.shown.get(path) ?? MAX_STRING;
    if (shown >= value.length) return;
    state.show(path, Math.min(value.length, shown + STRING_CHUNK));
    requestAnimationFrame(step);
  };
  step();
}

function chunks(value: string, length: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < length; i += STRING_CHUNK) out.push(value.slice(i, Math.min(length, i + STRING_CHUNK)));
  return out;
}

function leaf(value: unknown, path: string, state: TreeState): TemplateResult {
  if (typeof value === 'string') {
    const shown = Math.min(value.length, state.shown.get(path) ?? MAX_STRING);
    const cut = shown < value.length;
    const revealing = state.shown.has(path) && cut;
    // each chunk its own block: appending one lays out only that one, not the whole string again
    const text = shown > STRING_CHUNK ? chunks(value, shown).map((c) => html`<span class="j-chunk">${c}</span>`) : value.slice(0, shown);
    return html`<span class="j-string">"${text}${cut ? '…' : ''}"</span>${
        cut && !revealing
          ? html` <button type="button" class="more" @click=${() => reveal(value, path, state)}>
              ${state.words().showAll(count(value.length, state.locale()))}
            </button>`
          : nothing
      }`;
  }
  const kind = value === null ? 'null' : typeof value;
  return html`<span class="j-${kind}">${String(value)}</span>`;
}

export function jsonTree(value: unknown, state: TreeState, path = '$', label?: string): TemplateResult {
  const key = label === undefined ? nothing : html`<span class="j-key">${label}</span>: `;
  if (value === null || typeof value !== 'object') return html`<div class="j-row">${key}${leaf(value, path, state)}</div>`;
  const open = state.open.has(path);
  return html`<details
    class="j-node"
    ?open=${open}
    @toggle=${(e: Event) => (e.stopPropagation(), state.toggle(path, (e.target as HTMLDetailsElement).open))}
  >
    <summary>${key}<span class="j-preview">${preview(value, state)}</span></summary>
    ${open ? children(value, state, path) : nothing}
  </details>`;
}

function children(value: object, state: TreeState, path: string): TemplateResult {
  const total = Array.isArray(value) ? value.length : Object.keys(value).length;
  const shown = Math.min(total, state.shown.get(`${path}#items`) ?? PAGE_ITEMS);
  const [w, locale] = [state.words(), state.locale()];
  // only the shown entries are read: a 1,000,000-item array costs 100 entries
  const entries: [string, unknown][] = Array.isArray(value)
    ? value.slice(0, shown).map((v, i) => [String(i), v])
    : Object.entries(value).slice(0, shown);
  return html`<div class="j-children">
    ${entries.map(([k, v]) => jsonTree(v, state, `${path}.${k}`, k))}
    ${
      shown < total
        ? html`<button
            type="button"
            class="more"
            title=${w.notShown(count(total - shown, locale))}
            @click=${() => state.show(`${path}#items`, shown + PAGE_ITEMS)}
          >
            ${w.showMore(count(Math.min(PAGE_ITEMS, total - shown), locale))}
          </button>`
        : nothing
    }
  </div>`;
}
