/** `composio-widgets`: defines every element. Import `composio-widgets/usage-chart`, `/usage-insights` or `/log-table` for one. */
export { ComposioUsageChart } from './elements/usage-chart/define.ts';
export { ComposioUsageInsights } from './elements/usage-insights/define.ts';
export { ComposioLogTable, type LogColumn } from './elements/log-table/define.ts';
export { ComposioLogDetail } from './elements/log-detail/define.ts';
export type * from './elements/shared/events.ts';
export { LANGUAGES, type Language, type Strings, type StringsOverride } from './elements/shared/i18n/strings.ts';
export { BffClient, BffRequestError, type BffClientOptions, type FetchToken } from './client/bff-client.ts';
