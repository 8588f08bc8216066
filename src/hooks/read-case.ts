import type { Resource } from 'fhir/r4.js';
import { CdsError } from '../errors.js';
import type { CdsRequest, ServiceDefinition } from './cds-types.js';
import { gatherData, PATIENT_NOT_FOUND, type GatheredData } from './gather-data.js';
import type { HookDeps } from './hook-deps.js';
import { patientReadKey } from './prefetch-template.js';

export interface PatientRecord {
  /** The patient's resources, without any that name another patient. */
  resources: Resource[];
  data: GatheredData;
}

const PATIENT_IS_ANOTHER = 'prefetch.patient is not the patient named in context.patientId';

/** The Patient resources a prefetch value holds: itself, or a Bundle's entries. */
function patientsIn(value: unknown): { id?: unknown }[] {
  const v = value as { resourceType?: unknown; id?: unknown; entry?: unknown } | null | undefined;
  if (v?.resourceType === 'Patient') return [v];
  if (v?.resourceType !== 'Bundle' || !Array.isArray(v.entry)) return [];
  return v.entry.map((e: { resource?: { resourceType?: unknown; id?: unknown } } | null) => e?.resource).filter((r) => r?.resourceType === 'Patient') as { id?: unknown }[];
}

/** Refuse prefetch about another patient: cards for the wrong patient are worse than none. */
export function assertPrefetchIsForPatient(req: CdsRequest, patientId: string): void {
  // An id-less Patient, as in the spec's own prefetch example, is taken as the context patient.
  if (patientsIn(req.prefetch?.['patient']).some((p) => p.id !== undefined && p.id !== patientId)) {
    throw new CdsError('bad-request', PATIENT_IS_ANOTHER);
  }
}

/**
 * The patient read decides first: it must hold this patient (or an id-less Patient, from prefetch) and no
 * other, else nothing is mapped. A 412 when the patient cannot be found, a 400 when the prefetch names
 * another patient.
 */
function assertPatientFound(service: ServiceDefinition, data: GatheredData, patientId: string): void {
  const key = patientReadKey(service);
  const patients = (key === undefined ? data.resources : (data.byKey[key] ?? [])).filter((r) => r.resourceType === 'Patient');
  if (patients.some((p) => p.id !== undefined && p.id !== patientId)) {
    if (key !== undefined && data.origins[key] === 'fhir') throw new CdsError('precondition-failed', `${key}: the FHIR server answered with another patient than context.patientId`);
    throw new CdsError('bad-request', PATIENT_IS_ANOTHER);
  }
  if (patients.length === 0) throw new CdsError('precondition-failed', PATIENT_NOT_FOUND);
}

const PATIENT_REF = /(?:^|\/)Patient\/([^/]+)$/;

function patientIdOf(reference: unknown): string | undefined {
  const ref = (reference as { reference?: unknown } | undefined)?.reference;
  return typeof ref === 'string' ? PATIENT_REF.exec(ref)?.[1] : undefined;
}

/**
 * A resource that names another patient (as its subject or patient, or a Patient with another id): an EHR's
 * prefetch or a FHIR search should never return one, and its data must not reach this patient's cards.
 */
export function belongsToAnotherPatient(r: Resource, patientId: string): boolean {
  if (r.resourceType === 'Patient') return r.id !== undefined && r.id !== patientId;
  const named = patientIdOf((r as { subject?: unknown }).subject) ?? patientIdOf((r as { patient?: unknown }).patient);
  return named !== undefined && named !== patientId;
}

/** Every hook's data step: prefetch first, else the FHIR server (412 when it cannot be had); the patient read judged first. */
export async function readPatientRecord(service: ServiceDefinition, req: CdsRequest, patientId: string, deps: HookDeps): Promise<PatientRecord> {
  const data = await gatherData(service, req, {
    readerFor: deps.readerFor,
    timeoutMs: deps.config.fhirTimeoutMs,
    maxPages: deps.config.fhirMaxPages,
  });
  assertPatientFound(service, data, patientId);
  return { resources: data.resources.filter((r) => !belongsToAnotherPatient(r, patientId)), data };
}
