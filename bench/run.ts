/** `npm run bench [-- name …]`: runs the named benchmarks (default: all but the 15-minute soak and scale) one after another. */
export {};
const available = [
  'simulator',
  'bff',
  'insights',
  'throughput',
  'size',
  'demo',
  'table',
  'chart',
  'payload',
  'zones',
  'hardening',
  'soak',
  'scale',
];
const defaults = available.filter((name) => name !== 'soak' && name !== 'scale');
const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
for (const name of wanted.length ? wanted : defaults) {
  if (!available.includes(name)) throw new Error(`unknown benchmark '${name}' (have: ${available.join(', ')})`);
  console.log(`\n## ${name}\n`);
  await import(`./${name}.ts`);
}
