import { FHIR_ID } from '../domain/ids.js';
import type { ServiceDefinition } from '../hooks/cds-types.js';
import { prefetchQueries, type PrefetchQuery } from '../hooks/prefetch-template.js';

/**
 * The FHIR queries the SMART app runs: the prefetch templates of the service's patient-view definition
 * (read from the discovery document), filled as the service fills them, so the app reads exactly what the
 * service reads.
 * @see https://cds-hooks.hl7.org/2.0/#prefetch-template
 */
export type RecordQuery = Pick<PrefetchQuery, 'key' | 'url'>;

interface DiscoveryLike {
  services?: { hook?: unknown; prefetch?: Record<string, unknown> }[];
}

export function recordQueries(discovery: unknown, patientId: string): RecordQuery[] {
  if (!FHIR_ID.test(patientId)) throw new Error(`'${patientId}' is not a valid FHIR patient id`);
  const service = (discovery as DiscoveryLike | null)?.services?.find((svc) => svc.hook === 'patient-view');
  if (!service?.prefetch) throw new Error('The service publishes no patient-view prefetch templates');
  for (const [key, template] of Object.entries(service.prefetch)) {
    if (typeof template !== 'string') throw new Error(`Prefetch template ${key} is not a string`);
  }
  // The app knows the patient only: a template needing more of the hook context cannot be filled.
  return prefetchQueries(service as Pick<ServiceDefinition, 'prefetch'>, { patientId }).map(({ key, url }) => ({ key, url }));
}
