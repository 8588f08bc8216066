import { type Json, isObj, obj, objs, str, typeOf } from './json.js';

/**
 * The patient's record as the mapper sees it: every resource of the request, Bundles (nested ones included)
 * flattened, indexed for reference resolution. Built once per `mapCase` call.
 */
export interface PatientRecord {
  /** Every non-Bundle resource, in input order. */
  readonly resources: readonly Json[];
  ofType(resourceType: string): readonly Json[];
  /** The Bundle entry fullUrl a resource came with, if any. */
  fullUrlOf(resource: Json): string | undefined;
  byFullUrl(url: string): Json | undefined;
  byTypeAndId(resourceType: string, id: string): Json | undefined;
  byIdentifier(system: string | undefined, value: string): Json | undefined;
  /**
   * The record's own memo for `slot` (a module's constant key), made by the slot on first use. It lives inside the
   * record, so it dies with it. (A module-level WeakMap keyed by the record would not: V8's scavenges keep a
   * WeakMap's values alive until the next full collection, so each record was copied into the old generation.)
   */
  memo<T>(slot: RecordMemoSlot<T>): T;
}

/**
 * A key for `PatientRecord.memo`, with what makes its value for a record. The maker is the slot's, not the
 * caller's: a memo read a hundred times per record then builds no closure each time.
 */
export interface RecordMemoSlot<T> {
  readonly name: string;
  readonly make: (record: PatientRecord) => T;
}

export function recordMemoSlot<T>(name: string, make: (record: PatientRecord) => T): RecordMemoSlot<T> {
  return { name, make };
}

/** Nested Bundles deeper than this are ignored (no real source nests this far; guards against pathological input). */
const MAX_BUNDLE_DEPTH = 8;

/** What `mapCase` and the exported piece mappers accept: raw resources, or a record already built. */
export type RecordInput = readonly unknown[] | PatientRecord;

export function isPatientRecord(v: unknown): v is PatientRecord {
  return isObj(v) && typeof (v as { ofType?: unknown }).ofType === 'function';
}

export function asRecord(input: RecordInput): PatientRecord {
  return isPatientRecord(input) ? input : buildRecord(Array.isArray(input) ? input : []);
}

function identifierKey(system: string | undefined, value: string): string {
  return `${system ?? ''}|${value}`;
}

/**
 * How `buildRecord` orders the resources: as given (Bundles flattened in place), or `stable`: by type, then id,
 * whatever order they came in (a prefetch, a FHIR search, an export split into files, Bundles or not), so that the
 * same record always gives the same facts, ties and lists. Both orders keep input order among equal keys.
 */
export type RecordOrder = 'as-given' | 'stable';

/**
 * `group` (one type's resources) sorted by id, stably; the same array when it already is (a FHIR search often
 * answers in id order). `byId` is the group's id index: when it holds every member (each has its own id), the
 * ids alone are sorted by the built-in string order (no comparator call per comparison) and looked up again.
 */
function sortedById(group: Json[], byId: Map<string, Json> | undefined): Json[] {
  const n = group.length;
  if (n < 2) return group;
  const ids = new Array<string>(n);
  let sorted = true;
  for (let i = 0; i < n; i++) {
    const id = (group[i] as Json).id;
    ids[i] = typeof id === 'string' ? id : '';
    if (i > 0 && sorted && (ids[i - 1] as string) > (ids[i] as string)) sorted = false;
  }
  if (sorted) return group;
  if (byId !== undefined && byId.size === n) return ids.sort().map((id) => byId.get(id) as Json);
  // Missing or repeated ids: indices sorted by their ids (a stable sort), then the resources put in that order.
  const order = Array.from({ length: n }, (_, i) => i);
  order.sort((a, b) => {
    const x = ids[a] as string;
    const y = ids[b] as string;
    return x < y ? -1 : x > y ? 1 : 0;
  });
  return order.map((i) => group[i] as Json);
}

export function buildRecord(input: readonly unknown[], order: RecordOrder = 'as-given'): PatientRecord {
  const flat: Json[] = [];
  // Plain Map and Set: they die with the record, and weak collections cost more to fill and to collect.
  const fullUrls = new Map<Json, string>();
  const seen = new Set<object>();
  // Type -> its resources, in flattening order: the record's by-type index, filled in the same pass.
  let byType = new Map<string, Json[]>();

  const add = (item: unknown, fullUrl: string | undefined, depth: number): void => {
    if (!isObj(item) || seen.has(item)) return;
    seen.add(item);
    const type = typeOf(item);
    if (type === 'Bundle') {
      if (depth >= MAX_BUNDLE_DEPTH) return;
      for (const entry of objs(item.entry)) add(entry.resource, str(entry.fullUrl), depth + 1);
      return;
    }
    if (type === undefined) return;
    flat.push(item);
    const list = byType.get(type);
    if (list === undefined) byType.set(type, [item]);
    else list.push(item);
    if (fullUrl !== undefined) fullUrls.set(item, fullUrl);
  };
  for (const item of Array.isArray(input) ? input : []) add(item, undefined, 0);

  // Type -> id -> resource: nested maps, so that a lookup builds no `Type/id` string. The first of a type and id
  // in input order wins, which is also the first in stable order (equal ids keep input order).
  const byTypeId = new Map<string, Map<string, Json>>();
  for (const [type, group] of byType) {
    let ids: Map<string, Json> | undefined;
    for (const r of group) {
      const id = str(r.id);
      if (id === undefined) continue;
      if (ids === undefined) {
        ids = new Map();
        byTypeId.set(type, ids);
      }
      if (!ids.has(id)) ids.set(id, r);
    }
  }

  let resources = flat;
  if (order === 'stable') {
    // Grouped by type already (a record has a handful of types): the types sorted, then each group by id.
    const stable = new Map<string, Json[]>();
    resources = [];
    for (const type of [...byType.keys()].sort()) {
      const group = sortedById(byType.get(type) as Json[], byTypeId.get(type));
      stable.set(type, group);
      for (const r of group) resources.push(r);
    }
    byType = stable;
  }

  const byUrl = new Map<string, Json>();
  if (fullUrls.size > 0) {
    for (const r of resources) {
      const url = fullUrls.get(r);
      if (url !== undefined && !byUrl.has(url)) byUrl.set(url, r);
    }
  }
  // Identifier references are rare: the index is built on the first lookup, not for every record.
  let byIdent: Map<string, Json> | undefined;
  const identifierIndex = (): Map<string, Json> => {
    if (byIdent !== undefined) return byIdent;
    const index = new Map<string, Json>();
    for (const r of resources) {
      for (const ident of objs(r.identifier)) {
        const value = str(ident.value);
        if (value === undefined) continue;
        const key = identifierKey(str(ident.system), value);
        if (!index.has(key)) index.set(key, r);
        if (!index.has(identifierKey(undefined, value))) index.set(identifierKey(undefined, value), r);
      }
    }
    byIdent = index;
    return index;
  };

  const memos = new Map<RecordMemoSlot<unknown>, unknown>();
  const record: PatientRecord = {
    resources,
    memo: <T>(slot: RecordMemoSlot<T>): T => {
      if (memos.has(slot)) return memos.get(slot) as T;
      const made = slot.make(record);
      memos.set(slot, made);
      return made;
    },
    ofType: (t) => byType.get(t) ?? [],
    fullUrlOf: (r) => fullUrls.get(r),
    byFullUrl: (u) => byUrl.get(u),
    byTypeAndId: (t, id) => byTypeId.get(t)?.get(id),
    byIdentifier: (system, value) => identifierIndex().get(identifierKey(system, value)),
  };
  return record;
}

/** The Patient the request is about: the one with `patientId`, else the first one on record. */
export function findPatient(record: PatientRecord, patientId: string): Json | undefined {
  const patients = record.ofType('Patient');
  return patients.find((p) => str(p.id) === patientId) ?? patients[0];
}

/** `contained[]` of a resource, by local id (without the leading `#`). */
export function containedById(container: Json | undefined, id: string): Json | undefined {
  return objs(obj(container)?.contained).find((c) => str(c.id) === id);
}
