/**
 * Chart.js, registered piecemeal (never `chart.js/auto`). This module is only imported
 * dynamically, when a chart first renders: a page with only the log table never downloads it.
 * The legend is the element's own HTML (toggle buttons) and the breakdown uses a linear axis,
 * so Chart.js's Legend and CategoryScale stay out of the bundle.
 */
import { BarController, BarElement, Chart, Filler, LineController, LineElement, LinearScale, PointElement, Tooltip } from 'chart.js';

Chart.register(BarController, BarElement, Filler, LineController, LineElement, LinearScale, PointElement, Tooltip);

export { Chart };
