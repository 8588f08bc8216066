import type { Provenance } from '../domain/case.js';
import { type Json, str, typeOf } from './json.js';
import type { PatientRecord } from './record.js';

/**
 * Where a fact came from. Resources without an id (Bundle entries often have only a `urn:uuid:` fullUrl)
 * are named by their fullUrl so a card can still point at them.
 */
export function provenanceOf(
  record: PatientRecord,
  resource: Json,
  date?: string,
  matched?: string,
): Provenance {
  const id = str(resource.id) ?? record.fullUrlOf(resource) ?? '';
  // Members set one by one, absent ones omitted (one of the mapping's most frequent allocations).
  const p: Provenance = { resourceType: typeOf(resource) ?? 'Unknown', id };
  if (date !== undefined) p.date = date;
  if (matched !== undefined) p.matched = matched;
  return p;
}
