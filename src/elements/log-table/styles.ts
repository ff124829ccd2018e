import { css } from 'lit';

export const tableStyles = css`
  :host {
    --_height: var(--composio-table-height, 480px);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    font-size: 0.9rem;
    min-width: 0;
    /* columns and the detail panel adapt to the table's own width, not the window's */
    container-type: inline-size;
  }
  .filters {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem 0.9rem;
    align-items: end;
    padding: 0.6rem 0.75rem;
    border-bottom: 1px solid var(--_border);
  }
  .filters label {
    display: grid;
    gap: 0.15rem;
    font-size: 0.8em;
    color: var(--_muted);
  }
  /* a hostile value (a 100 kB toolkit key) must not widen the controls: cut it, the full text is in a title */
  select,
  input {
    max-width: 14rem;
    text-overflow: ellipsis;
  }
  .chip {
    max-width: 100%;
  }
  .chip-text {
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
    max-width: 20rem;
  }
  input {
    cursor: text;
    font-size: 1.1em;
  }
  .chip {
    display: inline-flex;
    gap: 0.3rem;
    align-items: center;
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: 999px;
    padding: 0.1rem 0.2rem 0.1rem 0.6rem;
    font-size: 0.85em;
  }
  .depth-1 .c-tool {
    padding-inline-start: 1.2rem;
  }
  .depth-2 .c-tool,
  .depth-3 .c-tool,
  .depth-4 .c-tool {
    padding-inline-start: 2.4rem;
  }
  .tree-toggle {
    font-size: 0.8em;
    padding: 0 0.3rem;
    margin-inline-end: 0.3rem;
  }
  .builder,
  .goto {
    display: inline-flex;
    flex-wrap: wrap;
    gap: 0.4rem;
    align-items: end;
  }
  .chip button {
    border: 0;
    padding: 0 0.35rem;
    background: none;
  }
  .layout {
    display: flex;
    min-width: 0;
  }
  .grid {
    flex: 1;
    min-width: 0;
  }
  .rows {
    height: var(--_height);
    overflow: auto;
    contain: strict;
  }
  .row {
    display: flex;
    gap: 0.75rem;
    align-items: center;
    width: 100%;
    box-sizing: border-box;
    padding: 0.45rem 0.75rem;
    border-bottom: 1px solid var(--_border);
    cursor: pointer;
    white-space: nowrap;
  }
  .row:hover,
  .row.selected {
    background: var(--_surface);
  }
  .row:focus-visible {
    outline-offset: -2px;
  }
  .head {
    cursor: default;
    font-weight: 600;
    color: var(--_muted);
    font-size: 0.85em;
    background: var(--_surface);
  }
  .row > span {
    overflow: hidden;
    text-overflow: ellipsis;
    flex: none;
  }
  .c-time {
    width: 10.5rem;
  }
  .c-status {
    width: 4.5rem;
  }
  .c-tool {
    width: 16rem;
  }
  .row:not(.head) .c-tool {
    font-family: ui-monospace, SFMono-Regular, Menlo, monospace;
    font-size: 0.9em;
  }
  .c-toolkit {
    width: 7.5rem;
  }
  .c-user {
    width: 9rem;
  }
  .row > .c-message {
    flex: 1;
    min-width: 8rem;
  }
  .c-duration {
    width: 5rem;
    text-align: end;
    font-variant-numeric: tabular-nums;
  }
  .badge {
    font-size: 0.85em;
    padding: 0.05rem 0.45rem;
    border-radius: 999px;
    border: 1px solid currentColor;
  }
  .badge.success {
    color: var(--_success);
  }
  .badge.failed {
    color: var(--_danger);
    font-weight: 600;
  }
  .nested {
    color: var(--_muted);
  }
  .skeleton-rows {
    display: grid;
    gap: 0.6rem;
    padding: 0.75rem;
    align-content: start;
  }
  .skeleton.line {
    height: 1.4rem;
  }
  .empty {
    height: var(--_height);
    display: grid;
    place-content: center;
    justify-items: center;
    text-align: center;
    color: var(--_muted);
  }
  /* the sentence names filter values (a long user id), which must wrap, not widen the page */
  .empty p {
    overflow-wrap: anywhere;
  }
  .footer {
    display: flex;
    gap: 0.75rem;
    align-items: center;
    padding: 0.5rem 0.75rem;
    color: var(--_muted);
    border-top: 1px solid var(--_border);
  }
  .footer [role='status'] {
    margin-inline-end: auto;
  }
  .new-logs {
    display: block;
    margin: 0.4rem auto;
    border-color: var(--_accent);
    color: var(--_accent);
  }
  .error {
    margin: 0.5rem 0.75rem;
  }
  .live-paused {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    align-items: center;
    justify-content: center;
    margin: 0.4rem 0.75rem;
    color: var(--_warning);
  }
  .panel {
    position: relative;
    width: min(28rem, 45%);
    flex: none;
    border-inline-start: 1px solid var(--_border);
    max-height: calc(var(--_height) + 2.3rem);
    overflow: auto;
  }
  .footer {
    flex-wrap: wrap;
  }
  /* narrow tables drop the least useful columns instead of scrolling the page sideways */
  @container (max-width: 60rem) {
    .c-user,
    .c-toolkit {
      display: none;
    }
  }
  @container (max-width: 40rem) {
    .c-message,
    .c-duration {
      display: none;
    }
    .c-time {
      width: 6.5rem;
      white-space: normal;
      line-height: 1.25;
    }
    .c-time .day,
    .c-time .clock {
      display: block;
    }
    .row > .c-tool {
      flex: 1;
      min-width: 0;
    }
    /* the detail covers the table, full width, its close button in view */
    .layout {
      position: relative;
    }
    .panel {
      position: absolute;
      inset: 0;
      width: auto;
      max-height: none;
      border-inline-start: 0;
      background: var(--_bg);
    }
  }
  .panel .close {
    position: absolute;
    top: 0.4rem;
    inset-inline-end: 0.4rem;
    z-index: 1;
  }
`;
