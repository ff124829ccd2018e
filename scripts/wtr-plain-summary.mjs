// Prints one plain closing line, e.g. "browser: 4 passed, 0 failed", after web-test-runner's own output.
function count(suite, acc) {
  for (const t of suite?.tests ?? []) {
    if (t.skipped) acc.skipped++;
    else if (t.passed) acc.passed++;
    else acc.failed++;
  }
  for (const s of suite?.suites ?? []) count(s, acc);
  return acc;
}

export function plainSummaryReporter() {
  let sessions = [];
  return {
    onTestRunFinished(args) {
      sessions = args.sessions;
    },
    stop() {
      const acc = { passed: 0, failed: 0, skipped: 0 };
      for (const s of sessions) {
        count(s.testResults, acc);
        // a file that failed to load has no results but errors: count it as a failure
        if (!s.passed && !s.testResults?.tests?.length && !s.testResults?.suites?.length) acc.failed++;
      }
      const skipped = acc.skipped ? `, ${acc.skipped} skipped` : '';
      const line = `browser: ${acc.passed} passed, ${acc.failed} failed${skipped}\n`;
      // wtr owns the terminal until it exits: write at exit so this is the last line
      process.once('exit', () => process.stdout.write(line));
    },
  };
}
