import { FHIR_ID } from '../domain/ids.js';
import { CdsError } from '../errors.js';
import type { ServiceDefinition } from './cds-types.js';

const TOKEN = /\{\{\s*([A-Za-z.]+)\s*\}\}/g;

/**
 * Fill a prefetch template from the hook context. Only values that are valid FHIR ids are substituted, so a
 * context value can never change the shape of the query.
 * @see https://cds-hooks.hl7.org/2.0/#prefetch-template
 */
export function fillTemplate(template: string, context: Record<string, unknown>): string {
  return template.replace(TOKEN, (_m, path: string) => {
    const value = path.startsWith('context.') ? context[path.slice('context.'.length)] : undefined;
    if (typeof value !== 'string' || !FHIR_ID.test(value)) {
      throw new CdsError('bad-request', `Prefetch token {{${path}}} has no valid value in the hook context`);
    }
    return encodeURIComponent(value);
  });
}

const PATIENT_READ = /^Patient\/\{\{\s*context\.patientId\s*\}\}$/;

/** The prefetch key that reads the context patient (`Patient/{{context.patientId}}`), if the service has one. */
export function patientReadKey(service: Pick<ServiceDefinition, 'prefetch'>): string | undefined {
  return Object.entries(service.prefetch ?? {}).find(([, template]) => PATIENT_READ.test(template))?.[0];
}

/** One prefetch key of a service and its query for this context (relative to the FHIR base). */
export interface PrefetchQuery {
  key: string;
  url: string;
  /** The resource type the query reads or searches. */
  resourceType: string;
  /** A search (a Bundle comes back) rather than a read. */
  search: boolean;
}

/**
 * Every prefetch query of a service for a hook context. The service's FHIR fallback, the SMART app, the demo
 * and the benchmark all read a patient's record through these, so they read exactly what an EHR prefetches.
 */
export function prefetchQueries(service: Pick<ServiceDefinition, 'prefetch'>, context: Record<string, unknown>): PrefetchQuery[] {
  return Object.entries(service.prefetch ?? {}).map(([key, template]) => {
    const url = fillTemplate(template, context);
    return { key, url, resourceType: url.split(/[/?]/)[0] ?? '', search: url.includes('?') };
  });
}

/**
 * Fill a whole prefetch as an EHR does: each query read through `get` (a function of the query URL relative
 * to the FHIR base), in parallel.
 */
export async function fetchPrefetch(
  service: Pick<ServiceDefinition, 'prefetch'>,
  context: Record<string, unknown>,
  get: (query: PrefetchQuery) => Promise<unknown>,
): Promise<Record<string, unknown>> {
  const queries = prefetchQueries(service, context);
  const values = await Promise.all(queries.map(get));
  return Object.fromEntries(queries.map((q, i) => [q.key, values[i]]));
}
