/**
 * Every word the elements show, as one typed table: a group per concern, each entry a string, a
 * record of strings (one per value of a closed set) or a function that builds a sentence. Numbers
 * reach the functions already formatted in the element's locale (`Count.shown`), with the raw
 * count beside them for the plural rules of the language (`plurals()`), so word order, plurals and
 * punctuation ("12 calls", "12 appels", "12 件の呼び出し") are each language's own business.
 */
import type { RangePreset } from '../../../core/ranges.ts';
import type { FailureKind } from '../../../core/failure-hints.ts';
import type { InsightsGroupBy, SeriesInterval } from '../../../contract/protocol.ts';
import type { LogFilterField } from '../../../contract/upstream.ts';

/** The built-in languages: English ships with the elements; the others load on first use. */
export const LANGUAGES = ['en', 'de', 'fr', 'es', 'ja', 'pt-BR'] as const;
export type Language = (typeof LANGUAGES)[number];
/** The languages loaded on first use (English is built into the elements). */
export type LoadedLanguage = Exclude<Language, 'en'>;

/** A number as counted (for plural rules) and as shown (formatted in the element's locale). */
export interface Count {
  count: number;
  shown: string;
}

/** What could not be loaded, in the reader's words. */
export type Subject = 'usage' | 'activity' | 'details';

/** A metric of `<composio-usage-chart>`. */
export type ChartMetricKey = 'tool_calls' | 'sessions' | 'error_rate' | 'latency_p50' | 'latency_p95' | 'latency_p99' | 'active_users';

/** Words several elements share. */
export interface CommonStrings {
  retry: string;
  /** The folded technical details of an error. */
  details: string;
  /** After a failure: the data on screen is the last that loaded. */
  staleData: string;
  loading: string;
  /** The group that sums everything not shown by name. */
  other: string;
  /** A group whose key is empty. */
  none: string;
  success: string;
  failed: string;
  /** Range presets as pickers name them ("Last 24h"). */
  ranges: Record<RangePreset, string>;
  /** After a failure: which window the greyed data is for; `range` is undefined for a custom window. */
  shown: (range: string | undefined, span: string) => string;
  /** "Calls: 12", as a screen reader hears a highlighted value. */
  labelValue: (label: string, value: string) => string;
  noPrevious: string;
  /** A change too large for a percentage ("Over 100× the previous period"). */
  overTimes: (times: string) => string;
  /** "+12.5% vs previous period". */
  versus: (change: string) => string;
  noChange: string;
  /** An error rate's change in percentage points, signed ("+1.2"). */
  points: (change: string) => string;
  /** A busy server (429) is waited out: "Busy — retrying in 12 s", then "Busy — retrying now…". */
  busyWaiting: (seconds: string) => string;
  busyRetrying: string;
  /** Skip a wait (a busy server, a paused live tail). */
  retryNow: string;
}

/** The error banner: plain words by what happened, never HTTP jargon. */
export interface ProblemStrings {
  offline: Record<Subject, string>;
  notFound: Record<Subject, string>;
  badSettings: Record<Subject, string>;
  unavailable: Record<Subject, string>;
  tooMany: string;
  tooManyWait: (seconds: string) => string;
  signedOut: string;
  /** In the technical details: "request req_…". */
  request: (id: string) => string;
}

/** Failure kinds (core/failure-hints.ts) for the reader: a name, the likely cause and the next step. */
export interface HintStrings {
  kinds: Record<FailureKind | 'other', string>;
  causes: Record<FailureKind, string>;
  nextSteps: Record<FailureKind, string>;
  likelyCause: string;
  nextStep: string;
  argumentsSent: string;
}

export interface ChartStrings {
  metrics: Record<ChartMetricKey, string>;
  /** The empty state of a counted metric (a metric of the logs says "no tool calls"). */
  empty: Record<'tool_calls' | 'sessions', string>;
  /** Dimensions as running text says them ("by toolkit"). */
  groups: Record<'toolkit_slug' | 'tool_slug' | 'user_id' | 'session_id' | 'connected_account_id' | 'project_id', string>;
  /** The table's first heading when the dimension has no name. */
  group: string;
  /** Bucket sizes, capitalised: the table's first heading and the Interval picker. */
  intervals: Record<SeriesInterval, string>;
  auto: string;
  range: string;
  interval: string;
  table: string;
  csv: string;
  png: string;
  /** The legend's accessible name. */
  series: string;
  previousPeriod: string;
  total: string;
  /** The footer row of a rate or a percentile (not a sum). */
  wholePeriod: string;
  /** The PNG's title: "Tool calls by toolkit". */
  titleBy: (metric: string, group: string) => string;
  /** The canvas's accessible name and the table's caption, for a series. */
  summarySeries: (p: {
    metric: string;
    interval: SeriesInterval;
    first?: string;
    last?: string;
    total: string;
    /** A rate or a percentile: the window's own figure, not a sum. */
    rate: boolean;
    peak?: { value: string; at: string };
  }) => string;
  /** The same for a breakdown: each bar and the total. */
  summaryBreakdown: (p: { metric: string; group: string; bars: { label: string; value: string }[]; total: string }) => string;
  keysSeries: string;
  keysBreakdown: string;
  keysTable: string;
  /** The note when the BFF has no series route. */
  fallback: (interval: SeriesInterval) => string;
  /** The unit a CSV column of a metric of the logs states (its cells are plain numbers). */
  csvUnits: Record<'error_rate' | 'latency_p50' | 'latency_p95' | 'latency_p99' | 'active_users', string>;
}

/** The range control of the chart, the insights and the log table: presets, and a custom range of whole days. */
export interface RangeStrings {
  /** The option that opens the custom range form ("Custom…"). */
  custom: string;
  /** The custom range form's accessible name. */
  form: string;
  /** The first and last day's labels. */
  from: string;
  to: string;
  apply: string;
  cancel: string;
  /** Under the dates: whose days they are ("Whole days in Asia/Kolkata"); the zone is an IANA id. */
  zone: (zone: string) => string;
  /** Why Apply is off: a date missing, not a real date (or before 1970), From after To, a day in the future. */
  problems: Record<'missing' | 'invalid' | 'order' | 'future', string>;
  /** Why Apply is off: the days are too far apart (`days`, the most, formatted). */
  tooLong: (days: string) => string;
}

export interface InsightsStrings {
  tiles: Record<'calls' | 'error_rate' | 'p95' | 'active_users' | 'sessions_per_day' | 'charges', string>;
  columns: Record<'calls' | 'error_rate' | 'p50' | 'p95' | 'p99', string>;
  /** The group column's heading. */
  groupHeadings: Record<InsightsGroupBy, string>;
  /** The table's heading: "By toolkit". */
  byGroup: Record<InsightsGroupBy, string>;
  caption: (group: InsightsGroupBy, span: string) => string;
  /** A tile still loading (screen readers). */
  loadingTile: string;
  loading: string;
  partialCoverage: string;
  empty: string;
  topErrors: string;
  noErrors: string;
  unknownTool: string;
  calls: (n: Count) => string;
  example: string;
  /** The Range control's label (`controls`). */
  range: string;
}

export interface TableStrings {
  /** Column headings, also the filter bar's labels. */
  columns: Record<'time' | 'status' | 'tool' | 'toolkit' | 'user' | 'message' | 'duration', string>;
  /** The grid's accessible name. */
  grid: string;
  all: string;
  /** The User picker's first option (a customer with several user ids). */
  allUsers: string;
  toolPlaceholder: string;
  operators: Record<'==' | '!=' | 'contains' | 'not_contains', string>;
  /** A filter chip: "Session is not trs_1" (the field and the operator already in words). */
  filter: (field: string, operator: string, value: string) => string;
  removeFilter: (filter: string) => string;
  /** The empty result: what was asked, in plain words; `range` undefined for a custom window. */
  empty: (p: { status: '' | 'success' | 'failed'; toolkit: string; tool: string; range?: RangePreset; where: string[] }) => string;
  clearFilters: string;
  livePaused: (reason: string, seconds: string) => string;
  pauseReasons: Record<'tooMany' | 'signedOut' | 'unavailable' | 'offline', string>;
  /** A nested call's tooltip and its screen-reader prefix. */
  calledInside: (tool: string) => string;
  inside: (tool: string) => string;
  toggleCalls: (expanded: boolean, n: Count) => string;
  newLogs: (n: Count) => string;
  /** The footer's count; `all` when no page is left to load. */
  loaded: (n: Count, all: boolean) => string;
  loadMore: string;
  panel: string;
  closePanel: string;
  addFilter: string;
  addFilterForm: string;
  field: string;
  operator: string;
  value: string;
  add: string;
  cancel: string;
  fields: Record<LogFilterField, string>;
  suggestions: (n: Count) => string;
  goTo: string;
  goToForm: string;
  goToPlaceholder: string;
  open: string;
  exportCsv: string;
  /** Export as JSON lines (NDJSON: one log per line). */
  exportNdjson: string;
  exportTitle: (max: string) => string;
  exporting: (rows: Count, size: string) => string;
  kilobytes: (n: string) => string;
  cancelExport: string;
}

export interface DetailStrings {
  copy: string;
  /** A copy button's accessible name: "Copy log id". */
  copyWhat: (what: string) => string;
  copied: (what: string) => string;
  copyBlocked: (what: string) => string;
  /** Copy as JSON found the payload unreadable (its worker failed). */
  copyUnreadable: string;
  /** What a copy button copies, as the status line names it. */
  copyNames: Record<'log' | 'session' | 'trace' | 'request' | 'link' | 'payload', string>;
  copyLink: string;
  calledInside: string;
  openParent: (tool: string) => string;
  timing: string;
  start: string;
  end: string;
  duration: string;
  context: string;
  ids: Record<'log' | 'session' | 'trace' | 'request', string>;
  source: string;
  sources: Record<'host' | 'framework' | 'language', string>;
  metadata: string;
  payload: string;
  copyJson: string;
  noPayload: string;
  notFound: string;
  couldNotLoad: (message: string) => string;
  requestId: (id: string) => string;
  /** The JSON tree's words (its counts in the element's locale). */
  showAll: (n: Count) => string;
  showMore: (n: Count) => string;
  notShown: (n: Count) => string;
  arrayPreview: (n: Count) => string;
  objectPreview: (n: Count) => string;
}

export interface Strings {
  common: CommonStrings;
  problem: ProblemStrings;
  hints: HintStrings;
  chart: ChartStrings;
  range: RangeStrings;
  insights: InsightsStrings;
  table: TableStrings;
  detail: DetailStrings;
}

export const GROUPS = [
  'common',
  'problem',
  'hints',
  'chart',
  'range',
  'insights',
  'table',
  'detail',
] as const satisfies readonly (keyof Strings)[];

/**
 * The words one element shows: its own groups, the shared words and the error banner's. An
 * element carries only these in English (a page with the log table holds none of the chart's words).
 */
export type Words<G extends keyof Strings = never> = Pick<Strings, 'common' | 'problem' | G>;

/** An entry as a host may replace it: a string, a function of the same shape, or some values of a record. */
type EntryOverride<T> = T extends string ? string : T extends (...args: never[]) => string ? T : Partial<T>;

/**
 * The `strings` property: any word, replacing the built-in language's (a group, then entries):
 * `{ table: { loadMore: 'More' }, chart: { metrics: { tool_calls: 'Actions' } } }`.
 */
export type StringsOverride = { [G in keyof Strings]?: { [K in keyof Strings[G]]?: EntryOverride<Strings[G][K]> } };

export type PluralForms = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

/** The plural form of `count` in `language` ("1 call", "2 calls"; Japanese has one form). */
export function plurals(language: string): (count: number, forms: PluralForms) => string {
  const rules = new Intl.PluralRules(language);
  return (count, forms) => forms[rules.select(count)] ?? forms.other;
}
