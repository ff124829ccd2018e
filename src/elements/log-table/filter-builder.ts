/**
 * "Add filter": field → operator (in plain words) → value, for all ten v3.1 log filter fields,
 * AND-ed with the rest. Values are suggested from the usage breakdown of the current window where
 * the BFF can list them (toolkits, tools, users, sessions, connected accounts), loaded only when
 * that field is picked; the toolkits and users of the window for the bar's Toolkit select and User
 * picker. Plus "Go to log": a log id or request id opens that log's detail. A busy server (429) is
 * waited out: the lists load again quietly, a request id lookup with its status. The Add filter
 * form itself (filter-form.ts) loads when Add filter is first clicked: a first paint shows only
 * its button.
 */
import { Task } from '@lit/task';
import { html, type ReactiveController, type ReactiveControllerHost } from 'lit';
import type { BffClient } from '../../client/bff-client.ts';
import { BFF_PATHS } from '../../contract/protocol.ts';
import type { LogFilter, LogListResponse, UsageBreakdownResponse } from '../../contract/upstream.ts';
import { BusyRetryController } from '../shared/busy-retry.ts';
import type { Words } from '../shared/i18n/strings.ts';
import { renderBusy } from '../shared/problem.ts';

export type Field = LogFilter['field'];
export type Operator = LogFilter['operator'];

/** The keys of the usage breakdown by `groupBy` from `from` to now: at most 100, the most used first. */
export async function breakdownKeys(client: BffClient, groupBy: string, from: number, signal: AbortSignal): Promise<string[]> {
  const body = { group_by: groupBy, limit: 100, from };
  const answer = await client.post<UsageBreakdownResponse>(BFF_PATHS.usageBreakdown('tool_calls'), body, signal);
  return answer.groups.map((g) => g.key).filter(Boolean);
}

export interface BuilderOptions {
  client(): BffClient;
  /** The start of the current window (suggestions are read over it). */
  windowFrom(): number;
  /** Changes when the window's choice does (range, from/to, zone), not with the clock. */
  windowKey(): string;
  addFilter(filter: LogFilter): void;
  /** Open a log by id (the detail checks that it is the caller's). */
  openId(id: string): void;
}

export class FilterBuilderController implements ReactiveController {
  open = false;
  field: Field = 'tool_slug';
  operator: Operator = '==';
  value = '';
  goto = '';
  gotoBusy = false;

  /** The form's code and its value suggestions, once Add filter was clicked. */
  form?: { module: typeof import('./filter-form.ts'); suggestions: import('./filter-form.ts').Suggestions };
  /** The toolkits of the window, for the bar's Toolkit select. */
  readonly toolkits: Task<readonly [BffClient, string], string[]>;
  /** The customer's user ids with calls in the window, for the bar's User picker (user-picker.ts). */
  readonly users: Task<readonly [BffClient, string], string[]>;
  /** A request id lookup answered "busy": its countdown, then the same lookup again. */
  readonly lookupBusy: BusyRetryController;
  private lookingUp = '';

  constructor(
    private readonly host: ReactiveControllerHost,
    readonly options: BuilderOptions,
  ) {
    host.addController(this);
    this.lookupBusy = new BusyRetryController(host, { retry: () => void this.go(this.lookingUp) });
    this.toolkits = this.barList('toolkit_slug');
    this.users = this.barList('user_id');
  }

  /** Add filter: the form opens once its code is here (the button stays until then). */
  async openForm(): Promise<void> {
    if (!this.form) {
      // called from a click, where a rejection has no one to catch it: the button stays
      const module = await import('./filter-form.ts').catch((error: unknown) => {
        console.warn('composio-widgets: could not load the Add filter form', error);
      });
      if (!module) return;
      this.form ??= { module, suggestions: module.suggestionsTask(this.host, this) };
    }
    this.set({ open: true });
  }

  /** A list the bar always shows (toolkits, users), read again when the window changes; a busy server delays it, quietly. */
  private barList(groupBy: string): Task<readonly [BffClient, string], string[]> {
    const busy = new BusyRetryController(this.host, { retry: () => void list.run() });
    const list = new Task(this.host, {
      task: async ([client], { signal }) => {
        busy.started();
        return breakdownKeys(client, groupBy, this.options.windowFrom(), signal);
      },
      args: () => [this.options.client(), this.options.windowKey()] as const,
      onComplete: () => busy.clear(),
      onError: (error) => busy.handle(error),
    });
    return list;
  }

  hostConnected(): void {}

  set(patch: Partial<Pick<FilterBuilderController, 'open' | 'field' | 'operator' | 'value' | 'goto'>>): void {
    Object.assign(this, patch);
    this.host.requestUpdate();
  }

  /** A request id is looked up (one row); anything else is taken for a log id. */
  async go(typed = this.goto): Promise<void> {
    const id = typed.trim();
    if (!id) return;
    let logId = id;
    if (id.startsWith('req_')) {
      this.lookupBusy.started();
      this.gotoBusy = true;
      this.host.requestUpdate();
      try {
        const page = await this.options.client().post<LogListResponse>(BFF_PATHS.logList, {
          limit: 1,
          filters: [{ field: 'request_id', operator: '==', value: id }],
        });
        this.lookupBusy.clear();
        logId = page.logs[0]?.id ?? id;
      } catch (error) {
        this.lookingUp = id;
        if (this.lookupBusy.handle(error)) return;
        // otherwise the detail of the id as typed says "not found"
      } finally {
        this.gotoBusy = false;
      }
    }
    this.set({ goto: '' });
    this.options.openId(logId);
  }
}

const valueOf = (e: Event) => (e.target as HTMLInputElement | HTMLSelectElement).value;

export function renderBuilder(b: FilterBuilderController, words: Words<'table'>, locale?: string) {
  const w = words.table;
  const go = html`<form class="goto" @submit=${(e: Event) => (e.preventDefault(), void b.go())} aria-label=${w.goToForm}>
    <label
      >${w.goTo}
      <input
        type="search"
        name="goto"
        placeholder=${w.goToPlaceholder}
        .value=${b.goto}
        @input=${(e: Event) => b.set({ goto: valueOf(e) })}
    /></label>
    <button type="submit" ?disabled=${b.gotoBusy}>${w.open}</button>
    ${renderBusy(b.lookupBusy, words, locale)}
  </form>`;
  if (!b.open || !b.form)
    return html`<button type="button" class="add-filter" aria-expanded="false" @click=${() => void b.openForm()}>${w.addFilter}</button
      >${go}`;
  return html`${b.form.module.renderForm(b, b.form.suggestions, words, locale)} ${go}`;
}
