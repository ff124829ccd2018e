/**
 * What the host set, as the table can use it: a page that sets a bad value keeps working and is
 * told once (the table warns; nothing here throws).
 */
import type { LogFilter } from '../../contract/upstream.ts';
import { isRangePreset } from '../../core/ranges.ts';
import { cleanFilters, pageLimit } from './data.ts';
import { LOG_COLUMNS, type LogColumn } from './views.ts';

/** `columns` as an attribute: a comma-separated list (checked by `pickColumns`, not here). */
export const columnsConverter = {
  fromAttribute: (value: string | null) => (value ?? '').split(',') as LogColumn[],
  toAttribute: (value: readonly LogColumn[]) => value.join(','),
};

/** The known columns named in `columns` (a list, or a comma-separated string from plain JS), in order (all when none is known), and the unknown names. */
export function pickColumns(value: unknown): { columns: LogColumn[]; unknown: string[] } {
  const names = (Array.isArray(value) ? value.map(String) : String(value ?? '').split(',')).map((c) => c.trim()).filter(Boolean);
  const columns = names.filter((c): c is LogColumn => (LOG_COLUMNS as readonly string[]).includes(c));
  return { columns: columns.length ? columns : [...LOG_COLUMNS], unknown: names.filter((c) => !columns.includes(c as LogColumn)) };
}

/**
 * The host's attributes as the table can use them: valid filters and known columns (only when
 * they changed), and one problem per bad value for a warning.
 */
export function checkAttributes(
  el: { filters: unknown; columns: unknown; range: unknown; pageSize: unknown },
  changed: ReadonlyMap<PropertyKey, unknown>,
): { filters?: LogFilter[]; columns?: LogColumn[]; problems: string[] } {
  const problems: string[] = [];
  const out: { filters?: LogFilter[]; columns?: LogColumn[] } = {};
  if (changed.has('filters')) {
    const { filters, problem } = cleanFilters(el.filters);
    if (problem) problems.push(problem);
    if (filters !== el.filters) out.filters = filters;
  }
  if (changed.has('columns')) {
    const { columns, unknown } = pickColumns(el.columns);
    if (unknown.length)
      problems.push(`columns: ignored unknown ${unknown.map((c) => JSON.stringify(c)).join(', ')} (known: ${LOG_COLUMNS.join(', ')})`);
    out.columns = columns;
  }
  if (changed.has('range') && !isRangePreset(el.range)) problems.push(`unknown range ${JSON.stringify(el.range)}; showing the last 24h`);
  const { problem } = changed.has('pageSize') ? pageLimit(el.pageSize) : {};
  if (problem) problems.push(problem);
  return { ...out, problems };
}
