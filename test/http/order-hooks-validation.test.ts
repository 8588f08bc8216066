import nock from 'nock';
import request from 'supertest';
import { createApp } from '../../src/app.js';
import { testConfig } from '../support/test-config.js';
import { prefetchFor, service } from '../support/prefetch.js';
import { orderRequest, type OrderHook } from '../support/order-request.js';

/** The order hooks' own request fields (draftOrders, selections), the chart data they need, and discovery. */

const app = createApp(testConfig({ fhirTimeoutMs: 500 }));
const FHIR = 'http://ehr.test/fhir';
const urls: Record<OrderHook, string> = {
  'order-select': '/cds-services/rectal-cancer-order-select',
  'order-sign': '/cds-services/rectal-cancer-order-sign',
};

const cetuximab = {
  resourceType: 'MedicationRequest',
  id: 'cetux-1',
  status: 'draft',
  intent: 'order',
  medicationCodeableConcept: { coding: [{ system: 'http://www.nlm.nih.gov/research/umls/rxnorm', code: '318341', display: 'cetuximab' }] },
  subject: { reference: 'Patient/p1' },
};
const diet = { resourceType: 'NutritionOrder', id: 'diet-1', status: 'draft', intent: 'order', patient: { reference: 'Patient/p1' } };
const select = (extra: Record<string, unknown> = {}) => orderRequest('order-select', 'p1', [cetuximab, diet], ['MedicationRequest/cetux-1'], extra);

const diagnostics = (body: { resourceType?: string; issue?: { diagnostics?: string }[] }) => {
  expect(body.resourceType).toBe('OperationOutcome');
  return (body.issue ?? []).map((i) => i.diagnostics).join(' | ');
};
const withContext = (context: Record<string, unknown>) => {
  const body = select();
  return { ...body, context: { ...body.context, ...context } };
};

describe('discovery', () => {
  test('lists the three services: patient-view, order-select and order-sign, each with prefetch templates', async () => {
    const { body } = await request(app).get('/cds-services').expect(200);
    const byId = Object.fromEntries(body.services.map((s: { id: string; hook: string }) => [s.id, s.hook]));
    expect(byId).toEqual({
      'rectal-cancer-stage-iv': 'patient-view',
      'rectal-cancer-order-select': 'order-select',
      'rectal-cancer-order-sign': 'order-sign',
    });
    for (const hook of ['order-select', 'order-sign']) {
      expect(Object.keys(service(hook).prefetch ?? {}).sort()).toEqual(
        ['carePlans', 'conditions', 'encounters', 'episodesOfCare', 'medicationAdministrations', 'medicationRequests', 'medicationStatements', 'observations', 'patient', 'procedures', 'serviceRequests'],
      );
    }
  });
});

describe('order hook request validation', () => {
  test.each<[string, Record<string, unknown>, RegExp]>([
    ['draftOrders missing', { draftOrders: undefined }, /context\.draftOrders/],
    ['draftOrders not a Bundle', { draftOrders: { resourceType: 'MedicationRequest' } }, /context\.draftOrders\.resourceType: must be a FHIR Bundle/],
    ['a draft entry without a resourceType', { draftOrders: { resourceType: 'Bundle', entry: [{ resource: { id: 'x' } }] } }, /context\.draftOrders\.entry\.0\.resource\.resourceType/],
    ['selections missing (order-select)', { selections: undefined }, /context\.selections: required for order-select/],
    ['a selection that is not Type/id', { selections: ['cetux-1'] }, /context\.selections\.0: must be a Type\/id reference/],
    ['a selection not among the drafts', { selections: ['MedicationRequest/other'] }, /MedicationRequest\/other is not in context\.draftOrders/],
    [
      'a draft for another patient',
      { draftOrders: { resourceType: 'Bundle', entry: [{ resource: { ...cetuximab, subject: { reference: 'Patient/someone-else' } } }] } },
      /orders for another patient[\s\S]*MedicationRequest\/cetux-1/,
    ],
  ])('%s: 400 with a clear message', async (_name, context, message) => {
    const res = await request(app).post(urls['order-select']).send(withContext(context)).expect(400);
    expect(diagnostics(res.body)).toMatch(message);
  });

  test('the wrong hook for the service: 400', async () => {
    const res = await request(app).post(urls['order-sign']).send(select()).expect(400);
    expect(diagnostics(res.body)).toMatch(/answers the order-sign hook, not order-select/);
  });

  test('prefetch for another patient: 400', async () => {
    const res = await request(app).post(urls['order-select']).send(select({ prefetch: { patient: { resourceType: 'Patient', id: 'someone-else' } } })).expect(400);
    expect(diagnostics(res.body)).toMatch(/not the patient named/);
  });

  test('order-sign needs no selections: every draft is judged', async () => {
    const patient = { resourceType: 'Patient', id: 'p1' };
    const body = orderRequest('order-sign', 'p1', [cetuximab], [], { prefetch: prefetchFor(service('order-sign'), [patient as never]) });
    const res = await request(app).post(urls['order-sign']).send(body).expect(200);
    expect(res.body).toEqual({ cards: [] });
  });

  test('a draft naming the patient by absolute URL is the same patient', async () => {
    const patient = { resourceType: 'Patient', id: 'p1' };
    const draft = { ...cetuximab, subject: { reference: 'https://ehr.example/fhir/Patient/p1' } };
    const body = orderRequest('order-sign', 'p1', [draft], [], { prefetch: prefetchFor(service('order-sign'), [patient as never]) });
    await request(app).post(urls['order-sign']).send(body).expect(200);
  });
});

describe('chart data for the order hooks', () => {
  beforeAll(() => {
    nock.disableNetConnect();
    nock.enableNetConnect(/^(127\.0\.0\.1|localhost)/);
  });
  afterEach(() => nock.cleanAll());
  afterAll(() => nock.enableNetConnect());

  test('a judged drug order, no prefetch and no fhirServer: 412 naming what is missing', async () => {
    const res = await request(app).post(urls['order-select']).send(select()).expect(412);
    expect(diagnostics(res.body)).toMatch(/no fhirServer[\s\S]*observations \(not prefetched\)/);
  });

  test('the EHR FHIR server failing: 412, never a card from partial data', async () => {
    const patient = { resourceType: 'Patient', id: 'p1' };
    const prefetch = prefetchFor(service('order-select'), [patient as never]);
    delete prefetch['medicationAdministrations'];
    nock(FHIR).get('/MedicationAdministration').query(true).reply(503, 'down');
    const res = await request(app).post(urls['order-select']).send(select({ fhirServer: FHIR, prefetch })).expect(412);
    expect(diagnostics(res.body)).toMatch(/medicationAdministrations: the FHIR server answered HTTP 503/);
  });

  test('only a diet order selected: no order rule can apply, so no chart is read and no card returned', async () => {
    const body = orderRequest('order-select', 'p1', [cetuximab, diet], ['NutritionOrder/diet-1']);
    const res = await request(app).post(urls['order-select']).send(body).expect(200);
    expect(res.body).toEqual({ cards: [] });
  });
});
