/**
 * "Is any English left?": the English words an element could show (every word of the English
 * table, its sentences built with placeholder arguments, and common English UI words), minus the
 * words the other language uses itself, searched in everything the reader sees or hears in the
 * element's shadow DOM (text, aria-label, title, placeholder; nested elements too). What comes from
 * the logs (messages, slugs, ids, payloads, metadata) is data, not words, and is skipped.
 */
import { en } from '../../src/elements/shared/i18n/en.ts';
import { loadedStrings, loadStrings } from '../../src/elements/shared/i18n/languages.ts';
import type { LoadedLanguage, Strings } from '../../src/elements/shared/i18n/strings.ts';

const SLOT = '\u0001';
/** An argument that is every kind of value a sentence function reads: a string, a count, a list, an object. */
const any: unknown = new Proxy(
  {},
  {
    get(_target, key): unknown {
      if (key === Symbol.toPrimitive || key === 'toString' || key === 'valueOf') return () => SLOT;
      if (key === 'count') return 5;
      if (key === 'length') return 1;
      if (key === 'map') return (fn: (value: unknown) => unknown) => [fn(any)];
      if (key === 'join') return () => SLOT;
      return any;
    },
  },
);

/** Every text of a table: its strings, and its functions' sentences (each boolean argument both ways). */
function texts(strings: Strings): string[] {
  const out: string[] = [];
  for (const group of Object.values(strings) as Record<string, unknown>[])
    for (const entry of Object.values(group)) {
      if (typeof entry === 'string') out.push(entry);
      else if (typeof entry === 'function') {
        const variants = [Array(3).fill(any), ...[0, 1, 2].map((i) => Array.from({ length: 3 }, (_, j) => (i === j ? false : any)))];
        for (const args of variants) {
          try {
            out.push(String((entry as (...a: unknown[]) => unknown)(...args)));
          } catch {
            // a variant the sentence does not take
          }
        }
      } else out.push(...Object.values(entry as Record<string, string>));
    }
  return out;
}

/** Latin-script words of at least three letters, lower-cased; identifiers (slugs, ids) are not words. */
function words(text: string): string[] {
  return text
    .split(/\s+/)
    .filter((chunk) => !/[_@\d]|^[A-Z]{2,}\W*$/.test(chunk))
    .flatMap((chunk) => chunk.match(/[A-Za-z]{3,}/g) ?? [])
    .map((w) => w.toLowerCase());
}

/** English a table does not carry but hard-coded markup might. */
const ENGLISH_UI =
  'the and with for this that your you are not from show hide showing loading loaded copy copied retry details error errors calls call period previous total table series filter filters search more less all none close open'.split(
    ' ',
  );

/** The words `language` uses itself, and its entries as they are. */
async function own(language: LoadedLanguage): Promise<{ words: Set<string>; values: Set<string> }> {
  await loadStrings(language);
  const theirs = texts(loadedStrings(language)!);
  return { words: new Set(theirs.flatMap(words)), values: new Set(theirs) };
}

/** The English words that `language` does not use itself. */
export async function englishOnly(language: LoadedLanguage): Promise<Set<string>> {
  const theirs = (await own(language)).words;
  return new Set([...texts(en).flatMap(words), ...ENGLISH_UI].filter((w) => !theirs.has(w) && w !== 'undefined'));
}

/** What comes from the logs: shown as it is, in whatever language it was written (a toolkit's option has a title). */
const DATA = 'code, h2, .message, .c-message, .technical, .j-key, .j-string, .j-number, .j-boolean, .j-null, dl.metadata, option[title]';

/** Everything under `root` a reader sees or hears, nested shadow roots included; data left out. */
export function visibleTexts(root: ShadowRoot | Element): string[] {
  const out: string[] = [];
  const visit = (node: Node) => {
    if (node instanceof Element) {
      if (node.matches(DATA)) return;
      for (const name of ['aria-label', 'title', 'placeholder']) {
        const value = node.getAttribute(name);
        if (value) out.push(value);
      }
      if (node.shadowRoot) visit(node.shadowRoot);
    } else if (node.nodeType === Node.TEXT_NODE && node.textContent!.trim()) out.push(node.textContent!.trim());
    node.childNodes.forEach(visit);
  };
  visit(root);
  return out;
}

/** A slug, an id or a key ("gmail", "globex-ops", "GMAIL_SEND_EMAIL"): data, whatever the language. */
const isIdentifier = (text: string) => !/\s/.test(text) && (/[_\d]/.test(text) || text === text.toLowerCase());

/**
 * The English left in `el` under `language`, each with the text it was found in: a word of the
 * English table (or common English) that the language does not use, or a text exactly as the
 * same state rendered in English (`english`) that is not the language's own entry and has a word
 * the language does not use — words hard-coded in the markup, which no table knows.
 */
export async function englishLeft(el: Element, language: LoadedLanguage, english: ReadonlySet<string> = new Set()): Promise<string[]> {
  const [onlyEnglish, theirs] = [await englishOnly(language), await own(language)];
  return visibleTexts(el.shadowRoot!).flatMap((text) => {
    const found = words(text).filter((w) => onlyEnglish.has(w));
    const untouched =
      english.has(text) &&
      /[A-Za-z]{3,}/.test(text) &&
      !isIdentifier(text) &&
      !theirs.values.has(text) &&
      words(text).some((w) => !theirs.words.has(w));
    return found.length || untouched ? [`${found.join(', ') || 'unchanged'} (in "${text}")`] : [];
  });
}
