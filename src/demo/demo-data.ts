import type { Bundle, Group } from 'fhir/r4.js';
import type { EmbeddedFhirServer } from '../fhir-server/embedded-fhir-server.js';
import { allScenarios } from '../fixtures/scenarios/index.js';

/** The Group of every demo patient. */
export const DEMO_GROUP_ID = 'demo-patients';

export interface DemoPatient {
  patientId: string;
  scenario: string;
  title: string;
}

/**
 * Load every clinical scenario into the embedded FHIR server, dated relative to `now` (ages in the vignettes,
 * such as "bevacizumab 21 days ago", stay true whenever the demo starts).
 */
export async function loadDemoPatients(fhir: EmbeddedFhirServer, now: Date): Promise<DemoPatient[]> {
  const patients: DemoPatient[] = [];
  for (const s of allScenarios) {
    const bundle: Bundle = {
      resourceType: 'Bundle',
      type: 'collection',
      entry: s.record(now).map((resource) => ({ fullUrl: `${resource.resourceType}/${resource.id}`, resource })),
    };
    await fhir.load(bundle);
    patients.push({ patientId: s.patientId, scenario: s.id, title: s.title });
  }
  // One Group of every demo patient, for a Bulk Data `Group/{id}/$export`.
  const group: Group = {
    resourceType: 'Group',
    id: DEMO_GROUP_ID,
    type: 'person',
    actual: true,
    name: 'All demo patients',
    quantity: patients.length,
    member: patients.map((p) => ({ entity: { reference: `Patient/${p.patientId}` } })),
  };
  await fhir.load({ resourceType: 'Bundle', type: 'collection', entry: [{ resource: group }] });
  return patients;
}
