import type { Resource } from 'fhir/r4.js';
import { CdsError } from '../errors.js';
import type { CdsRequest, ServiceDefinition } from './cds-types.js';
import { gatherData, type GatheredData } from './gather-data.js';
import type { HookDeps } from './hook-deps.js';

export interface PatientRecord {
  /** The patient's resources, without any that name another patient. */
  resources: Resource[];
  data: GatheredData;
}

/** Refuse prefetch about another patient: cards for the wrong patient are worse than none. */
export function assertPrefetchIsForPatient(req: CdsRequest, patientId: string): void {
  const patient = req.prefetch?.['patient'] as { resourceType?: unknown; id?: unknown } | null | undefined;
  // An id-less Patient, as in the spec's own prefetch example, is taken as the context patient.
  if (patient?.resourceType === 'Patient' && patient.id !== undefined && patient.id !== patientId) {
    throw new CdsError('bad-request', 'prefetch.patient is not the patient named in context.patientId');
  }
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

/** Every hook's data step: prefetch first, else the FHIR server (412 when it cannot be had). */
export async function readPatientRecord(service: ServiceDefinition, req: CdsRequest, patientId: string, deps: HookDeps): Promise<PatientRecord> {
  const data = await gatherData(service, req, {
    readerFor: deps.readerFor,
    timeoutMs: deps.config.fhirTimeoutMs,
    maxPages: deps.config.fhirMaxPages,
  });
  if (!data.resources.some((r) => r.resourceType === 'Patient')) {
    throw new CdsError('precondition-failed', 'The patient named in context.patientId was not found');
  }
  return { resources: data.resources.filter((r) => !belongsToAnotherPatient(r, patientId)), data };
}
