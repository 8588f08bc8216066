/**
 * Prints one plain closing line, `tests: N passed, N failed[, N skipped]`, as the very last line of the run
 * (after jest's own summary, hence on process exit), so CI can read the result in a runner-neutral form.
 */
class SummaryReporter {
  onRunComplete(_contexts, results) {
    const skipped = results.numPendingTests + results.numTodoTests;
    // Suites that failed to run (syntax errors, failing hooks) count as failures too.
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
    const tail = skipped > 0 ? `, ${skipped} skipped` : '';
    const line = `\ntests: ${results.numPassedTests} passed, ${failed} failed${tail}\n`;
    process.once('exit', () => process.stderr.write(line));
  }
}
module.exports = SummaryReporter;
