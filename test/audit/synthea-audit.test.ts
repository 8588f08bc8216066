import { readdirSync } from 'node:fs';
import { externalFixturePath, readExternalFixture } from '../support/external-fixtures.js';
import { NOW } from '../support/now.js';
import { type ExportFolder, writeExport } from './support/export-folder.js';
import { type AuditRun, auditFolder } from './support/run.js';

/**
 * The six Synthea colorectal patients of test/fixtures/external (SMART sample data), as an export server
 * would write them: transaction Bundles flattened, `urn:uuid:` references turned into `Type/id`.
 */
interface Entry {
  fullUrl?: string;
  resource: { resourceType: string; id?: string };
}

function asExportResources(bundle: { entry: Entry[] }): { resourceType: string }[] {
  const byUrl = new Map(bundle.entry.filter((e) => e.fullUrl && e.resource.id).map((e) => [e.fullUrl as string, `${e.resource.resourceType}/${e.resource.id}`]));
  const text = JSON.stringify(bundle.entry.map((e) => e.resource)).replace(/"reference":"(urn:uuid:[^"]+)"/g, (m, url: string) => {
    const ref = byUrl.get(url);
    return ref ? `"reference":"${ref}"` : m;
  });
  return JSON.parse(text) as { resourceType: string }[];
}

const dir = 'fhir/synthea-smart-r4';
const files = readdirSync(externalFixturePath(dir)).filter((f) => f.endsWith('.json'));
const resources = files.flatMap((f) => asExportResources(JSON.parse(readExternalFixture(`${dir}/${f}`)) as { entry: Entry[] }));
let folder: ExportFolder;
let run: AuditRun;

beforeAll(async () => {
  folder = writeExport(resources, { gzip: true });
  run = await auditFolder(folder.dir, NOW);
}, 60_000);
afterAll(() => {
  folder?.remove();
  run?.remove();
});

test('six patients, every line read, none in scope (colon cancer or no cancer, as their mapping test says)', () => {
  expect(files).toHaveLength(6);
  expect(run.summary.patientsAudited).toBe(6);
  expect(run.summary.input.lines).toBe(resources.length);
  expect(run.summary.input.invalidLines).toBe(0);
  expect(run.partial).toBe(false);
  expect([run.summary.candidates, run.summary.inScope, run.findings.length]).toEqual([0, 0, 0]);
});

test('resources outside any patient record (Organization, Practitioner) are counted, not lost silently', () => {
  const unattributed = resources.filter((r) => r.resourceType === 'Organization' || r.resourceType === 'Practitioner').length;
  expect(unattributed).toBeGreaterThan(0);
  expect(run.summary.input.unattributedResources).toBe(unattributed);
});
