/** `composio-widgets/usage-insights`: registers `<composio-usage-insights>`. */
import { defineElement } from '../shared/define.ts';
import { ComposioUsageInsights } from './usage-insights.ts';

defineElement('composio-usage-insights', ComposioUsageInsights);

declare global {
  interface HTMLElementTagNameMap {
    'composio-usage-insights': ComposioUsageInsights;
  }
}

export { ComposioUsageInsights };
