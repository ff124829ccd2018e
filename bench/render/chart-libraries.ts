/** What the chart benchmark draws, shared by its page and its driver (the page module cannot load in Node). */

/** Our configuration; ours with the decimation plugin; Chart.js's defaults on the same datasets; uPlot. */
export const LIBRARIES = ['chartjs', 'chartjs-decimation', 'chartjs-floor', 'uplot'] as const;
export type Library = (typeof LIBRARIES)[number];
