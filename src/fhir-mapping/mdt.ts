import type { Fact, Provenance, Resectability } from '../domain/case.js';
import { CONCEPT, SYSTEM } from './codes.js';
import { findConcept, matchedOf } from './coding.js';
import { byDateAsc, effectiveTime, isoDate, performedTime } from './dates.js';
import { obj } from './json.js';
import { allObservations } from './observations.js';
import { provenanceOf } from './provenance.js';
import { type RecordInput, asRecord } from './record.js';
import { isEncounterFinished, isObservationValid, isProcedureDone } from './validity.js';

/** Multidisciplinary team: review done, and the resectability it documented. */

const RESECTABILITY: readonly Resectability[] = ['resectable', 'potentially-resectable', 'unresectable'];

/** Every documented resectability, oldest first (RC-18 looks for a change); the last one is the current one. */
export function mapResectabilityHistory(input: RecordInput): Fact<Resectability>[] {
  const record = asRecord(input);
  const out: Fact<Resectability>[] = [];
  for (const o of allObservations(record)) {
    if (!isObservationValid(o)) continue;
    const code = findConcept(o.code, [CONCEPT.resectability]);
    if (!code) continue;
    const value = RESECTABILITY.find((r) => findConcept(o.valueCodeableConcept, [r]));
    if (value) out.push({ value, source: provenanceOf(record, o, effectiveTime(o), `${SYSTEM.concept}|${value}`) });
  }
  return byDateAsc(out, (f) => f.source.date);
}

/** Every MDT review done, oldest first: a completed Procedure, or a finished Encounter typed as one. */
export function mapMdtReviews(input: RecordInput): Provenance[] {
  const record = asRecord(input);
  const found: Provenance[] = [];
  for (const p of record.ofType('Procedure')) {
    const code = findConcept(p.code, [CONCEPT.mdtReview]);
    if (code && isProcedureDone(p)) found.push(provenanceOf(record, p, performedTime(p), matchedOf(code)));
  }
  for (const e of record.ofType('Encounter')) {
    const code = findConcept(e.type, [CONCEPT.mdtReview]);
    if (code && isEncounterFinished(e)) found.push(provenanceOf(record, e, isoDate(obj(e.period)?.start), matchedOf(code)));
  }
  return byDateAsc(found, (p) => p.date);
}
