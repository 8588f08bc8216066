import { getSearchParameter } from '@medplum/core';
import { MemoryRepository } from '@medplum/fhir-router';
import type { Resource } from 'fhir/r4.js';

/**
 * Patient compartments for the embedded FHIR server. MemoryRepository answers a search by evaluating
 * FHIRPath on every stored resource of the type, so with the demo's ~1,600 resources one patient's
 * twelve prefetch queries took about a second. Each patient therefore gets a repository of its own
 * holding every resource that mentions it, and a search that names one patient runs there.
 *
 * Why the answer is the same as a search over everything: Medplum matches a reference filter by
 * exact string equality with the resource's searchable references (`Reference.reference`, canonical
 * strings, inline resources). Every resource whose searchable references include `Patient/<id>`
 * contains that string (or an inline Patient with that id), so it is in `<id>`'s repository; the
 * remaining filters, sorting and paging then run on that subset exactly as they would on all.
 */

type MedplumResource = Parameters<MemoryRepository['createResource']>[0];

/** A reference string to a Patient, optionally versioned: the id is the capture. */
const PATIENT_REFERENCE = /^Patient\/([^/?#]+)/;

/**
 * Ids of every patient a resource mentions: each string reading `Patient/<id>...` anywhere in it, and
 * each (contained or inline) Patient with an id, itself included. A superset of its compartments.
 */
export function patientIdsIn(resource: Resource): Set<string> {
  const ids = new Set<string>();
  const walk = (node: unknown): void => {
    if (typeof node === 'string') {
      const match = PATIENT_REFERENCE.exec(node);
      if (match?.[1]) ids.add(match[1]);
    } else if (Array.isArray(node)) {
      for (const item of node) walk(item);
    } else if (node !== null && typeof node === 'object') {
      const obj = node as Record<string, unknown>;
      if (obj['resourceType'] === 'Patient' && typeof obj['id'] === 'string') ids.add(obj['id']);
      for (const value of Object.values(obj)) walk(value);
    }
  };
  walk(resource);
  return ids;
}

/**
 * The one patient a prepared search is restricted to, if any: a reference parameter without modifier
 * whose single value is `Patient/<id>`. `_compartment` is left out (Medplum also matches it by suffix),
 * as are `:missing`, `:not` and comma-separated values (they can match resources outside the compartment).
 */
export function searchedPatient(resourceType: string, params: URLSearchParams): string | undefined {
  for (const [key, value] of params) {
    if (key.includes(':') || key === '_compartment' || value.includes(',')) continue;
    const match = PATIENT_REFERENCE.exec(value);
    if (!match?.[1] || match[0] !== value) continue;
    if (getSearchParameter(resourceType, key)?.type === 'reference') return match[1];
  }
  return undefined;
}

/** One MemoryRepository per patient, kept in step with the global repository by `put`. */
export class PatientCompartments {
  private readonly repos = new Map<string, MemoryRepository>();
  /** `Type/id` -> patients whose repository holds the resource, so an update can move it. */
  private readonly membership = new Map<string, Set<string>>();
  private readonly empty = new MemoryRepository();

  /** Store (or replace) a resource already saved in the global repository, meta included. */
  async put(saved: Resource): Promise<void> {
    const key = `${saved.resourceType}/${saved.id}`;
    const now = patientIdsIn(saved);
    for (const old of this.membership.get(key) ?? []) {
      if (!now.has(old)) await this.repos.get(old)?.deleteResource(saved.resourceType, saved.id as string);
    }
    for (const patientId of now) {
      let repo = this.repos.get(patientId);
      if (!repo) {
        repo = new MemoryRepository();
        this.repos.set(patientId, repo);
      }
      await repo.createResource(saved as MedplumResource);
    }
    this.membership.set(key, now);
  }

  /** The repository to search for one patient; an empty one when nothing mentions that patient. */
  repoFor(patientId: string): MemoryRepository {
    return this.repos.get(patientId) ?? this.empty;
  }
}
