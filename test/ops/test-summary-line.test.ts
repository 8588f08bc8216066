import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectFile } from '../../src/project-files.js';

/**
 * The closing `tests: ...` line of `npm test` and jest's own "Tests:" line are one count: a real jest run over
 * suites that pass, fail, skip, leave todos, throw while loading, fail in beforeAll or afterAll, or hold no test.
 */
const REPORTER = projectFile('test/support/summary-reporter.cjs');
const JEST = projectFile('node_modules/jest/bin/jest.js');

const SUITES: Record<string, string> = {
  'mixed.test.cjs': "test('a', () => {}); test('b', () => { expect(1).toBe(2); }); test.skip('c', () => {}); test.todo('d');",
  'throws-on-load.test.cjs': "throw new Error('broken fixture file');",
  'before-all-fails.test.cjs': "beforeAll(() => { throw new Error('no setup'); }); test('x', () => {}); test('y', () => {});",
  'after-all-fails.test.cjs': "afterAll(() => { throw new Error('no teardown'); }); test('z', () => {});",
  'no-tests.test.cjs': '// nothing here',
};

interface Run {
  jestLine: string;
  closing: string;
}

function runJest(dir: string): Promise<Run> {
  const config = { rootDir: dir, testMatch: ['**/*.test.cjs'], transform: {}, reporters: ['default', REPORTER] };
  const env = { ...process.env };
  delete env['JEST_WORKER_ID'];
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [JEST, '--config', JSON.stringify(config), '--ci'], { cwd: dir, env, timeout: 60_000 }, (err, _stdout, stderr) => {
      if (err && typeof err.code !== 'number') return reject(err);
      const lines = stderr.trimEnd().split('\n');
      const jestLine = lines.find((l) => l.startsWith('Tests:'));
      if (!jestLine) return reject(new Error(`no "Tests:" line in:\n${stderr}`));
      resolve({ jestLine, closing: lines[lines.length - 1] ?? '' });
    });
  });
}

/** `{ passed: 2, failed: 3, skipped: 1, todo: 1, total: 7 }` from either line (jest leaves out zeros). */
function counts(line: string): Record<string, number> {
  const found = Object.fromEntries([...line.matchAll(/(\d+) (passed|failed|skipped|todo|total)/g)].map((m) => [m[2], Number(m[1])]));
  return { passed: 0, failed: 0, skipped: 0, todo: 0, total: 0, ...found };
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'rectal-cds-summary-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

test('every kind of failure: the closing line has jest\'s numbers and names the files that failed outside their tests', async () => {
  for (const [name, text] of Object.entries(SUITES)) writeFileSync(join(dir, name), text);
  const { jestLine, closing } = await runJest(dir);
  expect(counts(jestLine)).toEqual({ passed: 2, failed: 3, skipped: 1, todo: 1, total: 7 });
  expect(counts(closing)).toEqual(counts(jestLine));
  expect(closing).toBe(
    'tests: 2 passed, 3 failed, 1 skipped, 1 todo (7 total); 3 test files failed outside their tests: after-all-fails.test.cjs, no-tests.test.cjs, throws-on-load.test.cjs',
  );
}, 90_000);

test('an all-green run: the same numbers, nothing else', async () => {
  writeFileSync(join(dir, 'green.test.cjs'), "test('a', () => {}); test('b', () => {});");
  const { jestLine, closing } = await runJest(dir);
  expect(counts(closing)).toEqual(counts(jestLine));
  expect(closing).toBe('tests: 2 passed, 0 failed (2 total)');
}, 90_000);

test('summaryLine leaves the counts as jest gives them (unit)', () => {
  const { summaryLine } = createRequire(import.meta.url)(REPORTER) as { summaryLine: (r: unknown, root: string) => string };
  const results = {
    numPassedTests: 5,
    numFailedTests: 0,
    numPendingTests: 0,
    numTodoTests: 2,
    numTotalTests: 7,
    testResults: [{ testFilePath: '/repo/test/a.test.ts', numFailingTests: 0, failureMessage: 'afterAll failed' }],
  };
  expect(summaryLine(results, '/repo')).toBe('tests: 5 passed, 0 failed, 2 todo (7 total); 1 test file failed outside their tests: test/a.test.ts');
});
