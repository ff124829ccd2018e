/** Registers `<composio-log-detail>` (the log table imports this on first open). */
import { defineElement } from '../shared/define.ts';
import { ComposioLogDetail } from './log-detail.ts';

defineElement('composio-log-detail', ComposioLogDetail);

declare global {
  interface HTMLElementTagNameMap {
    'composio-log-detail': ComposioLogDetail;
  }
}

export { ComposioLogDetail };
