import { CONCEPT, LOINC_MSI, MSI_HIGH, MSI_STABLE, SYSTEM } from './codes.js';
import { type Coding, findConcept, findCoding, matchedOf, someCoding, textsOf } from './coding.js';
import { type Json, objs, str } from './json.js';
import { isFailedResultText } from './biomarker-results.js';
import { textMatched } from './lexicon.js';
import {
  CAP_ECC, CAP_MMR_INTERPRETATION, CAP_MMR_PROTEIN, CAP_MSI, DMMR_WORDS, INTACT_WORDS, LOINC_MMR_ANSWER, LOINC_MMR_PROTEIN,
  LOINC_MSI_IHC, LOSS_WORDS, MMR_PROTEINS, MMR_WORDS, MSI_HIGH_WORDS, MSI_STABLE_WORDS, type MmrProtein, NCIT_MMR, NCIT_SYSTEMS,
  NOT_PROTEIN_IHC, NO_LOSS_WORDS, PMMR_WORDS, PROTEIN_WORDS, SNOMED_INTACT, SNOMED_MMR_OBSERVABLE,
} from './pathology-codes.js';

/**
 * Mismatch repair and MSI from one valid Observation (data conventions, "MSI / MMR"; real-world codes
 * section 3): per-protein IHC results (MLH1, MSH2, MSH6, PMS2: LOINC, CAP eCC, SNOMED observable, or a local
 * code naming the protein), and whole results (LOINC 81695-9, CAP interpretation and MSI items, NCIt values,
 * the project concept, or an MMR interpretation in words). Aggregation of the proteins is in `biomarkers.ts`.
 */

export interface ProteinResult {
  protein: MmrProtein;
  status: 'intact' | 'loss';
  matched: string;
}

export interface MsiReading {
  status: 'MSI-H' | 'MSS';
  matched: string;
}

const valueTexts = (v: Json): string[] => [...(str(v.valueString) ? [v.valueString as string] : []), ...textsOf(v.valueCodeableConcept)];

function capAnswer(value: unknown, codes: readonly string[]): Coding | undefined {
  return findCoding(value, CAP_ECC, codes);
}

/** Which protein a code names: LOINC, CAP question, SNOMED observable, else (no coding known) its words. */
function proteinOf(code: unknown): { protein: MmrProtein; coding?: Coding; text?: string } | undefined {
  for (const protein of MMR_PROTEINS) {
    const coding = findCoding(code, SYSTEM.loinc, [LOINC_MMR_PROTEIN[protein]]) ?? findCoding(code, CAP_ECC, CAP_MMR_PROTEIN[protein].question) ??
      (SNOMED_MMR_OBSERVABLE[protein] ? findCoding(code, SYSTEM.snomed, [SNOMED_MMR_OBSERVABLE[protein] as string]) : undefined);
    if (coding) return { protein, coding };
  }
  const texts = textsOf(code);
  if (texts.some((t) => NOT_PROTEIN_IHC.test(t))) return undefined;
  for (const protein of MMR_PROTEINS) {
    const t = texts.find((x) => PROTEIN_WORDS[protein].test(x));
    if (t) return { protein, text: t };
  }
  return undefined;
}

/** Intact or lost: coded answers (LOINC, CAP, SNOMED intact), else the value's words; undetermined reads as nothing. */
function expressionOf(protein: MmrProtein, value: unknown, texts: readonly string[]): 'intact' | 'loss' | undefined {
  if (findCoding(value, SYSTEM.loinc, [LOINC_MMR_ANSWER.loss]) ?? capAnswer(value, CAP_MMR_PROTEIN[protein].loss)) return 'loss';
  if (findCoding(value, SYSTEM.loinc, [LOINC_MMR_ANSWER.intact]) ?? capAnswer(value, CAP_MMR_PROTEIN[protein].intact) ?? findCoding(value, SYSTEM.snomed, [SNOMED_INTACT])) return 'intact';
  if (someCoding(value, (system) => system === SYSTEM.loinc || system === CAP_ECC)) return undefined; // undetermined, or another known answer
  if (texts.some(isFailedResultText)) return undefined;
  if (texts.some((t) => NO_LOSS_WORDS.test(t))) return 'intact';
  if (texts.some((t) => LOSS_WORDS.test(t))) return 'loss';
  if (texts.some((t) => INTACT_WORDS.test(t))) return 'intact';
  return undefined;
}

/** Per-protein results of one Observation: the Observation itself, and its components (MII panel slices). */
export function proteinResultsOf(o: Json): ProteinResult[] {
  const out: ProteinResult[] = [];
  const parts = [{ code: o.code, value: o.valueCodeableConcept, texts: valueTexts(o) }, ...objs(o.component).map((c) => ({ code: c.code, value: c.valueCodeableConcept, texts: valueTexts(c) }))];
  for (const part of parts) {
    const p = proteinOf(part.code);
    if (!p) continue;
    const status = expressionOf(p.protein, part.value, part.texts);
    if (status) out.push({ protein: p.protein, status, matched: p.coding ? (matchedOf(p.coding) as string) : textMatched(p.text ?? p.protein) });
  }
  return out;
}

function wordsSay(texts: readonly string[]): 'MSI-H' | 'MSS' | undefined {
  if (texts.some(isFailedResultText)) return undefined;
  if (texts.some((t) => PMMR_WORDS.test(t) || MSI_STABLE_WORDS.test(t))) return 'MSS';
  if (texts.some((t) => DMMR_WORDS.test(t) || MSI_HIGH_WORDS.test(t))) return 'MSI-H';
  return undefined;
}

/** A whole MSI / MMR result of one valid Observation. Indeterminate and numeric values are no result. */
export function msiResultOf(o: Json): MsiReading | undefined {
  const value = o.valueCodeableConcept;
  const msi = findCoding(o.code, SYSTEM.loinc, [LOINC_MSI, LOINC_MSI_IHC]);
  if (msi) {
    if (findCoding(value, SYSTEM.loinc, MSI_HIGH)) return { status: 'MSI-H', matched: matchedOf(msi) as string };
    if (findCoding(value, SYSTEM.loinc, MSI_STABLE)) return { status: 'MSS', matched: matchedOf(msi) as string };
    if (someCoding(value, (system) => system === SYSTEM.loinc)) return undefined;
    const said = wordsSay(valueTexts(o));
    return said && { status: said, matched: matchedOf(msi) as string };
  }
  const capMsi = findCoding(o.code, CAP_ECC, CAP_MSI.question);
  if (capMsi) {
    if (capAnswer(value, CAP_MSI.high)) return { status: 'MSI-H', matched: matchedOf(capMsi) as string };
    if (capAnswer(value, CAP_MSI.stable)) return { status: 'MSS', matched: matchedOf(capMsi) as string };
    return undefined;
  }
  for (const system of NCIT_SYSTEMS) {
    const d = findCoding(value, system, [NCIT_MMR.deficient]);
    if (d) return { status: 'MSI-H', matched: matchedOf(d) as string };
    const p = findCoding(value, system, [NCIT_MMR.proficient]);
    if (p) return { status: 'MSS', matched: matchedOf(p) as string };
  }
  const interpretation = findCoding(o.code, CAP_ECC, CAP_MMR_INTERPRETATION.question);
  if (interpretation) {
    if (capAnswer(value, CAP_MMR_INTERPRETATION.deficient)) return { status: 'MSI-H', matched: matchedOf(interpretation) as string };
    if (capAnswer(value, CAP_MMR_INTERPRETATION.proficient)) return { status: 'MSS', matched: matchedOf(interpretation) as string };
    return undefined;
  }
  const concept = findConcept(o.code, [CONCEPT.mmrIhc]);
  if (concept) {
    if (findConcept(value, [CONCEPT.mmrDeficient])) return { status: 'MSI-H', matched: matchedOf(concept) as string };
    if (findConcept(value, [CONCEPT.mmrProficient])) return { status: 'MSS', matched: matchedOf(concept) as string };
    if (someCoding(value, (system) => system === SYSTEM.concept)) return undefined;
    const said = wordsSay(valueTexts(o));
    return said && { status: said, matched: matchedOf(concept) as string };
  }
  // An MMR interpretation under a local code: its code names MMR, its value says dMMR or pMMR.
  const codeTexts = textsOf(o.code);
  const named = !someCoding(o.code, (system) => system === SYSTEM.loinc || system === SYSTEM.snomed) ? codeTexts.find((t) => MMR_WORDS.test(t)) : undefined;
  if (named === undefined || proteinOf(o.code)) return undefined;
  const said = wordsSay(valueTexts(o));
  return said && { status: said, matched: textMatched(named) };
}
