/** Event props every wrapper has. */
import type { EventName } from '@lit/react';
import type { ErrorDetail, LoadDetail } from '../elements/shared/events.ts';

export const commonEvents = {
  onLoad: 'composio-load' as EventName<CustomEvent<LoadDetail>>,
  onError: 'composio-error' as EventName<CustomEvent<ErrorDetail>>,
};
