/**
 * `composio-widgets/react`: React wrappers (via `@lit/react`) with typed event props, for React 18
 * and 19. The elements are defined on import.
 *
 *   <UsageChart range="30d" onRangeSelect={(e) => setWindow(e.detail)} />
 */
import { createComponent, type EventName } from '@lit/react';
import * as React from 'react';
import { ComposioLogTable } from './elements/log-table/define.ts';
import type { ErrorDetail, FiltersChangeDetail, GroupSelectDetail, LoadDetail, LogSelectDetail, RangeSelectDetail } from './elements/shared/events.ts';
import { ComposioUsageChart } from './elements/usage-chart/define.ts';

const common = {
  onLoad: 'composio-load' as EventName<CustomEvent<LoadDetail>>,
  onError: 'composio-error' as EventName<CustomEvent<ErrorDetail>>,
};

export const UsageChart = createComponent({
  tagName: 'composio-usage-chart',
  elementClass: ComposioUsageChart,
  react: React,
  events: {
    ...common,
    onRangeSelect: 'composio-range-select' as EventName<CustomEvent<RangeSelectDetail>>,
    onGroupSelect: 'composio-group-select' as EventName<CustomEvent<GroupSelectDetail>>,
  },
});

export const LogTable = createComponent({
  tagName: 'composio-log-table',
  elementClass: ComposioLogTable,
  react: React,
  events: {
    ...common,
    onLogSelect: 'composio-log-select' as EventName<CustomEvent<LogSelectDetail>>,
    onFiltersChange: 'composio-filters-change' as EventName<CustomEvent<FiltersChangeDetail>>,
  },
});
