import type { LogEntry, LogFilter, LogListResponse } from '../../src/contract/upstream.ts';
import { createSimulator, type Simulator, type SimulatorOptions } from '../../src/simulator/index.ts';

export const NOW = Date.UTC(2026, 10, 23, 12, 0, 0);
export const DAY = 86_400_000;
export const BASE = 'https://backend.composio.dev';
export const PROJECT_KEY = { 'x-api-key': 'sim_ak_demo' };
export const ORG_KEY = { 'x-org-api-key': 'sim_oak_demo' };

/** A small, fixed-clock world with no practical rate limit: fast enough to brute-force. */
export function smallSimulator(options: SimulatorOptions = {}): Simulator {
  return createSimulator({ now: NOW, historyDays: 14, toolCalls: 6_000, rateLimit: { limit: 1e9 }, ...options });
}

export interface Reply<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

export async function call<T = any>(
  sim: Simulator,
  path: string,
  body?: unknown,
  headers: Record<string, string> = PROJECT_KEY,
): Promise<Reply<T>> {
  const response = await sim.fetch(
    new Request(BASE + path, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    }),
  );
  return { status: response.status, headers: response.headers, body: parseLenient(await response.text()) as T };
}

/** JSON when it parses, else the text itself (a malformed-JSON fault, a non-JSON answer). */
export function parseLenient(text: string): any {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Page through the list endpoint to the end; fails the test on any non-200. */
export async function listAll(
  sim: Simulator,
  query: { filters?: LogFilter[]; time_range?: { from: number; to: number }; limit?: number } = {},
  between?: () => void,
): Promise<LogEntry[]> {
  const logs: LogEntry[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 100_000; page++) {
    const reply: Reply<LogListResponse> = await call(sim, '/api/v3.1/logs/tool_execution', { limit: 100, ...query, cursor });
    if (reply.status !== 200) throw new Error(`list failed: ${reply.status} ${JSON.stringify(reply.body)}`);
    logs.push(...reply.body.logs);
    cursor = reply.body.next_cursor;
    if (!cursor) return logs;
    between?.();
  }
  throw new Error('listAll: too many pages');
}

/** The value a log filter compares against, read back from a list entry ('' when absent). */
export function fieldOf(log: LogEntry, field: LogFilter['field']): string {
  switch (field) {
    case 'status':
      return log.status;
    case 'log_id':
      return log.id;
    default: {
      const value = log.metadata[field];
      return typeof value === 'string' ? value : '';
    }
  }
}
