/** Vue 3 host: the custom elements straight in a render function, one event (composio-range-select) into a ref. */
import { createApp, h, ref } from 'vue';
import '../../src/index.ts';
import type { RangeSelectDetail } from '../../src/elements/shared/events.ts';
import { readyBff } from './in-page-if-static.ts';

await readyBff();
createApp({
  setup() {
    const picked = ref<RangeSelectDetail>();
    return () =>
      h('main', [
        h('h1', 'Vue 3'),
        // Vue turns onComposioRangeSelect into a listener for "composio-range-select"
        h('composio-usage-chart', { range: '7d', onComposioRangeSelect: (e: CustomEvent<RangeSelectDetail>) => (picked.value = e.detail) }),
        h('p', { id: 'picked' }, picked.value ? `Showing ${new Date(picked.value.from).toDateString()}` : 'Click a day to filter the log.'),
        h('composio-log-table', {
          range: '7d',
          from: picked.value && String(picked.value.from),
          to: picked.value && String(picked.value.to),
        }),
      ]);
  },
}).mount('#app');
