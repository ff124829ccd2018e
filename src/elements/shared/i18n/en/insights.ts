/** English: `<composio-usage-insights>`’s words (built into the insights). */
import { plurals, type InsightsStrings } from '../strings.ts';

const plural = plurals('en');

export const insights: InsightsStrings = {
  tiles: {
    calls: 'Calls',
    error_rate: 'Error rate',
    p95: 'p95 latency',
    active_users: 'Active users',
    sessions_per_day: 'Sessions per day',
    charges: 'Charges',
  },
  columns: { calls: 'Calls', error_rate: 'Error rate', p50: 'p50', p95: 'p95', p99: 'p99' },
  groupHeadings: { toolkit_slug: 'Toolkit', tool_slug: 'Tool', user_id: 'User', connected_account_id: 'Connected account' },
  byGroup: { toolkit_slug: 'By toolkit', tool_slug: 'By tool', user_id: 'By user', connected_account_id: 'By connected account' },
  caption: (group, span) => {
    const noun = { toolkit_slug: 'toolkit', tool_slug: 'tool', user_id: 'user', connected_account_id: 'connected account' }[group];
    return `Calls, error rate and latency by ${noun}, ${span}. Select a ${noun} to see its calls.`;
  },
  loadingTile: 'Loading',
  loading: 'Loading insights…',
  partialCoverage: 'Logs cover only part of this period; the figures count that part.',
  empty: 'No tool calls in this period.',
  topErrors: 'Top errors',
  noErrors: 'No failed calls in this period.',
  unknownTool: '(unknown tool)',
  calls: ({ count, shown }) => `${shown} ${plural(count, { one: 'call', other: 'calls' })}`,
  example: 'Example:',
  range: 'Range',
};
