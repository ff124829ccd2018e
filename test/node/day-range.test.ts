/**
 * A custom range of days as a window: whole local days in the element's zone (a DST day is 23 or
 * 25 hours; a zone far from UTC starts its days on the UTC day before), ending now when the last
 * day is today, and every input that makes no window answered with a reason, never thrown.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { addDays, dayRangeWindow, isStartOfDay, localDay, MAX_RANGE_DAYS } from '../../src/core/day-range.ts';
import { USAGE_MAX_WINDOW_MS } from '../../src/contract/constants.ts';

const HOUR = 3_600_000;
const NOW = Date.parse('2026-12-02T06:00:00Z');

describe('core: a range of days', () => {
  it('starts at local midnight and ends at the next one, in the zone asked for', () => {
    // Kolkata is UTC+05:30, Kiritimati UTC+14, Los Angeles UTC−08:00 in November
    assert.deepEqual(dayRangeWindow('2026-11-03', '2026-11-09', NOW, 'Asia/Kolkata'), {
      ok: true,
      from: Date.parse('2026-11-02T18:30:00Z'),
      to: Date.parse('2026-11-09T18:30:00Z'),
    });
    assert.deepEqual(dayRangeWindow('2026-11-03', '2026-11-03', NOW, 'Pacific/Kiritimati'), {
      ok: true,
      from: Date.parse('2026-11-02T10:00:00Z'),
      to: Date.parse('2026-11-03T10:00:00Z'),
    });
    assert.deepEqual(dayRangeWindow('2026-11-03', '2026-11-03', NOW, 'America/Los_Angeles'), {
      ok: true,
      from: Date.parse('2026-11-03T08:00:00Z'),
      to: Date.parse('2026-11-04T08:00:00Z'),
    });
  });

  it('keeps a DST day whole: 25 hours in autumn, 23 in spring (Los Angeles, Berlin)', () => {
    const span = (day: string, zone: string) => {
      const window = dayRangeWindow(day, day, NOW, zone);
      assert.ok(window.ok);
      return (window.to - window.from) / HOUR;
    };
    assert.equal(span('2026-11-01', 'America/Los_Angeles'), 25);
    assert.equal(span('2026-03-08', 'America/Los_Angeles'), 23);
    assert.equal(span('2026-10-25', 'Europe/Berlin'), 25);
    assert.equal(span('2026-03-29', 'Europe/Berlin'), 23);
    assert.equal(span('2026-11-02', 'America/Los_Angeles'), 24);
  });

  it('starts a day whose midnight DST skips at its first minute (Santiago, September)', () => {
    // Chile springs forward at 24:00: 2026-09-06 begins at 01:00 local (-03), 04:00 UTC
    const window = dayRangeWindow('2026-09-06', '2026-09-06', NOW, 'America/Santiago');
    assert.ok(window.ok);
    assert.equal(window.from, Date.parse('2026-09-06T04:00:00Z'));
    assert.equal(window.to - window.from, 23 * HOUR);
  });

  it('ends now when the last day is today in the zone (06:00 UTC is 20:00 on Dec 2 in Kiritimati)', () => {
    assert.deepEqual(dayRangeWindow('2026-12-01', '2026-12-02', NOW, 'Pacific/Kiritimati'), {
      ok: true,
      from: Date.parse('2026-11-30T10:00:00Z'),
      to: NOW,
    });
    const later = Date.parse('2026-12-02T10:00:00Z'); // Dec 3, 00:00 in Kiritimati
    assert.equal(localDay(later, 'Pacific/Kiritimati'), '2026-12-03');
    assert.deepEqual(dayRangeWindow('2026-12-03', '2026-12-03', later, 'Pacific/Kiritimati'), { ok: true, from: later, to: later + 1 });
  });

  it('says why two days make no window', () => {
    const problem = (from: string, to: string, zone = 'Asia/Kolkata') => {
      const window = dayRangeWindow(from, to, NOW, zone);
      return window.ok ? 'ok' : window.problem;
    };
    assert.equal(problem('', '2026-11-09'), 'missing');
    assert.equal(problem('2026-11-03', ' '), 'missing');
    assert.equal(problem('2026-02-30', '2026-03-02'), 'invalid');
    assert.equal(problem('11/03/2026', '2026-11-09'), 'invalid');
    assert.equal(problem('1969-12-31', '1970-01-02'), 'invalid');
    assert.equal(problem('2026-11-09', '2026-11-03'), 'order');
    // Dec 3 is the future in Los Angeles at 06:00 UTC, and today in Kiritimati an hour later
    assert.equal(problem('2026-12-01', '2026-12-03', 'America/Los_Angeles'), 'future');
    assert.equal(problem('2026-12-02', '2026-12-02', 'America/Los_Angeles'), 'future');
    assert.equal(problem('2026-12-01', '2026-12-01', 'America/Los_Angeles'), 'ok');
    assert.equal(problem(addDays('2026-11-30', -(MAX_RANGE_DAYS - 1)), '2026-11-30'), 'ok');
    assert.equal(problem(addDays('2026-11-30', -MAX_RANGE_DAYS), '2026-11-30'), 'tooLong');
  });

  it('never makes a window the BFF refuses: at most 366 × 24 h, from before to, from 1970 on', () => {
    const zones = [
      'UTC',
      'America/Los_Angeles',
      'Europe/Berlin',
      'Australia/Lord_Howe',
      'Asia/Kolkata',
      'Pacific/Kiritimati',
      'America/Santiago',
    ];
    const day = fc.integer({ min: 0, max: 900 }).map((back) => addDays('2026-12-03', -back));
    fc.assert(
      fc.property(day, day, fc.constantFrom(...zones), (from, to, zone) => {
        const window = dayRangeWindow(from, to, NOW, zone);
        if (!window.ok) return;
        assert.ok(window.from >= 0 && window.from < window.to && window.to <= NOW, `${from} – ${to} in ${zone}`);
        assert.ok(window.to - window.from <= USAGE_MAX_WINDOW_MS, `${from} – ${to} in ${zone}: ${window.to - window.from}`);
        assert.ok(isStartOfDay(window.from, zone));
        assert.equal(localDay(window.from, zone), from);
      }),
      { numRuns: 2000 },
    );
  });

  it('moves calendar days and reads an instant’s local day', () => {
    assert.equal(addDays('2026-03-01', -1), '2026-02-28');
    assert.equal(addDays('2024-02-28', 1), '2024-02-29');
    assert.equal(addDays('2026-12-31', 1), '2027-01-01');
    assert.equal(addDays('not a day', 1), '');
    assert.equal(localDay(Date.parse('2026-11-02T18:30:00Z'), 'Asia/Kolkata'), '2026-11-03');
    assert.equal(localDay(Date.parse('2026-11-02T18:29:59Z'), 'Asia/Kolkata'), '2026-11-02');
  });
});
