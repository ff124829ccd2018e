// `npm run manifest` (cem analyze) reads this. packagejson: false — the analyzer would otherwise
// rewrite package.json's "customElements" to whatever --outdir it ran with (the freshness test uses a temp dir).
export default {
  globs: ['src/elements/**/*.ts'],
  exclude: ['src/elements/**/chart-*.ts'],
  outdir: '.',
  litelement: true,
  packagejson: false,
};
