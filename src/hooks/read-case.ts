import type { Case } from '../domain/case.js';
import { CdsError } from '../errors.js';
import { mapCase } from '../fhir-mapping/map-case.js';
import type { CdsRequest, ServiceDefinition } from './cds-types.js';
import { gatherData, type GatheredData } from './gather-data.js';
import type { HookDeps } from './hook-deps.js';

export interface PatientCase {
  case: Case;
  now: Date;
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

/** Every hook's data step: prefetch first, else the FHIR server (412 when it cannot be had), then the case. */
export async function readPatientCase(service: ServiceDefinition, req: CdsRequest, patientId: string, deps: HookDeps): Promise<PatientCase> {
  const data = await gatherData(service, req, {
    readerFor: deps.readerFor,
    timeoutMs: deps.config.fhirTimeoutMs,
    maxPages: deps.config.fhirMaxPages,
  });
  if (!data.resources.some((r) => r.resourceType === 'Patient')) {
    throw new CdsError('precondition-failed', 'The patient named in context.patientId was not found');
  }
  const now = deps.now();
  return { case: mapCase(data.resources, { patientId, now, rectosigmoidInScope: deps.config.rectosigmoidInScope }), now, data };
}
