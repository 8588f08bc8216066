import { testConfig, type Config } from '../../src/config.js';
import { allRules } from '../../src/engine/rules/index.js';
import { allScenarios } from '../../src/fixtures/scenarios/index.js';
import type { Scenario, ScenarioExpectation } from '../../src/fixtures/scenario.js';
import { cardIds, patientViewRequest, prefetchFor, service } from '../support/prefetch.js';
import { postJson, startLiveServer, type LiveServer } from '../support/live-server.js';

/**
 * Every patient-view vignette of shared/clinical/vignettes.md through the real HTTP endpoint, twice: with the
 * record as prefetch, and with nothing but `fhirServer` (the embedded FHIR server answers the templates).
 */
const NOW = new Date('2026-06-01T12:00:00Z');
const implemented = new Set(allRules.map((r) => r.id));
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

function check(ids: string[], e: ScenarioExpectation, cards: { indicator: string; source: { topic: { code: string } } }[]) {
  if (e.forbidden.includes('*')) expect(ids).toEqual([]);
  expect(ids).toEqual(expect.arrayContaining(e.expected));
  for (const f of e.forbidden) expect(ids).not.toContain(f);
  for (const [rule, indicator] of Object.entries(e.indicators ?? {})) {
    expect([rule, cards.find((c) => c.source.topic.code === rule)?.indicator]).toEqual([rule, indicator]);
  }
}

describe.each(cases)('%s', (_name, scenario: Scenario, e: ScenarioExpectation) => {
  const pending = e.expected.filter((id) => !implemented.has(id));
  if (pending.length > 0) {
    test.todo(`needs ${pending.join(', ')}`);
    return;
  }
  test('with prefetch', async () => {
    const live = servers.get(keyOf(e))!;
    const record = scenario.record(NOW);
    const res = await postJson(`${live.baseUrl}/cds-services/${svc.id}`, patientViewRequest(scenario.patientId, { prefetch: prefetchFor(svc, record) }));
    expect(res.status).toBe(200);
    check(cardIds(res.body), e, res.body.cards);
  });
  test('through fhirServer alone', async () => {
    const live = servers.get(keyOf(e))!;
    const res = await postJson(`${live.baseUrl}/cds-services/${svc.id}`, patientViewRequest(scenario.patientId, { fhirServer: live.fhirBase }));
    expect(res.status).toBe(200);
    check(cardIds(res.body), e, res.body.cards);
  });
});
