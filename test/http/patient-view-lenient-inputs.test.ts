import request from 'supertest';
import { createApp } from '../../src/app.js';
import { testConfig } from '../support/test-config.js';
import { scenarioById } from '../../src/fixtures/scenarios/index.js';
import { cardIds, patientViewRequest, prefetchFor, service } from '../support/prefetch.js';
import { NOW } from '../support/now.js';

/** Inputs real EHRs send that bend the spec a little (see shared/cds-hooks-fixtures quirks): accepted safely. */
const app = createApp(testConfig(), { now: () => NOW });
const url = '/cds-services/rectal-cancer-stage-iv';
const v01 = scenarioById('V01')!;
const prefetch = () => prefetchFor(service('patient-view'), v01.record(NOW));
const V01_CARDS = ['RC-01', 'RC-02', 'RC-03', 'RC-05', 'RC-24'];

test('a type-prefixed patientId ("Patient/123") is read as the id', async () => {
  const res = await request(app).post(url).send(patientViewRequest(`Patient/${v01.patientId}`, { prefetch: prefetch() })).expect(200);
  expect(cardIds(res.body)).toEqual(expect.arrayContaining(V01_CARDS));
});

test('a prefetched Patient without id (as in the spec example) is the context patient', async () => {
  const p = prefetch();
  const { id: _id, ...patient } = p['patient'] as { id?: string };
  const res = await request(app).post(url).send(patientViewRequest(v01.patientId, { prefetch: { ...p, patient } })).expect(200);
  expect(cardIds(res.body)).toEqual(expect.arrayContaining(V01_CARDS));
});

test('null for a key means no data of that kind: no conditions, no rectal cancer, no cards', async () => {
  const res = await request(app).post(url).send(patientViewRequest(v01.patientId, { prefetch: { ...prefetch(), conditions: null } })).expect(200);
  expect(res.body).toEqual({ cards: [] });
});

test('unknown extra request members and prefetch keys are ignored', async () => {
  const body = { ...patientViewRequest(v01.patientId, { prefetch: { ...prefetch(), somethingElse: { resourceType: 'Bundle', type: 'searchset' } } }), extension: { 'com.example.x': 1 } };
  const res = await request(app).post(url).send(body).expect(200);
  expect(cardIds(res.body)).toEqual(expect.arrayContaining(V01_CARDS));
});
