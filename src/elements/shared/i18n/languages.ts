/**
 * Which built-in language a locale gets, loading the others on first use (one dynamic import per
 * language: a page in English downloads none of them; English comes with each element, see
 * en.ts). A host's `strings` are laid over the words by override.ts, loaded only for such a host.
 */
import { LANGUAGES, type Language, type LoadedLanguage, type Strings } from './strings.ts';

/** The built-in language closest to a BCP 47 tag: `fr-CA` → fr, `pt` and `pt-PT` → pt-BR, unknown → en. */
export function matchLanguage(tag: string | undefined): { language: Language; supported: boolean } {
  let locale: Intl.Locale;
  try {
    locale = new Intl.Locale(tag ?? '');
  } catch {
    return { language: 'en', supported: false };
  }
  const full = LANGUAGES.find((l) => l.toLowerCase() === locale.baseName.toLowerCase());
  if (full) return { language: full, supported: true };
  const base = LANGUAGES.find((l) => l.split('-')[0] === locale.language);
  return base ? { language: base, supported: true } : { language: 'en', supported: false };
}

const LOADERS: Record<LoadedLanguage, () => Promise<{ strings: Strings }>> = {
  de: () => import('./de.ts'),
  fr: () => import('./fr.ts'),
  es: () => import('./es.ts'),
  ja: () => import('./ja.ts'),
  'pt-BR': () => import('./pt-BR.ts'),
};

/** Loaded languages; `null`: it could not load (English stands in until the page reloads). */
const loaded = new Map<LoadedLanguage, Strings | null>();
const loading = new Map<LoadedLanguage, Promise<void>>();

/** The words of a language other than English: undefined until loaded, `null` if it could not load. */
export const loadedStrings = (language: LoadedLanguage): Strings | null | undefined => loaded.get(language);

/** Load `language`'s words once (a chunk that fails stays failed: asking again on every render would loop); English is there. */
export function loadStrings(language: Language): Promise<void> {
  if (language === 'en' || loaded.has(language)) return Promise.resolve();
  let pending = loading.get(language);
  if (!pending) {
    pending = LOADERS[language]()
      .then((module) => void loaded.set(language, module.strings))
      .catch((error: unknown) => {
        loaded.set(language, null);
        console.warn(`composio-widgets: could not load the ${language} words; showing English`, error);
      });
    loading.set(language, pending);
  }
  return pending;
}
