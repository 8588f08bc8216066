import { testConfig } from '../support/test-config.js';
import { type Config } from '../../src/config/types.js';
import { allScenarios } from '../../src/fixtures/scenarios/index.js';
import type { Scenario, ScenarioExpectation } from '../../src/fixtures/scenario.js';
import { patientViewRequest, prefetchFor, service } from '../support/prefetch.js';
import { expectCardsMatch } from '../support/vignette-check.js';
import { postJson, startLiveServer, type LiveServer } from '../support/live-server.js';
import { NOW } from '../support/now.js';

/**
 * Every patient-view vignette of shared/clinical/vignettes.md through the real HTTP endpoint, twice: with the
 * record as prefetch, and with nothing but `fhirServer` (the embedded FHIR server answers the templates).
 */
const svc = service('patient-view');

const cases = allScenarios.flatMap((s) =>
  s.expectations.filter((e) => e.hook === 'patient-view').map((e) => [`${s.id} ${s.slug} (${e.mode ?? 'extended'})`, s, e] as const),
);

const servers = new Map<string, LiveServer>();
const configFor = (e: ScenarioExpectation): Config =>
  testConfig({ ruleSet: e.mode ?? 'extended', rectosigmoidInScope: e.rectosigmoidInScope ?? false });
const keyOf = (e: ScenarioExpectation) => `${e.mode ?? 'extended'}:${e.rectosigmoidInScope ?? false}`;

beforeAll(async () => {
  const records = allScenarios.map((s) => s.record(NOW));
  for (const [, , e] of cases) {
    const key = keyOf(e);
    if (!servers.has(key)) servers.set(key, await startLiveServer(configFor(e), records, { now: () => NOW }));
  }
});
afterAll(async () => {
  for (const s of servers.values()) await s.close();
});

describe.each(cases)('%s', (_name, scenario: Scenario, e: ScenarioExpectation) => {
  test('with prefetch', async () => {
    const live = servers.get(keyOf(e))!;
    const record = scenario.record(NOW);
    const res = await postJson(`${live.baseUrl}/cds-services/${svc.id}`, patientViewRequest(scenario.patientId, { prefetch: prefetchFor(svc, record) }));
    expect(res.status).toBe(200);
    expectCardsMatch(res.body.cards, e);
  });
  test('through fhirServer alone', async () => {
    const live = servers.get(keyOf(e))!;
    const res = await postJson(`${live.baseUrl}/cds-services/${svc.id}`, patientViewRequest(scenario.patientId, { fhirServer: live.fhirBase }));
    expect(res.status).toBe(200);
    expectCardsMatch(res.body.cards, e);
  });
});
