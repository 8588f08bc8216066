import type { Resource } from 'fhir/r4.js';
import request from 'supertest';
import { createApp } from '../../src/app.js';
import { testConfig } from '../support/test-config.js';
import { scenarioById } from '../../src/fixtures/scenarios/index.js';
import { belongsToAnotherPatient } from '../../src/hooks/read-case.js';
import { cardFor, cardIds, patientViewRequest, sectionFor, prefetchFor, service } from '../support/prefetch.js';
import { NOW } from '../support/now.js';

/** Data about another patient never reaches this patient's cards. */
describe('belongsToAnotherPatient', () => {
  test.each<[string, Resource, boolean]>([
    ['own subject', { resourceType: 'Observation', status: 'final', code: {}, subject: { reference: 'Patient/p1' } } as Resource, false],
    ['absolute URL to own patient', { resourceType: 'Condition', subject: { reference: 'https://ehr.example/fhir/Patient/p1' } } as Resource, false],
    ['another subject', { resourceType: 'Observation', status: 'final', code: {}, subject: { reference: 'Patient/p2' } } as Resource, true],
    ['another patient (MedicationStatement.subject)', { resourceType: 'MedicationStatement', status: 'active', subject: { reference: 'Patient/p2' } } as Resource, true],
    ['another Patient resource', { resourceType: 'Patient', id: 'p2' }, true],
    ['an id-less Patient', { resourceType: 'Patient' }, false],
    ['no subject at all', { resourceType: 'Medication' }, false],
  ])('%s -> %s', (_n, r, other) => {
    expect(belongsToAnotherPatient(r, 'p1')).toBe(other);
  });
});

test("another patient's KRAS mutation in the prefetch does not change this patient's cards", async () => {
  const app = createApp(testConfig(), { now: () => NOW });
  const v03 = scenarioById('V03')!; // KRAS never tested
  const v01 = scenarioById('V01')!; // KRAS G12D
  const foreign = v01.record(NOW).filter((r) => r.resourceType === 'Observation');
  const prefetch = prefetchFor(service('patient-view'), [...v03.record(NOW), ...foreign]);
  const res = await request(app).post('/cds-services/rectal-cancer-stage-iv').send(patientViewRequest(v03.patientId, { prefetch })).expect(200);
  expect(cardIds(res.body)).toContain('RC-04');
  expect(sectionFor(cardFor(res.body.cards, 'RC-03')!, 'RC-03')).toMatch(/RAS status not confirmed/);
});
