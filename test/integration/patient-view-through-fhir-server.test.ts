import { testConfig } from '../support/test-config.js';
import { fhirKitReader } from '../../src/fhir-client/fhir-kit-reader.js';
import { scenarioById } from '../../src/fixtures/scenarios/index.js';
import { cardFor, cardIds, patientViewRequest, sectionFor } from '../support/prefetch.js';
import { postJson, startLiveServer, type LiveServer } from '../support/live-server.js';
import { NOW } from '../support/now.js';

/**
 * End to end on loopback: the real HTTP server, the service's FHIR readers (the bounded default and
 * fhir-kit-client) and the real embedded FHIR server.
 * No prefetch: every datum comes through `fhirServer`.
 */
const v01 = scenarioById('V01')!;
let live: LiveServer;

beforeAll(async () => {
  live = await startLiveServer(testConfig(), [v01.record(NOW)], { now: () => NOW });
});
afterAll(() => live.close());

test('V01 through fhirServer alone gets RC-01, RC-02, RC-03, RC-05, RC-24', async () => {
  const res = await postJson(
    `${live.baseUrl}/cds-services/rectal-cancer-stage-iv`,
    patientViewRequest(v01.patientId, { fhirServer: live.fhirBase }),
  );
  expect(res.status).toBe(200);
  expect(cardIds(res.body)).toEqual(expect.arrayContaining(['RC-01', 'RC-02', 'RC-03', 'RC-05', 'RC-24']));
  for (const forbidden of ['RC-06', 'RC-12']) expect(cardIds(res.body)).not.toContain(forbidden);
  expect(sectionFor(cardFor(res.body.cards, 'RC-03')!, 'RC-03')).toMatch(/KRAS p\.Gly12Asp mutant: bevacizumab/);
});

test('an unknown patient on the FHIR server: 412', async () => {
  const res = await postJson(
    `${live.baseUrl}/cds-services/rectal-cancer-stage-iv`,
    patientViewRequest('nobody-here', { fhirServer: live.fhirBase }),
  );
  expect(res.status).toBe(412);
});

test('an unreachable fhirServer: 412, not a hang', async () => {
  const res = await postJson(
    `${live.baseUrl}/cds-services/rectal-cancer-stage-iv`,
    patientViewRequest(v01.patientId, { fhirServer: 'http://127.0.0.1:9/fhir' }),
  );
  expect(res.status).toBe(412);
  expect(res.body.resourceType).toBe('OperationOutcome');
});

describe('with fhir-kit-client as the FHIR reader', () => {
  let kit: LiveServer;
  beforeAll(async () => {
    kit = await startLiveServer(testConfig(), [v01.record(NOW)], { now: () => NOW, readerFor: fhirKitReader });
  });
  afterAll(() => kit.close());

  test('V01 through fhirServer alone gets the same cards', async () => {
    const res = await postJson(`${kit.baseUrl}/cds-services/rectal-cancer-stage-iv`, patientViewRequest(v01.patientId, { fhirServer: kit.fhirBase }));
    expect(res.status).toBe(200);
    expect(cardIds(res.body)).toEqual(expect.arrayContaining(['RC-01', 'RC-02', 'RC-03', 'RC-05', 'RC-24']));
  });
});
