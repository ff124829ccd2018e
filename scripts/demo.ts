/**
 * `npm run demo`: builds the demo page, then serves it with the BFF on http://127.0.0.1:$PORT
 * (default 5173). Upstream: the embedded Composio v3.1 simulator, or a real project with
 * COMPOSIO_API_KEY=… COMPOSIO_USER_IDS=a,b.
 */
import { build } from 'vite';
import { startDemoServer } from '../demo/server.ts';

const started = performance.now();
await build({ configFile: 'demo/vite.config.ts', mode: 'server', logLevel: 'warn' });
const apiKey = process.env.COMPOSIO_API_KEY;
const userIds = (process.env.COMPOSIO_USER_IDS ?? '')
  .split(',')
  .map((s) => s.trim())
  .filter(Boolean);
if (apiKey && !userIds.length) {
  console.error('COMPOSIO_USER_IDS is needed with COMPOSIO_API_KEY: the Composio user ids the demo customer may see (comma-separated).');
  process.exit(1);
}
const demo = await startDemoServer({ root: '.demo', port: Number(process.env.PORT ?? 5173), apiKey, userIds });
console.log(
  `composio-widgets demo (${apiKey ? 'your Composio project' : 'embedded simulator'}), ready in ${Math.round(performance.now() - started)} ms:`,
);
console.log(`  ${demo.url}/`);
console.log(`  host examples: ${demo.url}/examples/plain.html · react.html · vue.html`);
const stop = () => demo.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
