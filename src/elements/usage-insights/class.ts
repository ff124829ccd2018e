/**
 * `composio-widgets/usage-insights/class`: the `ComposioUsageInsights` class only, with no tag defined — for hosts
 * that register their own tag name (`customElements.define('my-tag', ComposioUsageInsights)`) or use a scoped registry.
 */
export { ComposioUsageInsights } from './usage-insights.ts';
