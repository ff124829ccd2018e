import { css } from 'lit';

export const chartStyles = css`
  :host {
    --_chart-height: var(--composio-chart-height, 280px);
    padding: var(--composio-padding, 1rem);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    box-sizing: border-box;
    min-width: 0;
  }
  .header {
    display: flex;
    flex-wrap: wrap;
    justify-content: space-between;
    align-items: flex-start;
    gap: 0.75rem 1.5rem;
    margin-bottom: 0.75rem;
  }
  .stats {
    display: flex;
    gap: 1.75rem;
    flex-wrap: wrap;
    margin: 0;
  }
  .stat dt {
    color: var(--_muted);
    font-size: 0.85em;
  }
  .stat dd {
    margin: 0.1rem 0 0;
  }
  .value {
    font-size: 1.6em;
    font-weight: 600;
    font-variant-numeric: tabular-nums;
  }
  .change {
    display: block;
    font-size: 0.8em;
    color: var(--_muted);
  }
  .change.up {
    color: var(--_success);
  }
  .change.down {
    color: var(--_danger);
  }
  .toolbar {
    display: flex;
    gap: 0.4rem;
    flex-wrap: wrap;
    align-items: center;
  }
  .toolbar label {
    font-size: 0.85em;
    color: var(--_muted);
    display: inline-flex;
    gap: 0.3rem;
    align-items: center;
  }
  button[aria-pressed='true'] {
    background: var(--_surface);
    border-color: var(--_accent);
  }
  .legend {
    list-style: none;
    display: flex;
    flex-wrap: wrap;
    gap: 0.3rem;
    margin: 0 0 0.5rem;
    padding: 0;
  }
  /* narrow screens: every row wraps, and a long unbroken key (a UUID, an e-mail) breaks anywhere */
  .header > *,
  .legend li {
    min-width: 0;
    max-width: 100%;
  }
  .toolbar select {
    max-width: 100%;
  }
  .legend button {
    max-width: 100%;
    text-align: start;
    overflow-wrap: anywhere;
    display: inline-flex;
    align-items: center;
    gap: 0.35rem;
    font-size: 0.85em;
    padding: 0.1rem 0.45rem;
    border-color: transparent;
  }
  .legend button[aria-pressed='false'] {
    color: var(--_muted);
    text-decoration: line-through;
  }
  .swatch {
    flex: none;
    width: 0.75rem;
    height: 0.75rem;
    border-radius: 2px;
  }
  .c1 {
    background: var(--_c1);
  }
  .c2 {
    background: var(--_c2);
  }
  .c3 {
    background: var(--_c3);
  }
  .c4 {
    background: var(--_c4);
  }
  .c5 {
    background: var(--_c5);
  }
  .c6 {
    background: var(--_c6);
  }
  .c7 {
    background: var(--_c7);
  }
  .c8 {
    background: var(--_c8);
  }
  .swatch.previous {
    background: none;
    border-top: 2px dashed var(--_compare);
    height: 0;
  }
  .plot {
    position: relative;
    height: var(--_chart-height);
    border-radius: var(--_radius);
  }
  .plot canvas {
    display: block;
  }
  .plot.skeleton {
    height: var(--_chart-height);
  }
  .stat-skeleton {
    display: inline-block;
    width: 6rem;
    height: 1.6em;
  }
  .busy {
    position: absolute;
    inset: 0 0 auto 0;
    height: 2px;
    background: var(--_accent);
    opacity: 0.6;
  }
  .empty {
    height: var(--_chart-height);
    display: grid;
    place-content: center;
    text-align: center;
    color: var(--_muted);
    border: 1px dashed var(--_border);
    border-radius: var(--_radius);
  }
  .table-wrap {
    max-height: var(--_chart-height);
    overflow: auto;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  table {
    border-collapse: collapse;
    width: 100%;
    font-variant-numeric: tabular-nums;
    font-size: 0.9em;
  }
  caption {
    text-align: start;
    padding: 0.4rem 0.6rem;
    color: var(--_muted);
  }
  th,
  td {
    padding: 0.3rem 0.6rem;
    border-top: 1px solid var(--_border);
    text-align: end;
    white-space: nowrap;
  }
  th[scope='row'],
  thead th:first-child {
    text-align: start;
    font-weight: normal;
  }
  thead th {
    position: sticky;
    top: 0;
    background: var(--_surface);
  }
  tfoot th,
  tfoot td {
    font-weight: 600;
  }
  .error {
    margin-top: 0.75rem;
  }
  .shown {
    flex-basis: 100%;
    margin: 0;
    font-size: 0.85em;
    color: var(--_muted);
  }
  .note {
    margin-top: 0.5rem;
    font-size: 0.8em;
    color: var(--_muted);
  }
`;
