/**
 * `composio-widgets/usage-chart/class`: the `ComposioUsageChart` class only, with no tag defined — for hosts that
 * register their own tag name (`customElements.define('my-tag', ComposioUsageChart)`) or use a scoped registry.
 */
export { ComposioUsageChart } from './usage-chart.ts';
