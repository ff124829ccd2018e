/** English: failure kinds, their likely causes and next steps (the insights and the detail panel show them). */
import type { HintStrings } from '../strings.ts';

export const hints: HintStrings = {
  kinds: {
    token_expired: 'Expired connection',
    missing_scopes: 'Missing permissions',
    invalid_input: 'Invalid input',
    tool_not_found: 'Unknown tool',
    no_connected_account: 'No connected account',
    rate_limited: 'Rate limited',
    upstream_error: 'App error',
    timeout: 'Timed out',
    other: 'Other failure',
  },
  causes: {
    no_connected_account: 'The user has no connected account for this toolkit.',
    tool_not_found: 'The tool does not exist (renamed, deprecated, or a typo in the slug).',
    token_expired: 'The connected account’s access token expired or was revoked.',
    missing_scopes: 'The connected account lacks a permission (OAuth scope) this tool needs.',
    rate_limited: 'The toolkit’s API rate-limited the call.',
    timeout: 'The call did not finish in time.',
    invalid_input: 'The agent sent arguments the tool rejected.',
    upstream_error: 'The toolkit’s own API failed.',
  },
  nextSteps: {
    no_connected_account: 'Ask the user to connect the account (start the toolkit’s auth flow), then retry.',
    tool_not_found: 'Check the tool slug against the toolkit’s current tool list and update the agent.',
    token_expired: 'Reconnect the account; if it keeps happening, check the auth config’s refresh settings.',
    missing_scopes: 'Add the missing scope to the auth config and have the user reconnect.',
    rate_limited: 'Retry later with backoff, or spread the agent’s calls out.',
    timeout: 'Retry; if it repeats, ask for less data per call (smaller page, narrower query).',
    invalid_input: 'Check the arguments below against the tool’s input schema.',
    upstream_error: 'Retry in a moment; check the provider’s status page if it persists.',
  },
  likelyCause: 'Likely cause:',
  nextStep: 'Next step:',
  argumentsSent: 'Arguments sent',
};
