import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nock from 'nock';
import { BulkExportError, downloadBulkExport, type ExportProgress } from '../../src/bulk-export/index.js';
import { createHttpGet } from '../../src/fhir-client/http-get.js';

/**
 * Faults of a Bulk Data server the embedded one never makes, injected with nock: throttling, a status poll
 * failing, a file cut short, a refused kick-off. No token here (an open server): the token paths are tested
 * live in live-export.test.ts.
 */
const FHIR = 'http://bulk.test/fhir';
const KICK_OFF = `${FHIR}/Patient/$export`;
const STATUS = `${FHIR}/status/job-1`;
// nock answers before any connection, so no address check; http to a test host needs allowHttp.
const base = {
  kickOffUrl: KICK_OFF,
  policy: { mode: 'demo' as const, allowedServers: [], allowHttp: true },
  http: createHttpGet(),
  retry: { maxWaitMs: 20, backoffMs: 5 },
  pollIntervalMs: 5,
};
const dirs: string[] = [];
const outDir = async () => {
  const dir = await mkdtemp(join(tmpdir(), 'bulk-faults-'));
  dirs.push(dir);
  return dir;
};

const patient = (id: string) => JSON.stringify({ resourceType: 'Patient', id });
const twoPatients = `${patient('a')}\n${patient('b')}\n`;
const manifest = (over: Record<string, unknown> = {}) => ({
  transactionTime: '2026-12-01T10:00:00Z',
  request: KICK_OFF,
  requiresAccessToken: false,
  output: [{ type: 'Patient', url: `${FHIR}/files/Patient-1.ndjson`, count: 2 }],
  error: [],
  ...over,
});

function kickOffOk(scope = nock(FHIR)) {
  return scope.get('/Patient/$export').matchHeader('prefer', 'respond-async').reply(202, '', { 'Content-Location': STATUS });
}

beforeAll(() => {
  nock.disableNetConnect();
});
afterEach(() => {
  nock.cleanAll();
});
afterAll(async () => {
  nock.enableNetConnect();
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

test('a 429 with Retry-After on the kick-off is waited out and retried', async () => {
  const events: ExportProgress[] = [];
  const scope = nock(FHIR).get('/Patient/$export').reply(429, '', { 'Retry-After': '2' });
  kickOffOk(scope);
  scope.get('/status/job-1').reply(200, manifest()).get('/files/Patient-1.ndjson').reply(200, twoPatients).delete('/status/job-1').reply(202);
  const result = await downloadBulkExport({ ...base, outDir: await outDir(), onProgress: (e) => events.push(e) });
  expect(events).toContainEqual({ phase: 'retrying', what: 'kick-off URL', status: 429, retryAfterMs: 2000, waitMs: 20 });
  expect(result.resources).toBe(2);
  expect(scope.isDone()).toBe(true);
});

test('a 500 on a status poll is retried; the 202s before it carry X-Progress', async () => {
  const events: ExportProgress[] = [];
  const scope = kickOffOk();
  scope
    .get('/status/job-1')
    .reply(202, '', { 'X-Progress': '40% done', 'Retry-After': '1' })
    .get('/status/job-1')
    .reply(500, { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'transient', diagnostics: 'database hiccup' }] })
    .get('/status/job-1')
    .reply(200, manifest())
    .get('/files/Patient-1.ndjson')
    .reply(200, twoPatients)
    .delete('/status/job-1')
    .reply(202);
  const result = await downloadBulkExport({ ...base, outDir: await outDir(), onProgress: (e) => events.push(e) });
  expect(events).toContainEqual({ phase: 'in-progress', polls: 1, progress: '40% done', waitMs: 20 });
  expect(events).toContainEqual(expect.objectContaining({ phase: 'retrying', what: 'status URL', status: 500 }));
  expect(result.files).toEqual([expect.objectContaining({ type: 'Patient', resources: 2 })]);
});

test('a status URL failing past the retries is reported with its OperationOutcome', async () => {
  const scope = kickOffOk();
  scope.get('/status/job-1').times(4).reply(500, { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'exception', diagnostics: 'export crashed' }] });
  scope.delete('/status/job-1').reply(202);
  await expect(downloadBulkExport({ ...base, outDir: await outDir() })).rejects.toMatchObject({ reason: 'export-failed', status: 500, message: expect.stringContaining('export crashed') });
});

test("the export's error file is read: its OperationOutcome issues are in the result beside the data", async () => {
  const outcome = { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'processing', diagnostics: 'Observation/o9 could not be exported' }] };
  const scope = kickOffOk();
  scope
    .get('/status/job-1')
    .reply(200, manifest({ error: [{ type: 'OperationOutcome', url: `${FHIR}/files/err-1.ndjson` }] }))
    .get('/files/Patient-1.ndjson')
    .reply(200, twoPatients)
    .get('/files/err-1.ndjson')
    .reply(200, `${JSON.stringify(outcome)}\nnot json\n`)
    .delete('/status/job-1')
    .reply(202);
  const dir = await outDir();
  const result = await downloadBulkExport({ ...base, outDir: dir });
  expect(result.errors).toEqual([outcome.issue[0], expect.objectContaining({ code: 'invalid', diagnostics: 'line 2 of the error file 1 is not an OperationOutcome' })]);
  // Only output files land in the folder the audit reads.
  expect(await readdir(dir)).toEqual(['Patient.1.ndjson']);
});

test('a file shorter than its Content-Length is tried again; whole the second time, it is kept', async () => {
  const events: ExportProgress[] = [];
  const scope = kickOffOk();
  scope
    .get('/status/job-1')
    .reply(200, manifest())
    .get('/files/Patient-1.ndjson')
    .reply(200, twoPatients.slice(0, 30), { 'Content-Length': String(Buffer.byteLength(twoPatients)) })
    .get('/files/Patient-1.ndjson')
    .reply(200, twoPatients)
    .delete('/status/job-1')
    .reply(202);
  const dir = await outDir();
  const result = await downloadBulkExport({ ...base, outDir: dir, onProgress: (e) => events.push(e) });
  // Node itself fails a body that ends before its Content-Length; either way it is a short transfer, tried again.
  expect(events).toContainEqual(expect.objectContaining({ phase: 'retrying', what: expect.stringMatching(/Patient.1.ndjson (came truncated|stopped before its end)/) }));
  expect(await readFile(join(dir, 'Patient.1.ndjson'), 'utf8')).toBe(twoPatients);
  expect(result.bytes).toBe(Buffer.byteLength(twoPatients));
});

test('a file that ends in a partial line every time is reported as truncated, and no partial file is left', async () => {
  const cut = `${patient('a')}\n{"resourceType":"Pat`;
  const scope = kickOffOk();
  scope.get('/status/job-1').reply(200, manifest()).get('/files/Patient-1.ndjson').times(2).reply(200, cut).delete('/status/job-1').reply(202);
  const dir = await outDir();
  const err = await downloadBulkExport({ ...base, outDir: dir }).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(BulkExportError);
  expect(err).toMatchObject({ reason: 'truncated', message: expect.stringContaining('Patient.1.ndjson ends in a partial line') });
  expect(await readdir(dir)).toEqual([]);
});

test('a whole file holding fewer resources than the manifest counts is reported', async () => {
  const scope = kickOffOk();
  scope.get('/status/job-1').reply(200, manifest()).get('/files/Patient-1.ndjson').reply(200, `${patient('a')}\n`).delete('/status/job-1').reply(202);
  await expect(downloadBulkExport({ ...base, outDir: await outDir() })).rejects.toMatchObject({ reason: 'truncated', message: 'Patient.1.ndjson holds 1 resources but the manifest says 2' });
});

test('a refused kick-off says why (the OperationOutcome), and nothing is polled', async () => {
  const scope = nock(FHIR)
    .get('/Patient/$export')
    .query({ _type: 'Patient' })
    .reply(400, { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'not-supported', diagnostics: 'exports are switched off' }] });
  await expect(downloadBulkExport({ ...base, kickOffUrl: `${KICK_OFF}?_type=Patient`, outDir: await outDir() })).rejects.toMatchObject({
    reason: 'kick-off-refused',
    status: 400,
    message: 'the server refused the export (HTTP 400): exports are switched off',
  });
  expect(scope.isDone()).toBe(true);
});

test('a manifest that wants the token sent to another host is refused; file types cannot name a path', async () => {
  kickOffOk().get('/status/job-1').reply(200, manifest({ requiresAccessToken: true, output: [{ type: 'Patient', url: 'https://elsewhere.test/f.ndjson' }] })).delete('/status/job-1').reply(202);
  await expect(downloadBulkExport({ ...base, outDir: await outDir() })).rejects.toMatchObject({ reason: 'refused', message: expect.stringContaining('another origin') });
  kickOffOk().get('/status/job-1').reply(200, manifest({ output: [{ type: '../../etc/Patient', url: `${FHIR}/files/x.ndjson` }] })).delete('/status/job-1').reply(202);
  await expect(downloadBulkExport({ ...base, outDir: await outDir() })).rejects.toMatchObject({ reason: 'bad-response' });
});

test('private addresses are not called unless the allow-list names them', async () => {
  await expect(downloadBulkExport({ ...base, kickOffUrl: 'http://10.0.0.5/fhir/Patient/$export', outDir: await outDir() })).rejects.toMatchObject({ reason: 'refused' });
  await expect(downloadBulkExport({ ...base, kickOffUrl: 'http://169.254.169.254/fhir/Patient/$export', outDir: await outDir() })).rejects.toMatchObject({ reason: 'refused' });
});
