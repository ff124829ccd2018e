/**
 * Which locale and which words an element uses: `locale` when it is a valid BCP 47 tag, else the
 * closest `[lang]` (the element's own or an ancestor's, across shadow roots, as HTML inherits it),
 * else the browser's language. The language's words load on first use, the words shown so far
 * (English at first) staying until they arrive; the host's `strings` are laid over them (that
 * code loads when a host first sets them, and the element's update waits for it: `overrideCode`).
 * A `lang` changed anywhere in the document re-renders the elements (one observer for all of them).
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { loadedStrings, loadStrings, matchLanguage } from './i18n/languages.ts';
import type { StringsOverride, Words } from './i18n/strings.ts';

export interface LanguageHost extends ReactiveControllerHost, HTMLElement {
  locale?: string;
  strings?: StringsOverride;
}

export function isValidLocale(locale: string): boolean {
  try {
    return Intl.getCanonicalLocales(locale).length > 0;
  } catch {
    return false;
  }
}

const hostOf = (node: Node): Element | null => {
  const root = node.getRootNode();
  return root instanceof ShadowRoot ? root.host : null;
};

/** The `lang` that applies to `element` (HTML: the closest wins, even an empty one); undefined when none or invalid. */
export function closestLang(element: Element): string | undefined {
  for (let node: Element | null = element; node; node = hostOf(node)) {
    const found = node.closest('[lang]');
    if (!found) continue;
    const lang = found.getAttribute('lang')!.trim();
    return lang && isValidLocale(lang) ? lang : undefined;
  }
  return undefined;
}

/** The code that lays a host's `strings` over the words; `null` when it could not load (the built-in words stand). */
let override: typeof import('./i18n/override.ts') | null | undefined;
let overrideLoading: Promise<void> | undefined;

const watching = new Set<ReactiveControllerHost>();
let observer: MutationObserver | undefined;

function watchLang(host: ReactiveControllerHost): void {
  watching.add(host);
  if (observer) return;
  observer = new MutationObserver(() => watching.forEach((h) => h.requestUpdate()));
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'], subtree: true });
}

function unwatchLang(host: ReactiveControllerHost): void {
  watching.delete(host);
  if (watching.size) return;
  observer?.disconnect();
  observer = undefined;
}

export class LanguageController<W extends Words = Words> implements ReactiveController {
  /** The tag for Intl formatting (`locale`, else the page's `lang`); undefined: the browser's. */
  locale?: string;
  /** The words to show: the language's, with the host's `strings` over them. */
  words: W;
  /** The built-in words last shown (the language asked for may still be loading). */
  private shown: W;

  constructor(
    private readonly host: LanguageHost,
    /** The element's own English words (it carries no other language). */
    private readonly english: W,
    private readonly warn: (message: string) => void,
  ) {
    this.words = this.shown = english;
    host.addController(this);
  }

  hostConnected(): void {
    watchLang(this.host);
    this.resolve();
  }

  hostDisconnected(): void {
    unwatchLang(this.host);
  }

  /** While the host's `strings` wait for the code that applies them: the promise the update waits for. */
  overrideCode(): Promise<void> | undefined {
    if (override !== undefined || this.host.strings === undefined || this.host.strings === null) return undefined;
    return (overrideLoading ??= import('./i18n/override.ts').then(
      (module) => void (override = module),
      (error: unknown) => {
        override = null;
        console.warn('composio-widgets: could not load the code for `strings`; showing the built-in words', error);
      },
    ));
  }

  /** Before each render: `locale`, `strings` or a `lang` may have changed. */
  hostUpdate(): void {
    this.resolve();
  }

  private resolve(): void {
    const own = this.host.locale;
    let locale: string | undefined;
    if (own !== undefined && own !== null && own !== '') {
      if (typeof own === 'string' && isValidLocale(own)) locale = own;
      else this.warn(`invalid locale ${JSON.stringify(own)}; using the page's language or the browser's`);
    }
    this.locale = locale ?? closestLang(this.host);
    const { language, supported } = matchLanguage(this.locale ?? globalThis.navigator?.language);
    // the browser's language is the reader's, not the host's choice: only a tag the host set is worth a warning
    if (!supported && this.locale) this.warn(`no built-in words for ${JSON.stringify(this.locale)}; showing English (see \`strings\`)`);
    if (language === 'en') this.shown = this.english;
    else {
      const strings = loadedStrings(language);
      if (strings === undefined) void loadStrings(language).then(() => this.host.requestUpdate());
      // a language has every group: the element's are among them
      else this.shown = (strings as unknown as W | null) ?? this.english;
    }
    this.words = override ? override.withOverride(this.shown, this.host.strings, this.warn) : this.shown;
  }
}
