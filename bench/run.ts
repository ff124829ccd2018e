/** `npm run bench [-- name …]`: runs the named benchmarks (default: all) one after another. */
export {};
const available = ['simulator', 'bff', 'size', 'demo'];
const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
for (const name of wanted.length ? wanted : available) {
  if (!available.includes(name)) throw new Error(`unknown benchmark '${name}' (have: ${available.join(', ')})`);
  console.log(`\n## ${name}\n`);
  await import(`./${name}.ts`);
}
