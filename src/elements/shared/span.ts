/** How the elements say a window in words. */
import { html } from 'lit';
import { isRangePreset } from '../../core/ranges.ts';
import type { CommonStrings } from './i18n/strings.ts';

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

/** After a failure, which window the greyed data on screen is for: "Showing Last 30d (Nov 3 – Dec 2, 2026)". */
export function renderShown(
  shown: { from: number; to: number; preset?: string },
  o: { zone: string; locale?: string; words: CommonStrings },
) {
  const span = formatSpan(shown.from, shown.to, o.zone, o.locale);
  const range = isRangePreset(shown.preset) ? o.words.ranges[shown.preset] : undefined;
  return html`<p class="shown" part="shown" role="status">${o.words.shown(range, span)}</p>`;
}
