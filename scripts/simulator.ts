/** `npm run simulator`: the Composio v3.1 simulator on http://127.0.0.1:$PORT (default 4010). */
import { createSimulator, DEFAULT_ORG_API_KEY, DEFAULT_PROJECT_API_KEY } from '../src/simulator/index.ts';
import { listen } from '../src/simulator/node.ts';

const port = Number(process.env.PORT ?? 4010);
const started = performance.now();
const simulator = createSimulator({
  seed: process.env.SIM_SEED ?? undefined,
  toolCalls: process.env.SIM_TOOL_CALLS ? Number(process.env.SIM_TOOL_CALLS) : undefined,
});
const server = await listen(simulator, port);
const logs = simulator.dataset.visibleCount(simulator.now());
console.log(`Composio v3.1 simulator: ${logs.toLocaleString('en-US')} logs, built in ${Math.round(performance.now() - started)} ms`);
console.log(`  project key: x-api-key: ${DEFAULT_PROJECT_API_KEY}    org key: x-org-api-key: ${DEFAULT_ORG_API_KEY}`);
console.log(
  `  try: curl -s -X POST ${server.url}/api/v3.1/project/usage/summary -H 'x-api-key: ${DEFAULT_PROJECT_API_KEY}' -H 'content-type: application/json' -d '{}'`,
);
console.log(server.url);
const stop = () => server.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
