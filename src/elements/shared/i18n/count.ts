/** A count for the words' functions: the number for the plural rules, and as the reader reads it. */
import { formatNumber } from '../../../client/format.ts';
import type { Count } from './strings.ts';

export const count = (n: number, locale?: string): Count => ({ count: n, shown: formatNumber(n, locale) });
