/**
 * The chart's data-table view: exactly what the chart plots, as an accessible table (its
 * screen-reader alternative). Loaded when Table is first pressed; the chart's update waits for
 * it (holdUpdates), so the view switches in one step.
 */
import { html, nothing } from 'lit';
import type { ModelRow, TableModel } from './model.ts';

export interface TableViewLabels {
  caption: string;
  firstHeading: string;
  rowLabel: (row: ModelRow) => string;
  format: (value: string | number) => string;
  /** The footer row's heading ("Total"; "Whole period" for a rate or a percentile). */
  totalLabel: string;
  /** The headings of the total and previous-period columns. */
  total: string;
  previousPeriod: string;
}

/** The accessible data table of exactly what the chart plots (and its screen-reader alternative). */
export function renderTableView(model: TableModel, labels: TableViewLabels) {
  const totalColumn = model.kind === 'series' && model.columns.length > 1;
  const { format } = labels;
  return html`<div class="table-wrap">
    <table part="table">
      <caption>
        ${labels.caption}
      </caption>
      <thead>
        <tr>
          <th scope="col">${labels.firstHeading}</th>
          ${model.columns.map((c) => html`<th scope="col">${c.label}</th>`)}
          ${totalColumn ? html`<th scope="col">${labels.total}</th>` : nothing}
          ${model.previous ? html`<th scope="col">${labels.previousPeriod}</th>` : nothing}
        </tr>
      </thead>
      <tbody>
        ${model.rows.map(
          (r, i) =>
            html`<tr>
              <th scope="row">${labels.rowLabel(r)}</th>
              ${r.values.map((v) => html`<td>${format(v)}</td>`)} ${totalColumn ? html`<td>${format(r.total)}</td>` : nothing}
              ${model.previous ? html`<td>${format(model.previous[i] ?? 0)}</td>` : nothing}
            </tr>`,
        )}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row">${labels.totalLabel}</th>
          ${model.columnTotals.map((v) => html`<td>${format(v)}</td>`)} ${totalColumn ? html`<td>${format(model.total)}</td>` : nothing}
          ${model.previous ? html`<td>${format(model.previous.reduce((n, v) => n + Number(v), 0))}</td>` : nothing}
        </tr>
      </tfoot>
    </table>
  </div>`;
}
