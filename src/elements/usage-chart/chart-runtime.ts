/**
 * The chart's own code that is of use only once Chart.js is there: the configuration, hit testing
 * and keys on a drawn chart, the PNG composition. Its own lazy chunk, fetched beside Chart.js
 * (chart-register.ts) as a chart connects, so the chart's up-front code stays small; it imports
 * Chart.js's types only, so the two chunks never share a module.
 */
export { buildConfig, restack } from './chart-config.ts';
export { chartKey, hitTest } from './chart-interaction.ts';
export { chartPng } from './png-export.ts';
