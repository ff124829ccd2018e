/**
 * The Add filter form: field → operator (in plain words) → value, for all ten v3.1 log filter
 * fields, with values suggested from the usage breakdown of the current window where the BFF can
 * list them (toolkits, tools, users, sessions, connected accounts), read only for the field picked.
 * Loaded when Add filter is first clicked (filter-builder.ts): a first paint shows only the button.
 */
import { Task } from '@lit/task';
import { html, type ReactiveControllerHost } from 'lit';
import { LOG_FILTER_FIELDS, LOG_FILTER_OPERATORS } from '../../contract/constants.ts';
import { BusyRetryController } from '../shared/busy-retry.ts';
import { count } from '../shared/i18n/count.ts';
import type { Words } from '../shared/i18n/strings.ts';
import { breakdownKeys, type Field, type FilterBuilderController, type Operator } from './filter-builder.ts';

/** Fields the usage breakdown can group by, hence list values for. */
const SUGGESTED: Partial<Record<Field, string>> = {
  tool_slug: 'tool_slug',
  toolkit_slug: 'toolkit_slug',
  user_id: 'user_id',
  session_id: 'session_id',
  connected_account_id: 'connected_account_id',
};

/** The values to suggest for the field picked, read while the form is open; a busy server delays them, quietly. */
export function suggestionsTask(host: ReactiveControllerHost, b: FilterBuilderController) {
  const o = b.options;
  const busy = new BusyRetryController(host, { retry: () => void suggestions.run() });
  const suggestions = new Task(host, {
    task: async ([client, field, open], { signal }) => {
      busy.started();
      if (field === 'status') return ['success', 'failed'];
      const groupBy = SUGGESTED[field];
      if (!open || !groupBy) return [];
      return breakdownKeys(client, groupBy, o.windowFrom(), signal);
    },
    args: () => [o.client(), b.field, b.open, o.windowKey()] as const,
    onComplete: () => busy.clear(),
    onError: (error) => busy.handle(error),
  });
  return suggestions;
}

export type Suggestions = ReturnType<typeof suggestionsTask>;

function add(b: FilterBuilderController): void {
  const value = b.value.trim();
  if (!value) return;
  b.options.addFilter({ field: b.field, operator: b.operator, value });
  b.set({ value: '', open: false });
}

const valueOf = (e: Event) => (e.target as HTMLInputElement | HTMLSelectElement).value;

export function renderForm(b: FilterBuilderController, task: Suggestions, words: Words<'table'>, locale?: string) {
  const suggestions = task.value ?? [];
  const w = words.table;
  return html`<form
      class="builder"
      aria-label=${w.addFilterForm}
      @submit=${(e: Event) => (e.preventDefault(), add(b))}
      @keydown=${(e: KeyboardEvent) => e.key === 'Escape' && (e.stopPropagation(), b.set({ open: false }))}
    >
      <label
        >${w.field}
        <select name="field" @change=${(e: Event) => b.set({ field: valueOf(e) as Field, value: '' })}>
          ${LOG_FILTER_FIELDS.map((f) => html`<option value=${f} ?selected=${f === b.field}>${w.fields[f]}</option>`)}
        </select></label
      >
      <label
        >${w.operator}
        <select name="operator" @change=${(e: Event) => b.set({ operator: valueOf(e) as Operator })}>
          ${LOG_FILTER_OPERATORS.map((o) => html`<option value=${o} ?selected=${o === b.operator}>${w.operators[o]}</option>`)}
        </select></label
      >
      <label
        >${w.value}
        <input
          name="value"
          list="filter-values"
          autocomplete="off"
          required
          .value=${b.value}
          @input=${(e: Event) => b.set({ value: valueOf(e) })}
          @keydown=${(e: KeyboardEvent) => e.key === 'Enter' && (e.preventDefault(), b.set({ value: valueOf(e) }), add(b))}
      /></label>
      <datalist id="filter-values">${suggestions.map((s) => html`<option value=${s}></option>`)}</datalist>
      <button type="submit">${w.add}</button>
      <button type="button" @click=${() => b.set({ open: false })}>${w.cancel}</button>
    </form>
    <span class="visually-hidden" role="status">${w.suggestions(count(suggestions.length, locale))}</span>`;
}
