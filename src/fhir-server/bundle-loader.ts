import { randomUUID } from 'node:crypto';
import { isResourceType } from '@medplum/core';
import type { Bundle, BundleEntry, Resource } from 'fhir/r4.js';
import { FHIR_ID } from '../domain/ids.js';

/** The bundle cannot be stored as given (the HTTP layer turns this into a 400). */
export class InvalidBundleError extends Error {}


/**
 * Copies of the bundle's resources, ready to store: every resource has an id, and every
 * Reference.reference that points at another entry's fullUrl (e.g. `urn:uuid:...`) now reads
 * `Type/id`, because Medplum's search only matches `Type/id` references.
 * Requires the Medplum definitions to be indexed (for the resourceType check).
 */
export function prepareBundleResources(bundle: Bundle): Resource[] {
  if (bundle?.resourceType !== 'Bundle') {
    throw new InvalidBundleError('Expected a FHIR Bundle');
  }
  const fullUrlToReference = new Map<string, string>();
  const resources: Resource[] = [];
  for (const [index, entry] of (bundle.entry ?? []).entries()) {
    if (!entry.resource) continue;
    const resource = structuredClone(entry.resource);
    if (typeof resource.resourceType !== 'string' || !isResourceType(resource.resourceType)) {
      throw new InvalidBundleError(`Bundle entry ${index}: unknown resourceType '${String(resource.resourceType)}'`);
    }
    resource.id ??= idFromEntry(entry, resource.resourceType) ?? randomUUID();
    if (!FHIR_ID.test(resource.id)) {
      throw new InvalidBundleError(`Bundle entry ${index}: invalid id '${resource.id}'`);
    }
    if (entry.fullUrl) {
      fullUrlToReference.set(entry.fullUrl, `${resource.resourceType}/${resource.id}`);
    }
    resources.push(resource);
  }
  for (const resource of resources) {
    rewriteReferences(resource, fullUrlToReference);
  }
  return resources;
}

/** Prefer an id the bundle already implies (PUT url, urn:uuid) so ids are stable across reloads. */
function idFromEntry(entry: BundleEntry, resourceType: string): string | undefined {
  const putUrl = entry.request?.method === 'PUT' ? entry.request.url : undefined;
  const fromPut = putUrl?.startsWith(`${resourceType}/`) ? putUrl.slice(resourceType.length + 1) : undefined;
  if (fromPut && FHIR_ID.test(fromPut)) return fromPut;
  const fromUrn = entry.fullUrl?.startsWith('urn:uuid:') ? entry.fullUrl.slice('urn:uuid:'.length) : undefined;
  return fromUrn && FHIR_ID.test(fromUrn) ? fromUrn : undefined;
}

/** Deep walk: references can sit anywhere (extensions, backbone elements, contained resources). */
function rewriteReferences(node: unknown, fullUrlToReference: Map<string, string>): void {
  if (Array.isArray(node)) {
    for (const item of node) rewriteReferences(item, fullUrlToReference);
  } else if (node !== null && typeof node === 'object') {
    const obj = node as Record<string, unknown>;
    for (const [key, value] of Object.entries(obj)) {
      if (key === 'reference' && typeof value === 'string') {
        obj[key] = fullUrlToReference.get(value) ?? value;
      } else {
        rewriteReferences(value, fullUrlToReference);
      }
    }
  }
}
