/** The table's footer: rows loaded, Load more (or its busy wait) and the Export buttons. Markup only. */
import { html, nothing } from 'lit';
import { count } from '../shared/i18n/count.ts';
import type { Words } from '../shared/i18n/strings.ts';
import { renderBusy } from '../shared/problem.ts';
import { renderExport, type ExportController } from './export-controller.ts';
import type { PagerController } from './pager-controller.ts';

export function renderFooter(loaded: number, pager: PagerController, exporter: ExportController, words: Words<'table'>, locale?: string) {
  const label = pager.loading ? words.common.loading : words.table.loadMore;
  const more = html`<button type="button" ?disabled=${pager.loading} @click=${() => pager.loadMore()}>${label}</button>`;
  return html`<div class="footer" part="footer">
    <span role="status">${words.table.loaded(count(loaded, locale), !pager.cursor && loaded > 0)}</span>
    ${renderBusy(pager.busy, words, locale)} ${pager.cursor && !pager.busy.active ? more : nothing}
    ${renderExport(exporter, loaded > 0, words, locale)}
  </div>`;
}
