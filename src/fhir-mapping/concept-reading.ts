import { SYSTEM } from './codes.js';
import { type Coding, findCoding, matchedOf, someCoding, textsOf } from './coding.js';
import { type Lexicon, matchAffirmed, textMatched } from './lexicon.js';

/**
 * Reading a concept (a code, a type, a category) as one of several kinds, in the order of the conventions:
 * (system, code) first; codes graded V2 in `real-world-codes.md` only together with matching text; the text
 * lexicon only when every coding is unknown to the reading. One table per reading (procedure kind, tumour
 * board, hospice...), so every reader follows the same order.
 */

export interface CodeSet {
  /** Equivalent system URIs (e.g. `http://` and `https://cancerstaging.org`). */
  systems: readonly string[];
  codes: readonly string[];
}

export function codeSet(system: string | readonly string[], codes: readonly string[]): CodeSet {
  return { systems: typeof system === 'string' ? [system] : system, codes };
}

export interface KindRule<K> {
  kind: K;
  /** Verified codes: read by code alone. */
  codes?: readonly CodeSet[];
  /** Weaker codes (V2): read only when the text also matches this kind's lexicon. */
  weakCodes?: readonly CodeSet[];
  lexicon?: Lexicon;
}

export interface KindReading<K> {
  kind: K;
  /** `system|code`, or `text:<words>` when read from text. */
  matched: string;
  coding?: Coding;
}

function findIn(concepts: readonly unknown[], set: CodeSet): Coding | undefined {
  for (const concept of concepts) {
    for (const system of set.systems) {
      const hit = findCoding(concept, system, set.codes);
      if (hit) return hit;
    }
  }
  return undefined;
}

/** The human text of the concepts: each `text` and every coding's display. */
export function conceptTexts(concepts: readonly unknown[]): string[] {
  if (concepts.length === 1) return textsOf(concepts[0]);
  const out: string[] = [];
  for (const c of concepts) for (const t of textsOf(c)) out.push(t);
  return out;
}

/** Code systems whose codes say what a record is: a record coded in one of them is never read by its words. */
const STANDARD_SYSTEMS = new Set<string>([SYSTEM.loinc, SYSTEM.snomed, SYSTEM.icd10cm, SYSTEM.icd10, SYSTEM.cpt, SYSTEM.rxnorm]);

const isStandard = (system: string | undefined): boolean => system !== undefined && STANDARD_SYSTEMS.has(system);

export function hasStandardCoding(concept: unknown): boolean {
  return someCoding(concept, isStandard);
}

/**
 * The first kind the concepts read as. `extraTexts` (a title, a description) join the concepts' own texts for
 * the lexicon. `known` lists further codes that count as known (they block the text reading without naming a kind).
 */
export function readKind<K>(
  concepts: readonly unknown[],
  rules: readonly KindRule<K>[],
  extraTexts: readonly string[] = [],
  known: readonly CodeSet[] = [],
): KindReading<K> | undefined {
  for (const rule of rules) {
    for (const set of rule.codes ?? []) {
      const coding = findIn(concepts, set);
      if (coding) return { kind: rule.kind, matched: matchedOf(coding) as string, coding };
    }
  }
  let texts: string[] | undefined;
  const allTexts = (): string[] => (texts ??= [...conceptTexts(concepts), ...extraTexts]);
  let weakSeen = false;
  for (const rule of rules) {
    for (const set of rule.weakCodes ?? []) {
      const coding = findIn(concepts, set);
      if (!coding) continue;
      weakSeen = true;
      if (rule.lexicon && matchAffirmed(allTexts(), rule.lexicon) !== undefined) {
        return { kind: rule.kind, matched: matchedOf(coding) as string, coding };
      }
    }
  }
  if (weakSeen || known.some((set) => findIn(concepts, set))) return undefined;
  if (allTexts().length === 0) return undefined;
  for (const rule of rules) {
    const words = rule.lexicon ? matchAffirmed(allTexts(), rule.lexicon) : undefined;
    if (words !== undefined) return { kind: rule.kind, matched: textMatched(words) };
  }
  return undefined;
}
