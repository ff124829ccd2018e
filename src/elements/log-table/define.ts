/** `composio-widgets/log-table`: registers `<composio-log-table>` (the detail panel loads on first open). */
import { defineElement } from '../shared/define.ts';
import { ComposioLogTable } from './log-table.ts';

defineElement('composio-log-table', ComposioLogTable);

declare global {
  interface HTMLElementTagNameMap {
    'composio-log-table': ComposioLogTable;
  }
}

export { ComposioLogTable };
export type { LogColumn } from './log-table.ts';
