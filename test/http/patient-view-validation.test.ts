import request from 'supertest';
import { createApp } from '../../src/app.js';
import { testConfig } from '../support/test-config.js';
import { patientViewRequest } from '../support/prefetch.js';

const app = createApp(testConfig({ jsonBodyLimit: '50kb' }));
const url = '/cds-services/rectal-cancer-stage-iv';

const expectOutcome = (body: { resourceType?: string; issue?: { diagnostics?: string }[] }, text: RegExp) => {
  expect(body.resourceType).toBe('OperationOutcome');
  expect(body.issue?.map((i) => i.diagnostics).join(' | ')).toMatch(text);
};

describe('patient-view request validation', () => {
  test('malformed JSON: 400 saying so', async () => {
    const res = await request(app).post(url).set('Content-Type', 'application/json').send('{"hook": "patient-view",').expect(400);
    expectOutcome(res.body, /not valid JSON/);
  });

  test('not JSON at all: 400', async () => {
    const res = await request(app).post(url).set('Content-Type', 'text/plain').send('hello').expect(400);
    expectOutcome(res.body, /JSON object/);
  });

  test.each<[string, Record<string, unknown>, RegExp]>([
    ['missing hook', { hook: undefined }, /hook/],
    ['missing hookInstance', { hookInstance: undefined }, /hookInstance/],
    ['missing context', { context: undefined }, /context/],
    ['missing context.patientId', { context: { userId: 'Practitioner/1' } }, /context\.patientId/],
    ['patientId that is not a FHIR id', { context: { patientId: 'p1&_include=*' } }, /context\.patientId: must be a FHIR id/],
    ['wrong hook for this service', { hook: 'order-sign' }, /answers the patient-view hook, not order-sign/],
    ['fhirServer that is not a URL', { fhirServer: 'not a url' }, /fhirServer/],
    ['fhirAuthorization without fhirServer', { fhirAuthorization: { access_token: 't', token_type: 'Bearer' } }, /without fhirServer/],
    ['prefetch value that is not a resource', { prefetch: { patient: 'Patient/1' } }, /prefetch\.patient must be a FHIR resource/],
    ['prefetch for another patient', { prefetch: { patient: { resourceType: 'Patient', id: 'someone-else' } } }, /not the patient named/],
  ])('%s: 400 with a clear message', async (_name, patch, message) => {
    const body = { ...patientViewRequest('p1'), ...patch };
    const res = await request(app).post(url).send(body).expect(400);
    expectOutcome(res.body, message);
  });

  test('unknown service id: 404', async () => {
    const res = await request(app).post('/cds-services/no-such-service').send(patientViewRequest('p1')).expect(404);
    expectOutcome(res.body, /no-such-service/);
  });

  test('body over the configured limit: 413', async () => {
    const big = { ...patientViewRequest('p1'), padding: 'x'.repeat(60_000) };
    const res = await request(app).post(url).send(big).expect(413);
    expectOutcome(res.body, /JSON_BODY_LIMIT/);
  });

  test('no prefetch and no fhirServer: 412 naming what is missing', async () => {
    const res = await request(app).post(url).send(patientViewRequest('p1')).expect(412);
    expectOutcome(res.body, /no fhirServer[\s\S]*observations \(not prefetched\)/);
  });

  test('feedback endpoint acknowledges', async () => {
    await request(app).post(`${url}/feedback`).send({ feedback: [{ card: 'x', outcome: 'accepted', acceptedSuggestions: [{ id: 'y' }], outcomeTimestamp: '2026-01-01T00:00:00Z' }] }).expect(200);
  });
});
