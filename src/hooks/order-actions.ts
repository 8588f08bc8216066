import type { SuggestedDrug } from '../engine/types.js';
import { CODEX_DOSE_PRESCRIBED, CONCEPT, MCODE_PROCEDURE_INTENT, SHORT_COURSE, SNOMED_CURATIVE, SYSTEM } from '../fhir-mapping/codes.js';
import { DRUG_CATALOG } from '../fhir-mapping/drug-catalog.js';

/**
 * FHIR resources for the `create` and `update` actions of the order cards. Coded as the mapper reads them
 * (RxNorm ingredient, SNOMED radiotherapy course with the CodeX dose), so an accepted suggestion is understood
 * by this service on the next call. Drafts as `proposal`s: the clinician completes and signs them.
 * @see https://cds-hooks.hl7.org/2.0/#action
 */

/** SNOMED "Radiotherapy course of treatment" and (u) "Pelvis structure": members of the mapper's code sets. */
const RT_COURSE = '1217123003';
const PELVIS = '12921003';

const DOSAGE: Record<SuggestedDrug, string> = {
  bevacizumab: '5 mg/kg IV every 2 weeks with FOLFOX/FOLFIRI (7.5 mg/kg every 3 weeks with CAPOX)',
};

/** A draft MedicationRequest for the suggested drug, coded by its RxNorm ingredient. */
export function drugRequest(drug: SuggestedDrug, patientId: string, reason: string): Record<string, unknown> {
  const code = DRUG_CATALOG.find((e) => e.drug === drug)?.rxnorm[0];
  return {
    resourceType: 'MedicationRequest',
    status: 'draft',
    intent: 'proposal',
    medicationCodeableConcept: {
      ...(code ? { coding: [{ system: SYSTEM.rxnorm, code, display: drug }] } : {}),
      text: drug,
    },
    subject: { reference: `Patient/${patientId}` },
    dosageInstruction: [{ text: DOSAGE[drug] }],
    reasonCode: [{ text: reason }],
  };
}

/** A draft ServiceRequest for short-course pelvic radiotherapy, 25 Gy in 5 fractions (CodeX prescribed dose). */
export function shortCourseRtRequest(patientId: string, reason: string, curative: boolean): Record<string, unknown> {
  const extension: Record<string, unknown>[] = [
    {
      url: CODEX_DOSE_PRESCRIBED,
      extension: [
        { url: 'totalDose', valueQuantity: { value: SHORT_COURSE.totalCGy, unit: 'cGy', system: SYSTEM.ucum, code: 'cGy' } },
        { url: 'fractions', valueUnsignedInt: SHORT_COURSE.fractions },
      ],
    },
  ];
  if (curative) {
    extension.unshift({ url: MCODE_PROCEDURE_INTENT, valueCodeableConcept: { coding: [{ system: SYSTEM.snomed, code: SNOMED_CURATIVE, display: 'Curative - procedure intent' }] } });
  }
  return {
    resourceType: 'ServiceRequest',
    extension,
    status: 'draft',
    intent: 'proposal',
    code: {
      coding: [
        { system: SYSTEM.snomed, code: RT_COURSE, display: 'Radiotherapy course of treatment' },
        { system: SYSTEM.concept, code: CONCEPT.shortCourseRt, display: 'Short-course radiotherapy 5 x 5 Gy' },
      ],
      text: 'Short-course pelvic radiotherapy 25 Gy / 5 fractions',
    },
    subject: { reference: `Patient/${patientId}` },
    bodySite: [{ coding: [{ system: SYSTEM.snomed, code: PELVIS, display: 'Pelvis structure' }], text: 'Pelvis' }],
    reasonCode: [{ text: reason }],
  };
}

/** The draft as the EHR sent it, with its planned date moved: `occurrence[x]` replaced by `occurrenceDateTime`. */
export function rescheduled(draft: Record<string, unknown>, occurrence: string): Record<string, unknown> {
  const { occurrencePeriod: _p, occurrenceTiming: _t, occurrenceDateTime: _d, ...rest } = draft;
  return { ...rest, occurrenceDateTime: occurrence };
}
