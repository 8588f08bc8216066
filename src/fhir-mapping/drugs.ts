import type { Drug, DrugExposure } from '../domain/case.js';
import { SYSTEM } from './codes.js';
import { codingsOf, containsWord, textsOf } from './coding.js';
import { intentOf } from './curative-intent.js';
import { effectiveEnd, effectiveTime, isoDate } from './dates.js';
import { DRUG_CATALOG, REGIMEN_NAMES } from './drug-catalog.js';
import { type Json, obj, objs, str, typeOf } from './json.js';
import { provenanceOf } from './provenance.js';
import { type PatientRecord, type RecordInput, asRecord } from './record.js';
import { resolveReference } from './references.js';
import {
  isAdministrationGiven, isMedicationRequestActive, isMedicationRequestGiven, isStatementTaken,
} from './validity.js';

/**
 * Drug exposures from MedicationRequest, MedicationAdministration and MedicationStatement. A drug is known by
 * its RxNorm ingredient code, or by name (whole word, any case) in the medication text/displays, in a
 * contained or referenced Medication's code, or in its ingredients.
 */

export interface DrugMatch {
  drug: Drug;
  /** `system|code`, or `text:<name>` for a name match. */
  matched: string;
}

const NOT_ALNUM = /[^A-Za-z0-9]+/;

/** Lower-case runs of ASCII letters and digits ('5-FU' -> ['5', 'fu']). */
function wordsOf(text: string): string[] {
  return text.split(NOT_ALNUM).filter((w) => w !== '').map((w) => w.toLowerCase());
}

/** Every catalogue and regimen name, by its first word: the names a text can possibly mention. Built once. */
const NAMES_BY_FIRST_WORD = new Map<string, string[]>();
/** Names without a letter or digit (none today) cannot be looked up by word: they are always tested. */
const WORDLESS_NAMES: string[] = [];
for (const name of [...DRUG_CATALOG.flatMap((e) => e.names), ...Object.keys(REGIMEN_NAMES)]) {
  const first = wordsOf(name)[0];
  if (first === undefined) WORDLESS_NAMES.push(name);
  else NAMES_BY_FIRST_WORD.set(first, [...(NAMES_BY_FIRST_WORD.get(first) ?? []), name]);
}

/** Drugs named or coded in one CodeableConcept (or in plain text such as a Reference display). */
export function drugsInConcept(concept: unknown, extraText: readonly string[] = []): DrugMatch[] {
  const out: DrugMatch[] = [];
  const add = (drug: Drug, matched: string) => {
    if (!out.some((m) => m.drug === drug)) out.push({ drug, matched });
  };
  for (const c of codingsOf(concept)) {
    if (c.system !== SYSTEM.rxnorm) continue;
    const entry = DRUG_CATALOG.find((e) => e.rxnorm.includes(c.code.trim()));
    if (entry) add(entry.drug, `${SYSTEM.rxnorm}|${c.code}`);
  }
  const texts = [...textsOf(concept), ...extraText];
  // A whole-word match of a name begins with the name's first word as a whole run of ASCII letters and digits
  // of the text, so the texts' words pick the few candidate names; only those meet the regular expression
  // (testing every name was the costliest step of mapping a long treatment history). Runs are cut before
  // lower-casing: some non-ASCII letters lower-case to ASCII ones.
  const candidates = new Set<string>(WORDLESS_NAMES);
  for (const t of texts) for (const w of wordsOf(t)) for (const name of NAMES_BY_FIRST_WORD.get(w) ?? []) candidates.add(name);
  if (candidates.size === 0) return out;
  const mentions = (name: string): boolean => candidates.has(name) && texts.some((t) => containsWord(t, name));
  for (const entry of DRUG_CATALOG) {
    const name = entry.names.find(mentions);
    if (name) add(entry.drug, `text:${name}`);
  }
  for (const [regimen, drugs] of Object.entries(REGIMEN_NAMES)) {
    if (mentions(regimen)) for (const d of drugs) add(d, `text:${regimen}`);
  }
  return out;
}

const MAX_MEDICATION_DEPTH = 3;

/** Drugs of a Medication (or Substance): its code and its ingredients, following ingredient references. */
function drugsOfMedication(record: PatientRecord, med: Json, containers: Json[], depth: number): DrugMatch[] {
  if (depth > MAX_MEDICATION_DEPTH) return [];
  const out = drugsInConcept(med.code);
  for (const ing of objs(med.ingredient)) {
    out.push(...drugsInConcept(ing.itemCodeableConcept));
    const ref = ing.itemReference;
    if (ref === undefined) continue;
    out.push(...drugsInConcept(undefined, str(obj(ref)?.display) ? [obj(ref)?.display as string] : []));
    const target = containers.map((c) => resolveReference(record, ref, c)).find((x) => x !== undefined);
    if (target && (typeOf(target) === 'Medication' || typeOf(target) === 'Substance')) {
      out.push(...drugsOfMedication(record, target, [target, ...containers], depth + 1));
    }
  }
  return out;
}

function unique(matches: DrugMatch[]): DrugMatch[] {
  return matches.filter((m, i) => matches.findIndex((x) => x.drug === m.drug) === i);
}

/** Drugs of a medication resource: `medicationCodeableConcept`, or the `medicationReference` target (contained too). */
export function drugsOf(record: PatientRecord, r: Json): DrugMatch[] {
  const out = drugsInConcept(r.medicationCodeableConcept);
  const ref = r.medicationReference;
  if (ref !== undefined) {
    const display = str(obj(ref)?.display);
    out.push(...drugsInConcept(undefined, display ? [display] : []));
    const med = resolveReference(record, ref, r);
    if (med && typeOf(med) === 'Medication') out.push(...drugsOfMedication(record, med, [med, r], 0));
  }
  return unique(out);
}

function curativeOf(record: PatientRecord, r: Json): boolean | undefined {
  const own = intentOf(r);
  const request = own === undefined ? resolveReference(record, r.request, r) : undefined;
  const intent = own ?? (request ? intentOf(request) : undefined);
  return intent === undefined ? undefined : intent === 'curative';
}

/** Every exposure to a known drug, in input order (one per drug per resource). */
export function mapExposures(input: RecordInput, now: Date): DrugExposure[] {
  const record = asRecord(input);
  const nowMs = now.getTime();
  const out: DrugExposure[] = [];
  const push = (r: Json, kind: DrugExposure['kind'], active: boolean, date?: string, endDate?: string) => {
    const curative = curativeOf(record, r);
    for (const m of drugsOf(record, r)) {
      out.push({
        drug: m.drug,
        kind,
        active,
        ...(date !== undefined ? { date } : {}),
        ...(endDate !== undefined ? { endDate } : {}),
        ...(curative !== undefined ? { curative } : {}),
        source: provenanceOf(record, r, date, m.matched),
      });
    }
  };
  for (const r of record.ofType('MedicationRequest')) {
    if (isMedicationRequestGiven(r, nowMs)) push(r, 'order', isMedicationRequestActive(r), isoDate(r.authoredOn));
  }
  for (const a of record.ofType('MedicationAdministration')) {
    if (isAdministrationGiven(a)) push(a, 'administration', str(a.status) === 'in-progress', effectiveTime(a), effectiveEnd(a));
  }
  for (const s of record.ofType('MedicationStatement')) {
    if (isStatementTaken(s)) push(s, 'statement', str(s.status) === 'active', effectiveTime(s), effectiveEnd(s));
  }
  return out;
}
