import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import nock from 'nock';
import request from 'supertest';
import { createApp } from '../../src/app.js';
import { FHIR_PAGE_SIZE } from '../../src/hooks/gather-data.js';
import { testConfig } from '../support/test-config.js';
import { patientViewRequest, prefetchFor, searchset, service } from '../support/prefetch.js';

/**
 * Fault injection on the FHIR fallback path: whatever the EHR's FHIR server does, the service answers 412
 * within its time budget, never a 500 or a hang, and never sends the token anywhere but the FHIR server.
 */
const FHIR = 'http://ehr.test/fhir';
const TOKEN = 'secret-token-abc';
const timeoutMs = 400;
const app = createApp(testConfig({ fhirTimeoutMs: timeoutMs }));
const url = '/cds-services/rectal-cancer-stage-iv';
const svc = service('patient-view');
const patient = { resourceType: 'Patient', id: 'p1' };
const auth = { access_token: TOKEN, token_type: 'Bearer', expires_in: 300, scope: 'patient/*.read', subject: 'cds' };

/** Prefetch with every key but one, so exactly that key goes to the FHIR server. */
function prefetchExcept(key: string) {
  const all = prefetchFor(svc, [patient as never]);
  delete all[key];
  return all;
}

beforeAll(() => {
  nock.disableNetConnect();
  nock.enableNetConnect(/^(127\.0\.0\.1|localhost)/); // supertest's own server
});
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

const call = (prefetch: Record<string, unknown>) =>
  request(app).post(url).send(patientViewRequest('p1', { fhirServer: FHIR, fhirAuthorization: auth, prefetch }));

const diagnostics = (body: { issue?: { diagnostics?: string }[] }) => (body.issue ?? []).map((i) => i.diagnostics).join(' | ');

describe('FHIR fallback faults -> 412', () => {
  test('a slow server: 412 within the time budget', async () => {
    nock(FHIR).get('/Observation').query(true).delay(timeoutMs * 5).reply(200, searchset([]));
    const started = Date.now();
    const res = await call(prefetchExcept('observations')).expect(412);
    expect(Date.now() - started).toBeLessThan(timeoutMs * 4);
    expect(diagnostics(res.body)).toMatch(/observations: the FHIR server did not answer in time/);
  });

  test.each<[string, (s: nock.Interceptor) => nock.Scope, RegExp]>([
    ['HTTP 500', (i) => i.reply(500, { resourceType: 'OperationOutcome' }), /answered HTTP 500/],
    ['a garbage body', (i) => i.reply(200, '{"resourceType": "Bundle", "entry": [', { 'Content-Type': 'application/fhir+json' }), /malformed JSON/],
    ['a non-resource body', (i) => i.reply(200, { hello: 'world' }), /did not return a FHIR resource/],
    ['a resource of the wrong kind for a search', (i) => i.reply(200, { resourceType: 'Patient', id: 'p1' }), /expected a Bundle, got Patient/],
    ['an OperationOutcome', (i) => i.reply(200, { resourceType: 'OperationOutcome', issue: [] }), /returned an OperationOutcome/],
    ['a 401', (i) => i.reply(401, {}), /answered HTTP 401/],
  ])('%s', async (_name, reply, message) => {
    reply(nock(FHIR).get('/Observation').query(true));
    const res = await call(prefetchExcept('observations')).expect(412);
    expect(diagnostics(res.body)).toMatch(message);
    expect(JSON.stringify(res.body)).not.toContain(TOKEN);
  });

  // A reset from a real server that drops the connection (nock can only emulate one by destroying the request).
  test('a connection reset: 412', async () => {
    const resetting = createServer((req) => req.socket.destroy());
    await new Promise<void>((r) => resetting.listen(0, '127.0.0.1', r));
    try {
      const fhirServer = `http://127.0.0.1:${(resetting.address() as AddressInfo).port}/fhir`;
      const res = await request(app).post(url).send(patientViewRequest('p1', { fhirServer, fhirAuthorization: auth, prefetch: prefetchExcept('observations') })).expect(412);
      expect(diagnostics(res.body)).toMatch(/observations: the FHIR server could not be reached/);
      expect(JSON.stringify(res.body)).not.toContain(TOKEN);
    } finally {
      await new Promise((r) => resetting.close(r));
    }
  });

  test('a patient that does not exist: 412', async () => {
    nock(FHIR).get('/Patient/p1').reply(404, { resourceType: 'OperationOutcome', issue: [] });
    const res = await call(prefetchExcept('patient')).expect(412);
    expect(diagnostics(res.body)).toMatch(/The patient named in context\.patientId was not found \| patient: the FHIR server answered HTTP 404/);
  });
});

describe('prefetch semantics', () => {
  test('a missing key is fetched with the access token, filtered by the template, in large pages', async () => {
    const scope = nock(FHIR, { reqheaders: { authorization: `Bearer ${TOKEN}` } })
      .get('/MedicationRequest')
      .query({ patient: 'p1', _count: String(FHIR_PAGE_SIZE) })
      .reply(200, searchset([]));
    const res = await call(prefetchExcept('medicationRequests')).expect(200);
    expect(res.body).toEqual({ cards: [] });
    expect(scope.isDone()).toBe(true);
  });

  test('an OperationOutcome in prefetch means the EHR failed: the key is fetched instead', async () => {
    const prefetch = { ...prefetchExcept('conditions'), conditions: { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'timeout' }] } };
    const scope = nock(FHIR).get('/Condition').query({ patient: 'p1', _count: String(FHIR_PAGE_SIZE) }).reply(200, searchset([]));
    await call(prefetch).expect(200);
    expect(scope.isDone()).toBe(true);
  });

  test('null in prefetch means no data: nothing is fetched', async () => {
    const prefetch = { ...prefetchExcept('conditions'), conditions: null };
    await call(prefetch).expect(200); // disableNetConnect would turn any call into a 412
  });

  test('a paginated prefetch Bundle is completed by following next on the FHIR server', async () => {
    const page1 = { ...searchset([]), link: [{ relation: 'next', url: `${FHIR}/Condition?patient=p1&_offset=1` }] };
    const scope = nock(FHIR).get('/Condition').query({ patient: 'p1', _offset: '1' }).reply(200, searchset([]));
    await call({ ...prefetchExcept('conditions'), conditions: page1 }).expect(200);
    expect(scope.isDone()).toBe(true);
  });

  test('a next link outside fhirServer is not followed (the token stays home)', async () => {
    const page1 = { ...searchset([]), link: [{ relation: 'next', url: 'http://evil.test/steal?x=1' }] };
    const evil = nock('http://evil.test').get(/.*/).reply(200, searchset([]));
    const res = await call({ ...prefetchExcept('conditions'), conditions: page1 }).expect(412);
    expect(diagnostics(res.body)).toMatch(/outside fhirServer/);
    expect(evil.isDone()).toBe(false);
  });

  test('a redirect is not followed', async () => {
    nock(FHIR).get('/Observation').query(true).reply(302, '', { Location: 'http://evil.test/fhir/Observation' });
    const evil = nock('http://evil.test').get(/.*/).reply(200, searchset([]));
    await call(prefetchExcept('observations')).expect(412);
    expect(evil.isDone()).toBe(false);
  });

  test('every missing key is fetched in parallel in one round', async () => {
    const inFlight = { now: 0, max: 0 };
    const slow = () =>
      new Promise<[number, object]>((resolve) => {
        inFlight.now += 1;
        inFlight.max = Math.max(inFlight.max, inFlight.now);
        setTimeout(() => {
          inFlight.now -= 1;
          resolve([200, searchset([])]);
        }, 50);
      });
    nock(FHIR).get('/Patient/p1').reply(200, patient);
    nock(FHIR).get(/\/[A-Za-z]+\?patient=p1/).times(20).reply(slow);
    await request(app).post(url).send(patientViewRequest('p1', { fhirServer: FHIR, fhirAuthorization: auth })).expect(200);
    expect(inFlight.max).toBe(Object.keys(svc.prefetch ?? {}).length - 1);
  });
});
