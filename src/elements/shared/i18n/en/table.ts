/** English: `<composio-log-table>`’s words (built into the table). */
import { plurals, type TableStrings } from '../strings.ts';

const plural = plurals('en');

export const table: TableStrings = {
  columns: { time: 'Time', status: 'Status', tool: 'Tool', toolkit: 'Toolkit', user: 'User', message: 'Message', duration: 'Duration' },
  grid: 'Tool calls',
  all: 'All',
  allUsers: 'All users',
  toolPlaceholder: 'e.g. send_email',
  operators: { '==': 'is', '!=': 'is not', contains: 'contains', not_contains: 'does not contain' },
  filter: (field, operator, value) => `${field} ${operator} ${value}`,
  removeFilter: (filter) => `Remove filter: ${filter}`,
  empty: ({ status, toolkit, tool, range, where }) => {
    const kind = status === 'failed' ? 'failed calls' : status === 'success' ? 'successful calls' : 'tool calls';
    const period = range
      ? {
          '1h': 'the last hour',
          '24h': 'the last 24 hours',
          '7d': 'the last 7 days',
          '30d': 'the last 30 days',
          '90d': 'the last 90 days',
        }[range]
      : 'the selected period';
    return `No ${kind}${toolkit ? ` in ${toolkit}` : ''}${tool ? ` matching '${tool}'` : ''} in ${period}${where.length ? `, where ${where.join(' and ')}` : ''}.`;
  },
  clearFilters: 'Clear filters',
  livePaused: (reason, seconds) => `Live updates paused (${reason}) — retrying in ${seconds} s`,
  pauseReasons: {
    tooMany: 'too many requests',
    signedOut: 'you are signed out',
    unavailable: 'the activity service is not answering',
    offline: 'no connection',
  },
  calledInside: (tool) => `Called inside ${tool}`,
  inside: (tool) => `inside ${tool}: `,
  toggleCalls: (expanded, { count, shown }) =>
    `${expanded ? 'Hide' : 'Show'} ${shown} ${plural(count, { one: 'call', other: 'calls' })} inside`,
  newLogs: ({ shown }) => `${shown} new`,
  loaded: ({ shown }, all) => `${shown} loaded${all ? ' · all' : ''}`,
  loadMore: 'Load more',
  panel: 'Tool call details',
  closePanel: 'Close details',
  addFilter: '+ Add filter',
  addFilterForm: 'Add a filter',
  field: 'Field',
  operator: 'Operator',
  value: 'Value',
  add: 'Add',
  cancel: 'Cancel',
  fields: {
    tool_slug: 'Tool',
    toolkit_slug: 'Toolkit',
    connected_account_id: 'Connected account',
    auth_config_id: 'Auth config',
    status: 'Status',
    user_id: 'User',
    session_id: 'Session',
    sandbox_id: 'Sandbox',
    request_id: 'Request id',
    log_id: 'Log id',
  },
  suggestions: ({ count, shown }) => `${shown} ${plural(count, { one: 'suggestion', other: 'suggestions' })}`,
  goTo: 'Go to log',
  goToForm: 'Go to a log',
  goToPlaceholder: 'log_… or req_…',
  open: 'Open',
  exportCsv: 'Export CSV',
  exportNdjson: 'Export JSON lines',
  exportTitle: (max) => `Every matching log in the window (up to ${max})`,
  exporting: ({ shown }, size) => `Exporting… ${shown} rows (${size})`,
  kilobytes: (n) => `${n} kB`,
  cancelExport: 'Cancel export',
};
