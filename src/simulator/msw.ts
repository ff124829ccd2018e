/**
 * msw handlers that route Composio's v3.1 paths to a simulator. The same handlers work with
 * `setupServer` (Node: intercepts the BFF's upstream fetch) and `setupWorker` (browser: the
 * static demo and browser tests run the simulator inside the page).
 */
import { http, type HttpHandler } from 'msw';
import { COMPOSIO_BASE_URL } from '../contract/constants.ts';
import type { Simulator } from './index.ts';

export function simulatorHandlers(simulator: Simulator, baseUrl: string = COMPOSIO_BASE_URL): HttpHandler[] {
  const origin = baseUrl.replace(/\/+$/, '');
  return [http.all(`${origin}/api/*`, ({ request }) => simulator.fetch(request))];
}
