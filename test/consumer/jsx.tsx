// Typed tags through the package's exports (type-checked by .ci/run against dist/types).
import type { CustomElements } from 'composio-widgets/jsx';
import 'composio-widgets/vue'; // (svelte.d.ts needs svelte's own types: checked by npm run test:hosts)
import { UsageChart } from 'composio-widgets/react';

declare module 'react' {
  // eslint-disable-next-line @typescript-eslint/no-namespace -- React's JSX namespace is augmented this way
  namespace JSX {
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type
    interface IntrinsicElements extends CustomElements {}
  }
}

export const page = (
  <>
    <composio-usage-chart range="30d" group-by="toolkit_slug" oncomposio-range-select={(e) => e.detail.from.toFixed()} />
    <composio-log-table range="24h" theme="dark" />
    {/* @ts-expect-error: 45d is not a chart range */}
    <composio-usage-chart range="45d" />
    <UsageChart range="30d" groupBy="toolkit_slug" onRangeSelect={(e) => e.detail.from.toFixed()} />
    <UsageChart controls onRangeChange={(e) => e.detail.range.toUpperCase() + (e.detail.to?.toFixed() ?? '')} />
    {/* @ts-expect-error: the React wrapper's props are typed too */}
    <UsageChart range="45d" />
  </>
);
