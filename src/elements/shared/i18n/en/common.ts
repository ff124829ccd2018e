/** English: the words every element shares, and the error banner’s (built into every element). */
import type { CommonStrings, ProblemStrings } from '../strings.ts';

export const common: CommonStrings = {
  retry: 'Retry',
  details: 'Details',
  staleData: 'Showing the last data that loaded.',
  loading: 'Loading…',
  other: 'Other',
  none: '(none)',
  success: 'Success',
  failed: 'Failed',
  ranges: { '1h': 'Last 1h', '24h': 'Last 24h', '7d': 'Last 7d', '30d': 'Last 30d', '90d': 'Last 90d' },
  shown: (range, span) => `Showing ${range ?? 'custom range'} (${span})`,
  labelValue: (label, value) => `${label}: ${value}`,
  noPrevious: 'No data for the previous period',
  overTimes: (times) => `Over ${times}× the previous period`,
  versus: (change) => `${change} vs previous period`,
  noChange: 'No change vs previous period',
  points: (change) => `${change} pts vs previous period`,
  busyWaiting: (seconds) => `Busy — retrying in ${seconds} s`,
  busyRetrying: 'Busy — retrying now…',
  retryNow: 'Retry now',
};

export const problem: ProblemStrings = {
  offline: {
    usage: 'Usage data could not be loaded. Check your connection and try again.',
    activity: 'Activity could not be loaded. Check your connection and try again.',
    details: 'These details could not be loaded. Check your connection and try again.',
  },
  notFound: {
    usage: 'Usage data could not be found.',
    activity: 'Activity could not be found.',
    details: 'These details could not be found.',
  },
  badSettings: {
    usage: 'Usage data could not be loaded for these settings. Try a shorter period or fewer filters.',
    activity: 'Activity could not be loaded for these settings. Try a shorter period or fewer filters.',
    details: 'These details could not be loaded for these settings. Try a shorter period or fewer filters.',
  },
  unavailable: {
    usage: 'Usage data is temporarily unavailable. Try again in a moment.',
    activity: 'Activity is temporarily unavailable. Try again in a moment.',
    details: 'These details are temporarily unavailable. Try again in a moment.',
  },
  tooMany: 'Too many requests right now. Try again in a moment.',
  tooManyWait: (seconds) => `Too many requests right now. Try again in ${seconds} s.`,
  signedOut: 'Your session has expired or you are signed out. Sign in again to see this.',
  request: (id) => `request ${id}`,
};
