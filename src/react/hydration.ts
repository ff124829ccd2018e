/**
 * Server rendering: @lit/react sets an element's properties only once it hydrates, so the HTML
 * carries none of them, and an element whose module runs before hydration would load with its
 * defaults, then again with the real values (issue 13: 10 BFF calls instead of 5). Rendered on the
 * server, our wrappers add `defer-hydration`: the element waits (elements/shared/base.ts) until
 * @lit/react has set its properties and removed the attribute.
 */
import * as React from 'react';
import { DEFER_HYDRATION } from '../elements/shared/base.ts';

export function deferHydrationOnServer<Props extends object, Instance>(
  Component: React.ForwardRefExoticComponent<Props & React.RefAttributes<Instance>>,
): React.ForwardRefExoticComponent<Props & React.RefAttributes<Instance>> {
  if (typeof document !== 'undefined') return Component; // rendering in a browser: nothing to wait for
  const Deferred = React.forwardRef<Instance, Props>((props, ref) =>
    React.createElement(Component, { ...props, ref, [DEFER_HYDRATION]: '' } as Props & React.RefAttributes<Instance>),
  );
  Deferred.displayName = Component.displayName;
  return Deferred as React.ForwardRefExoticComponent<Props & React.RefAttributes<Instance>>;
}
