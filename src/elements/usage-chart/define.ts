/** `composio-widgets/usage-chart`: registers `<composio-usage-chart>`. */
import { defineElement } from '../shared/define.ts';
import { ComposioUsageChart } from './usage-chart.ts';

defineElement('composio-usage-chart', ComposioUsageChart);

declare global {
  interface HTMLElementTagNameMap {
    'composio-usage-chart': ComposioUsageChart;
  }
}

export { ComposioUsageChart };
