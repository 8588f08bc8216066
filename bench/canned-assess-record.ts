/**
 * Stands in for src/hooks/assess-record.ts in the bench's second server bundle (bench/build.ts): each (hook,
 * patient, drafts) is mapped and judged on its first call and answered from memory after that. Everything
 * else of the hook path runs as in the service (auth, body, scan, validation, prefetch handling, cards,
 * serialisation, logging, metrics), so that server's throughput is what the service would do if mapping and
 * rules cost nothing: the share of the floor the rest of the path leaves.
 */
import type { Resource } from 'fhir/r4.js';
import { type AssessOptions, type Assessment, assessRecord as assessForReal } from '../src/hooks/assess-record.js';

export type { AssessOptions, Assessment };

const answered = new Map<string, Assessment>();

export function assessRecord(resources: readonly Resource[], o: AssessOptions): Assessment {
  const key = JSON.stringify([o.hook, o.patientId, o.drafts ?? null]);
  let known = answered.get(key);
  if (known === undefined) {
    known = assessForReal(resources, o);
    answered.set(key, known);
  }
  return known;
}
