/** How the elements say a window in words. */

/** A window as the reader says it ("Nov 3 – Dec 2, 2026"; with times when it is two days or less); `to` is exclusive. */
export function formatSpan(from: number, to: number, timeZone: string, locale?: string): string {
  const short = to - from <= 2 * 86_400_000;
  const format = new Intl.DateTimeFormat(locale, {
    month: 'short',
    day: 'numeric',
    year: 'numeric',
    timeZone,
    ...(short ? { hour: 'numeric', minute: '2-digit' } : {}),
  });
  return format.formatRange(from, Math.max(from, to - 1));
}
