import type { Resource } from 'fhir/r4.js';
import type { Case } from '../../src/domain/case.js';
import { mapCase } from '../../src/fhir-mapping/map-case.js';
import { scenarioById } from '../../src/fixtures/scenarios/index.js';

export const NOW = new Date('2026-06-01T12:00:00Z');

/** A vignette's record and its case, mapped by the service's own mapper. */
export function vignette(id: string): { c: Case; record: Resource[]; patientId: string } {
  const s = scenarioById(id);
  if (!s) throw new Error(`no scenario ${id}`);
  const record = s.record(NOW);
  return { c: mapCase(record, { patientId: s.patientId, now: NOW, rectosigmoidInScope: false }), record, patientId: s.patientId };
}
