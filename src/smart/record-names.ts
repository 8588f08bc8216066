import type { CodeableConcept, FhirResource, Observation, Resource } from 'fhir/r4.js';

/**
 * What a clinician calls the record a value came from: the test, drug or procedure as the EHR names it
 * ("CEA", "Genetic variant assessment (KRAS)", "bevacizumab administration"), instead of its resource id. The
 * page shows the name and keeps the id (`Observation/abc`) in a tooltip. Pure.
 */
export type RecordNamer = (ref: string) => string;

const GENE_STUDIED = '48018-6';

function conceptText(cc: CodeableConcept | undefined): string | undefined {
  return cc?.text ?? cc?.coding?.find((c) => c.display)?.display;
}

/** A variant or gene panel names its gene in a component: "Genetic variant assessment (KRAS)". */
function observationName(o: Observation): string | undefined {
  const test = conceptText(o.code);
  const gene = o.component?.find((c) => c.code.coding?.some((x) => x.code === GENE_STUDIED))?.valueCodeableConcept;
  const geneName = gene?.coding?.find((c) => c.display)?.display ?? gene?.text;
  return test && geneName && !test.includes(geneName) ? `${test} (${geneName})` : test;
}

const GENERIC: Record<string, string> = {
  Observation: 'observation',
  Condition: 'condition',
  Procedure: 'procedure',
  MedicationRequest: 'medication order',
  MedicationAdministration: 'medication administration',
  MedicationStatement: 'medication statement',
  DiagnosticReport: 'report',
  ImagingStudy: 'imaging study',
  ServiceRequest: 'order',
  CarePlan: 'care plan',
  Encounter: 'encounter',
};

function nameOf(r: FhirResource): string | undefined {
  switch (r.resourceType) {
    case 'Observation':
      return observationName(r);
    case 'Condition':
    case 'Procedure':
    case 'DiagnosticReport':
    case 'ServiceRequest':
      return conceptText(r.code);
    case 'MedicationAdministration':
    case 'MedicationRequest':
    case 'MedicationStatement': {
      const drug = conceptText(r.medicationCodeableConcept) ?? r.medicationReference?.display;
      return drug ? `${drug} ${GENERIC[r.resourceType]?.replace('medication ', '')}` : undefined;
    }
    case 'ImagingStudy':
      return r.description ?? conceptText(r.procedureCode?.[0]);
    case 'CarePlan':
      return r.title;
    case 'Encounter':
      return conceptText(r.type?.[0]);
    default:
      return undefined;
  }
}

/** A namer over the records the page read; a record it does not hold is named by its kind. */
export function recordNamer(resources: readonly Resource[]): RecordNamer {
  const names = new Map<string, string>();
  for (const r of resources) {
    const name = r.id ? nameOf(r as FhirResource) : undefined;
    if (name) names.set(`${r.resourceType}/${r.id}`, name);
  }
  return (ref) => names.get(ref) ?? `${GENERIC[ref.split('/')[0] ?? ''] ?? 'record'} on file`;
}
