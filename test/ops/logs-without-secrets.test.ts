import type { Patient } from 'fhir/r4.js';
import { loadConfig } from '../../src/config/load-config.js';
import { scenarioById } from '../../src/fixtures/scenarios/index.js';
import { createLogger } from '../../src/observability/logger.js';
import { patientViewRequest } from '../support/prefetch.js';
import { startLiveServer, type LiveServer } from '../support/live-server.js';
import { clientKey, signToken, startJwksServer, type JwksServer } from '../security/jwt-helpers.js';
import { NOW } from '../support/now.js';

/**
 * Structured JSON logs carry a request id and the hook instance, and never a token (client JWT or EHR access
 * token) or patient data — checked on everything the real server writes at debug level through a run of
 * good, refused and failing calls.
 */
const v01 = scenarioById('V01')!;
const ACCESS_TOKEN = 'EHR-ACCESS-TOKEN-must-never-be-logged';
const ISS = 'https://ehr.test/';
const HOOK_INSTANCE = '3f1c9a52-1d5e-4c1b-9a55-1e0f9c4b7d21';

const lines: Record<string, unknown>[] = [];
const sink = { write: (s: string) => void lines.push(JSON.parse(s) as Record<string, unknown>) };
let live: LiveServer;
let jwks: JwksServer;
let jwt = '';

beforeAll(async () => {
  jwks = await startJwksServer();
  const key = await clientKey('ES384', 'k1');
  jwks.sets.set('/jwks.json', { keys: [key.publicJwk] });
  const config = loadConfig({
    LOG_LEVEL: 'debug',
    PUBLIC_BASE_URL: 'https://cds.test',
    CDS_TRUSTED_ISSUERS: JSON.stringify([{ iss: ISS, jwksUrl: `${jwks.base}/jwks.json` }]),
  });
  live = await startLiveServer(config, [v01.record(NOW)], { now: () => NOW, logger: createLogger(config, sink) });
  jwt = await signToken(key, { iss: ISS, aud: 'https://cds.test/cds-services/rectal-cancer-stage-iv' });

  const hook = `${live.baseUrl}/cds-services/rectal-cancer-stage-iv`;
  const post = (body: unknown, token?: string) =>
    fetch(hook, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body) });
  const auth = { access_token: ACCESS_TOKEN, token_type: 'Bearer', expires_in: 300, scope: 'patient/*.read', subject: 'cds' };
  const withToken = (fhirServer: string) => ({ ...patientViewRequest(v01.patientId, { fhirServer, fhirAuthorization: auth }), hookInstance: HOOK_INSTANCE });

  expect((await post(withToken(live.fhirBase), jwt)).status).toBe(200);
  expect((await post(withToken(live.fhirBase), jwt)).status).toBe(401); // replayed
  expect((await post(withToken(live.fhirBase))).status).toBe(401); // no JWT
  const other = await signToken(key, { iss: ISS, aud: 'https://cds.test/cds-services/rectal-cancer-stage-iv' });
  expect((await post(withToken('http://127.0.0.1:9/fhir'), other)).status).toBe(412);
});
afterAll(async () => {
  await live.close();
  await jwks.close();
});

test('something was logged at all (the checks below would pass on silence)', () => {
  expect(lines.length).toBeGreaterThan(5);
});

test('no token of any kind appears in any log line', () => {
  const all = JSON.stringify(lines);
  expect(all).not.toContain(ACCESS_TOKEN);
  expect(all).not.toContain(jwt);
  expect(all).not.toContain(jwt.split('.')[2]);
  expect(all).not.toMatch(/bearer [A-Za-z0-9_.-]{8,}/i);
});

test('no patient data appears in any log line', () => {
  const patient = v01.record(NOW).find((r) => r.resourceType === 'Patient') as Patient;
  const all = JSON.stringify(lines);
  for (const name of patient.name ?? []) for (const part of [name.family, ...(name.given ?? [])]) if (part) expect(all).not.toContain(part);
  if (patient.birthDate) expect(all).not.toContain(patient.birthDate);
});

test('every request line has a request id, the route pattern, the status; hook calls their hook instance', () => {
  const requests = lines.filter((l) => l['msg'] === 'request' && l['route'] === '/cds-services/:id');
  expect(requests.map((l) => l['status'])).toEqual(expect.arrayContaining([200, 401, 412]));
  for (const l of requests) {
    expect(typeof l['reqId']).toBe('string');
    expect(l['service']).toBe('rectal-cancer-stage-iv');
  }
  // The hook instance is known once the body is read, i.e. for the calls that got past authentication.
  expect(requests.filter((l) => l['hookInstance'] === HOOK_INSTANCE).map((l) => l['status']).sort()).toEqual([200, 412]);
});

test('the redaction list censors token fields should one ever be logged', () => {
  const captured: string[] = [];
  const logger = createLogger({ logLevel: 'info' }, { write: (s: string) => void captured.push(s) });
  logger.info({ fhirAuthorization: { access_token: 'leak-1' }, req: { headers: { authorization: 'Bearer leak-2' } }, token: 'leak-3' }, 'oops');
  expect(captured.join('')).not.toMatch(/leak-\d/);
  expect(captured.join('')).toContain('[redacted]');
});
