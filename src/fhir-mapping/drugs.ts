import type { Drug, DrugExposure, SystemicTherapy } from '../domain/case.js';
import { SYSTEM } from './codes.js';
import { codingsOf, containsWord, textsOf } from './coding.js';
import { intentOf } from './curative-intent.js';
import { effectiveEnd, effectiveTime, isoDate } from './dates.js';
import { DRUG_CATALOG, type DrugEntry, REGIMEN_NAMES } from './drug-catalog.js';
import { type Json, isObj, obj, objs, str, typeOf } from './json.js';
import { provenanceOf } from './provenance.js';
import { type PatientRecord, type RecordInput, asRecord, recordMemoSlot } from './record.js';
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

/** Catalogue entry by RxNorm code (the first entry listing a code, as a search of the catalogue finds). */
const ENTRY_BY_RXNORM = new Map<string, DrugEntry>();
for (const entry of DRUG_CATALOG) for (const code of entry.rxnorm) if (!ENTRY_BY_RXNORM.has(code)) ENTRY_BY_RXNORM.set(code, entry);
const REGIMENS = Object.entries(REGIMEN_NAMES);

/** Drugs named (whole word, any case) in any of `texts`: catalogue order, then regimens; one match per drug. */
function namedDrugs(texts: readonly string[]): DrugMatch[] {
  const out: DrugMatch[] = [];
  // A whole-word match of a name begins with the name's first word as a whole run of ASCII letters and digits
  // of the text, so the texts' words pick the few candidate names; only those meet the regular expression
  // (testing every name was the costliest step of mapping a long treatment history). Runs are cut before
  // lower-casing: some non-ASCII letters lower-case to ASCII ones.
  const candidates = new Set<string>(WORDLESS_NAMES);
  for (const t of texts) for (const w of wordsOf(t)) for (const name of NAMES_BY_FIRST_WORD.get(w) ?? []) candidates.add(name);
  if (candidates.size === 0) return out;
  const mentions = (name: string): boolean => candidates.has(name) && texts.some((t) => containsWord(t, name));
  const add = (drug: Drug, matched: string) => {
    if (!out.some((m) => m.drug === drug)) out.push({ drug, matched });
  };
  for (const entry of DRUG_CATALOG) {
    const name = entry.names.find(mentions);
    if (name) add(entry.drug, `text:${name}`);
  }
  for (const [regimen, drugs] of REGIMENS) {
    if (mentions(regimen)) for (const d of drugs) add(d, `text:${regimen}`);
  }
  return out;
}

/**
 * Per record, `namedDrugs` by texts: a treatment history repeats the same few medication texts on every order
 * and administration. The matches depend on the texts alone; the memo lives as long as its record. Keyed by the
 * texts one by one (a trie of maps), so a lookup builds no joined key: most concepts carry a text and a display.
 */
export interface NamedDrugsMemo {
  matches?: readonly DrugMatch[];
  readonly next: Map<string, NamedDrugsMemo>;
}
export function newNamedDrugsMemo(): NamedDrugsMemo {
  return { next: new Map() };
}
const NAMED_DRUGS = recordMemoSlot('named drugs', newNamedDrugsMemo);

function memoOf(record: PatientRecord): NamedDrugsMemo {
  return record.memo(NAMED_DRUGS);
}

function namedDrugsMemo(texts: readonly string[], memo: NamedDrugsMemo | undefined): readonly DrugMatch[] {
  if (memo === undefined) return namedDrugs(texts);
  let node = memo;
  for (let i = 0; i < texts.length; i++) {
    const text = texts[i] as string;
    let child = node.next.get(text);
    if (child === undefined) {
      child = newNamedDrugsMemo();
      node.next.set(text, child);
    }
    node = child;
  }
  return (node.matches ??= namedDrugs(texts));
}

/** Drugs named or coded in one CodeableConcept (or in plain text such as a Reference display). */
export function drugsInConcept(concept: unknown, extraText: readonly string[] = [], memo?: NamedDrugsMemo): DrugMatch[] {
  const out: DrugMatch[] = [];
  // The RxNorm codings, read from the raw JSON in `codingsOf` order without building a Coding for each.
  if (isObj(concept)) rxnormDrugs(concept, out);
  else for (const cc of objs(concept)) rxnormDrugs(cc, out);
  const own = textsOf(concept);
  const texts = extraText.length === 0 ? own : [...own, ...extraText];
  for (const m of namedDrugsMemo(texts, memo)) addDrug(out, m);
  return out;
}

function addDrug(out: DrugMatch[], m: DrugMatch): void {
  for (const x of out) if (x.drug === m.drug) return;
  out.push(m);
}

/**
 * The match of each catalogue RxNorm code as written (no surrounding blanks): one frozen object, shared by every
 * resource that carries the code, instead of a new object and `system|code` string per resource.
 */
const RXNORM_MATCHES = new Map<string, DrugMatch>();
for (const [code, entry] of ENTRY_BY_RXNORM) RXNORM_MATCHES.set(code, Object.freeze({ drug: entry.drug, matched: `${SYSTEM.rxnorm}|${code}` }));

function rxnormDrugs(cc: Json, out: DrugMatch[]): void {
  const list = Array.isArray(cc.coding) ? objs(cc.coding) : 'code' in cc ? [cc] : NO_CODINGS;
  for (const c of list) {
    const code = c.system === SYSTEM.rxnorm ? str(c.code) : undefined;
    if (code === undefined) continue;
    const known = RXNORM_MATCHES.get(code);
    if (known) addDrug(out, known);
    else {
      const entry = ENTRY_BY_RXNORM.get(code.trim());
      if (entry) addDrug(out, { drug: entry.drug, matched: `${SYSTEM.rxnorm}|${code}` });
    }
  }
}

const NO_CODINGS: readonly Json[] = [];

const MAX_MEDICATION_DEPTH = 3;

/** Drugs of a Medication (or Substance): its code and its ingredients, following ingredient references. */
function drugsOfMedication(record: PatientRecord, med: Json, containers: Json[], depth: number): DrugMatch[] {
  if (depth > MAX_MEDICATION_DEPTH) return [];
  const memo = memoOf(record);
  const out = drugsInConcept(med.code, [], memo);
  for (const ing of objs(med.ingredient)) {
    out.push(...drugsInConcept(ing.itemCodeableConcept, [], memo));
    const ref = ing.itemReference;
    if (ref === undefined) continue;
    out.push(...drugsInConcept(undefined, str(obj(ref)?.display) ? [obj(ref)?.display as string] : [], memo));
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
  const memo = memoOf(record);
  const out = drugsInConcept(r.medicationCodeableConcept, [], memo);
  const ref = r.medicationReference;
  if (ref !== undefined) {
    const display = str(obj(ref)?.display);
    out.push(...drugsInConcept(undefined, display ? [display] : [], memo));
    const med = resolveReference(record, ref, r);
    if (med && typeOf(med) === 'Medication') out.push(...drugsOfMedication(record, med, [med, r], 0));
  }
  return unique(out);
}

/**
 * Per record, the intent of each order an administration points to: a long treatment history asks for the same
 * order's intent on every administration. Lives as long as its record (one `mapCase` call).
 */
const ORDER_INTENTS = recordMemoSlot('order intents', (): Map<Json, ReturnType<typeof intentOf>> => new Map());

function orderIntentOf(record: PatientRecord, request: Json): ReturnType<typeof intentOf> {
  const memo = record.memo(ORDER_INTENTS);
  if (memo.has(request)) return memo.get(request);
  const intent = intentOf(request);
  memo.set(request, intent);
  return intent;
}

function curativeOf(record: PatientRecord, r: Json): boolean | undefined {
  const own = intentOf(r);
  const request = own === undefined ? resolveReference(record, r.request, r) : undefined;
  const intent = own ?? (request ? orderIntentOf(record, request) : undefined);
  return intent === undefined ? undefined : intent === 'curative';
}

/**
 * A medication record whose drug cannot be read at all: no code or text of its own, and a reference that
 * neither resolves in the record nor carries a display. (A coded drug outside our catalogue is readable: it is
 * simply not one of ours.)
 */
function unreadable(record: PatientRecord, r: Json): boolean {
  const concept = obj(r.medicationCodeableConcept);
  if (concept && (codingsOf(concept).length > 0 || textsOf(concept).length > 0)) return false;
  const ref = obj(r.medicationReference);
  if (!ref) return concept === undefined;
  if (str(ref.display)) return false;
  const med = resolveReference(record, ref, r);
  return med === undefined || (codingsOf(med.code).length === 0 && textsOf(med.code).length === 0 && objs(med.ingredient).length === 0);
}

export interface Exposures {
  exposures: DrugExposure[];
  unidentified: NonNullable<SystemicTherapy['unidentified']>;
}

/** Every exposure to a known drug, in input order (one per drug per resource). */
export function mapExposures(input: RecordInput, now: Date): DrugExposure[] {
  return readExposures(input, now).exposures;
}

/** Exposures to known drugs, plus the given medication records whose drug cannot be read at all. */
export function readExposures(input: RecordInput, now: Date): Exposures {
  const record = asRecord(input);
  const nowMs = now.getTime();
  const out: DrugExposure[] = [];
  const unidentified: Exposures['unidentified'] = [];
  const push = (r: Json, kind: DrugExposure['kind'], active: boolean, date?: string, endDate?: string, stopped = false) => {
    const curative = curativeOf(record, r);
    const drugs = drugsOf(record, r);
    if (drugs.length === 0 && unreadable(record, r)) unidentified.push({ ...(date !== undefined ? { date } : {}), active, source: provenanceOf(record, r, date) });
    for (const m of drugs) {
      // Members set one by one (absent ones omitted), in the order the spread form gave them.
      const e = { drug: m.drug, kind, active } as DrugExposure;
      if (date !== undefined) e.date = date;
      if (endDate !== undefined) e.endDate = endDate;
      if (curative !== undefined) e.curative = curative;
      if (stopped) e.stopped = true;
      e.source = provenanceOf(record, r, date, m.matched);
      out.push(e);
    }
  };
  for (const r of record.ofType('MedicationRequest')) {
    if (isMedicationRequestGiven(r, nowMs)) push(r, 'order', isMedicationRequestActive(r), isoDate(r.authoredOn), undefined, str(r.status) === 'stopped');
  }
  for (const a of record.ofType('MedicationAdministration')) {
    if (isAdministrationGiven(a)) push(a, 'administration', str(a.status) === 'in-progress', effectiveTime(a), effectiveEnd(a));
  }
  for (const s of record.ofType('MedicationStatement')) {
    if (isStatementTaken(s)) push(s, 'statement', str(s.status) === 'active', effectiveTime(s), effectiveEnd(s));
  }
  return { exposures: out, unidentified };
}
