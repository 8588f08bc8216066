/**
 * Prints one plain closing line, `tests: N passed, N failed[, N skipped]`, after jest's own summary,
 * so CI can read the result in a runner-neutral form.
 */
class SummaryReporter {
  onRunComplete(_contexts, results) {
    const skipped = results.numPendingTests + results.numTodoTests;
    // Suites that failed to run (syntax or type errors) count as failures too.
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
    const tail = skipped > 0 ? `, ${skipped} skipped` : '';
    // stderr, like jest's own summary, so the line comes last in a combined log.
    process.stderr.write(`\ntests: ${results.numPassedTests} passed, ${failed} failed${tail}\n`);
  }
}
module.exports = SummaryReporter;
