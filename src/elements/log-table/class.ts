/**
 * `composio-widgets/log-table/class`: the `ComposioLogTable` class only, with no tag defined — for hosts that
 * register their own tag name (`customElements.define('my-tag', ComposioLogTable)`) or use a scoped registry.
 * Opening a row still defines `<composio-log-detail>` globally (the panel is that element).
 */
export { ComposioLogTable } from './log-table.ts';
