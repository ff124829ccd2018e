/**
 * Chart.js, registered piecemeal (never `chart.js/auto`). This module is only imported
 * dynamically, when a chart first renders: a page with only the log table never downloads it.
 */
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Filler,
  Legend,
  LineController,
  LineElement,
  LinearScale,
  PointElement,
  Tooltip,
} from 'chart.js';

Chart.register(BarController, BarElement, CategoryScale, Filler, Legend, LineController, LineElement, LinearScale, PointElement, Tooltip);

export { Chart };
