/**
 * `composio-widgets/log-detail/class`: the `ComposioLogDetail` class only, with no tag defined — for hosts that
 * register their own tag name (`customElements.define('my-tag', ComposioLogDetail)`) or use a scoped registry.
 */
export { ComposioLogDetail } from './log-detail.ts';
