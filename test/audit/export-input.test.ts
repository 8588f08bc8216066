import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Group } from 'fhir/r4.js';
import { runAuditCli } from '../../src/audit/cli.js';
import { EXIT } from '../../src/audit/exit-codes.js';
import { EXPORT_ERRORS_FILE, EXPORT_FOLDER } from '../../src/audit/export-input.js';
import { DEMO_GROUP_ID } from '../../src/demo/demo-data.js';
import { startDemoExportServer, type DemoExportServer } from '../bulk-export/demo-export-server.js';
import { type ExportFolder, tempDir } from './support/export-folder.js';

/**
 * `npm run audit -- --export URL`: a live Bulk Data export from the demo's embedded FHIR server, with SMART
 * Backend Services authorisation, downloaded into `--out/export/` and audited; export errors make the audit
 * partial (exit 4), a failed export is exit 6, and nothing of it is lost silently.
 */
let server: DemoExportServer;
let keyDir: ExportFolder;
let env: Record<string, string>;
const folders: ExportFolder[] = [];
const out = () => {
  const f = tempDir('rectal-cds-audit-export-');
  folders.push(f);
  return f.dir;
};

beforeAll(async () => {
  server = await startDemoExportServer();
  keyDir = tempDir('rectal-cds-audit-key-');
  const keyFile = join(keyDir.dir, 'client.jwk.json');
  writeFileSync(keyFile, JSON.stringify(server.privateJwk));
  env = { LOG_LEVEL: 'silent', BULK_CLIENT_ID: 'audit-client', BULK_PRIVATE_KEY_FILE: keyFile };
});
afterAll(async () => {
  await server?.close();
  keyDir?.remove();
  folders.forEach((f) => f.remove());
});

function stderr(): { write(s: string): boolean; text: () => string } {
  let text = '';
  return { write: (s: string) => ((text += s), true), text: () => text };
}

const summaryOf = (dir: string) => JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8')) as { patientsAudited: number; inScope: number; findings: number };

test('a Group export of the demo patients is downloaded into --out/export and audited like the same folder given with --ndjson', async () => {
  const viaExport = out();
  const err = stderr();
  const code = await runAuditCli(['--export', `${server.fhirBase}/Group/${DEMO_GROUP_ID}/$export`, '--out', viaExport, '--workers', '1'], env, err);
  expect(err.text()).toMatch(/export started/);
  expect(code).toBe(EXIT.ok);
  const summary = summaryOf(viaExport);
  expect(summary.inScope).toBeGreaterThan(0);
  expect(summary.findings).toBeGreaterThan(0);
  expect(existsSync(join(viaExport, EXPORT_ERRORS_FILE))).toBe(false);
  // The same downloaded files, audited from the folder: the export input hands the audit exactly what was exported.
  const viaFolder = out();
  expect(await runAuditCli(['--ndjson', join(viaExport, EXPORT_FOLDER), '--out', viaFolder, '--workers', '1'], env, stderr())).toBe(EXIT.ok);
  expect(readFileSync(join(viaFolder, 'findings.ndjson'), 'utf8')).toBe(readFileSync(join(viaExport, 'findings.ndjson'), 'utf8'));
  expect(summaryOf(viaFolder).patientsAudited).toBe(summary.patientsAudited);
});

test("the export's error entries are written beside the findings and make the audit partial (exit 4)", async () => {
  const group: Group = {
    resourceType: 'Group',
    id: 'audit-with-missing',
    type: 'person',
    actual: true,
    member: [{ entity: { reference: 'Patient/v01-kras-g12d-liver' } }, { entity: { reference: 'Patient/nobody-here' } }],
  };
  await server.demo.fhir.load({ resourceType: 'Bundle', type: 'collection', entry: [{ resource: group }] });
  const dir = out();
  const err = stderr();
  expect(await runAuditCli(['--export', `${server.fhirBase}/Group/audit-with-missing/$export`, '--out', dir, '--workers', '1'], env, err)).toBe(EXIT.partialInput);
  expect(err.text()).toMatch(/the export reported 1 error/);
  const errors = readFileSync(join(dir, EXPORT_ERRORS_FILE), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { code: string; diagnostics?: string });
  expect(errors).toEqual([expect.objectContaining({ code: 'not-found', diagnostics: expect.stringContaining('Patient/nobody-here') })]);
  expect(summaryOf(dir).patientsAudited).toBe(1);
});

test.each<[string, () => [string, Record<string, string>]]>([
  ['no credentials: the server refuses the export', () => [`${server.fhirBase}/Patient/$export`, { LOG_LEVEL: 'silent' }]],
  ['nothing listens at the kick-off URL', () => ['http://127.0.0.1:9/fhir/Patient/$export', env]],
])('%s: exit 6, the reason said, no report written', async (_name, given) => {
  const [url, callEnv] = given();
  const dir = out();
  const err = stderr();
  expect(await runAuditCli(['--export', url, '--out', dir, '--workers', '1'], callEnv, err)).toBe(EXIT.exportFailed);
  expect(err.text()).toMatch(/export failed \(/);
  expect(existsSync(join(dir, 'summary.json'))).toBe(false);
});
