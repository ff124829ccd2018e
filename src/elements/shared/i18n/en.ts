/**
 * English, whole: the fallback of every other language, and the reference the tests compare them
 * with. The elements do not import this file: each imports only its own groups (en/*.ts), so a
 * page with one element carries none of the others' words.
 */
import type { Strings } from './strings.ts';
import { chart } from './en/chart.ts';
import { common, problem } from './en/common.ts';
import { detail } from './en/detail.ts';
import { hints } from './en/hints.ts';
import { insights } from './en/insights.ts';
import { range } from './en/range.ts';
import { table } from './en/table.ts';

export const en: Strings = { common, problem, hints, chart, range, insights, table, detail };
