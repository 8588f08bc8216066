import type { MetastaticSite, ProcedureFact, ProcedureKind } from '../domain/case.js';
import { CPT_SURGERY_RANGE, SNOMED_SURGICAL_PROCEDURE, SYSTEM } from './codes.js';
import { type Coding, codingsOf, findCoding, matchedOf, textsOf } from './coding.js';
import { conceptTexts, readKind } from './concept-reading.js';
import { byDateAsc, occurrenceTime, performedTime } from './dates.js';
import { type Json, objsLenient, str } from './json.js';
import type { LocalTreatment } from './metastases.js';
import { LIVER_WORDS, LUNG_RESECTION_CODES, LUNG_WORDS, PROCEDURE_RULES } from './procedure-codes.js';
import { provenanceOf } from './provenance.js';
import { type RecordInput, asRecord } from './record.js';
import { isProcedureDone, isServiceRequestPlanned } from './validity.js';

/**
 * Procedures done (Procedure, completed) and planned (ServiceRequest, active/on-hold). A planned request with
 * priority urgent/asap/stat is an emergency. Radiotherapy and MDT reviews are read by their own modules.
 * Order of reading: a specific code, a V2 code with matching text, the text lexicon when no coding is known,
 * then the generic surgical codes (SNOMED 387713003, CPT 10000-69999), then a surgical category (a
 * ServiceRequest or Procedure whose category is SNOMED 387713003 is surgery whatever its code).
 */

const EMERGENCY_PRIORITIES = ['urgent', 'asap', 'stat'];

/** CPT surgery section: numeric codes 10000-69999. */
function cptSurgery(code: unknown): Coding | undefined {
  return codingsOf(code).find((c) => {
    if (c.system !== SYSTEM.cpt || !/^\d{5}$/.test(c.code)) return false;
    const n = Number(c.code);
    return n >= CPT_SURGERY_RANGE.from && n <= CPT_SURGERY_RANGE.to;
  });
}

export interface ProcedureReading {
  kind: ProcedureKind;
  /** `system|code`, or `text:<words>` when read from the code's text. */
  matched: string;
}

/** The kind a procedure code names (code only: no category). */
export function procedureKindOf(code: unknown): { kind: ProcedureKind; matched: string } | undefined {
  const specific = readKind([code], PROCEDURE_RULES);
  if (specific) return { kind: specific.kind, matched: specific.matched };
  const generic = findCoding(code, SYSTEM.snomed, SNOMED_SURGICAL_PROCEDURE) ?? cptSurgery(code);
  return generic ? { kind: 'other-major-surgery', matched: matchedOf(generic) as string } : undefined;
}

/** A Procedure or ServiceRequest: its code, else its surgical category. */
export function readProcedureKind(r: Json): ProcedureReading | undefined {
  const byCode = procedureKindOf(r.code);
  if (byCode) return byCode;
  const category = findCoding(objsLenient(r.category), SYSTEM.snomed, SNOMED_SURGICAL_PROCEDURE);
  return category ? { kind: 'other-major-surgery', matched: matchedOf(category) as string } : undefined;
}

/** The organ a completed resection or ablation treated, when the record says (code, body site or text). */
function treatedOrgan(r: Json, reading: ProcedureReading): MetastaticSite | undefined {
  if (reading.kind === 'liver-resection') return 'liver';
  const texts = [...conceptTexts([r.code]), ...textsOf(objsLenient(r.bodySite))];
  if (reading.kind === 'other-major-surgery') {
    const lungCode = LUNG_RESECTION_CODES.some((set) => set.codes.some((c) => reading.matched === `${set.systems[0]}|${c}`));
    return lungCode || (texts.some((t) => LUNG_WORDS.test(t)) && !texts.some((t) => LIVER_WORDS.test(t))) ? 'lung' : undefined;
  }
  if (reading.kind !== 'ablation') return undefined;
  // Every ablation code of the tables is a liver one; a text ablation names its organ or stays unplaced.
  if (!reading.matched.startsWith('text:') && !reading.matched.startsWith(`${SYSTEM.concept}|`)) return 'liver';
  if (texts.some((t) => LIVER_WORDS.test(t))) return 'liver';
  if (texts.some((t) => LUNG_WORDS.test(t))) return 'lung';
  return undefined;
}

export function isEmergency(serviceRequest: Json): boolean {
  const p = str(serviceRequest.priority);
  return p !== undefined && EMERGENCY_PRIORITIES.includes(p);
}

export interface ProcedureRecord {
  /** Procedures done and planned, oldest first (undated first). */
  facts: ProcedureFact[];
  /** Completed resections and ablations with the organ they treated. */
  localTreatments: LocalTreatment[];
}

/** One pass over Procedures and ServiceRequests. */
export function readProcedures(input: RecordInput): ProcedureRecord {
  const record = asRecord(input);
  const facts: ProcedureFact[] = [];
  const localTreatments: LocalTreatment[] = [];
  const add = (r: Json, status: 'done' | 'planned', date: string | undefined, emergency: boolean) => {
    const reading = readProcedureKind(r);
    if (!reading) return;
    facts.push({
      kind: reading.kind,
      status,
      emergency,
      ...(date !== undefined ? { date } : {}),
      source: provenanceOf(record, r, date, reading.matched),
    });
    const organ = status === 'done' && date !== undefined ? treatedOrgan(r, reading) : undefined;
    if (organ && date !== undefined) localTreatments.push({ organ, date });
  };
  for (const p of record.ofType('Procedure')) if (isProcedureDone(p)) add(p, 'done', performedTime(p), false);
  for (const s of record.ofType('ServiceRequest')) if (isServiceRequestPlanned(s)) add(s, 'planned', occurrenceTime(s), isEmergency(s));
  return { facts: byDateAsc(facts, (p) => p.date), localTreatments };
}

/** Procedures done and planned, oldest first (undated first). */
export function mapProcedures(input: RecordInput): ProcedureFact[] {
  return readProcedures(input).facts;
}

