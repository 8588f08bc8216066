import { assessRecord } from '../../src/hooks/assess-record.js';
import { allRules } from '../../src/engine/rules/index.js';
import { allScenarios } from '../../src/fixtures/scenarios/index.js';
import { NOW } from '../support/now.js';
import { testConfig } from '../support/test-config.js';

/**
 * The same record gives the same cards whatever order its resources come in (an export split into other files,
 * another FHIR server's search order): the mapping reads them in one stable order (by type and id).
 */
const verdict = (resources: readonly { resourceType: string }[], patientId: string) =>
  assessRecord(resources as never, { patientId, hook: 'patient-view', now: NOW, settings: testConfig(), rules: allRules }).evaluation.recommendations.map((r) => ({
    ruleId: r.ruleId,
    summary: r.summary,
    basedOn: r.basedOn,
  }));

test.each(allScenarios.map((s) => [s.id, s] as const))('%s: the resources reversed give the same recommendations and Based on', (_id, scenario) => {
  const record = scenario.record(NOW);
  expect(verdict([...record].reverse(), scenario.patientId)).toEqual(verdict(record, scenario.patientId));
});
