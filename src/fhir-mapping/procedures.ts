import type { ProcedureFact, ProcedureKind } from '../domain/case.js';
import {
  CONCEPT, CPT_ABLATION, CPT_LIVER_RESECTION, CPT_SURGERY_RANGE, PRIMARY_RESECTION, SNOMED_COLOSTOMY,
  SNOMED_SURGICAL_PROCEDURE, SYSTEM,
} from './codes.js';
import { type Coding, codingsOf, findConcept, findCoding } from './coding.js';
import { byDateAsc, occurrenceTime, performedTime } from './dates.js';
import { type Json, str } from './json.js';
import { provenanceOf } from './provenance.js';
import { type RecordInput, asRecord } from './record.js';
import { isProcedureDone, isServiceRequestPlanned } from './validity.js';

/**
 * Procedures done (Procedure, completed) and planned (ServiceRequest, active/on-hold). A planned request with
 * priority urgent/asap/stat is an emergency. Radiotherapy and MDT reviews are read by their own modules.
 */

const EMERGENCY_PRIORITIES = ['urgent', 'asap', 'stat'];

/** Specific kinds first: the primary resection CPT codes also lie in the generic surgical range. */
const KIND_RULES: [ProcedureKind, (code: unknown) => Coding | undefined][] = [
  ['primary-resection', (c) =>
    findCoding(c, SYSTEM.snomed, PRIMARY_RESECTION.snomed) ?? findCoding(c, SYSTEM.cpt, PRIMARY_RESECTION.cpt) ??
    findConcept(c, [CONCEPT.primaryResection])],
  ['diversion', (c) => findCoding(c, SYSTEM.snomed, SNOMED_COLOSTOMY) ?? findConcept(c, [CONCEPT.diversion])],
  ['rectal-stent', (c) => findConcept(c, [CONCEPT.rectalStent])],
  ['liver-resection', (c) => findCoding(c, SYSTEM.cpt, CPT_LIVER_RESECTION) ?? findConcept(c, [CONCEPT.liverMetastasectomy])],
  ['ablation', (c) => findCoding(c, SYSTEM.cpt, CPT_ABLATION) ?? findConcept(c, [CONCEPT.ablation])],
  ['embolisation', (c) => findConcept(c, [CONCEPT.embolisation])],
  ['radioembolisation', (c) => findConcept(c, [CONCEPT.radioembolisation])],
  ['hepatic-arterial-infusion', (c) => findConcept(c, [CONCEPT.hai])],
  ['other-major-surgery', (c) => findCoding(c, SYSTEM.snomed, SNOMED_SURGICAL_PROCEDURE) ?? cptSurgery(c)],
];

/** CPT surgery section: numeric codes 10000-69999. */
function cptSurgery(code: unknown): Coding | undefined {
  return codingsOf(code).find((c) => {
    if (c.system !== SYSTEM.cpt || !/^\d{5}$/.test(c.code)) return false;
    const n = Number(c.code);
    return n >= CPT_SURGERY_RANGE.from && n <= CPT_SURGERY_RANGE.to;
  });
}

export function procedureKindOf(code: unknown): { kind: ProcedureKind; coding: Coding } | undefined {
  for (const [kind, match] of KIND_RULES) {
    const coding = match(code);
    if (coding) return { kind, coding };
  }
  return undefined;
}

export function isEmergency(serviceRequest: Json): boolean {
  const p = str(serviceRequest.priority);
  return p !== undefined && EMERGENCY_PRIORITIES.includes(p);
}

/** Procedures done and planned, oldest first (undated first). */
export function mapProcedures(input: RecordInput): ProcedureFact[] {
  const record = asRecord(input);
  const out: ProcedureFact[] = [];
  const add = (r: Json, status: 'done' | 'planned', date: string | undefined, emergency: boolean) => {
    const match = procedureKindOf(r.code);
    if (!match) return;
    out.push({
      kind: match.kind,
      status,
      emergency,
      ...(date !== undefined ? { date } : {}),
      source: provenanceOf(record, r, date, `${match.coding.system ?? ''}|${match.coding.code}`),
    });
  };
  for (const p of record.ofType('Procedure')) if (isProcedureDone(p)) add(p, 'done', performedTime(p), false);
  for (const s of record.ofType('ServiceRequest')) if (isServiceRequestPlanned(s)) add(s, 'planned', occurrenceTime(s), isEmergency(s));
  return byDateAsc(out, (p) => p.date);
}
