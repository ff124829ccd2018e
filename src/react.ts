/**
 * `composio-widgets/react`: React wrappers (via `@lit/react`) with typed event props, for React 18
 * and 19. The elements are defined on import. For one element only, import
 * `composio-widgets/react/usage-chart`, `/react/usage-insights` or `/react/log-table`.
 *
 *   <UsageChart range="30d" onRangeSelect={(e) => setWindow(e.detail)} />
 */
export { UsageChart } from './react/usage-chart.ts';
export { UsageInsights } from './react/usage-insights.ts';
export { LogTable } from './react/log-table.ts';
