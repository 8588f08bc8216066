import type { Bundle, Resource } from 'fhir/r4.js';
import { loadServiceDefinitions } from '../../src/hooks/services.js';
import type { ServiceDefinition } from '../../src/hooks/cds-types.js';

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
 * Prefetch as an EHR would send it: each template's resource type, the patient as a read, the rest as
 * searchsets. Code filters are not applied here (the mapper checks every code itself).
 */
export function prefetchFor(svc: ServiceDefinition, record: Resource[]): Record<string, Resource> {
  const out: Record<string, Resource> = {};
  for (const [key, template] of Object.entries(svc.prefetch ?? {})) {
    const type = template.split(/[/?]/)[0]!;
    const matching = record.filter((r) => r.resourceType === type);
    out[key] = template.includes('?') ? searchset(matching) : matching[0]!;
  }
  return out;
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
