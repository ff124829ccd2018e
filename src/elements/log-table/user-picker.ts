/**
 * The filter bar's User picker, for a customer whose scope spans several user ids: "All users" or
 * one of them. Its choice is the `user_id is …` filter itself, so the chip, the request and URL
 * state all read that one filter: picking writes the filter list, and the picker shows what the
 * list says (removing the chip sets it back to "All users"). The ids are the usage breakdown by
 * user over the window (`FilterBuilderController.users`); with fewer than two there is nothing to
 * pick between, and the picker is not shown.
 */
import { html, nothing } from 'lit';
import type { LogFilter } from '../../contract/upstream.ts';
import type { Words } from '../shared/i18n/strings.ts';
import { clip } from './views.ts';

const isPick = (f: LogFilter) => f.field === 'user_id' && f.operator === '==';

/** The user id the filters narrow to with `user_id is …`, or '' for all users. */
export const pickedUser = (filters: readonly LogFilter[]): string => filters.find(isPick)?.value ?? '';

/** `filters` with `user_id is user` in place of any `user_id is …` (where the first one was), or with none for ''. */
export function pickUser(filters: readonly LogFilter[], user: string): LogFilter[] {
  const at = filters.findIndex(isPick);
  const rest = filters.filter((f) => !isPick(f));
  if (!user) return rest;
  const pick: LogFilter = { field: 'user_id', operator: '==', value: user };
  return at < 0 ? [...rest, pick] : [...rest.slice(0, at), pick, ...rest.slice(at)];
}

/** The picker, or nothing for a single-user customer; `onChange` gets the filter list to set. */
export function renderUserPicker(
  users: readonly string[],
  filters: readonly LogFilter[],
  onChange: (filters: LogFilter[]) => void,
  words: Words<'table'>,
) {
  if (new Set(users).size < 2) return nothing;
  const picked = pickedUser(filters);
  // a user the host or a link picked stays choosable when the window's breakdown does not list it
  const options = picked && !users.includes(picked) ? [...users, picked] : users;
  return html`<label class="user-picker"
    >${words.table.columns.user}
    <select
      name="user"
      title=${picked || words.table.allUsers}
      .value=${picked}
      @change=${(e: Event) => onChange(pickUser(filters, (e.target as HTMLSelectElement).value))}
    >
      <option value="" ?selected=${!picked}>${words.table.allUsers}</option>
      ${options.map((u) => html`<option value=${u} title=${u} ?selected=${u === picked}>${clip(u)}</option>`)}
    </select></label
  >`;
}
