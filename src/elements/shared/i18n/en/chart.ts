/** English: `<composio-usage-chart>`’s words (built into the chart). */
import type { ChartStrings } from '../strings.ts';

export const chart: ChartStrings = {
  metrics: {
    tool_calls: 'Tool calls',
    sessions: 'Sessions',
    error_rate: 'Error rate',
    latency_p50: 'p50 latency',
    latency_p95: 'p95 latency',
    latency_p99: 'p99 latency',
    active_users: 'Active users',
  },
  empty: { tool_calls: 'No tool calls in this period', sessions: 'No sessions in this period' },
  groups: {
    toolkit_slug: 'toolkit',
    tool_slug: 'tool',
    user_id: 'user',
    session_id: 'session',
    connected_account_id: 'connected account',
    project_id: 'project',
  },
  group: 'Group',
  intervals: { hour: 'Hour', day: 'Day', week: 'Week', month: 'Month' },
  auto: 'Auto',
  range: 'Range',
  interval: 'Interval',
  table: 'Table',
  csv: 'CSV',
  png: 'PNG',
  series: 'Series',
  previousPeriod: 'Previous period',
  total: 'Total',
  wholePeriod: 'Whole period',
  titleBy: (metric, group) => `${metric} by ${group}`,
  // the interval's key is its English noun ("per day")
  summarySeries: ({ metric, interval, first, last, total, rate, peak }) =>
    `${metric} per ${interval}, ${first ? `${first} to ${last}` : ''}: ${total} ${rate ? 'over the period' : 'in total'}` +
    `${peak ? `; highest ${peak.value} (${peak.at})` : ''}.`,
  summaryBreakdown: ({ metric, group, bars, total }) =>
    `${metric} by ${group}: ${bars.map((b) => `${b.label} ${b.value}`).join(', ')}. Total ${total}.`,
  keysSeries:
    'Left and Right arrows move between buckets, Home and End to the first and last. Up and Down arrows move between the groups of a bucket. Enter selects the bucket; Shift+Enter or G selects the highlighted group. Escape clears.',
  keysBreakdown: 'Arrow keys move between bars, Enter selects one.',
  keysTable: 'The Table button shows the same data as a table.',
  fallback: (interval) => `Computed per ${interval} in the browser: this server has no series route.`,
  csvUnits: { error_rate: ' (fraction)', latency_p50: ' (ms)', latency_p95: ' (ms)', latency_p99: ' (ms)', active_users: '' },
};
