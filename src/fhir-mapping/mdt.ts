import type { Fact, Provenance, Resectability } from '../domain/case.js';
import { CONCEPT, HCPCS_SYSTEMS, SYSTEM } from './codes.js';
import { findConcept } from './coding.js';
import { type KindRule, codeSet, readKind } from './concept-reading.js';
import { byDateAsc, effectiveTime, isoDate, performedTime } from './dates.js';
import { type Json, obj, objsLenient, str } from './json.js';
import { CANCER_CONTEXT, REFERRAL_WORDS, lexicon } from './lexicon.js';
import { allObservations } from './observations.js';
import { provenanceOf } from './provenance.js';
import { type RecordInput, asRecord } from './record.js';
import { isObservationValid, isProcedureDone } from './validity.js';

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

const NCIT_SYSTEMS = ['http://ncicb.nci.nih.gov/xml/owl/EVS/Thesaurus.owl', 'https://nih-ncpi.github.io/ncpi-fhir-ig/CodeSystem-ncit.html'];
const MII_TUMOUR_CONFERENCE = 'https://www.medizininformatik-initiative.de/fhir/ext/modul-onko/CodeSystem/mii-cs-onko-therapieplanung-typ';

/** Tumour board / MDT words (real-world codes, "Text lexicons"); `MDM` and `RCP` only beside a cancer word. */
const MDT_WORDS = lexicon(
  [
    'tumou?r ?boards?', 'tumou?r conferences?', 'cancer conferences?', 'case conferences?',
    'multi-?disciplinary (?:team|meeting|conference|review|clinic|tumou?r ?board)s?', 'inter-?disciplinary (?:team )?conferences?',
    'MDTM?', 'MTB', 'GI (?:tumou?r )?board', 'colorectal (?:MDT|board)', 'hepatobiliary (?:board|MDT)', 'liver (?:board|MDT)',
    'Tumorkonferenz(?:en)?', 'r[ée]union de concertation pluridisciplinaire',
  ],
  { unless: REFERRAL_WORDS },
);
const MDM_WORDS = lexicon(['MDM', 'RCP'], { context: CANCER_CONTEXT, unless: REFERRAL_WORDS });

/**
 * A tumour board as a visit or a procedure: the project concept and SNOMED 312384001 (multidisciplinary
 * assessment) by code; CPT 99366-99368 (medical team conference), HCPCS G0175, NCIt C93304 (Onconova) and
 * SNOMED 720006006 (cancer care review: also a GP review in the UK) only with tumour-board words (V2 or not
 * board-specific); local visit types (Epic "TUMOR BOARD", "DISCUSSION ONLY TUMOR BOARD"...) by their words.
 */
const BOARD_RULES: readonly KindRule<'board'>[] = [
  {
    kind: 'board',
    codes: [codeSet(SYSTEM.concept, [CONCEPT.mdtReview]), codeSet(SYSTEM.snomed, ['312384001'])],
    weakCodes: [
      codeSet(SYSTEM.cpt, ['99366', '99367', '99368']), codeSet(HCPCS_SYSTEMS, ['G0175']), codeSet(NCIT_SYSTEMS, ['C93304']),
      codeSet(SYSTEM.snomed, ['720006006']),
    ],
    lexicon: MDT_WORDS,
  },
  { kind: 'board', lexicon: MDM_WORDS },
];

/** Notes: LOINC 85232-7 tumor board consult note, else a note type or description in tumour-board words. */
const NOTE_RULES: readonly KindRule<'board'>[] = [
  { kind: 'board', codes: [codeSet(SYSTEM.loinc, ['85232-7'])], lexicon: MDT_WORDS },
  { kind: 'board', lexicon: MDM_WORDS },
];

/** Care plans: category 312384001 (ICHOM "treatment recommended by an MDT") or a German oBDS tumour conference. */
const CARE_PLAN_RULES: readonly KindRule<'board'>[] = [
  {
    kind: 'board',
    codes: [codeSet(SYSTEM.snomed, ['312384001']), codeSet(MII_TUMOUR_CONFERENCE, ['praeth', 'postop', 'postth'])],
    lexicon: MDT_WORDS,
  },
];

const ENCOUNTER_HAPPENED = ['finished', 'arrived', 'in-progress'];
const NOTE_INVALID = ['entered-in-error', 'preliminary'];
const CARE_PLAN_LIVE = ['active', 'completed', 'on-hold'];

/**
 * Every MDT review done, oldest first (undated first): a completed Procedure; a finished, arrived or
 * in-progress Encounter by type or service type; a tumour board note (DocumentReference, Composition); a care
 * plan of a multidisciplinary assessment. A referral (ServiceRequest) is planned, not done, and never counts.
 */
export function mapMdtReviews(input: RecordInput): Provenance[] {
  const record = asRecord(input);
  const found: Provenance[] = [];
  const add = (r: Json, date: string | undefined, matched: string) => found.push(provenanceOf(record, r, date, matched));
  for (const p of record.ofType('Procedure')) {
    const hit = isProcedureDone(p) ? readKind([p.code], BOARD_RULES) : undefined;
    if (hit) add(p, performedTime(p), hit.matched);
  }
  for (const e of record.ofType('Encounter')) {
    if (!ENCOUNTER_HAPPENED.includes(str(e.status) ?? '')) continue;
    const hit = readKind([...objsLenient(e.type), ...objsLenient(e.serviceType)], BOARD_RULES);
    if (hit) add(e, isoDate(obj(e.period)?.start) ?? isoDate(obj(e.period)?.end), hit.matched);
  }
  for (const d of record.ofType('DocumentReference')) {
    if (str(d.status) === 'entered-in-error' || NOTE_INVALID.includes(str(d.docStatus) ?? '')) continue;
    const hit = readKind([d.type], NOTE_RULES, str(d.description) ? [d.description as string] : []);
    if (hit) add(d, isoDate(d.date) ?? isoDate(obj(obj(d.context)?.period)?.start), hit.matched);
  }
  for (const c of record.ofType('Composition')) {
    if (!['final', 'amended'].includes(str(c.status) ?? '')) continue;
    const hit = readKind([c.type], NOTE_RULES, str(c.title) ? [c.title as string] : []);
    if (hit) add(c, isoDate(c.date), hit.matched);
  }
  for (const cp of record.ofType('CarePlan')) {
    if (!CARE_PLAN_LIVE.includes(str(cp.status) ?? '')) continue;
    const hit = readKind(objsLenient(cp.category), CARE_PLAN_RULES, str(cp.title) ? [cp.title as string] : []);
    if (hit) add(cp, isoDate(cp.created) ?? isoDate(obj(cp.period)?.start), hit.matched);
  }
  return byDateAsc(found, (p) => p.date);
}
