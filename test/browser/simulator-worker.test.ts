import { expect } from '@open-wc/testing';
import { setupWorker } from 'msw/browser';
import { createSimulator } from '../../src/simulator/index.ts';
import { simulatorHandlers } from '../../src/simulator/msw.ts';

const NOW = Date.UTC(2026, 10, 23, 12);
const BASE = 'https://backend.composio.dev';
const simulator = createSimulator({ now: NOW, historyDays: 7, toolCalls: 3_000, rateLimit: { limit: 1e9 } });
const worker = setupWorker(...simulatorHandlers(simulator));

before(async () => {
  await worker.start({ quiet: true, onUnhandledRequest: 'bypass' });
});
after(() => worker.stop());

async function post(path: string, body: unknown) {
  const response = await fetch(BASE + path, {
    method: 'POST',
    headers: { 'x-api-key': 'sim_ak_demo', 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { response, body: await response.json() };
}

describe('web-test-runner + msw service worker + simulator', () => {
  it('serves Composio’s v3.1 paths from the simulator through the service worker', async () => {
    expect(navigator.serviceWorker.controller?.scriptURL).to.match(/\/mockServiceWorker\.js$/);
    const before = simulator.stats.requests;
    const { response, body } = await post('/api/v3.1/project/usage/summary', { from: NOW - 86_400_000, to: NOW });
    expect(response.status).to.equal(200);
    expect(response.headers.get('X-RateLimit-Remaining')).to.be.a('string');
    expect(simulator.stats.requests).to.equal(before + 1);

    // the summary reconciles with the logs listed to the end, in the browser too
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { logs: { id: string }[]; next_cursor: string | null } } = await post('/api/v3.1/logs/tool_execution', {
        limit: 100,
        cursor,
        time_range: { from: NOW - 86_400_000, to: NOW },
      });
      ids.push(...page.body.logs.map((l) => l.id));
      cursor = page.body.next_cursor;
    } while (cursor);
    expect(ids.length).to.be.greaterThan(100);
    expect(new Set(ids).size).to.equal(ids.length);
    expect(body.entities.tool_calls.event_count).to.equal(ids.length);
  });

  it('answers errors with the v3.1 envelope', async () => {
    const { response, body } = await post('/api/v3.1/project/usage/summary', { from: 0, to: NOW });
    expect(response.status).to.equal(400);
    expect(body.error.message).to.contain('366 days');
  });
});
