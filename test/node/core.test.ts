import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { csvCell, toCsv } from '../../src/core/csv.ts';
import { compareDecimals, formatScaled, subtractDecimals, sumDecimals } from '../../src/core/decimal.ts';
import { autoInterval, previousWindow, resolveRange } from '../../src/core/ranges.ts';

describe('core: CSV', () => {
  it('quotes per RFC 4180 and neutralises spreadsheet formulas', () => {
    assert.equal(csvCell('plain'), 'plain');
    assert.equal(csvCell('a,b'), '"a,b"');
    assert.equal(csvCell('say "hi"'), '"say ""hi"""');
    assert.equal(csvCell('line\nbreak'), '"line\nbreak"');
    assert.equal(csvCell('=HYPERLINK("http://x","y")'), `"'=HYPERLINK(""http://x"",""y"")"`);
    for (const start of ['+', '-', '@', '\t', '\r'])
      assert.ok(csvCell(`${start}1`).replace(/^"/, '').startsWith(`'${start}`), JSON.stringify(start));
    assert.equal(csvCell(-5), '-5', 'numbers stay numbers');
    assert.equal(csvCell(null), '');
    assert.equal(toCsv(['a', 'b'], [[1, 'x,y']]), 'a,b\r\n1,"x,y"\r\n');
  });

  it('round-trips any text through an RFC 4180 reader, with formula cells prefixed', () => {
    const read = (cell: string) => (cell.startsWith('"') ? cell.slice(1, -1).replace(/""/g, '"') : cell);
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        const cell = csvCell(text);
        if (!cell.startsWith('"')) assert.ok(!/[",\r\n]/.test(cell), 'unquoted cells hold no specials');
        assert.equal(read(cell), /^[=+\-@\t\r]/.test(text) ? `'${text}` : text);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('core: decimal strings', () => {
  it('adds, subtracts and compares exactly', () => {
    assert.equal(sumDecimals(['0.1', '0.2']), '0.3');
    assert.equal(sumDecimals([]), '0');
    assert.equal(sumDecimals(['9007199254740993', '1']), '9007199254740994');
    assert.equal(subtractDecimals('1', '1.25'), '-0.25');
    assert.equal(compareDecimals('10', '9.99'), 1);
    assert.equal(formatScaled(2500, 6), '0.0025');
    assert.throws(() => sumDecimals(['1e3']), /decimal/);
  });
});

describe('core: ranges', () => {
  it('resolves presets to local days and picks sensible intervals', () => {
    const now = Date.UTC(2026, 10, 23, 15, 30);
    assert.deepEqual(resolveRange('24h', now, 'UTC'), { from: now - 86_400_000, to: now });
    assert.equal(resolveRange('7d', now, 'UTC').from, Date.UTC(2026, 10, 17));
    assert.equal(resolveRange('7d', now, 'America/New_York').from, Date.UTC(2026, 10, 17, 5));
    assert.equal(autoInterval(0, 86_400_000), 'hour');
    assert.equal(autoInterval(0, 30 * 86_400_000), 'day');
    assert.equal(autoInterval(0, 62 * 86_400_000), 'day');
    // "90d" by day would be 90 bars and, cold, 180 upstream calls with its previous period
    const ninety = resolveRange('90d', now, 'UTC');
    assert.equal(autoInterval(ninety.from, ninety.to), 'week');
    assert.equal(autoInterval(0, 200 * 86_400_000), 'week');
    assert.deepEqual(previousWindow(10, 30), { from: -10, to: 10 });
  });
});
