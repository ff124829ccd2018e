/**
 * The filter bar's Time control: the shared range control (shared/range-control.ts) over the
 * table's presets. A custom range of days becomes the table's `from` and `to` (epoch ms, as URL
 * state keeps them); a preset clears them.
 */
import type { RangePreset } from '../../core/ranges.ts';
import { RangeControl, type RangeHost } from '../shared/range-control.ts';
import { TABLE_RANGES } from './data.ts';

export interface TimeHost extends RangeHost {
  range: unknown;
  from?: string;
  to?: string;
}

export interface TimeOptions {
  /** The table's zone: the days of a custom range are its days. */
  zone(): string;
  /** A choice applied (`from`/`to` already set): the preset in force, for the table to tell its host. */
  changed(range: RangePreset): void;
}

export function timeControl(table: TimeHost, options: TimeOptions): RangeControl {
  return new RangeControl(table, {
    presets: TABLE_RANGES,
    fallback: '24h',
    current: () => table,
    zone: options.zone,
    apply: ({ range, from, to }) => {
      [table.from, table.to] = from === undefined ? [undefined, undefined] : [String(from), String(to)];
      options.changed(range);
    },
  });
}
