/**
 * The custom range form of `range-control.ts`: two native date inputs (From, To), Apply and Cancel,
 * with the checks behind them, and their styles. Its own chunk, loaded when a person first chooses
 * Custom…
 */
import { css, html } from 'lit';
import { formatNumber } from '../../client/format.ts';
import { addDays, dayRangeWindow, localDay, MAX_RANGE_DAYS, type DayRangeResult } from '../../core/day-range.ts';
import type { Words } from './i18n/strings.ts';
import type { RangeControl } from './range-control.ts';

/** The days the form opens on: the window shown now, never past today. */
export function openingDays(window: { from: number; to: number }, now: number, zone: string): { from: string; to: string } {
  const today = localDay(now, zone);
  const last = localDay(Math.max(window.from, window.to - 1), zone);
  const toDay = last < today ? last : today;
  const first = localDay(window.from, zone);
  return { from: first < toDay ? first : toDay, to: toDay };
}

/** What Apply would set: a window of whole local days, or why there is none. */
export function checkDays(fromDay: string, toDay: string, now: number, zone: string): DayRangeResult {
  return dayRangeWindow(fromDay, toDay, now, zone);
}

export function renderForm(
  c: RangeControl,
  o: { words: Words<'range'>; locale?: string },
  now: number,
  onKeydown: (e: KeyboardEvent) => void,
) {
  const w = o.words.range;
  const zone = c.options.zone();
  const today = localDay(now, zone);
  const check = c.check(now);
  const problem = check.ok
    ? ''
    : check.problem === 'tooLong'
      ? w.tooLong(formatNumber(MAX_RANGE_DAYS, o.locale))
      : w.problems[check.problem];
  // which input to mark: a day that is missing, no date or in the future is its own; an order or a span is both's
  const dayIsBad = (day: string) => !dayRangeWindow(day, day, now, zone).ok;
  const both = !check.ok && (check.problem === 'order' || check.problem === 'tooLong');
  const invalid = (day: string) => (both || (!check.ok && dayIsBad(day)) ? 'true' : 'false');
  const lastOk = c.toDay && !dayIsBad(c.toDay) ? c.toDay : today;
  /** One labelled date input; what is typed goes to the control as `fromDay` or `toDay`. */
  const dayInput = (name: 'from' | 'to', label: string, opened: string, min: string) => {
    const typed = (e: Event) => c.type({ [`${name}Day`]: (e.target as HTMLInputElement).value });
    return html`<label
      >${label}
      <input
        type="date"
        name=${name}
        required
        .value=${opened}
        min=${min}
        max=${today}
        aria-invalid=${invalid(name === 'from' ? c.fromDay : c.toDay)}
        aria-describedby="range-zone range-problem"
        @input=${typed}
        @change=${typed}
    /></label>`;
  };
  return html`<form
    class="range-custom"
    part="range-custom"
    aria-label=${w.form}
    @submit=${(e: Event) => (e.preventDefault(), c.apply())}
    @keydown=${onKeydown}
  >
    ${dayInput('from', w.from, c.opened.from, addDays(lastOk, -(MAX_RANGE_DAYS - 1)))}
    ${dayInput('to', w.to, c.opened.to, c.fromDay && !dayIsBad(c.fromDay) ? c.fromDay : addDays(today, -(MAX_RANGE_DAYS - 1)))}
    <button type="submit" ?disabled=${!check.ok}>${w.apply}</button>
    <button type="button" @click=${() => c.cancel()}>${w.cancel}</button>
    <p id="range-zone" class="range-note">${w.zone(zone)}</p>
    <p id="range-problem" class="range-problem" aria-live="polite">${problem}</p>
  </form>`;
}

/** The form's layout: its own row under the select, wrapping on a narrow screen. */
const formStyles = css`
  .range-custom {
    flex-basis: 100%;
    display: flex;
    flex-wrap: wrap;
    gap: 0.4rem 0.75rem;
    align-items: end;
    min-width: 0;
  }
  .range-custom label {
    display: grid;
    gap: 0.15rem;
    font-size: 0.85em;
    color: var(--_muted);
  }
  .range-custom input {
    color: var(--_text);
    max-width: 100%;
  }
  .range-custom input[aria-invalid='true'] {
    border-color: var(--_danger);
  }
  .range-note,
  .range-problem {
    flex-basis: 100%;
    margin: 0;
    font-size: 0.85em;
  }
  .range-note {
    color: var(--_muted);
  }
  .range-problem {
    color: var(--_danger);
  }
`;

const adopted = new WeakSet<Node>();

/**
 * The form's styles, added to the element's shadow root when the form first opens there: a first
 * paint needs none of them. A constructed sheet, as Lit adopts the element's own (no inline
 * style, for a strict CSP); a `<style>` only where the browser cannot adopt sheets, as Lit does.
 */
export function adoptFormStyles(root: HTMLElement | DocumentFragment): void {
  if (adopted.has(root) || !(root instanceof ShadowRoot)) return;
  adopted.add(root);
  const sheet = formStyles.styleSheet;
  if (sheet) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  else root.append(Object.assign(document.createElement('style'), { textContent: formStyles.cssText }));
}
