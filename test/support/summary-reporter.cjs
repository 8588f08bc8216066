/**
 * Prints one plain closing line as the very last line of the run (after jest's own summary, hence on process
 * exit), so CI can read the result in a runner-neutral form:
 *
 *   tests: N passed, N failed[, N skipped][, N todo] (N total)[; N test files failed outside their tests: a, b]
 *
 * The test counts are jest's own ("Tests:" line), never adjusted. A test file can fail with no failing test
 * (it throws while loading, a beforeAll/afterAll hook fails after its tests, it has no test): jest counts
 * those as failed suites, not failed tests, so they are named after the counts instead of being added to them.
 */
const { relative } = require('node:path');

function failedOutsideTests(results, rootDir) {
  return results.testResults
    .filter((r) => r.numFailingTests === 0 && (r.testExecError || r.failureMessage))
    .map((r) => relative(rootDir, r.testFilePath))
    .sort();
}

function summaryLine(results, rootDir = process.cwd()) {
  const parts = [`${results.numPassedTests} passed`, `${results.numFailedTests} failed`];
  if (results.numPendingTests > 0) parts.push(`${results.numPendingTests} skipped`);
  if (results.numTodoTests > 0) parts.push(`${results.numTodoTests} todo`);
  const broken = failedOutsideTests(results, rootDir);
  const files = broken.length > 0 ? `; ${broken.length} test file${broken.length === 1 ? '' : 's'} failed outside their tests: ${broken.join(', ')}` : '';
  return `tests: ${parts.join(', ')} (${results.numTotalTests} total)${files}`;
}

class SummaryReporter {
  constructor(globalConfig) {
    this.rootDir = globalConfig.rootDir;
  }

  onRunComplete(_contexts, results) {
    const line = `\n${summaryLine(results, this.rootDir)}\n`;
    process.once('exit', () => process.stderr.write(line));
  }
}

module.exports = SummaryReporter;
module.exports.summaryLine = summaryLine;
