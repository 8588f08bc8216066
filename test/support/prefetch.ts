import type { Bundle, Resource } from 'fhir/r4.js';
import { loadServiceDefinitions } from '../../src/hooks/services.js';
import type { ServiceDefinition } from '../../src/hooks/cds-types.js';
import { prefetchQueries } from '../../src/hooks/prefetch-template.js';

export const discovery = loadServiceDefinitions();

export function service(hook: string): ServiceDefinition {
  const s = discovery.services.find((x) => x.hook === hook);
  if (!s) throw new Error(`no service for ${hook}`);
  return s;
}

export function searchset(resources: Resource[]): Bundle {
  return { resourceType: 'Bundle', type: 'searchset', total: resources.length, entry: resources.map((resource) => ({ resource })) };
}

/**
 * Prefetch as an EHR would send it: each of the service's queries, the patient as a read, the rest as
 * searchsets of the record's resources of that type. Code filters are not applied here (the mapper checks
 * every code itself).
 */
export function prefetchFor(svc: ServiceDefinition, record: Resource[], patientId = patientOf(record)): Record<string, Resource> {
  const out: Record<string, Resource> = {};
  for (const q of prefetchQueries(svc, { patientId, userId: 'Practitioner/example' })) {
    const matching = record.filter((r) => r.resourceType === q.resourceType);
    out[q.key] = q.search ? searchset(matching) : matching[0]!;
  }
  return out;
}

function patientOf(record: Resource[]): string {
  return record.find((r) => r.resourceType === 'Patient')?.id ?? 'unknown-patient';
}

export function patientViewRequest(patientId: string, extra: Record<string, unknown> = {}) {
  return {
    hook: 'patient-view',
    hookInstance: 'd1577c69-dfbe-44ad-ba6d-3e05e953b2ea',
    context: { userId: 'Practitioner/example', patientId },
    ...extra,
  };
}

export const cardIds = (body: { cards?: { source?: { topic?: { code?: string } } }[] }) =>
  (body.cards ?? []).map((c) => c.source?.topic?.code ?? '(no topic)').sort();
