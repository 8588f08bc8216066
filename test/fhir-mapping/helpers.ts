import type {
  Bundle, CodeableConcept, Coding, Condition, Extension, MedicationAdministration, MedicationRequest,
  MedicationStatement, Observation, ObservationComponent, Patient, Procedure, Resource, ServiceRequest,
} from 'fhir/r4.js';
import type { Case } from '../../src/domain/case.js';
import { SYSTEM } from '../../src/domain/code-systems.js';
import { mapCase } from '../../src/fhir-mapping/map-case.js';
import { NOW, daysAgo } from '../support/now.js';

/** Small typed FHIR builders for the mapping tests: one line per resource, only the fields a test is about. */

export { NOW, daysAgo };
export const SCT = SYSTEM.snomed;
export const LNC = SYSTEM.loinc;
export const ICD10CM = SYSTEM.icd10cm;
export const ICD10 = SYSTEM.icd10;
export const RXNORM = SYSTEM.rxnorm;
export const HGNC = SYSTEM.hgnc;
export const AJCC = SYSTEM.ajcc;
export const CPT = SYSTEM.cpt;
export const HGVS = SYSTEM.hgvs;
export const CONCEPT = SYSTEM.concept;
export const UCUM = SYSTEM.ucum;

let seq = 0;
export function nextId(prefix: string): string {
  seq += 1;
  return `${prefix}-${seq}`;
}

export const coding = (system: string, code: string, display?: string): Coding => ({ system, code, ...(display ? { display } : {}) });
export const cc = (...codings: Coding[]): CodeableConcept => ({ coding: codings });
export const sct = (code: string) => cc(coding(SCT, code));
export const lnc = (code: string) => cc(coding(LNC, code));
export const icd = (code: string, system: string = ICD10CM) => cc(coding(system, code));
export const concept = (code: string) => cc(coding(CONCEPT, code));
export const text = (t: string): CodeableConcept => ({ text: t });

export const RECTAL = icd('C20');

export interface ConditionSpec {
  code: CodeableConcept;
  clinical?: string | null;
  verification?: string;
  onsetDaysAgo?: number;
  recordedDaysAgo?: number;
  stageSummary?: CodeableConcept;
  bodySite?: CodeableConcept;
  note?: string;
  id?: string;
  category?: 'problem-list-item' | 'encounter-diagnosis';
  /** `Encounter/<id>` the diagnosis was made at. */
  encounter?: string;
}

export function condition(s: ConditionSpec): Condition {
  return {
    resourceType: 'Condition',
    id: s.id ?? nextId('cond'),
    subject: { reference: 'Patient/p1' },
    code: s.code,
    ...(s.clinical === null ? {} : { clinicalStatus: cc(coding('http://terminology.hl7.org/CodeSystem/condition-clinical', s.clinical ?? 'active')) }),
    ...(s.verification ? { verificationStatus: cc(coding('http://terminology.hl7.org/CodeSystem/condition-ver-status', s.verification)) } : {}),
    ...(s.onsetDaysAgo !== undefined ? { onsetDateTime: daysAgo(s.onsetDaysAgo) } : {}),
    ...(s.recordedDaysAgo !== undefined ? { recordedDate: daysAgo(s.recordedDaysAgo) } : {}),
    ...(s.stageSummary ? { stage: [{ summary: s.stageSummary }] } : {}),
    ...(s.bodySite ? { bodySite: [s.bodySite] } : {}),
    ...(s.note ? { note: [{ text: s.note }] } : {}),
    ...(s.category ? { category: [cc(coding('http://terminology.hl7.org/CodeSystem/condition-category', s.category))] } : {}),
    ...(s.encounter ? { encounter: { reference: s.encounter } } : {}),
  };
}


function effective(daysAgoN: number | undefined, as: 'dateTime' | 'period' | 'issued' = 'dateTime'): Partial<Observation> {
  if (daysAgoN === undefined) return {};
  const d = daysAgo(daysAgoN);
  if (as === 'period') return { effectivePeriod: { start: d } };
  if (as === 'issued') return { issued: d };
  return { effectiveDateTime: d };
}

export interface ObsSpec {
  code: CodeableConcept;
  status?: Observation['status'];
  daysAgo?: number;
  dateAs?: 'dateTime' | 'period' | 'issued';
  value?: CodeableConcept;
  valueString?: string;
  valueInteger?: number;
  valueQuantity?: Observation['valueQuantity'];
  components?: ObservationComponent[];
  method?: CodeableConcept;
  note?: string;
  referenceHigh?: number;
  hasMember?: string[];
  id?: string;
}

export function obs(s: ObsSpec): Observation {
  return {
    resourceType: 'Observation',
    id: s.id ?? nextId('obs'),
    status: s.status ?? 'final',
    code: s.code,
    subject: { reference: 'Patient/p1' },
    ...effective(s.daysAgo, s.dateAs),
    ...(s.value ? { valueCodeableConcept: s.value } : {}),
    ...(s.valueString !== undefined ? { valueString: s.valueString } : {}),
    ...(s.valueInteger !== undefined ? { valueInteger: s.valueInteger } : {}),
    ...(s.valueQuantity ? { valueQuantity: s.valueQuantity } : {}),
    ...(s.components ? { component: s.components } : {}),
    ...(s.method ? { method: s.method } : {}),
    ...(s.note ? { note: [{ text: s.note }] } : {}),
    ...(s.referenceHigh !== undefined ? { referenceRange: [{ high: { value: s.referenceHigh, unit: 'ng/mL' } }] } : {}),
    ...(s.hasMember ? { hasMember: s.hasMember.map((reference) => ({ reference })) } : {}),
  };
}

/** A 69548-6 variant Observation for one gene. */
export function variant(gene: string, present: boolean, opts: { protein?: string; daysAgo?: number; status?: Observation['status']; hgncSystem?: string } = {}): Observation {
  const components: ObservationComponent[] = [
    { code: lnc('48018-6'), valueCodeableConcept: cc(coding(opts.hgncSystem ?? HGNC, gene)) },
  ];
  if (opts.protein) components.push({ code: lnc('48005-3'), valueCodeableConcept: cc(coding(HGVS, opts.protein)) });
  return obs({
    code: lnc('69548-6'),
    value: lnc(present ? 'LA9633-4' : 'LA9634-2'),
    components,
    daysAgo: opts.daysAgo ?? 30,
    ...(opts.status ? { status: opts.status } : {}),
  });
}

export function cea(value: number, daysAgoN: number, opts: { unit?: string; comparator?: '<' | '<=' | '>' ; high?: number; system?: string; code?: string } = {}): Observation {
  return obs({
    code: cc(coding(opts.system ?? LNC, opts.code ?? '2039-6')),
    daysAgo: daysAgoN,
    valueQuantity: { value, unit: opts.unit ?? 'ng/mL', system: UCUM, code: opts.unit ?? 'ng/mL', ...(opts.comparator ? { comparator: opts.comparator } : {}) },
    ...(opts.high !== undefined ? { referenceHigh: opts.high } : {}),
  });
}

export function medRequest(medication: CodeableConcept | { reference: string }, s: { status?: MedicationRequest['status']; daysAgo?: number; intent?: MedicationRequest['intent']; contained?: Resource[]; extension?: Extension[]; id?: string } = {}): MedicationRequest {
  return {
    resourceType: 'MedicationRequest',
    id: s.id ?? nextId('mr'),
    status: s.status ?? 'active',
    intent: s.intent ?? 'order',
    subject: { reference: 'Patient/p1' },
    ...('reference' in medication ? { medicationReference: medication } : { medicationCodeableConcept: medication }),
    ...(s.daysAgo !== undefined ? { authoredOn: daysAgo(s.daysAgo) } : {}),
    ...(s.contained ? { contained: s.contained } : {}),
    ...(s.extension ? { extension: s.extension } : {}),
  };
}

export function medAdmin(medication: CodeableConcept, s: { status?: MedicationAdministration['status']; daysAgo: number; id?: string }): MedicationAdministration {
  return {
    resourceType: 'MedicationAdministration',
    id: s.id ?? nextId('ma'),
    status: s.status ?? 'completed',
    subject: { reference: 'Patient/p1' },
    medicationCodeableConcept: medication,
    effectiveDateTime: daysAgo(s.daysAgo),
  };
}

export function medStatement(medication: CodeableConcept, s: { status?: MedicationStatement['status']; daysAgo: number; id?: string }): MedicationStatement {
  return {
    resourceType: 'MedicationStatement',
    id: s.id ?? nextId('ms'),
    status: s.status ?? 'completed',
    subject: { reference: 'Patient/p1' },
    medicationCodeableConcept: medication,
    effectiveDateTime: daysAgo(s.daysAgo),
  };
}

export const rx = (code: string, display?: string) => cc(coding(RXNORM, code, display));

export function procedure(code: CodeableConcept, s: { status?: Procedure['status']; daysAgo?: number; bodySite?: CodeableConcept; extension?: Extension[]; id?: string } = {}): Procedure {
  return {
    resourceType: 'Procedure',
    id: s.id ?? nextId('proc'),
    status: s.status ?? 'completed',
    subject: { reference: 'Patient/p1' },
    code,
    ...(s.daysAgo !== undefined ? { performedDateTime: daysAgo(s.daysAgo) } : {}),
    ...(s.bodySite ? { bodySite: [s.bodySite] } : {}),
    ...(s.extension ? { extension: s.extension } : {}),
  };
}

export function serviceRequest(code: CodeableConcept, s: { status?: ServiceRequest['status']; priority?: ServiceRequest['priority']; inDays?: number; extension?: Extension[]; id?: string } = {}): ServiceRequest {
  return {
    resourceType: 'ServiceRequest',
    id: s.id ?? nextId('sr'),
    status: s.status ?? 'active',
    intent: 'order',
    subject: { reference: 'Patient/p1' },
    code,
    ...(s.priority ? { priority: s.priority } : {}),
    ...(s.inDays !== undefined ? { occurrenceDateTime: daysAgo(-s.inDays) } : {}),
    ...(s.extension ? { extension: s.extension } : {}),
  };
}

export function patient(s: { id?: string; deceasedBoolean?: boolean; deceasedDateTime?: string } = {}): Patient {
  return { resourceType: 'Patient', id: s.id ?? 'p1', ...s };
}

/** A transaction Bundle whose entries carry `urn:uuid:` fullUrls (ids dropped when `dropIds`). */
export function uuidBundle(resources: Resource[], fullUrls: string[], opts: { dropIds?: boolean } = {}): Bundle {
  return {
    resourceType: 'Bundle',
    type: 'transaction',
    entry: resources.map((r, i) => {
      const { id: _id, ...rest } = r;
      return { fullUrl: fullUrls[i], resource: (opts.dropIds ? rest : r) as Resource };
    }),
  };
}

export const intentExt = (code: '373808002' | '363676003'): Extension => ({
  url: 'http://hl7.org/fhir/us/mcode/StructureDefinition/mcode-procedure-intent',
  valueCodeableConcept: sct(code),
});

/** A stage IV rectal cancer background: C20 diagnosed 60 days ago with a liver metastasis. */
export function stageIvRectal(): Resource[] {
  return [
    patient(),
    condition({ code: RECTAL, onsetDaysAgo: 60, id: 'dx' }),
    condition({ code: sct('94381002'), onsetDaysAgo: 50, id: 'liver-met' }),
  ];
}

export function mapped(resources: readonly unknown[], opts: { rectosigmoidInScope?: boolean; patientId?: string } = {}): Case {
  return mapCase(resources, { patientId: opts.patientId ?? 'p1', now: NOW, rectosigmoidInScope: opts.rectosigmoidInScope ?? false });
}
