/**
 * `composio-widgets/react/log-table`: the `<LogTable>` wrapper alone (a page without the chart never
 * loads Chart.js or the chart's code). Defines the element on import.
 */
import { createComponent, type EventName } from '@lit/react';
import * as React from 'react';
import { ComposioLogTable } from '../elements/log-table/define.ts';
import type { FiltersChangeDetail, LogSelectDetail } from '../elements/shared/events.ts';
import { commonEvents } from './events.ts';
import { deferHydrationOnServer } from './hydration.ts';

export const LogTable = deferHydrationOnServer(
  createComponent({
    tagName: 'composio-log-table',
    elementClass: ComposioLogTable,
    react: React,
    events: {
      ...commonEvents,
      onLogSelect: 'composio-log-select' as EventName<CustomEvent<LogSelectDetail>>,
      onFiltersChange: 'composio-filters-change' as EventName<CustomEvent<FiltersChangeDetail>>,
    },
  }),
);
