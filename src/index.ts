/** `composio-widgets`: defines every element. Import `composio-widgets/usage-chart` (or `/log-table`) for one. */
export { ComposioUsageChart } from './elements/usage-chart/define.ts';
export type * from './elements/shared/events.ts';
export { BffClient, BffRequestError, type BffClientOptions, type FetchToken } from './client/bff-client.ts';
