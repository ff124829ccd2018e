/** A made-up log list entry for the tests that feed the table by hand; `extra` overrides any field. */
import type { LogEntry } from '../../src/contract/upstream.ts';

export function fakeLog(id: string, at: number, extra: Partial<LogEntry> = {}): LogEntry {
  return {
    id,
    timestamp: new Date(at).toISOString(),
    type: 'tool.execution',
    status: 'success',
    level: 'info',
    message: id,
    metadata: { tool_slug: 'GMAIL_SEND_EMAIL', toolkit_slug: 'gmail', user_id: 'u1' },
    metrics: { duration_ms: 100 },
    parent: null,
    ...extra,
  };
}
