/**
 * The words table without a browser: which built-in language a tag gets, that every language
 * has every entry of English in the same shape, that the UI's English hints are core's, and how a
 * host's `strings` override is laid over the built-in words (a wrong value is ignored, never thrown).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FAILURE_KINDS, hintForKind } from '../../src/core/failure-hints.ts';
import { en } from '../../src/elements/shared/i18n/en.ts';
import { loadedStrings, loadStrings, matchLanguage } from '../../src/elements/shared/i18n/languages.ts';
import { withOverride } from '../../src/elements/shared/i18n/override.ts';
import { LANGUAGES, plurals, type LoadedLanguage, type Strings, type StringsOverride } from '../../src/elements/shared/i18n/strings.ts';

/** Every entry's path and kind: 'string', 'function' or 'record:key,key'. */
function shape(strings: Strings): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [group, entries] of Object.entries(strings))
    for (const [key, value] of Object.entries(entries as Record<string, unknown>))
      out[`${group}.${key}`] = typeof value === 'object' && value !== null ? `record:${Object.keys(value).sort().join(',')}` : typeof value;
  return out;
}

const TRANSLATED = LANGUAGES.filter((l): l is LoadedLanguage => l !== 'en');

describe('words: languages', () => {
  it('matches a tag to the closest built-in language', () => {
    const cases: [string | undefined, string, boolean][] = [
      ['fr-CA', 'fr', true],
      ['de-DE', 'de', true],
      ['de-CH', 'de', true],
      ['es-419', 'es', true],
      ['ja-JP', 'ja', true],
      ['pt', 'pt-BR', true],
      ['pt-PT', 'pt-BR', true],
      ['PT-br', 'pt-BR', true],
      ['en-GB', 'en', true],
      ['zh-CN', 'en', false],
      ['xx-!!', 'en', false],
      ['', 'en', false],
      [undefined, 'en', false],
    ];
    for (const [tag, language, supported] of cases) assert.deepEqual(matchLanguage(tag), { language, supported }, String(tag));
  });

  it('loads each language once, with every entry of English in the same shape', async () => {
    const english = shape(en);
    for (const language of TRANSLATED) {
      await loadStrings(language);
      const strings = loadedStrings(language);
      assert.ok(strings, `${language} loaded`);
      assert.deepEqual(shape(strings), english, `${language} has English's entries`);
      await loadStrings(language);
      assert.equal(loadedStrings(language), strings, `${language} is loaded once`);
    }
  });

  it('translates every entry: what reads as in English is a symbol or a word the language shares', async () => {
    const shared = new Set(['CSV', 'PNG', ' (ms)', 'p50', 'p95', 'p99', 'Toolkit', 'toolkit', 'Tool', 'Status', 'Details', 'Operator']);
    for (const word of ['Sessions', 'Session', 'session', 'Total', 'Message', 'Log', 'Trace', 'Sandbox', 'framework', 'host', 'Series'])
      shared.add(word);
    for (const language of TRANSLATED) {
      await loadStrings(language);
      const strings = loadedStrings(language) as unknown as Record<string, Record<string, unknown>>;
      const untranslated: string[] = [];
      for (const [group, entries] of Object.entries(en as unknown as Record<string, Record<string, unknown>>))
        for (const [key, value] of Object.entries(entries)) {
          const theirs = strings[group][key];
          const pairs: [string, unknown, unknown][] =
            typeof value === 'object' && value !== null
              ? Object.entries(value).map(([k, v]) => [`${group}.${key}.${k}`, v, (theirs as Record<string, unknown>)[k]])
              : [[`${group}.${key}`, value, theirs]];
          for (const [path, english, translated] of pairs)
            if (typeof english === 'string' && english && translated === english && !shared.has(english)) untranslated.push(path);
        }
      assert.deepEqual(untranslated, [], `${language} leaves these in English`);
    }
  });

  it('says the English hints exactly as core does (the BFF answers with core’s words)', () => {
    for (const kind of FAILURE_KINDS) {
      assert.equal(en.hints.causes[kind], hintForKind(kind).cause, kind);
      assert.equal(en.hints.nextSteps[kind], hintForKind(kind).next, kind);
    }
  });

  it('builds plurals and counts by each language’s rules', async () => {
    await loadStrings('fr');
    const fr = loadedStrings('fr')!;
    assert.equal(en.insights.calls({ count: 1, shown: '1' }), '1 call');
    assert.equal(en.insights.calls({ count: 0, shown: '0' }), '0 calls');
    // French counts zero as one
    assert.equal(fr.insights.calls({ count: 0, shown: '0' }), '0 appel');
    assert.equal(fr.insights.calls({ count: 1200, shown: '1 200' }), '1 200 appels');
    assert.equal(plurals('ja')(5, { other: '件' }), '件');
  });
});

describe('words: the strings override', () => {
  const warnings: string[] = [];
  const warn = (message: string) => void warnings.push(message);

  it('replaces a string, some values of a record and a function, and keeps the rest', () => {
    warnings.length = 0;
    const override: StringsOverride = {
      table: { loadMore: 'More please', columns: { user: 'Customer' }, newLogs: ({ shown }) => `${shown} fresh` },
    };
    const words = withOverride(en, override, warn);
    assert.equal(words.table.loadMore, 'More please');
    assert.deepEqual(words.table.columns, { ...en.table.columns, user: 'Customer' });
    assert.equal(words.table.newLogs({ count: 3, shown: '3' }), '3 fresh');
    assert.equal(words.table.grid, en.table.grid);
    assert.equal(words.chart, en.chart, 'groups without an override are the built-in ones');
    assert.deepEqual(warnings, []);
    assert.equal(withOverride(en, override, warn), words, 'one merge per override object');
    assert.equal(en.table.loadMore, 'Load more', 'the built-in table is not touched');
  });

  it('ignores wrong values with a warning, and a throwing function falls back to the built-in words', () => {
    warnings.length = 0;
    const bad = {
      table: { loadMore: 42, columns: { user: 7, nope: 'x' }, newLogs: 'fresh', nope: 'x' },
      nope: {},
      chart: 'x',
      detail: {
        showAll: () => {
          throw new Error('host bug');
        },
      },
    } as unknown as StringsOverride;
    const words = withOverride(en, bad, warn);
    assert.equal(words.table.loadMore, en.table.loadMore);
    assert.deepEqual(words.table.columns, en.table.columns);
    assert.equal(words.table.newLogs({ count: 2, shown: '2' }), '2 new');
    assert.equal(words.chart, en.chart);
    assert.equal(words.detail.showAll({ count: 9, shown: '9' }), 'show all 9 characters');
    assert.ok(warnings.some((w) => w.includes('strings.detail.showAll threw')));
    for (const path of [
      'table.loadMore',
      'table.columns.user',
      'table.columns.nope',
      'table.newLogs',
      'table.nope',
      'strings.nope',
      'strings.chart',
    ])
      assert.ok(
        warnings.some((w) => w.includes(path)),
        `warned about ${path}: ${warnings.join(' | ')}`,
      );
    warnings.length = 0;
    assert.equal(withOverride(en, 'fr' as unknown as StringsOverride, warn), en);
    assert.equal(warnings.length, 1);
  });
});
