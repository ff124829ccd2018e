/**
 * Request arguments, response bodies and failure messages for a log, generated on demand from the
 * seed and the log's index (nothing is stored). Realistic enough to debug against: PII-like
 * fields, large list responses, and hostile strings where the data set flags them.
 */
import { HOSTILE_STRINGS, type FailureKind, type PayloadKind } from './catalog.ts';
import type { Random } from './random.ts';

const FIRST = ['Ada', 'Grace', 'Linus', 'Margaret', 'Alan', 'Katherine', 'Dennis', 'Barbara', 'Ken', 'Frances'];
const LAST = ['Lovelace', 'Hopper', 'Torvalds', 'Hamilton', 'Turing', 'Johnson', 'Ritchie', 'Liskov', 'Thompson', 'Allen'];
const DOMAINS = ['globex.example', 'initech.example', 'hooli.example', 'umbrella-health.example', 'mail.example'];
const SUBJECTS = ['Quarterly report', 'Invoice #4471', 'Re: onboarding call', 'Design review notes', 'Weekly sync'];
const CHANNELS = ['#general', '#eng-alerts', '#sales', '#support', '#random'];
const REPOS = ['acme/api', 'acme/web', 'acme/agents', 'acme/infra'];
const WORDS = 'agent deploy invoice customer meeting follow-up draft review release incident summary roadmap'.split(' ');

export interface PayloadContext {
  rng: Random;
  /** Put hostile strings where user-controlled text would go. */
  hostile: boolean;
  /** Make the response ≥ 200 kB (a big list or a file). */
  large: boolean;
  /** How many times bigger a large response is (1: the usual ≥ 200 kB). */
  largeScale: number;
}

/** `n` times the context's large-response scale. */
function scaled(ctx: PayloadContext, n: number): number {
  return Math.round(n * ctx.largeScale);
}

function text(ctx: PayloadContext, words: number): string {
  if (ctx.hostile && ctx.rng.chance(0.5)) return ctx.rng.pick(HOSTILE_STRINGS);
  let out = '';
  for (let i = 0; i < words; i++) out += (i ? ' ' : '') + ctx.rng.pick(WORDS);
  return out;
}

function person(ctx: PayloadContext) {
  const first = ctx.rng.pick(FIRST);
  const last = ctx.rng.pick(LAST);
  return {
    name: `${first} ${last}`,
    email: `${first}.${last}@${ctx.rng.pick(DOMAINS)}`.toLowerCase(),
    phone: `+1-555-${String(ctx.rng.int(100, 999))}-${String(ctx.rng.int(1000, 9999))}`,
  };
}

function isoDaysAhead(ctx: PayloadContext, base: number): string {
  return new Date(base + ctx.rng.int(1, 14) * 86_400_000 + ctx.rng.int(8, 17) * 3_600_000).toISOString();
}

/** Arguments the agent sent. */
export function buildArguments(kind: PayloadKind, ctx: PayloadContext, ts: number): Record<string, unknown> {
  const { rng } = ctx;
  switch (kind) {
    case 'email_send':
      return {
        recipient_email: ctx.hostile ? rng.pick(HOSTILE_STRINGS) : person(ctx).email,
        subject: ctx.hostile ? text(ctx, 3) : rng.pick(SUBJECTS),
        body: `Hi,\n\n${text(ctx, 30)}\n\nBest,\n${person(ctx).name}`,
        is_html: false,
      };
    case 'email_list':
      return { query: ctx.hostile ? rng.pick(HOSTILE_STRINGS) : 'is:unread newer_than:2d', max_results: ctx.large ? 150 : rng.int(5, 25) };
    case 'message_send':
      return { channel: rng.pick(CHANNELS), text: text(ctx, 12) };
    case 'message_list':
      return { channel: rng.pick(CHANNELS), limit: rng.int(10, 100) };
    case 'issue_create':
      return { repo: rng.pick(REPOS), title: text(ctx, 5), body: text(ctx, 40), labels: ['agent'] };
    case 'issue_list':
    case 'commit_list':
      return { repo: rng.pick(REPOS), state: 'open', per_page: ctx.large ? 100 : rng.int(10, 50) };
    case 'page_create':
      return { parent_id: 'pg_' + rng.token(12), title: text(ctx, 4), markdown: text(ctx, 60) };
    case 'search':
    case 'web_search':
    case 'tool_search':
      return { query: text(ctx, 3) };
    case 'event_create':
      return { summary: text(ctx, 3), start_datetime: isoDaysAhead(ctx, ts), attendees: [person(ctx).email, person(ctx).email] };
    case 'event_list':
      return { time_min: new Date(ts).toISOString(), max_results: rng.int(5, 50) };
    case 'file_find':
    case 'file_download':
      return { file_id: '1' + rng.token(32), mime_type: 'application/pdf' };
    case 'contact_create':
      return { ...person(ctx), company: rng.pick(DOMAINS), address: `${rng.int(1, 999)} Main St, Springfield` };
    case 'contact_search':
      return { query: ctx.hostile ? rng.pick(HOSTILE_STRINGS) : person(ctx).email };
    case 'meta_execute':
      return { tools: rng.int(2, 4), sync_response_to_workbench: false };
  }
}

/** The toolkit's response body on success. */
export function buildResult(kind: PayloadKind, ctx: PayloadContext, ts: number): Record<string, unknown> {
  const { rng } = ctx;
  const many = (n: number, make: (i: number) => Record<string, unknown>) => Array.from({ length: n }, (_, i) => make(i));
  switch (kind) {
    case 'email_send':
      return { id: rng.token(16), threadId: rng.token(16), labelIds: ['SENT'] };
    case 'email_list':
      return {
        messages: many(ctx.large ? scaled(ctx, 150) : rng.int(1, 8), () => ({
          id: rng.token(16),
          from: person(ctx),
          subject: text(ctx, 4),
          snippet: text(ctx, 12),
          body: ctx.large ? text(ctx, 300) : text(ctx, 40),
        })),
        resultSizeEstimate: rng.int(1, 200),
      };
    case 'message_send':
      return { ok: true, ts: `${Math.floor(ts / 1000)}.${rng.int(100000, 999999)}` };
    case 'message_list':
      return { messages: many(rng.int(3, 20), () => ({ user: 'U' + rng.token(8).toUpperCase(), text: text(ctx, 10) })) };
    case 'issue_create':
      return { number: rng.int(100, 9999), html_url: `https://github.com/${rng.pick(REPOS)}/issues/${rng.int(100, 9999)}`, state: 'open' };
    case 'issue_list':
      return { items: many(rng.int(1, 12), () => ({ number: rng.int(1, 9999), title: text(ctx, 6), state: 'open' })) };
    case 'commit_list':
      return {
        commits: many(ctx.large ? scaled(ctx, 400) : rng.int(5, 30), () => ({
          sha: rng.token(40, '0123456789abcdef'),
          author: person(ctx),
          message: ctx.large ? text(ctx, 80) : text(ctx, 8),
        })),
      };
    case 'page_create':
      return { id: rng.token(32), url: `https://notion.so/${rng.token(32)}` };
    case 'search':
    case 'tool_search':
      return { results: many(rng.int(0, 10), () => ({ id: rng.token(12), title: text(ctx, 4) })) };
    case 'web_search':
      return { results: many(rng.int(3, 10), () => ({ url: `https://${rng.pick(DOMAINS)}/${rng.token(8)}`, snippet: text(ctx, 20) })) };
    case 'event_create':
      return { id: rng.token(26), status: 'confirmed', htmlLink: `https://calendar.google.com/event?eid=${rng.token(20)}` };
    case 'event_list':
      return { items: many(rng.int(0, 10), () => ({ id: rng.token(26), summary: text(ctx, 3), start: isoDaysAhead(ctx, ts) })) };
    case 'file_find':
      return { files: many(rng.int(0, 6), () => ({ id: '1' + rng.token(32), name: `${text(ctx, 2)}.pdf` })) };
    case 'file_download':
      return { name: 'contract.pdf', mime_type: 'application/pdf', content_base64: rng.token(ctx.large ? scaled(ctx, 240_000) : 2_000) };
    case 'contact_create':
      return { id: String(rng.int(100000, 999999)), properties: person(ctx) };
    case 'contact_search':
      return { total: 2, results: many(2, () => ({ id: String(rng.int(100000, 999999)), properties: person(ctx) })) };
    case 'meta_execute':
      return { results: 'see child logs' };
  }
}

/** The error text a failed call reports: the documented failure patterns, in their usual wording. */
export function failureMessage(
  kind: FailureKind,
  tool: string,
  toolkit: string,
  userId: string,
  ctx: PayloadContext,
): { message: string; error: string } {
  const { rng } = ctx;
  const detail = (() => {
    switch (kind) {
      case 'token_expired':
        return rng.chance(0.5)
          ? '401 Unauthorized: the access token has expired (invalid_grant: Token has been expired or revoked)'
          : '401 Unauthorized: invalid_auth, the token was revoked by the user';
      case 'missing_scopes':
        return `403 Forbidden: missing required scopes (${toolkit === 'gmail' ? 'https://www.googleapis.com/auth/gmail.send' : `${toolkit}:write`})`;
      case 'invalid_input': {
        const value = ctx.hostile ? rng.pick(HOSTILE_STRINGS) : rng.pick(['not-an-email', '', '2026-13-45', 'null']);
        return `422 Unprocessable Entity: invalid input for field '${rng.pick(['recipient_email', 'channel', 'start_datetime', 'repo'])}': ${JSON.stringify(value)}`;
      }
      case 'tool_not_found':
        return `Tool ${tool}_V2 not found: it may have been renamed or deprecated`;
      case 'no_connected_account':
        return `No connected account found for user '${userId}' and toolkit '${toolkit}'`;
      case 'rate_limited':
        return `429 Too Many Requests from ${toolkit}: rate limit exceeded, retry after ${rng.int(5, 60)}s`;
      case 'upstream_error':
        return `${rng.pick(['500 Internal Server Error', '502 Bad Gateway', '503 Service Unavailable'])} from the ${toolkit} API`;
      case 'timeout':
        return 'Execution timed out after 60000 ms';
    }
  })();
  return { message: `${tool} failed: ${detail}`, error: detail };
}
