/**
 * The virtualizer's ResizeObservers can end a frame with "ResizeObserver loop completed with
 * undelivered notifications": a benign report (the spec defers those notifications to the next
 * frame) that mocha would count as an uncaught error. Only that exact message is ignored.
 */
window.addEventListener(
  'error',
  (event) => {
    if (event.message?.startsWith('ResizeObserver loop completed with undelivered notifications')) {
      event.stopImmediatePropagation();
      event.preventDefault();
    }
  },
  true,
);
