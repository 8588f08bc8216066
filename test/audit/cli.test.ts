import { execFile } from 'node:child_process';
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { runAuditCli } from '../../src/audit/cli.js';
import { parseCliArgs } from '../../src/audit/cli-args.js';
import { EXIT } from '../../src/audit/exit-codes.js';
import { progressDisplay } from '../../src/audit/progress-display.js';
import { allScenarios } from '../../src/fixtures/scenarios/index.js';
import { projectFile } from '../../src/project-files.js';
import { NOW } from '../support/now.js';
import { type ExportFolder, tempDir, writeExport } from './support/export-folder.js';

/** The audit command: exit codes that say what failed, progress without patient ids, outputs only in --out. */
const run = promisify(execFile);
const patientIds = allScenarios.map((s) => s.patientId);
const folders: ExportFolder[] = [];
const temp = (f: ExportFolder): ExportFolder => (folders.push(f), f);
let input: ExportFolder;
beforeAll(() => {
  input = temp(writeExport(allScenarios.flatMap((s) => s.record(NOW)), { perFile: 150 }));
});
afterAll(() => folders.forEach((f) => f.remove()));

function stderr(): { write(s: string): boolean; text: () => string } {
  let text = '';
  return { write: (s: string) => ((text += s), true), text: () => text };
}

const expectNoPatientId = (text: string) => {
  for (const id of patientIds) expect(text).not.toContain(id);
};

test.each<[string, number, string[]]>([
  ['no arguments', EXIT.badArguments, []],
  ['no --out', EXIT.badArguments, ['--ndjson', '/nowhere']],
  ['unknown option', EXIT.badArguments, ['--ndjson', '/a', '--out', '/b', '--export']],
  ['bad date', EXIT.badArguments, ['--ndjson', '/a', '--out', '/b', '--date', '2026-02-30']],
  ['bad workers', EXIT.badArguments, ['--ndjson', '/a', '--out', '/b', '--workers', '0']],
  ['missing input folder', EXIT.unreadableInput, ['--ndjson', '/nonexistent/export', '--out', '/tmp/x']],
])('%s: exit %i', async (_name, code, argv) => {
  const err = stderr();
  expect(await runAuditCli(argv, {}, err)).toBe(code);
  expect(err.text()).toMatch(/^audit: /);
});

test('an input folder without NDJSON files: unreadable input', async () => {
  const empty = temp(tempDir('rectal-cds-empty-'));
  writeFileSync(join(empty.dir, 'README.txt'), 'not an export');
  expect(await runAuditCli(['--ndjson', empty.dir, '--out', join(empty.dir, 'out')], {}, stderr())).toBe(EXIT.unreadableInput);
});

test('an output folder that cannot be created: output failed', async () => {
  const out = temp(tempDir('rectal-cds-out-'));
  writeFileSync(join(out.dir, 'file'), '');
  expect(await runAuditCli(['--ndjson', input.dir, '--out', join(out.dir, 'file', 'sub'), '--workers', '1'], {}, stderr())).toBe(EXIT.outputFailed);
});

test('a clean export: exit 0, four outputs in --out, plain progress lines that name no patient', async () => {
  const out = temp(tempDir('rectal-cds-out-'));
  const err = stderr();
  expect(await runAuditCli(['--ndjson', input.dir, '--out', out.dir, '--date', '2026-06-01', '--workers', '1'], {}, err)).toBe(EXIT.ok);
  for (const f of ['findings.ndjson', 'findings.csv', 'summary.json', 'report.html']) expect(existsSync(join(out.dir, f))).toBe(true);
  expect(err.text()).toMatch(/audit: scan .*files/);
  expect(err.text()).toMatch(/audit: \d+ patients audited/);
  expectNoPatientId(err.text());
  expect(JSON.parse(readFileSync(join(out.dir, 'summary.json'), 'utf8')).auditDate).toBe('2026-06-01');
});

test('a truncated line: exit 4 (partial input), outputs still written', async () => {
  const broken = temp(writeExport(allScenarios.slice(0, 5).flatMap((s) => s.record(NOW))));
  appendFileSync(join(broken.dir, 'Observation.ndjson'), '{"resourceType":"Observation","subj\n');
  const out = temp(tempDir('rectal-cds-out-'));
  const err = stderr();
  expect(await runAuditCli(['--ndjson', broken.dir, '--out', out.dir, '--workers', '1'], {}, err)).toBe(EXIT.partialInput);
  expect(err.text()).toContain('partial input: 1 line(s)');
  expect(existsSync(join(out.dir, 'report.html'))).toBe(true);
});

test('the service settings apply: RULE_SET=seed-only drops the ext rules', async () => {
  const out = temp(tempDir('rectal-cds-out-'));
  expect(await runAuditCli(['--ndjson', input.dir, '--out', out.dir, '--date', '2026-06-01', '--workers', '1'], { RULE_SET: 'seed-only' }, stderr())).toBe(EXIT.ok);
  const s = JSON.parse(readFileSync(join(out.dir, 'summary.json'), 'utf8')) as { ruleSet: string; rules: { ruleId: string }[] };
  expect(s.ruleSet).toBe('seed-only');
  expect(s.rules.some((r) => r.ruleId.startsWith('RC-E'))).toBe(false);
});

test('--date defaults to today (UTC), at noon', () => {
  expect(parseCliArgs(['--ndjson', 'a', '--out', 'b'], new Date('2026-03-04T23:30:00Z')).now.toISOString()).toBe('2026-03-04T12:00:00.000Z');
});

test('on a terminal the progress is one bar redrawn in place', () => {
  let text = '';
  let t = 0;
  const d = progressDisplay({ isTTY: true, columns: 200, write: (s) => (text += s) }, () => (t += 1000));
  d.update({ phase: 'collect', bytes: 5e6, files: 2, patients: 300, totalBytes: 1e7, totalFiles: 4, totalPatients: 0 });
  d.finish();
  expect(text).toMatch(/^\r\[#{12}-{12}\] collect 2\/4 files, 5\.0 MB\/10\.0 MB, 300 patients read, .* ETA \d+:\d\d \(50%\)\x1b\[K\n$/);
});

test('the npm script with two worker threads: exit 0 and the same findings as one thread', async () => {
  const one = temp(tempDir('rectal-cds-out-'));
  const two = temp(tempDir('rectal-cds-out-'));
  expect(await runAuditCli(['--ndjson', input.dir, '--out', one.dir, '--date', '2026-06-01', '--workers', '1'], {}, stderr())).toBe(EXIT.ok);
  const child = await run(projectFile('node_modules/.bin/tsx'), ['scripts/audit.ts', '--ndjson', input.dir, '--out', two.dir, '--date', '2026-06-01', '--workers', '2'], {
    cwd: projectFile('.'),
    env: { PATH: process.env['PATH'] ?? '' },
  });
  expectNoPatientId(child.stderr);
  expect(child.stderr).toMatch(/audit: \d+ patients audited/);
  expect(readFileSync(join(two.dir, 'findings.ndjson'), 'utf8')).toBe(readFileSync(join(one.dir, 'findings.ndjson'), 'utf8'));
  const [s1, s2] = [one, two].map((o) => JSON.parse(readFileSync(join(o.dir, 'summary.json'), 'utf8')) as Record<string, unknown>);
  expect({ ...s2, workers: 0, durationMs: 0, phaseMs: {} }).toEqual({ ...s1, workers: 0, durationMs: 0, phaseMs: {} });
}, 60_000);
