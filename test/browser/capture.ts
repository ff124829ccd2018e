/** What a test's page said and threw: console warnings, and uncaught errors and rejections. */

export function captureWarnings(): { messages: string[]; restore: () => void } {
  const messages: string[] = [];
  const original = console.warn;
  console.warn = (...args: unknown[]) => void messages.push(args.map(String).join(' '));
  return { messages, restore: () => (console.warn = original) };
}

export function captureUncaught(): { errors: unknown[]; restore: () => void } {
  const errors: unknown[] = [];
  const onError = (e: ErrorEvent | PromiseRejectionEvent) => errors.push('reason' in e ? e.reason : (e.error ?? e.message));
  window.addEventListener('error', onError);
  window.addEventListener('unhandledrejection', onError);
  return {
    errors,
    restore: () => {
      window.removeEventListener('error', onError);
      window.removeEventListener('unhandledrejection', onError);
    },
  };
}
