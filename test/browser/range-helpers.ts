/**
 * Driving the shared range control as a person does (keyboard only), for the range control's own
 * tests and the elements that show it, and the calendar arithmetic their expectations need.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

export const $ = <T extends Element = HTMLElement>(el: Element, selector: string) => el.shadowRoot!.querySelector(selector) as T | null;
export const picker = (el: Element) => $<HTMLSelectElement>(el, '[part="range-picker"]')!;
export const form = (el: Element) => $<HTMLFormElement>(el, '[part="range-custom"]');
export const input = (el: Element, name: 'from' | 'to') => $<HTMLInputElement>(el, `[part="range-custom"] input[name="${name}"]`)!;
export const apply = (el: Element) => $<HTMLButtonElement>(el, '[part="range-custom"] button[type="submit"]')!;
export const problem = (el: Element) => $(el, '.range-problem')!.textContent!.trim();
/** The element in the shadow root that has focus. */
export const focused = (el: Element) => el.shadowRoot!.activeElement;

/** The zone's offset from UTC at an instant, read from Intl ("GMT+05:30"), in ms. */
export function offsetAt(epochMs: number, zone: string): number {
  const name = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' })
    .formatToParts(epochMs)
    .find((p) => p.type === 'timeZoneName')!.value;
  const match = /GMT([+-])(\d\d):(\d\d)/.exec(name);
  return match ? (match[1] === '-' ? -1 : 1) * (Number(match[2]) * HOUR + Number(match[3]) * 60_000) : 0;
}

/** `YYYY-MM-DD` of an instant in a zone. */
export const dayIn = (epochMs: number, zone: string) => new Intl.DateTimeFormat('en-CA', { timeZone: zone }).format(epochMs);

/** Local midnight of a day in a zone whose clocks do not change around midnight (the zones here change at 2 am). */
export function midnight(day: string, zone: string): number {
  const utc = Date.parse(`${day}T00:00:00Z`);
  return utc - offsetAt(utc - offsetAt(utc, zone), zone);
}

export const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + DAY).toISOString().slice(0, 10);

/**
 * Type a day into the focused date input as a person does: digits only, its fields in the order
 * the browser's locale shows them (Chromium moves to the next field by itself).
 */
export async function typeDay(day: string): Promise<void> {
  const [year, month, date] = day.split('-');
  const order = new Intl.DateTimeFormat(navigator.language, { year: 'numeric', month: '2-digit', day: '2-digit' })
    .formatToParts(0)
    .filter((p) => p.type === 'year' || p.type === 'month' || p.type === 'day')
    .map((p) => ({ year, month, day: date })[p.type as 'year' | 'month' | 'day']);
  await sendKeys({ type: order.join('') });
}

/** Tab until `target` has focus, as a person does (a date input's fields and its calendar button are stops too). */
export async function tabTo(el: Element, target: Element, what: string): Promise<void> {
  for (let stop = 0; stop < 5 && focused(el) !== target; stop++) await sendKeys({ press: 'Tab' });
  expect(focused(el), `Tab reaches ${what}`).to.equal(target);
}

/**
 * Custom… with the keyboard: on the range select, End (its last option) opens the form; Tab to
 * From, type it; Tab to To, type it; Enter applies (the form's submit).
 */
export async function chooseDays(el: Element, from: string, to: string): Promise<void> {
  picker(el).focus();
  await sendKeys({ press: 'End' });
  await waitUntil(() => form(el), 'Custom… opens the form');
  await tabTo(el, input(el, 'from'), 'From');
  await typeDay(from);
  await tabTo(el, input(el, 'to'), 'To');
  await typeDay(to);
  await waitUntil(() => input(el, 'from').value === from && input(el, 'to').value === to, `typed ${from} – ${to}`);
  await waitUntil(() => !apply(el).disabled, 'Apply is on');
  await sendKeys({ press: 'Enter' });
}
