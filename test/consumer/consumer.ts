// Type-checked by .ci/run after `npm run build` against dist/types, through the package's own
// "exports" (self-reference): what a consumer's TypeScript sees. A broken .d.ts fails CI here.
import { BffClient, BffRequestError } from 'composio-widgets';
import type { ComposioUsageChart } from 'composio-widgets/usage-chart';
import type { ComposioLogTable } from 'composio-widgets/log-table';
import { LogTable, UsageChart } from 'composio-widgets/react';
import { createComposioHandler } from 'composio-widgets/server';
import { toNodeListener } from 'composio-widgets/server/node';
import { connectRedis, createRedisStore, redisBudget } from 'composio-widgets/server/redis';
import { BFF_PATHS } from 'composio-widgets/contract';
import { createSimulator } from 'composio-widgets/simulator';

const client = new BffClient({ endpoint: '/api/composio' });
const handler: (request: Request) => Promise<Response> = createComposioHandler({
  apiKey: 'sim_ak_demo',
  resolveScope: () => ({ userIds: ['user_1'] }),
});
const listener = toNodeListener(handler);
const redis = connectRedis('redis://127.0.0.1:6379', { lazyConnect: true });
const shared = createComposioHandler({
  apiKey: 'sim_ak_demo',
  cursorSecret: 'a-secret-of-at-least-thirty-two-bytes!',
  resolveScope: () => ({ userIds: ['user_1'] }),
  store: createRedisStore({ redis, prefix: 'app:' }),
  budget: redisBudget({ redis, instances: 2 }),
});
const simulator = createSimulator({ now: 0 });
const chart = document.createElement('composio-usage-chart') as ComposioUsageChart;
chart.range = '30d';
chart.addEventListener('composio-range-select', (event) => event.detail.from.toFixed());
const table = document.createElement('composio-log-table') as ComposioLogTable;
table.filters = [{ field: 'status', operator: '==', value: 'failed' }];
const path: string = BFF_PATHS.logList;

export { client, listener, shared, simulator, LogTable, UsageChart, BffRequestError, path };
export { UsageChart as ChartOnly } from 'composio-widgets/react/usage-chart';
export { LogTable as TableOnly } from 'composio-widgets/react/log-table';
