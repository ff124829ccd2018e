/**
 * From a failed tool call's message to a likely cause and a next step. Patterns cover the failure
 * modes Composio users meet most (expired tokens, scopes, bad input, …); the first match wins.
 */
/**
 * The failure patterns of tool calls, one word for each, shared by the hints, the insights
 * aggregate and the simulator (whose data set encodes a failure as 1 + its index here, so the
 * order is part of the simulator's seed-stable output: append, never reorder).
 */
export const FAILURE_KINDS = [
  'token_expired',
  'missing_scopes',
  'invalid_input',
  'tool_not_found',
  'no_connected_account',
  'rate_limited',
  'upstream_error',
  'timeout',
] as const;
export type FailureKind = (typeof FAILURE_KINDS)[number];

export interface FailureHint {
  kind: FailureKind;
  cause: string;
  next: string;
  /** Show the call's arguments next to the hint (the input is the likely culprit). */
  showArguments?: boolean;
}

const HINTS: [RegExp, FailureHint][] = [
  [
    /no connected account/i,
    {
      kind: 'no_connected_account',
      cause: 'The user has no connected account for this toolkit.',
      next: 'Ask the user to connect the account (start the toolkit’s auth flow), then retry.',
    },
  ],
  [
    /tool\b.*\bnot found|unknown tool/i,
    {
      kind: 'tool_not_found',
      cause: 'The tool does not exist (renamed, deprecated, or a typo in the slug).',
      next: 'Check the tool slug against the toolkit’s current tool list and update the agent.',
    },
  ],
  [
    /\b401\b|expired|revoked|invalid_grant|invalid_auth|unauthori[sz]ed/i,
    {
      kind: 'token_expired',
      cause: 'The connected account’s access token expired or was revoked.',
      next: 'Reconnect the account; if it keeps happening, check the auth config’s refresh settings.',
    },
  ],
  [
    /\b403\b|scope|forbidden|not accessible/i,
    {
      kind: 'missing_scopes',
      cause: 'The connected account lacks a permission (OAuth scope) this tool needs.',
      next: 'Add the missing scope to the auth config and have the user reconnect.',
    },
  ],
  [
    /\b429\b|rate limit|too many requests/i,
    {
      kind: 'rate_limited',
      cause: 'The toolkit’s API rate-limited the call.',
      next: 'Retry later with backoff, or spread the agent’s calls out.',
    },
  ],
  [
    /timed out|timeout/i,
    {
      kind: 'timeout',
      cause: 'The call did not finish in time.',
      next: 'Retry; if it repeats, ask for less data per call (smaller page, narrower query).',
    },
  ],
  [
    /\b4(00|22)\b|invalid|unprocessable|validation|required field|malformed/i,
    {
      kind: 'invalid_input',
      cause: 'The agent sent arguments the tool rejected.',
      next: 'Check the arguments below against the tool’s input schema.',
      showArguments: true,
    },
  ],
  [
    /\b5\d\d\b|bad gateway|service unavailable|internal server error|upstream/i,
    {
      kind: 'upstream_error',
      cause: 'The toolkit’s own API failed.',
      next: 'Retry in a moment; check the provider’s status page if it persists.',
    },
  ],
];

export function failureHint(status: string, message: string | undefined): FailureHint | undefined {
  if (status !== 'failed') return undefined;
  return HINTS.find(([pattern]) => pattern.test(message ?? ''))?.[1];
}

/** The hint of a failure kind (for a group of failures rather than one message). */
export function hintForKind(kind: FailureKind): FailureHint {
  return HINTS.find(([, hint]) => hint.kind === kind)![1];
}
