/**
 * `composio-widgets/react/usage-chart`: the `<UsageChart>` wrapper alone (a page without the log
 * table does not load it). Defines the element on import.
 */
import { createComponent, type EventName } from '@lit/react';
import * as React from 'react';
import type { GroupSelectDetail, RangeChangeDetail, RangeSelectDetail } from '../elements/shared/events.ts';
import { ComposioUsageChart } from '../elements/usage-chart/define.ts';
import { commonEvents } from './events.ts';
import { deferHydrationOnServer } from './hydration.ts';

export const UsageChart = deferHydrationOnServer(
  createComponent({
    tagName: 'composio-usage-chart',
    elementClass: ComposioUsageChart,
    react: React,
    events: {
      ...commonEvents,
      onRangeSelect: 'composio-range-select' as EventName<CustomEvent<RangeSelectDetail>>,
      onRangeChange: 'composio-range-change' as EventName<CustomEvent<RangeChangeDetail>>,
      onGroupSelect: 'composio-group-select' as EventName<CustomEvent<GroupSelectDetail>>,
    },
  }),
);
