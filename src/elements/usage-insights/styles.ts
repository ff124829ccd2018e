import { css } from 'lit';

export const insightsStyles = css`
  :host {
    padding: var(--composio-padding, 1rem);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    box-sizing: border-box;
    min-width: 0;
  }
  /* the Range control (controls): its select, then the custom form on a row of its own; wraps on a phone */
  .header {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.4rem 0.75rem;
    margin-bottom: 0.75rem;
    min-width: 0;
  }
  .range-label {
    font-size: 0.85em;
    color: var(--_muted);
    display: inline-flex;
    gap: 0.3rem;
    align-items: center;
    max-width: 100%;
    min-width: 0;
  }
  .range-label select {
    min-width: 0;
    max-width: 100%;
  }
  h3 {
    font-size: 0.95em;
    margin: 1rem 0 0.4rem;
  }
  .tiles {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(9.5rem, 1fr));
    gap: 0.6rem;
    margin: 0;
  }
  .tile {
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: 0.55rem 0.7rem;
    min-width: 0;
  }
  .tile dt {
    color: var(--_muted);
    font-size: 0.85em;
  }
  .tile dd {
    margin: 0.15rem 0 0;
  }
  .value {
    font-size: 1.45em;
    font-weight: 600;
    font-variant-numeric: tabular-nums;
  }
  .value-skeleton {
    display: block;
    height: 1.6em;
    width: 70%;
  }
  .change {
    display: block;
    font-size: 0.8em;
    color: var(--_muted);
  }
  .change.better {
    color: var(--_success);
  }
  .change.worse {
    color: var(--_danger);
  }
  .spark {
    display: block;
    width: 100%;
    height: 1.6rem;
    margin-top: 0.3rem;
    color: var(--_accent);
  }
  .busy {
    height: 2px;
    background: var(--_accent);
    margin: 0.4rem 0 0;
  }
  .table-wrap {
    overflow-x: auto;
  }
  table {
    border-collapse: collapse;
    width: 100%;
    font-variant-numeric: tabular-nums;
  }
  caption {
    text-align: start;
    color: var(--_muted);
    font-size: 0.85em;
    padding-bottom: 0.3rem;
  }
  th,
  td {
    text-align: end;
    padding: 0.3rem 0.5rem;
    border-bottom: 1px solid var(--_border);
    white-space: nowrap;
  }
  /* the group's name wraps at word breaks only, and never below 8rem: on a phone the table scrolls sideways in its own box */
  th:first-child {
    text-align: start;
    white-space: normal;
    min-width: 8rem;
  }
  thead th {
    background: var(--_surface);
  }
  button.sort,
  button.row-button {
    border: 0;
    background: transparent;
    padding: 0.1rem 0.2rem;
    font-weight: 600;
    text-align: inherit;
  }
  button.row-button {
    font-weight: normal;
    color: var(--_accent);
    overflow-wrap: break-word;
    max-width: 16rem;
  }
  tr.selectable {
    cursor: pointer;
  }
  tr.selectable:hover {
    background: var(--_surface);
  }
  .arrow {
    display: inline-block;
    width: 1em;
    font-size: 0.75em;
  }
  .errors {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: 0.5rem;
  }
  .error-group {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: 0.5rem 0.7rem;
    min-width: 0;
  }
  .error-button {
    display: flex;
    flex-wrap: wrap;
    gap: 0.3rem 0.8rem;
    width: 100%;
    text-align: start;
  }
  .kind {
    font-weight: 600;
    color: var(--_danger);
  }
  .tool {
    overflow-wrap: anywhere;
  }
  .count {
    margin-inline-start: auto;
  }
  .hint,
  .example {
    margin: 0.35rem 0 0;
    font-size: 0.85em;
    color: var(--_muted);
    overflow-wrap: anywhere;
  }
  .empty,
  .quiet {
    color: var(--_muted);
  }
  .shown,
  .note {
    color: var(--_muted);
    font-size: 0.85em;
  }
  .error {
    margin-top: 0.75rem;
  }
`;
