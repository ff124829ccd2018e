/**
 * A collapsible JSON tree rendered as text (never HTML). Children render only when their node is
 * opened, long strings and arrays are cut with a "show all" button: a 200 kB payload costs
 * nothing until someone looks into it.
 */
import { html, nothing, type TemplateResult } from 'lit';

const MAX_STRING = 500;
const MAX_ITEMS = 100;

export interface TreeState {
  /** Paths of opened nodes and of fully shown strings/arrays. */
  open: Set<string>;
  toggle(path: string, open: boolean): void;
}

function preview(value: object): string {
  return Array.isArray(value) ? `Array(${value.length})` : `{${Object.keys(value).length} keys}`;
}

function leaf(value: unknown, path: string, state: TreeState): TemplateResult {
  if (typeof value === 'string') {
    const full = state.open.has(path) || value.length <= MAX_STRING;
    return html`<span class="j-string">"${full ? value : value.slice(0, MAX_STRING)}${full ? '' : '…'}"</span>${
        full
          ? nothing
          : html` <button type="button" class="more" @click=${() => state.toggle(path, true)}>
              show all ${value.length.toLocaleString()} characters
            </button>`
      }`;
  }
  const kind = value === null ? 'null' : typeof value;
  return html`<span class="j-${kind}">${String(value)}</span>`;
}

export function jsonTree(value: unknown, state: TreeState, path = '$', label?: string): TemplateResult {
  const key = label === undefined ? nothing : html`<span class="j-key">${label}</span>: `;
  if (value === null || typeof value !== 'object') return html`<div class="j-row">${key}${leaf(value, path, state)}</div>`;
  const entries = Object.entries(value);
  const open = state.open.has(path);
  const all = state.open.has(`${path}#all`);
  const shown = all ? entries : entries.slice(0, MAX_ITEMS);
  return html`<details
    class="j-node"
    ?open=${open}
    @toggle=${(e: Event) => (e.stopPropagation(), state.toggle(path, (e.target as HTMLDetailsElement).open))}
  >
    <summary>${key}<span class="j-preview">${preview(value)}</span></summary>
    ${
      open
        ? html`<div class="j-children">
            ${shown.map(([k, v]) => jsonTree(v, state, `${path}.${k}`, k))}
            ${
              shown.length < entries.length
                ? html`<button type="button" class="more" @click=${() => state.toggle(`${path}#all`, true)}>
                    show ${(entries.length - shown.length).toLocaleString()} more
                  </button>`
                : nothing
            }
          </div>`
        : nothing
    }
  </details>`;
}
