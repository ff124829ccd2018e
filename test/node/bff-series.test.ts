import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { sumDecimals } from '../../src/core/decimal.ts';
import type { UsageSeriesBucket } from '../../src/contract/protocol.ts';
import { makeBff, NOW } from './bff-helpers.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const ZONES = ['UTC', 'America/New_York', 'Europe/Berlin', 'Asia/Kolkata', 'Australia/Lord_Howe'];

/** Wall-clock parts read with an independent formatter (not the code under test). */
function wall(epochMs: number, timeZone: string) {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hourCycle: 'h23',
      weekday: 'short',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
      .formatToParts(epochMs)
      .map((p) => [p.type, p.value]),
  );
  return {
    weekday: parts.weekday,
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
  };
}

function isBoundary(epochMs: number, interval: string, timeZone: string): boolean {
  const t = wall(epochMs, timeZone);
  if (t.minute !== 0 || t.second !== 0) return false;
  if (interval === 'hour') return true;
  if (t.hour !== 0) return false;
  if (interval === 'week') return t.weekday === 'Mon';
  if (interval === 'month') return t.day === 1;
  return true;
}

describe('BFF series: calendar buckets in IANA zones (fast-check)', () => {
  // 60 days of history cover the 2026 DST changes of New York (Nov 1), Berlin (Oct 25) and Lord Howe (Oct 4)
  const bff = makeBff({ sim: { historyDays: 60, toolCalls: 8_000 } });
  const start = NOW - 60 * DAY;
  const spans = { hour: 4 * DAY, day: 40 * DAY, week: 60 * DAY, month: 60 * DAY } as const;

  for (const timeZone of ZONES) {
    it(`${timeZone}: Σ buckets = summary exactly, buckets contiguous, edges on local boundaries`, async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom('hour', 'day', 'week', 'month') as fc.Arbitrary<keyof typeof spans>,
          fc.integer({ min: start, max: NOW }),
          fc.double({ min: 0.01, max: 1, noNaN: true }),
          async (interval, from, share) => {
            const to = Math.min(NOW, from + Math.ceil(spans[interval] * share));
            const series = await bff.post('usage/tool_calls/series', { from, to, interval, time_zone: timeZone });
            assert.equal(series.status, 200, JSON.stringify(series.body));
            const buckets: UsageSeriesBucket[] = series.body.buckets;
            const summary = await bff.post('usage/summary', { from, to, entity_types: ['tool_calls'] });
            assert.equal(sumDecimals(buckets.map((b) => b.total_quantity)), summary.body.entities.tool_calls.total_quantity);
            if (to > from) {
              assert.equal(buckets[0].from, from);
              assert.equal(buckets.at(-1)!.to, to);
            }
            buckets.forEach((b, i) => {
              assert.ok(b.to > b.from, 'no empty bucket');
              if (i > 0) {
                assert.equal(b.from, buckets[i - 1].to, 'contiguous');
                assert.ok(isBoundary(b.from, interval, timeZone), `${interval} edge ${new Date(b.from).toISOString()} in ${timeZone}`);
              }
            });
          },
        ),
        { numRuns: 25, seed: 42 },
      );
    });
  }

  const dayLength = async (timeZone: string, localMidnightUtc: number) => {
    const got = await bff.post('usage/tool_calls/series', {
      from: localMidnightUtc - 2 * DAY,
      to: localMidnightUtc + 3 * DAY,
      interval: 'day',
      time_zone: timeZone,
    });
    return got.body.buckets.map((b: UsageSeriesBucket) => (b.to - b.from) / HOUR);
  };

  it('has 25-hour fall-back days in New York and Berlin, and a 23.5-hour spring day on Lord Howe', async () => {
    // 2026-11-01 00:00 New York (EDT, UTC−4) = 04:00Z; 2026-10-25 00:00 Berlin (CEST) = 2026-10-24 22:00Z
    assert.ok((await dayLength('America/New_York', Date.UTC(2026, 10, 1, 4))).includes(25));
    assert.ok((await dayLength('Europe/Berlin', Date.UTC(2026, 9, 24, 22))).includes(25));
    // 2026-10-04 00:00 Lord Howe (+10:30) = 2026-10-03 13:30Z; clocks jump 02:00 → 02:30
    assert.ok((await dayLength('Australia/Lord_Howe', Date.UTC(2026, 9, 3, 13, 30))).includes(23.5));
    assert.ok((await dayLength('Asia/Kolkata', Date.UTC(2026, 9, 31, 18, 30))).every((h: number) => h === 24 || h < 24));
  });

  it('shows the repeated 01:00 hour of a New York fall-back night as two hour buckets', async () => {
    const got = await bff.post('usage/tool_calls/series', {
      from: Date.UTC(2026, 10, 1, 4),
      to: Date.UTC(2026, 10, 1, 9),
      interval: 'hour',
      time_zone: 'America/New_York',
    });
    const hours = got.body.buckets.map((b: UsageSeriesBucket) => wall(b.from, 'America/New_York').hour);
    assert.deepEqual(hours, [0, 1, 1, 2, 3]);
  });
});
