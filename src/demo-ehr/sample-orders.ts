import type { CodeableConcept, FhirResource } from 'fhir/r4.js';
import { aDraftMedication, aDraftRegimen, fixtureContext, type Biologic, type Regimen } from '../fixtures/builders/index.js';
import { allScenarios } from '../fixtures/scenarios/index.js';

/**
 * Sample draft orders for the demo EHR's order-sign panel: the patient's own vignette drafts when it has
 * some, then a few common first-line regimens. Built with the fixture builders, as drafts (`status: draft`)
 * that exist only in the hook request, never in the FHIR server.
 */
export interface SampleOrderSet {
  id: string;
  label: string;
  orders: FhirResource[];
  /** `Type/id` of the orders an order-select call selects (the vignette's own, else the biologic). */
  selections: string[];
}

const REGIMEN_SETS: { id: string; regimen: Regimen; biologic: Biologic }[] = [
  { id: 'folfox-bevacizumab', regimen: 'FOLFOX', biologic: 'bevacizumab' },
  { id: 'folfox-cetuximab', regimen: 'FOLFOX', biologic: 'cetuximab' },
  { id: 'folfiri-panitumumab', regimen: 'FOLFIRI', biologic: 'panitumumab' },
];

function conceptName(cc: CodeableConcept | undefined): string | undefined {
  return cc?.text ?? cc?.coding?.find((c) => c.display)?.display;
}

function orderName(r: FhirResource): string {
  if (r.resourceType === 'MedicationRequest') return conceptName(r.medicationCodeableConcept) ?? 'medication';
  if (r.resourceType === 'ServiceRequest') return conceptName(r.code) ?? 'service request';
  return r.resourceType;
}

export function sampleOrderSets(patientId: string, now: Date): SampleOrderSet[] {
  const sets: SampleOrderSet[] = [];
  const scenario = allScenarios.find((s) => s.patientId === patientId);
  const own = scenario?.draftOrders?.(now);
  if (scenario && own && own.orders.length > 0) {
    sets.push({ id: 'vignette', label: `${scenario.id} drafts: ${own.orders.map(orderName).join(', ')}`, orders: own.orders, selections: own.selections });
  }
  for (const [i, s] of REGIMEN_SETS.entries()) {
    // Short ids: a FHIR id has at most 64 characters, and the builders append `-<drug>-<n>`.
    const ctx = fixtureContext(now, patientId, `${patientId}-sample${i + 1}`);
    const biologic = aDraftMedication(ctx, s.biologic, { intervalDays: 14 });
    sets.push({
      id: s.id,
      label: `${s.regimen} + ${s.biologic}`,
      orders: [...aDraftRegimen(ctx, s.regimen), biologic],
      selections: [`${biologic.resourceType}/${biologic.id}`],
    });
  }
  return sets.filter((s) => s.orders.length > 0);
}
