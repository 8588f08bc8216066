/**
 * The FHIR queries the SMART app runs: the prefetch templates of the service's patient-view definition
 * (read from the discovery document), so the app reads exactly what the service reads.
 * @see https://cds-hooks.hl7.org/2.0/#prefetch-template
 */
export interface RecordQuery {
  key: string;
  url: string;
}

interface DiscoveryLike {
  services?: { hook?: unknown; prefetch?: Record<string, unknown> }[];
}

/** FHIR logical id (as the service checks it before substituting it into a query). */
const FHIR_ID = /^[A-Za-z0-9\-.]{1,64}$/;
const TOKEN = /\{\{\s*([A-Za-z.]+)\s*\}\}/g;

export function recordQueries(discovery: unknown, patientId: string): RecordQuery[] {
  if (!FHIR_ID.test(patientId)) throw new Error(`'${patientId}' is not a valid FHIR patient id`);
  const service = (discovery as DiscoveryLike | null)?.services?.find((svc) => svc.hook === 'patient-view');
  if (!service?.prefetch) throw new Error('The service publishes no patient-view prefetch templates');
  return Object.entries(service.prefetch).map(([key, template]) => {
    if (typeof template !== 'string') throw new Error(`Prefetch template ${key} is not a string`);
    const url = template.replace(TOKEN, (_m, path: string) => {
      if (path !== 'context.patientId') throw new Error(`Prefetch template ${key} needs ${path}, which the app does not have`);
      return encodeURIComponent(patientId);
    });
    return { key, url };
  });
}
