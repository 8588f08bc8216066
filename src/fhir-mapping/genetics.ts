import type { Provenance } from '../domain/case.js';
import { LOINC_GENE_STUDIED, LOINC_VARIANT_PANEL, SYSTEM } from './codes.js';
import { findCoding, matchedOf, someCoding, textsOf } from './coding.js';
import { type KindRule, codeSet, hasStandardCoding, readKind } from './concept-reading.js';
import { effectiveTime, isoDate, newest, occurrenceTime, performedTime } from './dates.js';
import { type Json, obj, objs, str } from './json.js';
import { lexicon } from './lexicon.js';
import { allObservations } from './observations.js';
import { provenanceOf } from './provenance.js';
import type { PatientRecord } from './record.js';

/**
 * DPYD results and germline testing (data conventions, "DPYD", "germline testing"; real-world codes section 9
 * and the Genomics Reporting IG). A DPYD genotype or DPD phenotype counts whatever its status but
 * entered-in-error (a pending test is under way); a cancelled one does not (no result will come).
 */

/** HGNC:3012 DPYD (V2: the id from a public gene map; the gene's symbol is read too). */
const HGNC_DPYD = '3012';
const DPYD_WORDS = lexicon([
  'DPYD', 'DPD deficiency', 'DPD (?:phenotyp\\w*|genotyp\\w*|test\\w*|activity|status)', 'dihydropyrimidine dehydrogenase',
]);
/**
 * 45284-7 DPYD gene mutations found (mCODE); CPT 81232 DPYD gene analysis and SNOMED 1402021003 DPYD gene are V2:
 * only with DPYD words.
 */
const DPYD_RULES: readonly KindRule<'dpyd'>[] = [
  { kind: 'dpyd', codes: [codeSet(SYSTEM.loinc, ['45284-7'])], weakCodes: [codeSet(SYSTEM.cpt, ['81232']), codeSet(SYSTEM.snomed, ['1402021003'])], lexicon: DPYD_WORDS },
];
/** Pharmacogenomic genotype / haplotype (84413-4, 84414-2) and variant (69548-6) Observations: DPYD by their gene. */
export const LOINC_PGX = ['84413-4', '84414-2'];

const NO_RESULT = ['entered-in-error', 'cancelled'];

function geneIsDpyd(o: Json): boolean {
  return objs(o.component).some((c) =>
    findCoding(c.code, SYSTEM.loinc, [LOINC_GENE_STUDIED]) &&
    (findCoding(c.valueCodeableConcept, SYSTEM.hgnc, [HGNC_DPYD]) || textsOf(c.valueCodeableConcept).some((t) => DPYD_WORDS.pattern.test(t))));
}

const DPYD_KEYS = new Set([`${SYSTEM.loinc}|45284-7`, `${SYSTEM.snomed}|1402021003`, `${SYSTEM.cpt}|81232`]);
const DPYD_CODES = new Set([...DPYD_KEYS].map((k) => k.slice(k.lastIndexOf('|') + 1)));
const PGX_OR_PANEL = [...LOINC_PGX, LOINC_VARIANT_PANEL];

/** A DPYD test code; the code alone is tried first, so that most codings build no `system|code` key. */
const isDpydCoding = (system: string | undefined, code: string): boolean => {
  const trimmed = code.trim();
  return DPYD_CODES.has(trimmed) && DPYD_KEYS.has(`${system}|${trimmed}`);
};

/** The coding or words that make this Observation, report or order a DPYD test (undefined: it is not one). */
export function dpydMatch(r: Json): string | undefined {
  const pgx = findCoding(r.code, SYSTEM.loinc, PGX_OR_PANEL);
  if (pgx) return geneIsDpyd(r) ? matchedOf(pgx) : undefined;
  // Another standard test (a CEA, a KRAS panel) is never read by its words.
  if (hasStandardCoding(r.code) && !someCoding(r.code, isDpydCoding)) return undefined;
  return readKind([r.code], DPYD_RULES)?.matched;
}

export function mapDpydTest(record: PatientRecord): Provenance | undefined {
  const found: Provenance[] = [];
  const consider = (r: Json) => {
    if (NO_RESULT.includes(str(r.status) ?? '')) return;
    const matched = dpydMatch(r);
    if (matched !== undefined) found.push(provenanceOf(record, r, effectiveTime(r), matched));
  };
  for (const o of allObservations(record)) consider(o);
  for (const d of record.ofType('DiagnosticReport')) consider(d);
  return newest(found, (p) => p.date);
}

// ---- Germline ----------------------------------------------------------------------------------------

/** GR component 48002-0 genomic source class = LA6683-2 germline (Genomics Reporting IG, mCODE examples). */
const LOINC_GENOMIC_SOURCE_CLASS = '48002-0';
const LOINC_GERMLINE = 'LA6683-2';
export const GERMLINE_WORDS = lexicon([
  'germ-?line', 'Lynch(?: syndrome)?', 'genetic counsel\\w*', 'hereditary cancer(?: panel| syndrome| testing| genetic\\w*)?',
  'referral to (?:clinical |cancer )?genetics', '(?:clinical |cancer )?genetics (?:referral|consult\\w*|clinic|counsel\\w*|evaluation)',
]);
const GERMLINE_RULES: readonly KindRule<'germline'>[] = [{ kind: 'germline', lexicon: GERMLINE_WORDS }];

const REFERRAL_LIVE = ['active', 'completed', 'on-hold'];
const DONE = ['completed', 'in-progress'];
const VISIT = ['finished', 'in-progress', 'arrived'];

function germlineSource(o: Json): string | undefined {
  for (const c of objs(o.component)) {
    if (!findCoding(c.code, SYSTEM.loinc, [LOINC_GENOMIC_SOURCE_CLASS])) continue;
    const germline = findCoding(c.valueCodeableConcept, SYSTEM.loinc, [LOINC_GERMLINE]);
    if (germline) return matchedOf(germline);
  }
  return undefined;
}

/** A local code (no LOINC or SNOMED coding) read by the germline words. */
function localGermline(concept: unknown): string | undefined {
  return hasStandardCoding(concept) ? undefined : readKind([concept], GERMLINE_RULES)?.matched;
}

/** A germline result, or a genetics / genetic-counselling referral, consultation or visit. The newest is named. */
export function mapGermlineTesting(record: PatientRecord): Provenance | undefined {
  const found: Provenance[] = [];
  const add = (r: Json, date: string | undefined, matched: string | undefined) => {
    if (matched !== undefined) found.push(provenanceOf(record, r, date, matched));
  };
  const result = (r: Json, matched: string | undefined) => {
    if (matched !== undefined && !NO_RESULT.includes(str(r.status) ?? '')) add(r, effectiveTime(r), matched);
  };
  for (const o of allObservations(record)) result(o, germlineSource(o) ?? localGermline(o.code));
  for (const d of record.ofType('DiagnosticReport')) result(d, localGermline(d.code));
  for (const s of record.ofType('ServiceRequest')) {
    if (REFERRAL_LIVE.includes(str(s.status) ?? '')) add(s, isoDate(s.authoredOn) ?? occurrenceTime(s), readKind([s.code], GERMLINE_RULES)?.matched);
  }
  for (const p of record.ofType('Procedure')) if (DONE.includes(str(p.status) ?? '')) add(p, performedTime(p), readKind([p.code], GERMLINE_RULES)?.matched);
  for (const e of record.ofType('Encounter')) {
    if (VISIT.includes(str(e.status) ?? '')) add(e, isoDate(obj(e.period)?.start), readKind([...objs(e.type), ...objs(e.serviceType)], GERMLINE_RULES)?.matched);
  }
  return newest(found, (p) => p.date);
}
