import type { Resource } from 'fhir/r4.js';
import type { Case } from '../../src/domain/case.js';
import type { FactBase } from '../../src/engine/facts/fact-types.js';
import { allRules } from '../../src/engine/rules/index.js';
import { assessRecord } from '../../src/hooks/assess-record.js';
import { scenarioById } from '../../src/fixtures/scenarios/index.js';

export const NOW = new Date('2026-06-01T12:00:00Z');

/** A vignette's record, its case and the facts of its evaluation, as the app gets them from the service's own code. */
export function vignette(id: string): { c: Case; facts: FactBase; record: Resource[]; patientId: string } {
  const s = scenarioById(id);
  if (!s) throw new Error(`no scenario ${id}`);
  const record = s.record(NOW);
  const settings = { ruleSet: 'extended' as const, disabledRules: [], rectosigmoidInScope: false };
  const { case: c, evaluation } = assessRecord(record, { patientId: s.patientId, hook: 'patient-view', now: NOW, settings, rules: allRules });
  return { c, facts: evaluation.facts, record, patientId: s.patientId };
}
