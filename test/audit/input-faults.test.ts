import { appendFileSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { allScenarios } from '../../src/fixtures/scenarios/index.js';
import { NOW } from '../support/now.js';
import { type ExportFolder, writeExport } from './support/export-folder.js';
import { auditFolder, rulesByPatient } from './support/run.js';

/** Broken input is counted and reported with its place, the rest audited: never a crash, never a short report passed off as whole. */
const records = allScenarios.map((s) => s.record(NOW));
const resources = records.flat();
const folders: ExportFolder[] = [];
const exportOf = (o: { gzip?: boolean } = {}): ExportFolder => {
  const f = writeExport(resources, o);
  folders.push(f);
  return f;
};
afterAll(() => folders.forEach((f) => f.remove()));

const cut = (line: string): string => line.slice(0, Math.floor(line.length / 2));
const observationOf = (patientId: string): string =>
  JSON.stringify(resources.find((r) => r.resourceType === 'Observation' && (r as { subject?: { reference?: string } }).subject?.reference === `Patient/${patientId}`));

let clean: Map<string, string[]>;
beforeAll(async () => {
  const run = await auditFolder(exportOf().dir, NOW);
  clean = rulesByPatient(run.findings);
  run.remove();
}, 60_000);

test('a truncated line (in scope or not) and invalid JSON are listed by file and line; the other lines are still audited', async () => {
  const folder = exportOf();
  const inScope = [...clean.keys()][0] as string;
  const outOfScope = 'e02-no-cancer';
  expect(resources.some((r) => r.resourceType === 'Patient' && (r as { id?: string }).id === outOfScope)).toBe(true);
  const file = join(folder.dir, 'Observation.ndjson');
  const before = readFileSync(file, 'utf8').split('\n').length - 1;
  appendFileSync(file, `${cut(observationOf(inScope))}\n`);
  appendFileSync(file, `{"resourceType":"Observation","status":"final","subject":{"reference":"Patient/${outOfScope}"},"code":{"text":"cut off"\n`);
  appendFileSync(file, `{"resourceType":"Observation","subject":{"reference":"Patient/${inScope}"},,}\n`);
  const run = await auditFolder(folder.dir, NOW);
  expect(run.partial).toBe(true);
  expect(run.summary.input.invalidLines).toBe(3);
  expect(run.summary.input.invalid).toEqual([
    { file: 'Observation.ndjson', line: before + 1, reason: 'truncated or not a JSON object' },
    { file: 'Observation.ndjson', line: before + 2, reason: 'truncated or not a JSON object' },
    { file: 'Observation.ndjson', line: before + 3, reason: 'invalid JSON' },
  ]);
  expect(rulesByPatient(run.findings)).toEqual(clean);
  // The report says so, where an operator looks first.
  expect(readFileSync(join(run.outDir, 'report.html'), 'utf8')).toContain('Observation.ndjson line ' + String(before + 1));
  run.remove();
});

test('a truncated Condition line is reported once, though both passes read it', async () => {
  const folder = exportOf();
  const file = join(folder.dir, 'Condition.ndjson');
  const lines = readFileSync(file, 'utf8').split('\n');
  lines.splice(3, 0, cut(lines[3] as string));
  writeFileSync(file, lines.join('\n'));
  const run = await auditFolder(folder.dir, NOW);
  expect(run.summary.input.invalid).toEqual([{ file: 'Condition.ndjson', line: 4, reason: 'truncated or not a JSON object' }]);
  run.remove();
});

test('gzip files give the same findings and counts as plain ones', async () => {
  const run = await auditFolder(exportOf({ gzip: true }).dir, NOW);
  expect(readdirSync(folders.at(-1)!.dir).every((n) => n.endsWith('.ndjson.gz'))).toBe(true);
  expect(rulesByPatient(run.findings)).toEqual(clean);
  expect(run.summary.patientsAudited).toBe(allScenarios.length);
  expect(run.summary.input.invalidLines).toBe(0);
  run.remove();
});

test('a gzip file cut short: what it held is read, the failure is reported at the line it stopped', async () => {
  const folder = exportOf();
  const plain = join(folder.dir, 'MedicationAdministration.ndjson');
  const zipped = gzipSync(readFileSync(plain));
  writeFileSync(`${plain}.gz`, zipped.subarray(0, Math.floor(zipped.length * 0.6)));
  const { rmSync } = await import('node:fs');
  rmSync(plain);
  const run = await auditFolder(folder.dir, NOW);
  expect(run.partial).toBe(true);
  expect(run.summary.input.invalid).toEqual([{ file: 'MedicationAdministration.ndjson.gz', line: expect.any(Number), reason: 'unreadable file' }]);
  expect(run.summary.input.invalid[0]!.line).toBeGreaterThan(1);
  run.remove();
});
