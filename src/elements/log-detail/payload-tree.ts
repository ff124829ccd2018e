/**
 * The payload tree's state and its one lifecycle: which nodes are open, the pages and string parts
 * fetched beyond the preview, and the frame loop that reveals a long string (cancelled when the
 * element leaves the page or shows another log).
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { PAGE_ITEMS, type CutString, type PayloadPath, type PreviewContainer, type PreviewEntry } from './payload-document.ts';
import type { PayloadReader } from './payload-reader.ts';
import type { TreeView } from './json-tree.ts';

/** Characters added per frame while a long string is revealed. */
export const STRING_CHUNK = 16_384;

export class PayloadTree implements ReactiveController, TreeView {
  private readonly opened: Set<string>;
  private current?: PayloadReader;
  /** Entries fetched per node: the preview's first page and the pages after it. */
  private readonly pages = new WeakMap<PreviewContainer, readonly PreviewEntry[]>();
  private readonly loading = new WeakSet<PreviewContainer>();
  private readonly parts = new WeakMap<CutString, string[]>();
  /** Strings being revealed, with the frame each waits for. */
  private readonly reveals = new Map<CutString, { frame: number }>();

  constructor(
    private readonly host: ReactiveControllerHost,
    initiallyOpen: Iterable<string>,
  ) {
    this.opened = new Set(initiallyOpen);
    host.addController(this);
  }

  /** Where the shown detail's payload is kept; another detail stops the reveals of this one. */
  set reader(reader: PayloadReader | undefined) {
    if (reader !== this.current) this.stopReveals();
    this.current = reader;
  }

  hostDisconnected(): void {
    this.stopReveals();
  }

  isOpen(id: string): boolean {
    return this.opened.has(id);
  }

  toggle(id: string, open: boolean): void {
    if (open === this.opened.has(id)) return;
    if (open) this.opened.add(id);
    else this.opened.delete(id);
    this.host.requestUpdate();
  }

  entries(node: PreviewContainer, path: PayloadPath): readonly PreviewEntry[] | undefined {
    const entries = this.pages.get(node) ?? node.entries;
    if (!entries) this.more(node, path);
    return entries;
  }

  more(node: PreviewContainer, path: PayloadPath): void {
    const reader = this.current;
    if (!reader || this.loading.has(node)) return;
    const loaded = this.pages.get(node) ?? node.entries ?? [];
    this.loading.add(node);
    reader
      .entries(path, loaded.length, PAGE_ITEMS)
      .then((page) => {
        this.pages.set(node, [...loaded, ...page]);
        this.host.requestUpdate();
      })
      .catch(() => undefined) // the payload became unreadable: the button stays, a click tries again
      .finally(() => this.loading.delete(node));
  }

  revealed(node: CutString): readonly string[] | undefined {
    return this.parts.get(node);
  }

  revealing(node: CutString): boolean {
    return this.reveals.has(node);
  }

  reveal(node: CutString, path: PayloadPath): void {
    const reader = this.current;
    if (!reader || this.reveals.has(node)) return;
    const parts = this.parts.get(node) ?? [node.head];
    this.parts.set(node, parts);
    let shown = parts.reduce((sum, part) => sum + part.length, 0);
    // this run only: a stopped run's late answer must not add to a later run's parts
    const run = { frame: 0 };
    const live = () => this.reveals.get(node) === run;
    const step = () => {
      if (!live()) return;
      if (shown >= node.length) return this.finish(node);
      reader
        .slice(path, shown, shown + STRING_CHUNK)
        .then((part) => {
          if (!live()) return;
          if (!part) return this.finish(node);
          parts.push(part);
          shown += part.length;
          this.host.requestUpdate();
          run.frame = requestAnimationFrame(step);
        })
        .catch(() => live() && this.finish(node));
    };
    this.reveals.set(node, run);
    run.frame = requestAnimationFrame(step);
    this.host.requestUpdate();
  }

  private finish(node: CutString): void {
    if (this.reveals.delete(node)) this.host.requestUpdate();
  }

  private stopReveals(): void {
    for (const run of this.reveals.values()) cancelAnimationFrame(run.frame);
    if (this.reveals.size) this.host.requestUpdate(); // their "show all" buttons come back to go on
    this.reveals.clear();
  }
}
