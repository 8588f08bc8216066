import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { createApp } from '../../src/app.js';
import { FHIR_ID, isDotSegment, TYPE_AND_ID } from '../../src/domain/ids.js';
import { testConfig } from '../support/test-config.js';
import { patientViewRequest, prefetchFor, searchset, service } from '../support/prefetch.js';

/**
 * `.` and `..` are directory steps to a URL resolver: as a patient id they turned the Patient read into
 * `GET /fhir/Patient/` (a search of every patient) or `GET /fhir/`. Ids made only of dots, also
 * percent-encoded, are refused wherever an id enters a FHIR URL, every FHIR URL is built from checked
 * segments, and the Patient read decides "not found" before any other data is used. A real loopback FHIR
 * server records every request it gets.
 */
const seen: string[] = [];
let fhir: Server;
let base = '';
const app = createApp(testConfig({ fhirTimeoutMs: 2000 }));
const json = (res: ServerResponse, status: number, body: unknown) => res.writeHead(status, { 'content-type': 'application/fhir+json' }).end(JSON.stringify(body));
const others = [1, 2, 3].map((i) => ({ resourceType: 'Patient', id: `other-${i}`, gender: 'female' }));

/** The first path segment picks how the server answers the Patient read; searches get an empty searchset. */
function answer(req: IncomingMessage, res: ServerResponse): void {
  seen.push(req.url ?? '');
  const [, mode, , ...rest] = (req.url ?? '').split('?')[0]!.split('/');
  const path = rest.join('/');
  if (path === 'Patient/p1') {
    if (mode === 'other-patient') return void json(res, 200, others[0]);
    if (mode === 'patients-bundle') return void json(res, 200, searchset(others as never));
    if (mode === 'not-found') return void json(res, 404, { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'not-found' }] });
    if (mode === 'observation') return void json(res, 200, { resourceType: 'Observation', id: 'p1', status: 'final', code: {} });
    return void json(res, 200, { resourceType: 'Patient', id: 'p1' });
  }
  if (path === 'Patient' || path === 'Patient/' || path === '') return void json(res, 200, searchset(others as never));
  json(res, 200, searchset([]));
}

beforeAll(async () => {
  fhir = createServer(answer);
  await new Promise<void>((resolve) => fhir.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(fhir.address() as AddressInfo).port}`;
});
afterAll(async () => {
  fhir.closeAllConnections();
  await new Promise((resolve) => fhir.close(resolve));
});
beforeEach(() => {
  seen.length = 0;
});

const diagnostics = (res: { body: { issue?: { diagnostics?: string }[] } }) => (res.body.issue ?? []).map((i) => i.diagnostics).join(' | ');
const patientView = (patientId: string, fhirServer = `${base}/normal/fhir`, extra: Record<string, unknown> = {}) =>
  request(app).post('/cds-services/rectal-cancer-stage-iv').send(patientViewRequest(patientId, { fhirServer, ...extra }));

describe('the FHIR id rule (src/domain/ids.ts)', () => {
  test.each(['a', 'p1', 'a.b', '.a', 'a.', '..a', 'a..', '1.2.840', 'A-b.9'])('%s is an id', (id) => {
    expect(FHIR_ID.test(id)).toBe(true);
    expect(TYPE_AND_ID.test(`Patient/${id}`)).toBe(true);
  });

  test.each(['', '.', '..', '...', '%2e%2e', '%2E', 'a/b', 'a b', 'x'.repeat(65)])('%j is not', (id) => {
    expect(FHIR_ID.test(id)).toBe(false);
    expect(TYPE_AND_ID.test(`Patient/${id}`)).toBe(false);
  });

  test.each(['.', '..', '...', '%2e', '%2E%2e', '.%2e', '%2e.'])('%s is a dot segment', (s) => expect(isDotSegment(s)).toBe(true));
  test.each(['a', '.a', '%2ea', '%2', ''])('%j is not a dot segment', (s) => expect(isDotSegment(s)).toBe(false));
});

describe('dot ids never reach the FHIR server', () => {
  test.each(['.', '..', '...', 'Patient/..', 'Patient/.', '%2e%2e', '.%2E', 'Patient/%2e'])('context.patientId %j: 400, no request', async (patientId) => {
    const res = await patientView(patientId).expect(400);
    expect(diagnostics(res)).toMatch(/context\.patientId: must be a FHIR id/);
    expect(seen).toEqual([]);
  });

  const orderSelect = (context: Record<string, unknown>) =>
    request(app)
      .post('/cds-services/rectal-cancer-order-select')
      .send({ hook: 'order-select', hookInstance: 'e7c1b0a4-0b1c-4a5e-9d55-0c6e6f1b2a10', fhirServer: `${base}/normal/fhir`, context: { userId: 'Practitioner/x', patientId: 'p1', ...context } });
  const draft = (resource: Record<string, unknown>) => ({
    resourceType: 'Bundle',
    type: 'collection',
    entry: [{ resource: { resourceType: 'MedicationRequest', id: 'd1', status: 'draft', intent: 'order', medicationCodeableConcept: { text: 'cetuximab' }, subject: { reference: 'Patient/p1' }, ...resource } }],
  });

  test.each(['MedicationRequest/..', 'MedicationRequest/.', 'MedicationRequest/%2e%2e'])('context.selections %j: 400, no request', async (selection) => {
    const res = await orderSelect({ selections: [selection], draftOrders: draft({}) }).expect(400);
    expect(diagnostics(res)).toMatch(/context\.selections\.0: must be a Type\/id reference/);
    expect(seen).toEqual([]);
  });

  test.each([
    ['id ..', { id: '..' }, /context\.draftOrders\.entry\.0\.resource\.id: must be a FHIR id/],
    ['id %2e', { id: '%2e' }, /must be a FHIR id/],
    ['resourceType with a path', { resourceType: 'Patient/..' }, /context\.draftOrders\.entry\.0\.resource\.resourceType/],
  ])('a draft order with %s: 400, no request', async (_n, change, message) => {
    const res = await orderSelect({ selections: ['MedicationRequest/d1'], draftOrders: draft(change) }).expect(400);
    expect(diagnostics(res)).toMatch(message);
    expect(seen).toEqual([]);
  });

  test.each([
    ['a %2e%2e segment', (b: string) => `${b}/Observation/%2E%2e?page=2`],
    ['a plain .. segment', (b: string) => `${b}/Observation/..?page=2`],
    ['a . segment', (b: string) => `${b}/./Observation?page=2`],
  ])('a paging link with %s is not followed: 412', async (_n, link) => {
    const fhirBase = `${base}/normal/fhir`;
    const prefetch = prefetchFor(service('patient-view'), [{ resourceType: 'Patient', id: 'p1' } as never]);
    prefetch['observations'] = { ...searchset([]), link: [{ relation: 'next', url: link(fhirBase) }] } as never;
    const res = await patientView('p1', fhirBase, { prefetch }).expect(412);
    expect(diagnostics(res)).toMatch(/observations: a paging link/);
    expect(seen).toEqual([]);
  });
});

describe('"patient not found" is decided before any data is used', () => {
  test('the Patient read answers another patient: 412, not cards', async () => {
    const res = await patientView('p1', `${base}/other-patient/fhir`).expect(412);
    expect(diagnostics(res)).toMatch(/patient: the FHIR server answered the read of Patient\/p1 with Patient\/other-1/);
  });

  test('the Patient read answers a Bundle of patients: 412', async () => {
    const res = await patientView('p1', `${base}/patients-bundle/fhir`).expect(412);
    expect(diagnostics(res)).toMatch(/patient: expected a Patient, got Bundle/);
  });

  test('the Patient read answers another resource type: 412', async () => {
    const res = await patientView('p1', `${base}/observation/fhir`).expect(412);
    expect(diagnostics(res)).toMatch(/patient: expected a Patient, got Observation/);
  });

  test('the Patient read answers 404: 412 saying the patient was not found', async () => {
    const res = await patientView('p1', `${base}/not-found/fhir`).expect(412);
    expect(diagnostics(res)).toMatch(/The patient named in context\.patientId was not found/);
  });

  test('the FHIR fallback is still one parallel round: every query is sent before any answer is judged', async () => {
    await patientView('p1', `${base}/other-patient/fhir`).expect(412);
    expect(seen.length).toBe(Object.keys(service('patient-view').prefetch ?? {}).length);
  });

  test('prefetch.patient holding a Bundle of other patients: 400', async () => {
    const prefetch = prefetchFor(service('patient-view'), [{ resourceType: 'Patient', id: 'p1' } as never]);
    prefetch['patient'] = searchset(others as never);
    const res = await patientView('p1', undefined, { prefetch, fhirServer: undefined }).expect(400);
    expect(diagnostics(res)).toMatch(/prefetch\.patient is not the patient named in context\.patientId/);
  });

  test('prefetch.patient null: 412 not found', async () => {
    const prefetch = prefetchFor(service('patient-view'), [{ resourceType: 'Patient', id: 'p1' } as never]);
    prefetch['patient'] = null as never;
    const res = await patientView('p1', undefined, { prefetch, fhirServer: undefined }).expect(412);
    expect(diagnostics(res)).toMatch(/The patient named in context\.patientId was not found/);
  });

  test('a good Patient read still gives cards', async () => {
    await patientView('p1').expect(200);
  });
});
