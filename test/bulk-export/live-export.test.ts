import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Group, Resource } from 'fhir/r4.js';
import { clientAssertion } from '../../src/bulk-export/backend-auth.js';
import { BulkExportError, downloadBulkExport, type ExportProgress, type ExportResult } from '../../src/bulk-export/index.js';
import { DEMO_GROUP_ID } from '../../src/demo/demo-data.js';
import { startDemoExportServer, type DemoExportServer } from './demo-export-server.js';

/**
 * The live Bulk Data export end to end: the demo's embedded FHIR server with SMART Backend Services on,
 * the export client on loopback (kick-off, polling, token, download), and the files it writes read back.
 */
let server: DemoExportServer;
let dirs: string[] = [];

beforeAll(async () => {
  server = await startDemoExportServer();
});
afterAll(async () => {
  await server.close();
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

async function outDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'bulk-export-'));
  dirs.push(dir);
  return dir;
}

/** Fast polling: the server asks for 1 s, the client waits at most 50 ms. */
const quick = { retry: { maxWaitMs: 50, backoffMs: 10 }, pollIntervalMs: 20 };

async function readNdjson(path: string): Promise<Resource[]> {
  const text = await readFile(path, 'utf8');
  return text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Resource);
}

async function exported(result: ExportResult): Promise<Map<string, Resource[]>> {
  const byType = new Map<string, Resource[]>();
  for (const file of result.files) byType.set(file.type, [...(byType.get(file.type) ?? []), ...(await readNdjson(file.path))]);
  return byType;
}

/** A token straight from the demo token endpoint, for requests made by hand. */
async function accessToken(): Promise<string> {
  const assertion = await clientAssertion(server.auth, `${server.base}/demo-ehr/auth/token`, Date.now());
  const form = new URLSearchParams({ grant_type: 'client_credentials', scope: 'system/*.read', client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer', client_assertion: assertion });
  const res = await fetch(`${server.base}/demo-ehr/auth/token`, { method: 'POST', body: form });
  expect(res.status).toBe(200);
  return ((await res.json()) as { access_token: string }).access_token;
}

const demoPatientIds = () => server.demo.patients.map((p) => p.patientId).sort();

test('Patient/$export with Backend Services: kick-off, polling, download; every demo patient and their data', async () => {
  const events: ExportProgress[] = [];
  const dir = await outDir();
  const result = await downloadBulkExport({ kickOffUrl: `${server.fhirBase}/Patient/$export`, auth: server.auth, outDir: dir, onProgress: (e) => events.push(e), ...quick });

  expect(events.some((e) => e.phase === 'in-progress' && /resource types written/.test(e.progress ?? ''))).toBe(true);
  const byType = await exported(result);
  expect((byType.get('Patient') ?? []).map((p) => p.id).sort()).toEqual(demoPatientIds());
  // Conditions, Observations, MedicationRequests of the vignettes came along, each naming a demo patient.
  for (const type of ['Condition', 'Observation', 'MedicationRequest']) expect(byType.get(type)?.length ?? 0).toBeGreaterThan(0);
  const ids = new Set(demoPatientIds());
  for (const c of byType.get('Condition') ?? []) expect(ids.has(String((c as { subject?: { reference?: string } }).subject?.reference).replace('Patient/', ''))).toBe(true);
  expect(byType.has('Group')).toBe(false);
  // Each file is named as the manifest's type says; lines match what the client counted and the server announced.
  const names = (await readdir(dir)).sort();
  expect(names).toEqual(result.files.map((f) => `${f.type}.${f.path.split('.').at(-2)}.ndjson`).sort());
  for (const f of result.files) expect((await readNdjson(f.path)).length).toBe(f.resources);
  expect(result.resources).toBe([...byType.values()].reduce((n, list) => n + list.length, 0));
  expect(result.bytes).toBe(result.files.reduce((n, f) => n + f.bytes, 0));
  expect(result.errors).toEqual([]);
  expect(result.request).toBe(`${server.fhirBase}/Patient/$export`);
});

test('without a token the export endpoints answer 401; a kick-off without Prefer: respond-async is a 400', async () => {
  const open = await fetch(`${server.fhirBase}/Patient/$export`, { headers: { prefer: 'respond-async' } });
  expect(open.status).toBe(401);
  expect(open.headers.get('www-authenticate')).toMatch(/^Bearer /);
  await expect(downloadBulkExport({ kickOffUrl: `${server.fhirBase}/Patient/$export`, outDir: await outDir(), ...quick })).rejects.toMatchObject({ reason: 'auth', status: 401 });
  const token = await accessToken();
  const sync = await fetch(`${server.fhirBase}/Patient/$export`, { headers: { authorization: `Bearer ${token}` } });
  expect(sync.status).toBe(400);
  expect(JSON.stringify(await sync.json())).toContain('Prefer: respond-async');
  const started = await fetch(`${server.fhirBase}/Patient/$export`, { headers: { authorization: `Bearer ${token}`, prefer: 'respond-async' } });
  expect(started.status).toBe(202);
  expect(started.headers.get('content-location')).toMatch(new RegExp(`^${server.fhirBase}/`));
  // Reads and searches of the demo server stay open.
  expect((await fetch(`${server.fhirBase}/Patient/v01-kras-g12d-liver`)).status).toBe(200);
});

test('the CapabilityStatement and SMART configuration say what a Bulk Data client needs', async () => {
  const metadata = (await (await fetch(`${server.fhirBase}/metadata`)).json()) as { rest: { resource: { type: string; operation?: { name: string }[] }[] }[] };
  const ops = (type: string) => metadata.rest[0]!.resource.find((r) => r.type === type)?.operation?.map((o) => o.name);
  expect([ops('Patient'), ops('Group'), ops('Observation')]).toEqual([['export'], ['export'], undefined]);
  const smart = (await (await fetch(`${server.fhirBase}/.well-known/smart-configuration`)).json()) as Record<string, string[]>;
  expect(smart['grant_types_supported']).toEqual(expect.arrayContaining(['authorization_code', 'client_credentials']));
  expect(smart['token_endpoint_auth_methods_supported']).toContain('private_key_jwt');
  expect(smart['token_endpoint_auth_signing_alg_values_supported']).toEqual(['RS384', 'ES384']);
});

test('the token endpoint refuses an assertion signed by another key, and one used twice', async () => {
  const { generateKeyPair } = await import('jose');
  const tokenUrl = `${server.base}/demo-ehr/auth/token`;
  const ask = (assertion: string) =>
    fetch(tokenUrl, { method: 'POST', body: new URLSearchParams({ grant_type: 'client_credentials', scope: 'system/*.read', client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer', client_assertion: assertion }) });
  const stranger = { ...server.auth, privateKey: (await generateKeyPair('ES384')).privateKey };
  const forged = await ask(await clientAssertion(stranger, tokenUrl, Date.now()));
  expect([forged.status, ((await forged.json()) as { error: string }).error]).toEqual([401, 'invalid_client']);
  const once = await clientAssertion(server.auth, tokenUrl, Date.now());
  expect((await ask(once)).status).toBe(200);
  const again = await ask(once);
  expect([again.status, ((await again.json()) as { error_description: string }).error_description]).toEqual([401, expect.stringContaining('already used')]);
  const wrongAud = await ask(await clientAssertion(server.auth, `${server.base}/elsewhere/token`, Date.now()));
  expect(wrongAud.status).toBe(401);
});

test('_type limits the export to the types asked for', async () => {
  const result = await downloadBulkExport({ kickOffUrl: `${server.fhirBase}/Patient/$export?_type=Patient,Condition`, auth: server.auth, outDir: await outDir(), ...quick });
  expect([...new Set(result.files.map((f) => f.type))].sort()).toEqual(['Condition', 'Patient']);
  expect((await exported(result)).get('Patient')?.length).toBe(server.demo.patients.length);
});

test('Group/{id}/$export of the demo group gives the demo patients; _since after loading gives nothing', async () => {
  const group = await downloadBulkExport({ kickOffUrl: `${server.fhirBase}/Group/${DEMO_GROUP_ID}/$export?_type=Patient`, auth: server.auth, outDir: await outDir(), ...quick });
  expect(((await exported(group)).get('Patient') ?? []).map((p) => p.id).sort()).toEqual(demoPatientIds());
  const since = new Date(Date.now() + 60_000).toISOString();
  const none = await downloadBulkExport({ kickOffUrl: `${server.fhirBase}/Patient/$export?_since=${encodeURIComponent(since)}`, auth: server.auth, outDir: await outDir(), ...quick });
  expect(none.files).toEqual([]);
});

test('a Group member that does not exist is reported from the error file, the others exported', async () => {
  const group: Group = {
    resourceType: 'Group',
    id: 'with-missing',
    type: 'person',
    actual: true,
    member: [{ entity: { reference: 'Patient/v01-kras-g12d-liver' } }, { entity: { reference: 'Patient/nobody-here' } }],
  };
  await server.demo.fhir.load({ resourceType: 'Bundle', type: 'collection', entry: [{ resource: group }] });
  const result = await downloadBulkExport({ kickOffUrl: `${server.fhirBase}/Group/with-missing/$export?_type=Patient`, auth: server.auth, outDir: await outDir(), ...quick });
  expect(((await exported(result)).get('Patient') ?? []).map((p) => p.id)).toEqual(['v01-kras-g12d-liver']);
  expect(result.errors).toEqual([expect.objectContaining({ severity: 'error', code: 'not-found', diagnostics: expect.stringContaining('Patient/nobody-here') })]);
});

test('an access token that expired during the export is renewed once and the export completes', async () => {
  const events: ExportProgress[] = [];
  server.clock.offsetMs = 0;
  const result = await downloadBulkExport({
    kickOffUrl: `${server.fhirBase}/Patient/$export?_type=Patient`,
    auth: server.auth,
    outDir: await outDir(),
    onProgress: (e) => {
      events.push(e);
      // The authorization server's clock passes the token's 60 s lifetime right after the kick-off.
      if (e.phase === 'kicked-off') server.clock.offsetMs = 61_000;
    },
    ...quick,
  });
  server.clock.offsetMs = 0;
  expect(events.filter((e) => e.phase === 'token-renewed')).toHaveLength(1);
  expect(result.files.map((f) => f.type)).toEqual(['Patient']);
});

test('_typeFilter is refused by the server with its reason, not ignored', async () => {
  const err = await downloadBulkExport({ kickOffUrl: `${server.fhirBase}/Patient/$export?_typeFilter=Condition%3Fcode%3D1`, auth: server.auth, outDir: await outDir(), ...quick }).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(BulkExportError);
  expect(err).toMatchObject({ reason: 'kick-off-refused', status: 400, message: expect.stringContaining('_typeFilter is not supported') });
});

test('aborting after the kick-off cancels the export at the server (DELETE): its status URL is gone', async () => {
  const controller = new AbortController();
  let statusUrl = '';
  const err = await downloadBulkExport({
    kickOffUrl: `${server.fhirBase}/Patient/$export`,
    auth: server.auth,
    outDir: await outDir(),
    signal: controller.signal,
    onProgress: (e) => {
      if (e.phase === 'kicked-off') {
        statusUrl = e.statusUrl;
        controller.abort();
      }
    },
    ...quick,
  }).catch((e: unknown) => e);
  expect(err).toMatchObject({ reason: 'cancelled' });
  expect((await fetch(statusUrl, { headers: { authorization: `Bearer ${await accessToken()}` } })).status).toBe(404);
});

test('the output folder must not hold NDJSON already', async () => {
  const dir = await outDir();
  await downloadBulkExport({ kickOffUrl: `${server.fhirBase}/Patient/$export?_type=Patient`, auth: server.auth, outDir: dir, ...quick });
  await expect(downloadBulkExport({ kickOffUrl: `${server.fhirBase}/Patient/$export?_type=Patient`, auth: server.auth, outDir: dir, ...quick })).rejects.toMatchObject({ reason: 'out-dir' });
});
