/**
 * Vue 3 and Svelte 5 hosts of `npm run test:hosts`: the packed tarball plus the framework and its
 * checker from the npm registry; valid usage must compile (a bare `url-state`, `columns` as a list),
 * and an unknown `range` value, a value outside another closed set (a group, a column), an unknown
 * attribute and a wrong event detail must not.
 */
import { check, expectVerdicts, hostTsconfig, install, project, versionOf } from './kit.ts';

// Each wrong usage sits alone on its line of Bad.*: line number → what it tries.
const BAD_USAGE = {
  range: '<composio-usage-chart range="45d">',
  attribute: '<composio-usage-chart bogus>',
  groupBy: '<composio-usage-insights group-by="session_id">',
  detail: 'e.detail.nope in a composio-range-select handler',
  columns: "columns ['time', 'bogus']",
};

export function vueHost(base: string, tarball: string): void {
  const dir = project(base, 'vue', {
    'tsconfig.json': hostTsconfig(
      { lib: ['ES2022', 'DOM', 'DOM.Iterable'], types: ['composio-widgets/vue'] },
      // Vue lets unknown attributes fall through to the root element unless asked not to
      { vueCompilerOptions: { checkUnknownProps: true }, include: ['src/**/*.ts', 'src/**/*.vue'] },
    ),
    'src/Ok.vue': `<script setup lang="ts">
import 'composio-widgets/usage-chart';
import 'composio-widgets/log-table';
import { ref } from 'vue';
const from = ref(0);
const token = async () => 'jwt';
</script>
<template>
  <composio-usage-chart range="30d" group-by="toolkit_slug" type="area" compare class="wide" aria-label="Usage"
    :fetch-token="token" @composio-range-select="(e) => (from = e.detail.from)" />
  <composio-usage-insights range="1h" group-by="user_id" :errors="3" />
  <composio-log-table range="24h" :page-size="20" :columns="['time', 'status', 'tool']" url-state="activity" />
  <composio-log-table url-state />
  <p>{{ from }}</p>
</template>
`,
    'src/Bad.vue': `<script setup lang="ts">
import 'composio-widgets/usage-chart';
</script>
<template>
  <composio-usage-chart range="45d" />
  <composio-usage-chart bogus />
  <composio-usage-insights group-by="session_id" />
  <composio-usage-chart @composio-range-select="(e) => e.detail.nope" />
  <composio-log-table :columns="['time', 'bogus']" />
</template>
`,
  });
  install(dir, [tarball, `vue@${versionOf('vue')}`, 'vue-tsc@^3', `typescript@${versionOf('typescript')}`]);
  const output = check('npx', ['vue-tsc', '-p', 'tsconfig.json'], dir);
  expectVerdicts(output, 'Ok.vue', 'Bad.vue', {
    5: BAD_USAGE.range,
    6: BAD_USAGE.attribute,
    7: BAD_USAGE.groupBy,
    8: BAD_USAGE.detail,
    9: BAD_USAGE.columns,
  });
}

export function svelteHost(base: string, tarball: string): void {
  const dir = project(base, 'svelte', {
    'tsconfig.json': hostTsconfig(
      { verbatimModuleSyntax: true, isolatedModules: true },
      { include: ['src/**/*.d.ts', 'src/**/*.ts', 'src/**/*.svelte'] },
    ),
    // as README says, in SvelteKit's src/app.d.ts
    'src/app.d.ts': '/// <reference types="composio-widgets/svelte" />\n',
    'src/Ok.svelte': `<script lang="ts">
  import 'composio-widgets/usage-chart';
  import type { ComposioUsageChart } from 'composio-widgets/usage-chart';
  let from = $state(0);
  let chart: ComposioUsageChart | undefined = $state();
  const token = async () => 'jwt';
</script>
<composio-usage-chart bind:this={chart} range="30d" group-by="toolkit_slug" type="area" compare class="wide"
  aria-label="Usage" data-section="usage" fetchToken={token} oncomposio-range-select={(e) => (from = e.detail.from)}></composio-usage-chart>
<composio-usage-insights range="1h" group-by="user_id" errors={3}></composio-usage-insights>
<composio-log-table range="24h" page-size={20} columns={['time', 'status', 'tool']} url-state="activity"></composio-log-table>
<composio-log-table url-state></composio-log-table>
<p>{from}</p>
`,
    'src/Bad.svelte': `<script lang="ts">
  import 'composio-widgets/usage-chart';
</script>
<composio-usage-chart range="45d"></composio-usage-chart>
<composio-usage-chart bogus></composio-usage-chart>
<composio-usage-insights group-by="session_id"></composio-usage-insights>
<composio-usage-chart oncomposio-range-select={(e) => e.detail.nope}></composio-usage-chart>
<composio-log-table columns={['time', 'bogus']}></composio-log-table>
`,
  });
  install(dir, [tarball, 'svelte@^5', 'svelte-check@^4', `typescript@${versionOf('typescript')}`]);
  const output = check('npx', ['svelte-check', '--tsconfig', './tsconfig.json', '--threshold', 'error', '--output', 'human'], dir);
  expectVerdicts(output, 'Ok.svelte', 'Bad.svelte', {
    4: BAD_USAGE.range,
    5: BAD_USAGE.attribute,
    6: BAD_USAGE.groupBy,
    7: BAD_USAGE.detail,
    8: BAD_USAGE.columns,
  });
}
