/**
 * `composio-widgets/react/usage-insights`: the `<UsageInsights>` wrapper alone (it loads no
 * Chart.js). Defines the element on import.
 */
import { createComponent, type EventName } from '@lit/react';
import * as React from 'react';
import type { FiltersRequestDetail, GroupSelectDetail, RangeChangeDetail } from '../elements/shared/events.ts';
import { ComposioUsageInsights } from '../elements/usage-insights/define.ts';
import { commonEvents } from './events.ts';
import { deferHydrationOnServer } from './hydration.ts';

export const UsageInsights = deferHydrationOnServer(
  createComponent({
    tagName: 'composio-usage-insights',
    elementClass: ComposioUsageInsights,
    react: React,
    events: {
      ...commonEvents,
      onGroupSelect: 'composio-group-select' as EventName<CustomEvent<GroupSelectDetail>>,
      onFiltersRequest: 'composio-filters-request' as EventName<CustomEvent<FiltersRequestDetail>>,
      onRangeChange: 'composio-range-change' as EventName<CustomEvent<RangeChangeDetail>>,
    },
  }),
);
