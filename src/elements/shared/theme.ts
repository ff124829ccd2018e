/**
 * Theme tokens. Hosts set the documented `--composio-*` custom properties; the elements read
 * private `--_*` copies with light and dark defaults. Dark applies with `theme="dark"`, or with
 * `theme="auto"` (default) when the user prefers a dark scheme.
 */
import { css } from 'lit';

const light = css`
  --_font: var(--composio-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
  --_text: var(--composio-text, #1f2328);
  --_muted: var(--composio-text-muted, #59636e);
  --_bg: var(--composio-bg, #ffffff);
  --_surface: var(--composio-surface, #f6f8fa);
  --_border: var(--composio-border, #d1d9e0);
  --_accent: var(--composio-accent, #0969da);
  --_success: var(--composio-success, #1a7f37);
  --_danger: var(--composio-danger, #cf222e);
  --_warning: var(--composio-warning, #9a6700);
  --_focus: var(--composio-focus-ring, #0969da);
  --_radius: var(--composio-radius, 6px);
  --_grid: var(--composio-chart-grid, #d1d9e0);
  --_compare: var(--composio-chart-compare, #8c959f);
  --_c1: var(--composio-chart-1, #0969da);
  --_c2: var(--composio-chart-2, #bf3989);
  --_c3: var(--composio-chart-3, #1a7f37);
  --_c4: var(--composio-chart-4, #bc4c00);
  --_c5: var(--composio-chart-5, #8250df);
  --_c6: var(--composio-chart-6, #0a7d8c);
  --_c7: var(--composio-chart-7, #9a6700);
  --_c8: var(--composio-chart-8, #6e7781);
`;

const dark = css`
  --_text: var(--composio-text, #e6edf3);
  --_muted: var(--composio-text-muted, #9198a1);
  --_bg: var(--composio-bg, #0d1117);
  --_surface: var(--composio-surface, #151b23);
  --_border: var(--composio-border, #3d444d);
  --_accent: var(--composio-accent, #4493f8);
  --_success: var(--composio-success, #3fb950);
  --_danger: var(--composio-danger, #f85149);
  --_warning: var(--composio-warning, #d29922);
  --_focus: var(--composio-focus-ring, #4493f8);
  --_grid: var(--composio-chart-grid, #30363d);
  --_compare: var(--composio-chart-compare, #6e7681);
  --_c1: var(--composio-chart-1, #4493f8);
  --_c2: var(--composio-chart-2, #db61a2);
  --_c3: var(--composio-chart-3, #3fb950);
  --_c4: var(--composio-chart-4, #f0883e);
  --_c5: var(--composio-chart-5, #a371f7);
  --_c6: var(--composio-chart-6, #39c5cf);
  --_c7: var(--composio-chart-7, #d29922);
  --_c8: var(--composio-chart-8, #9198a1);
`;

export const themeStyles = css`
  :host {
    ${light}
    color-scheme: light;
    display: block;
    font-family: var(--_font);
    color: var(--_text);
    background: var(--_bg);
  }
  :host([theme='dark']) {
    ${dark}
    color-scheme: dark;
  }
  @media (prefers-color-scheme: dark) {
    :host(:not([theme='light'])) {
      ${dark}
      color-scheme: dark;
    }
  }
  [hidden] {
    display: none !important;
  }
  :focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: 2px;
  }
  button,
  select,
  input {
    font: inherit;
    color: inherit;
    background: var(--_bg);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: 0.25rem 0.6rem;
    cursor: pointer;
  }
  button:hover:not(:disabled) {
    background: var(--_surface);
  }
  /* a control that does nothing must look it: dimmed, and no hand cursor */
  button:disabled,
  select:disabled,
  input:disabled {
    opacity: 0.5;
    cursor: not-allowed;
  }
  /* the last data that loaded, under an error: striped and grey, never faded, so that its text
     keeps its contrast (WCAG 1.4.3) while it is plainly not what the controls ask for */
  .stale {
    background-image: repeating-linear-gradient(
      -45deg,
      transparent 0 0.5rem,
      color-mix(in srgb, var(--_warning) 16%, transparent) 0.5rem 0.65rem
    );
    filter: grayscale(1);
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  .error {
    border: 1px solid var(--_danger);
    border-radius: var(--_radius);
    padding: 0.6rem 0.8rem;
    display: flex;
    gap: 0.8rem;
    align-items: center;
    flex-wrap: wrap;
  }
  .error {
    overflow-wrap: anywhere;
  }
  .error .meta {
    color: var(--_muted);
    font-size: 0.85em;
  }
  /* "Busy — retrying in N s": a quiet note beside the data, not an error */
  .busy-status {
    display: flex;
    flex-wrap: wrap;
    gap: 0.6rem;
    align-items: center;
    margin: 0.4rem 0;
    padding: 0.3rem 0.6rem;
    border-inline-start: 3px solid var(--_accent);
    background: var(--_surface);
    border-radius: var(--_radius);
    font-size: 0.9em;
    font-variant-numeric: tabular-nums;
  }
  .busy-status button {
    padding: 0 0.5rem;
  }
  @keyframes composio-shimmer {
    from {
      background-position: 200% 0;
    }
    to {
      background-position: -200% 0;
    }
  }
  .skeleton {
    border-radius: var(--_radius);
    background: linear-gradient(90deg, var(--_surface) 25%, var(--_border) 50%, var(--_surface) 75%);
    background-size: 200% 100%;
    animation: composio-shimmer 1.4s ease-in-out infinite;
  }
  @media (prefers-reduced-motion: reduce) {
    .skeleton {
      animation: none;
    }
  }
`;

/** Colours of the chart's series, resolved to concrete values (canvas cannot read CSS variables). */
export interface ResolvedTheme {
  text: string;
  muted: string;
  bg: string;
  grid: string;
  compare: string;
  series: string[];
}

export function resolveTheme(element: Element): ResolvedTheme {
  const style = getComputedStyle(element);
  const read = (name: string) => style.getPropertyValue(name).trim();
  return {
    text: read('--_text'),
    muted: read('--_muted'),
    bg: read('--_bg'),
    grid: read('--_grid'),
    compare: read('--_compare'),
    series: [1, 2, 3, 4, 5, 6, 7, 8].map((i) => read(`--_c${i}`)),
  };
}
