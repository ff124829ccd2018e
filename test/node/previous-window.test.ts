import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { calendarBuckets } from '../../src/core/buckets.ts';
import { previousWindow, resolveRange } from '../../src/core/ranges.ts';
import { localTime } from '../../src/core/time-zone.ts';

const NY = 'America/New_York';
const HOUR = 3_600_000;

/** A bucket as local wall-clock text: "2026-10-30 00:00 → 2026-10-31 00:00". */
function wall(epochMs: number, timeZone: string): string {
  const t = localTime(epochMs, timeZone);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${t.year}-${p(t.month)}-${p(t.day)} ${p(t.hour)}:${p(t.minute)}:${p(t.second)}`;
}

/** Local wall time `days` days earlier, as the same text. */
function daysEarlier(text: string, days: number): string {
  const [date, time] = text.split(' ');
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - days);
  return `${d.toISOString().slice(0, 10)} ${time}`;
}

describe('core: previous window, bucket for bucket', () => {
  for (const [name, now] of [
    // current window contains the Nov 1 2026 fall-back day (25 h)
    ['current spans the DST change', Date.UTC(2026, 10, 5, 19, 23, 17, 250)],
    // previous window contains it
    ['previous spans the DST change', Date.UTC(2026, 10, 10, 19, 23, 17, 250)],
  ] as const) {
    it(`7d in New York, today partial: ${name}`, () => {
      const current = resolveRange('7d', now, NY);
      const previous = previousWindow(current.from, current.to, NY);
      const a = calendarBuckets(current.from, current.to, 'day', NY);
      const b = calendarBuckets(previous.from, previous.to, 'day', NY);
      assert.equal(a.length, 7);
      assert.equal(b.length, a.length, 'same bucket count');
      a.forEach((bucket, i) => {
        assert.equal(wall(b[i].from, NY), daysEarlier(wall(bucket.from, NY), 7), `bucket ${i} start`);
        // the end at "now" is rounded down to its minute (the comparison's requests repeat for a minute)
        const end = i === a.length - 1 ? wall(bucket.to, NY).slice(0, -2) + '00' : wall(bucket.to, NY);
        assert.equal(wall(b[i].to, NY), daysEarlier(end, 7), `bucket ${i} end`);
      });
      // today 00:00–14:23:17 compares with the same local hours seven days earlier, not a sliver
      assert.equal(wall(b[0].from, NY).slice(11), '00:00:00');
      assert.equal(wall(b.at(-1)!.to, NY).slice(11), '14:23:00');
      assert.equal(b.at(-1)!.to % 60_000, 0);
      assert.equal(previous.to <= current.from, true);
      const lengths = [...a, ...b].map((x) => (x.to - x.from) / HOUR);
      assert.ok(lengths.includes(25), `a 25-hour day is one bucket: ${lengths}`);
    });
  }

  it('a window ending at local midnight moves back by exactly its days', () => {
    const from = Date.UTC(2026, 9, 29, 4); // Oct 29 00:00 EDT
    const to = Date.UTC(2026, 10, 5, 5); // Nov 5 00:00 EST
    const previous = previousWindow(from, to, NY);
    assert.equal(previous.to, from);
    assert.equal(wall(previous.from, NY), '2026-10-22 00:00:00');
  });

  it('90d by week moves back 13 whole weeks: bucket i has the same weekdays and hours as current bucket i', () => {
    const now = Date.UTC(2026, 11, 2, 19, 23, 17); // Wed Dec 2 14:23 in New York
    const current = resolveRange('90d', now, NY); // from Thu Sep 4
    const previous = previousWindow(current.from, current.to, NY, 'week');
    const a = calendarBuckets(current.from, current.to, 'week', NY);
    const b = calendarBuckets(previous.from, previous.to, 'week', NY);
    assert.equal(b.length, a.length, 'same bucket count');
    a.forEach((bucket, i) => {
      assert.equal(wall(b[i].from, NY), daysEarlier(wall(bucket.from, NY), 91), `bucket ${i} start`);
      const end = i === a.length - 1 ? wall(bucket.to, NY).slice(0, -2) + '00' : wall(bucket.to, NY);
      assert.equal(wall(b[i].to, NY), daysEarlier(end, 91), `bucket ${i} end`);
    });
    // the partial first week is as partial as the current one, not a different sliver
    const days = (x: { from: number; to: number }) => Math.round((x.to - x.from) / (24 * HOUR));
    assert.equal(days(b[0]), days(a[0]));
    assert.ok(days(a[0]) < 7, `the window starts mid-week (${days(a[0])} days)`);
    assert.equal(previous.to <= current.from, true);
    // by day, the same window moves back by its 90 days
    assert.equal(wall(previousWindow(current.from, current.to, NY, 'day').from, NY), daysEarlier(wall(current.from, NY), 90));
  });

  it('rolling and unaligned windows move back by their length', () => {
    const now = Date.UTC(2026, 10, 5, 19, 23);
    const day = resolveRange('24h', now, NY);
    assert.deepEqual(previousWindow(day.from, day.to, NY), { from: day.from - 24 * HOUR, to: day.from });
    assert.deepEqual(previousWindow(10, 30), { from: -10, to: 10 });
  });
});
