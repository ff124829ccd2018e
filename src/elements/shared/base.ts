/**
 * What every composio element shares: where the BFF is, how to authenticate, locale and words,
 * zone and theme (validated once: a bad value from the host falls back and warns, never throws), a
 * typed `emit`, error reporting that ignores aborts, and waiting out a busy server (429) by itself.
 */
import { LitElement, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { BffClient, type FetchToken } from '../../client/bff-client.ts';
import { DEFAULT_ENDPOINT } from '../../contract/protocol.ts';
import { isValidTimeZone } from '../../core/time-zone.ts';
import { BusyRetryController } from './busy-retry.ts';
import { composioEvent, type ComposioEventMap } from './events.ts';
import { common, problem } from './i18n/en/common.ts';
import type { Strings, StringsOverride, Words } from './i18n/strings.ts';
import { LanguageController } from './language-controller.ts';
import { isAbort } from './problem.ts';

export type Theme = 'light' | 'dark' | 'auto';

const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

/**
 * The community protocol for server-rendered custom elements: while the attribute is present the
 * element waits (no render, no request) for its framework to set its properties; @lit/react removes
 * it once it has, and our React wrappers add it when they render on the server (src/react/server.ts).
 */
export const DEFER_HYDRATION = 'defer-hydration';

const warned = new Set<string>();
/** Warn once per tag, property and value: a page that sets a bad value keeps working, and says so once. */
export function warnOnce(tag: string, message: string): void {
  const key = `${tag}|${message}`;
  if (warned.has(key)) return;
  warned.add(key);
  console.warn(`<${tag}>: ${message}`);
}

/**
 * The base of every element; `G` names the word groups it shows besides the shared ones (its
 * built-in English words are `english`, set by each element class).
 */
export class ComposioElement<G extends keyof Strings = never> extends LitElement {
  /** Base URL of the BFF (default `/api/composio`). */
  @property() endpoint: string = DEFAULT_ENDPOINT;
  /**
   * BCP 47 locale for words, numbers and dates (default: the closest `lang` attribute, else the
   * browser's; an invalid one falls back to them). Words: en, de, fr, es, ja, pt-BR, the closest match.
   */
  @property() locale?: string;
  /** Replaces any of the built-in words: `{ table: { loadMore: 'More' } }` (see `Strings`). */
  @property({ attribute: false }) strings?: StringsOverride;
  /** IANA zone for buckets and times (default: the browser's; an unknown one falls back to it). */
  @property({ attribute: 'time-zone' }) timeZone: string = browserZone();
  /** `light`, `dark` or `auto` (follows `prefers-color-scheme`). */
  @property({ reflect: true }) theme: Theme = 'auto';
  /** Returns a short-lived bearer token for the BFF (cross-origin or static hosts). */
  @property({ attribute: false }) fetchToken?: FetchToken;
  /** Replaces the transport entirely. */
  @property({ attribute: false }) fetch?: typeof fetch;

  /** The built-in English words of the element (each element class adds its own groups). */
  protected static english: Words = { common, problem };

  /** Bumped by `refresh()`: an element's Task lists it among its arguments, so it runs again. */
  @state() protected reloads = 0;

  private readonly language = new LanguageController<Words<G>>(
    this,
    (this.constructor as typeof ComposioElement).english as Words<G>,
    (message) => warnOnce(this.localName, message),
  );
  /**
   * The element's main load answered "busy" (429): the data on screen stays, "Busy — retrying in
   * N s" counts down (`renderBusy`), then the load runs again by itself.
   */
  protected readonly busy = new BusyRetryController(this, { retry: () => this.retry() });

  private clientKey?: [string, unknown, unknown];
  private clientInstance?: BffClient;

  /** One client per endpoint/transport/token source, so its cache and de-duplication persist. */
  protected get client(): BffClient {
    const key: [string, unknown, unknown] = [this.endpoint, this.fetch, this.fetchToken];
    if (!this.clientInstance || this.clientKey!.some((part, i) => part !== key[i])) {
      // a busy answer comes back at once: the element waits it out on screen, not hidden in a request
      const options = { endpoint: this.endpoint, fetch: this.fetch, fetchToken: this.fetchToken, maxRetryAfterMs: 0 };
      this.clientInstance = new BffClient(options);
      this.clientKey = key;
    }
    return this.clientInstance;
  }

  /** The zone in use: `time-zone` when the platform knows it, else the browser's (with one warning). */
  protected get zone(): string {
    const zone = typeof this.timeZone === 'string' ? this.timeZone.trim() : '';
    if (zone && isValidTimeZone(zone)) return zone;
    warnOnce(this.localName, `unknown time-zone ${JSON.stringify(this.timeZone)}; using the browser's (${browserZone()})`);
    return browserZone();
  }

  /** The locale in use for formatting: `locale` when valid, else the page's `lang`; undefined: the browser's. */
  protected get formatLocale(): string | undefined {
    return this.language.locale;
  }

  /** The words in use: the built-in language's, with `strings` over them. */
  protected get words(): Words<G> {
    return this.language.words;
  }

  /** What changed while `defer-hydration` held updates back, replayed when it goes. */
  private heldChanges?: Map<PropertyKey, unknown>;

  static override get observedAttributes(): string[] {
    return [...super.observedAttributes, DEFER_HYDRATION];
  }

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    super.attributeChangedCallback(name, old, value);
    if (name !== DEFER_HYDRATION || value !== null || !this.heldChanges) return;
    const held = this.heldChanges;
    this.heldChanges = undefined;
    for (const [key, previous] of held) this.requestUpdate(key, previous);
    this.requestUpdate();
  }

  /**
   * A server-rendered element upgrades before hydration has set its properties: updating then would
   * load once with the defaults and again with the real values. Hold back until `defer-hydration`
   * goes, keeping the first old value of whatever changed meanwhile.
   */
  protected override shouldUpdate(changed: PropertyValues): boolean {
    if (!this.hasAttribute(DEFER_HYDRATION)) return super.shouldUpdate(changed);
    this.heldChanges ??= new Map();
    for (const [key, previous] of changed) if (!this.heldChanges.has(key)) this.heldChanges.set(key, previous);
    return false;
  }

  /** Code the next update needs, loading (a view or a host's words that must not flash in late). */
  private holds: Promise<unknown>[] = [];

  /** Updates wait until `loading` settles, so the element renders once, complete (the chart's Table view). */
  protected holdUpdates(loading: Promise<unknown>): void {
    this.holds.push(loading);
  }

  protected override scheduleUpdate(): void | Promise<unknown> {
    const words = this.language.overrideCode(); // a host's `strings`: their code first, so no built-in word flashes
    if (words) this.holds.push(words);
    if (!this.holds.length) return super.scheduleUpdate();
    return Promise.allSettled(this.holds.splice(0)).then(() => this.scheduleUpdate());
  }

  /** Reload from the server, bypassing the client cache (what Retry does). */
  refresh(): void {
    this.client.clearCache();
    this.retry();
  }

  /**
   * Run the main load again, keeping the client's cache: after a busy answer, the parts that did
   * load are not asked for (and paid for) twice.
   */
  protected retry(): void {
    this.busy.started();
    this.reloads++;
  }

  /** `composio-error` for a failure the reader should know about; aborts (a newer request won) are not failures. */
  protected reportError(error: unknown): void {
    if (!isAbort(error)) this.emit('composio-error', { error: error as Error });
  }

  /**
   * The main load failed. A busy answer is waited out (one `composio-error` per busy spell, so a
   * host can count them); anything else ends the wait and is reported.
   */
  protected loadFailed(error: unknown): void {
    if (isAbort(error)) return;
    if (!this.busy.handle(error) || this.busy.attempts === 1) this.reportError(error);
  }

  protected emit<K extends keyof ComposioEventMap>(type: K, detail: ComposioEventMap[K]['detail']): void {
    this.dispatchEvent(composioEvent(type, detail));
  }
}
