/**
 * The range control the chart, the insights and the log table share: a select of the presets, the
 * custom window in words while one is shown, and "Custom…", which reveals a small form of two
 * native date inputs (From, To) with Apply and Cancel.
 *
 * A ReactiveController with a template function (as the log table's filter builder is), not an inner
 * custom element: it renders into the element's own shadow root, so its labels, ids and parts are
 * the element's (a host's `::part(range-picker)` reaches it), there is no second tag to define (the
 * class-only entry points and scoped registries define only what the host names), and its state
 * lives and dies with the element. Native `<input type="date">` gives keyboard entry, a calendar
 * and screen-reader support in every browser, in the reader's own date format: no dependency, no
 * hand-rolled calendar.
 */
import { html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { createRef, ref } from 'lit/directives/ref.js';
import { live } from 'lit/directives/live.js';
import { isStartOfDay } from '../../core/buckets.ts';
import type { DayRangeResult } from '../../core/day-range.ts';
import { isRangePreset, parseTime, RANGE_PRESETS, resolveWindow, type RangePreset } from '../../core/ranges.ts';
import { localTime } from '../../core/time-zone.ts';
import type { Words } from './i18n/strings.ts';
import { formatSpan } from './span.ts';

/** What a person chose: a preset, or a custom window (epoch ms, `to` exclusive) over the preset. */
export interface RangeChoice {
  /** The preset in force; with `from` and `to`, the one the element returns to without them. */
  range: RangePreset;
  from?: number;
  to?: number;
}

export interface RangeControlOptions {
  /** The presets the select offers (the element's current one is added when it is another). */
  presets: readonly RangePreset[];
  /** The preset used when `range` is unknown. */
  fallback: RangePreset;
  /** The element's `range`, `from` and `to`, as the host or the control set them. */
  current(): { range: unknown; from?: string | number | null; to?: string | number | null };
  /** The element's zone: the days of a custom range are its days. */
  zone(): string;
  /** Set the element's window (and tell the host). */
  apply(choice: RangeChoice): void;
}

/** The element: the form's styles go into its shadow root when the form first opens. */
export type RangeHost = ReactiveControllerHost & { readonly renderRoot: HTMLElement | DocumentFragment };

/** Option values besides the presets: the custom window shown now, and the one that opens the form. */
const SHOWN = 'shown';
const CUSTOM = 'custom';

export class RangeControl implements ReactiveController {
  /** The custom range form is open. */
  editing = false;
  /** The days the form opened with (written into the inputs once: a re-render must not undo typing). */
  opened = { from: '', to: '' };
  /** The days as typed so far (`YYYY-MM-DD`, '' while incomplete). */
  fromDay = '';
  toDay = '';
  /** The select: focus goes back to it when the form closes, since its buttons leave with it. */
  readonly picker = createRef<HTMLSelectElement>();

  constructor(
    private readonly host: RangeHost,
    readonly options: RangeControlOptions,
  ) {
    host.addController(this);
  }

  hostConnected(): void {}

  /** The element's window now (`custom`: from its `from`/`to`). */
  window(now = Date.now()): { from: number; to: number; custom: boolean } {
    return resolveWindow(this.options.current(), now, this.options.zone(), this.options.fallback);
  }

  /** The preset in use: `range`, or the fallback when it is unknown. */
  get preset(): RangePreset {
    const { range } = this.options.current();
    return isRangePreset(range) ? range : this.options.fallback;
  }

  /** A choice in the select: a preset applies at once, "Custom…" opens the form. */
  choose(value: string): void {
    if (value === CUSTOM) return void this.open();
    this.choices++;
    this.close(false);
    if (isRangePreset(value)) this.options.apply({ range: value });
  }

  /** Choices made in the select so far: an open that finishes loading after a later choice does nothing. */
  private choices = 0;
  /** The form's code, loaded when Custom… is first chosen: a first paint does not need it. */
  form?: typeof import('./range-form.ts');

  /** Open the form on the days shown now (never past today), once its code has loaded. */
  async open(now = Date.now()): Promise<void> {
    const ticket = ++this.choices;
    this.form ??= await import('./range-form.ts');
    if (ticket !== this.choices) return; // another choice came first while the code loaded
    this.form.adoptFormStyles(this.host.renderRoot);
    this.opened = this.form.openingDays(this.window(now), now, this.options.zone());
    [this.fromDay, this.toDay] = [this.opened.from, this.opened.to];
    this.editing = true;
    this.host.requestUpdate();
  }

  /** The days as typed; '' for a date not complete. */
  type(patch: { fromDay?: string; toDay?: string }): void {
    Object.assign(this, patch);
    this.host.requestUpdate();
  }

  /** What Apply would set: a window of whole local days, or why there is none. */
  check(now = Date.now()): DayRangeResult {
    return this.form ? this.form.checkDays(this.fromDay, this.toDay, now, this.options.zone()) : { ok: false, problem: 'missing' };
  }

  /** Apply the typed days (nothing while they make no window: Apply is disabled then). */
  apply(): void {
    const result = this.check();
    if (!result.ok) return;
    this.close(true);
    this.options.apply({ range: this.preset, from: result.from, to: result.to });
  }

  /** Close the form, keeping the window as it was (Cancel, Escape). */
  cancel(): void {
    this.close(true);
  }

  private close(refocus: boolean): void {
    if (!this.editing) return;
    this.editing = false;
    this.host.requestUpdate();
    if (refocus) void this.host.updateComplete.then(() => this.picker.value?.focus());
  }
}

/**
 * A window as the control names it: its local days ("Nov 3 – 9", with the year when it is not
 * this year's) when it starts at a local midnight, else with times when short (a clicked hour).
 */
export function windowWords(from: number, to: number, zone: string, locale?: string, now = Date.now()): string {
  if (!isStartOfDay(from, zone)) return formatSpan(from, to, zone, locale);
  const last = Math.max(from, to - 1);
  const year = localTime(now, zone).year;
  const otherYear = localTime(from, zone).year !== year || localTime(last, zone).year !== year;
  const format = new Intl.DateTimeFormat(locale, {
    month: 'short',
    day: 'numeric',
    timeZone: zone,
    ...(otherYear ? { year: 'numeric' } : {}),
  });
  return format.formatRange(from, last);
}

/** The custom window of an element's `from`/`to`, when both parse and `from < to` (for event details). */
type Time = string | number | null | undefined;
export function customWindow(from: Time, to: Time): { from: number; to: number } | undefined {
  const [start, end] = [parseTime(from), parseTime(to)];
  return start !== undefined && end !== undefined && start < end ? { from: start, to: end } : undefined;
}

/** Escape closes the open form (on the select or inside the form), keeping the window. */
const escapeCancels = (c: RangeControl) => (e: KeyboardEvent) => {
  if (e.key !== 'Escape' || !c.editing) return;
  e.preventDefault();
  e.stopPropagation();
  c.cancel();
};

/** The select, then (while open) the custom range form. `label` names the select ("Time", "Range"). */
export function renderRangeControl(c: RangeControl, o: { label: string; words: Words<'range'>; locale?: string }) {
  const now = Date.now();
  const window = c.window(now);
  const preset = c.preset;
  const presets = RANGE_PRESETS.filter((r) => c.options.presets.includes(r) || r === preset);
  const value = c.editing ? CUSTOM : window.custom ? SHOWN : preset;
  const { common, range } = o.words;
  return html`<label class="range-label"
      >${o.label}
      <select
        part="range-picker"
        ${ref(c.picker)}
        .value=${live(value)}
        @change=${(e: Event) => c.choose((e.target as HTMLSelectElement).value)}
        @keydown=${escapeCancels(c)}
      >
        ${presets.map((r) => html`<option value=${r} ?selected=${value === r}>${common.ranges[r]}</option>`)}
        ${window.custom ? html`<option value=${SHOWN} ?selected=${value === SHOWN}>${windowWords(window.from, window.to, c.options.zone(), o.locale, now)}</option>` : nothing}
        <option value=${CUSTOM} ?selected=${value === CUSTOM}>${range.custom}</option>
      </select></label
    >${c.editing && c.form ? c.form.renderForm(c, o, now, escapeCancels(c)) : nothing}`;
}
