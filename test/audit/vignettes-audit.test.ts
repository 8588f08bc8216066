import { allScenarios } from '../../src/fixtures/scenarios/index.js';
import { postJson, startLiveServer, type LiveServer } from '../support/live-server.js';
import { NOW } from '../support/now.js';
import { cardIds, patientViewRequest, service } from '../support/prefetch.js';
import { testConfig } from '../support/test-config.js';
import { type ExportFolder, writeExport } from './support/export-folder.js';
import { type AuditRun, auditFolder, rulesByPatient } from './support/run.js';

/**
 * The public vignettes' patients as one Bulk Data export: the audit must find, for each patient, exactly the
 * rules the patient-view service returns for the same chart at the same moment (real HTTP, the embedded FHIR
 * server answering the service's queries).
 */
const svc = service('patient-view');
let live: LiveServer;
let folder: ExportFolder;
let run: AuditRun;

beforeAll(async () => {
  const records = allScenarios.map((s) => s.record(NOW));
  live = await startLiveServer(testConfig({ ruleSet: 'extended', rectosigmoidInScope: false }), records, { now: () => NOW });
  // Several files per type, as export servers split them.
  folder = writeExport(records.flat(), { perFile: 200 });
  run = await auditFolder(folder.dir, NOW);
}, 60_000);
afterAll(async () => {
  await live?.close();
  folder?.remove();
  run?.remove();
});

test('every patient of the export is audited and every line read', () => {
  expect(run.summary.patientsAudited).toBe(allScenarios.length);
  expect(run.summary.input.invalidLines).toBe(0);
  expect(run.summary.input.lines).toBe(allScenarios.reduce((n, s) => n + s.record(NOW).length, 0));
  expect(run.partial).toBe(false);
});

test.each(allScenarios.map((s) => [`${s.id} ${s.slug}`, s.patientId] as const))('%s: the audit finds the rules of its patient-view cards', async (_name, patientId) => {
  const res = await postJson(`${live.baseUrl}/cds-services/${svc.id}`, patientViewRequest(patientId, { fhirServer: live.fhirBase }));
  expect(res.status).toBe(200);
  const fromCards = [...new Set(cardIds(res.body))].sort();
  expect(rulesByPatient(run.findings).get(patientId) ?? []).toEqual(fromCards);
});

test('findings carry what they are based on, as resource references of the patient', () => {
  const gaps = run.findings.filter((f) => f.kind === 'gap');
  expect(gaps.length).toBeGreaterThan(50);
  for (const g of gaps) {
    expect(g.firstDetected).toBe('2026-06-01');
    expect(g.basedOn.length).toBeGreaterThan(0);
  }
  const refs = gaps.flatMap((g) => g.basedOn.map((b) => b.reference)).filter((r): r is string => r !== undefined);
  expect(refs.length).toBeGreaterThan(50);
  for (const r of refs) expect(r).toMatch(/^[A-Z][A-Za-z]+\/[A-Za-z0-9.-]+$/);
});

test('summary counts agree with the findings', () => {
  const byRule = new Map<string, Set<string>>();
  for (const f of run.findings) if (f.kind === 'gap') (byRule.get(f.ruleId) ?? byRule.set(f.ruleId, new Set()).get(f.ruleId)!).add(f.patientId);
  expect(Object.fromEntries(run.summary.rules.map((r) => [r.ruleId, r.patients]))).toEqual(Object.fromEntries([...byRule].map(([id, s]) => [id, s.size])));
  for (const r of run.summary.rules) expect(r.rate).toBeCloseTo(r.patients / run.summary.inScope, 3);
  expect(run.summary.findings).toBe(run.findings.length);
});
