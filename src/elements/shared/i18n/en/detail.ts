/** English: `<composio-log-detail>`’s words (built into the detail panel, loaded with it). */
import { plurals, type DetailStrings } from '../strings.ts';

const plural = plurals('en');

export const detail: DetailStrings = {
  copy: 'Copy',
  copyWhat: (what) => `Copy ${what}`,
  copied: (what) => `Copied ${what}`,
  copyBlocked: (what) => `Copied ${what} (copy blocked: select the text)`,
  copyUnreadable: 'Copied nothing: the payload could not be read',
  copyNames: { log: 'log id', session: 'session id', trace: 'trace id', request: 'request id', link: 'link', payload: 'payload' },
  copyLink: 'Copy link',
  calledInside: 'Called inside',
  openParent: (tool) => `${tool} (open parent log)`,
  timing: 'Timing',
  start: 'Start',
  end: 'End',
  duration: 'Duration',
  context: 'Context',
  ids: { log: 'Log', session: 'Session', trace: 'Trace', request: 'Request' },
  source: 'Source',
  sources: { host: 'host', framework: 'framework', language: 'language' },
  metadata: 'Metadata',
  payload: 'Request and response',
  copyJson: 'Copy as JSON',
  noPayload: 'No payload stored: payload storage is off for this project (the audit row remains).',
  notFound: 'This log was not found, or is not yours to see.',
  couldNotLoad: (message) => `Could not load the log: ${message}`,
  requestId: (id) => `Request ID ${id}`,
  showAll: ({ shown }) => `show all ${shown} characters`,
  showMore: ({ shown }) => `show ${shown} more`,
  notShown: ({ shown }) => `${shown} not shown`,
  // a notation (as in developer tools), not a sentence: the count stays unformatted
  arrayPreview: ({ count }) => `Array(${count})`,
  objectPreview: ({ count, shown }) => `{${shown} ${plural(count, { one: 'key', other: 'keys' })}}`,
};
