import { type Json, obj, str } from './json.js';
import { type PatientRecord, containedById, recordMemoSlot } from './record.js';
import { FHIR_ID_PATTERN } from '../domain/ids.js';

/**
 * Reference resolution inside the record: `#contained`, `urn:uuid:`/`urn:oid:` fullUrls, relative `Type/id`,
 * absolute URLs ending in `Type/id` (with or without `_history`), and identifier-only references (CAP eCC
 * bundles link members by identifier). Unresolvable references read as absent.
 */

const TYPE_ID_AT_END = new RegExp(`(?:^|/)([A-Z][A-Za-z]+)/(${FHIR_ID_PATTERN})(?:/_history/${FHIR_ID_PATTERN})?$`);
const URN = /urn:(?:uuid|oid):[A-Za-z0-9\-.:]+$/;

/**
 * Per record, what each non-local reference string resolves to: a treatment history repeats the same references
 * (the order behind every administration), and each would otherwise meet the regular expressions again.
 */
const RESOLVED = recordMemoSlot('resolved references', (): Map<string, Json | undefined> => new Map());

export function resolveReferenceString(record: PatientRecord, ref: string, container?: Json): Json | undefined {
  if (ref.startsWith('#')) return containedById(container, ref.slice(1));
  const memo = record.memo(RESOLVED);
  if (memo.has(ref)) return memo.get(ref);
  const found = resolveInRecord(record, ref);
  memo.set(ref, found);
  return found;
}

function resolveInRecord(record: PatientRecord, ref: string): Json | undefined {
  const exact = record.byFullUrl(ref);
  if (exact) return exact;
  // A relative reference against an absolute fullUrl base (or the reverse) still names Type/id.
  const m = TYPE_ID_AT_END.exec(ref);
  if (m?.[1] !== undefined && m[2] !== undefined) {
    const found = record.byTypeAndId(m[1], m[2]);
    if (found) return found;
  }
  // Seen in real data: "Observation/urn:uuid:..." (a type prefix glued to a urn).
  const urn = URN.exec(ref)?.[0];
  return urn !== undefined && urn !== ref ? record.byFullUrl(urn) : undefined;
}

/** Resolve a FHIR Reference object (or a bare reference string). */
export function resolveReference(record: PatientRecord, reference: unknown, container?: Json): Json | undefined {
  if (typeof reference === 'string') return resolveReferenceString(record, reference, container);
  const r = obj(reference);
  if (r === undefined) return undefined;
  const ref = str(r.reference);
  const byRef = ref !== undefined ? resolveReferenceString(record, ref, container) : undefined;
  if (byRef) return byRef;
  const ident = obj(r.identifier);
  const value = str(ident?.value);
  if (value === undefined) return undefined;
  return record.byIdentifier(str(ident?.system), value) ?? record.byIdentifier(undefined, value);
}
