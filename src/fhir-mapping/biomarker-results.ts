import type { Gene } from '../domain/case.js';
import {
  ANSWER_ABSENT, ANSWER_PRESENT, CONCEPT, HGNC_GENE, LOINC_BRAF_V600E_IHC, LOINC_DISCRETE_VARIANT, LOINC_GENE_STUDIED,
  LOINC_KRAS_NRAS_TEST, LOINC_KRAS_TESTS, LOINC_PROTEIN_CHANGE, LOINC_VARIANT_PANEL, SNOMED_NEGATIVE, SNOMED_POSITIVE, SYSTEM,
} from './codes.js';
import { type Coding, codingsOf, findConcept, findCoding, matchedOf, someCoding, textsOf } from './coding.js';
import { capGeneResultsOf } from './cap-gene-results.js';
import { type Json, obj, objs, str } from './json.js';

/**
 * Reading one biomarker Observation into gene-level results. Callers pass only valid Observations; nothing
 * here looks at status or dates. Aggregation (conflicts, newest) is in `biomarkers.ts`.
 */

export interface GeneResult {
  gene: Gene;
  status: 'mutant' | 'wild-type';
  variant?: string;
  exon2Only?: boolean;
  v600e?: boolean;
  /** `system|code` of the code that made this a result for the gene. */
  matched: string;
}

const loinc = (v: unknown, codes: readonly string[]) => findCoding(v, SYSTEM.loinc, codes);

/** Positive/negative from LOINC answers or SNOMED qualifiers. */
export function polarityOf(value: unknown): 'positive' | 'negative' | undefined {
  if (loinc(value, ANSWER_PRESENT) ?? findCoding(value, SYSTEM.snomed, SNOMED_POSITIVE)) return 'positive';
  if (loinc(value, ANSWER_ABSENT) ?? findCoding(value, SYSTEM.snomed, SNOMED_NEGATIVE)) return 'negative';
  return undefined;
}

/**
 * A test that did not produce a result: no status can be read from it, whatever else the text says
 * ("No mutation analysis possible: insufficient tumour", "mutation status unknown", "pending").
 */
const FAILURE_TEXT =
  /\b(?:insufficient|fail(?:ed|ure)?|not\s+(?:possible|performed|done|tested|evaluable|assessable)|unable|cannot|could\s+not|indeterminate|equivocal|inconclusive|uninterpretable|invalid|QNS|quantity\s+not\s+sufficient|unknown|pending|cancell?ed|no\s+result)\b|\bno\b[^.;]{0,30}\b(?:analysis|testing|test)\b/i;
const NEGATIVE_TEXT =
  /\bnot\s+detected\b|\bnone\s+detected\b|\bnegative\b|\bwild[- ]?type\b|\bWT\b|\babsent\b|\bno\b[^.;]{0,40}\b(?:mutations?|variants?|alterations?)\b[^.;]{0,20}\b(?:detected|identified|found|present)\b/i;
/** A named variant, or an explicit positive word ("KRAS mutation" alone says nothing about the result). */
const POSITIVE_TEXT = /\b(detected|positive|present|mutated|mutant)\b|\bp\.\(?[A-Z]|\b[ACDEFGHIKLMNPQRSTVWY]\d{1,4}[ACDEFGHIKLMNPQRSTVWY*]\b|\bcodon \d+/i;

/** A test that produced no result, in words ("insufficient tumour", "cannot be determined", "equivocal"). */
export function isFailedResultText(text: string): boolean {
  return FAILURE_TEXT.test(text);
}

/**
 * A free-text result. A failed or inconclusive test is no result (unknown is not wild-type); wild-type words
 * win over positive ones ("no mutation detected").
 */
export function polarityOfText(text: string | undefined): 'positive' | 'negative' | undefined {
  if (text === undefined) return undefined;
  if (FAILURE_TEXT.test(text)) return undefined;
  if (NEGATIVE_TEXT.test(text)) return 'negative';
  if (POSITIVE_TEXT.test(text)) return 'positive';
  return undefined;
}

/** `p.Gly12Asp` out of `NP_004976.2:p.Gly12Asp`, `p.(G12D)`, or a bare `G12D`. */
export function proteinChangeIn(text: string): string | undefined {
  const p = /p\.\(?([A-Za-z]{1,3}\d+[A-Za-z*]{1,3}|=|[A-Za-z0-9_*]+)\)?/.exec(text);
  if (p?.[1]) return `p.${p[1]}`;
  const bare = /\b([ACDEFGHIKLMNPQRSTVWY]\d{1,4}[ACDEFGHIKLMNPQRSTVWY*])\b/.exec(text);
  return bare?.[1] ? `p.${bare[1]}` : undefined;
}

export function isV600E(variant: string | undefined): boolean {
  return variant !== undefined && /p\.\(?(Val600Glu|V600E)\)?/i.test(variant);
}

function componentsWith(o: Json, code: string): Json[] {
  return objs(o.component).filter((c) => loinc(c.code, [code]));
}

function variantOf(o: Json): string | undefined {
  for (const code of [LOINC_PROTEIN_CHANGE, LOINC_DISCRETE_VARIANT]) {
    for (const c of componentsWith(o, code)) {
      const texts = [...codingsOf(c.valueCodeableConcept).map((x) => x.code), ...textsOf(c.valueCodeableConcept)];
      if (str(c.valueString)) texts.push(c.valueString as string);
      for (const t of texts) {
        const v = proteinChangeIn(t);
        if (v) return v;
      }
    }
  }
  return undefined;
}

function geneOf(o: Json): { gene: Gene; coding: Coding } | undefined {
  for (const c of componentsWith(o, LOINC_GENE_STUDIED)) {
    for (const [gene, hgnc] of Object.entries(HGNC_GENE) as [Gene, string][]) {
      const coding = findCoding(c.valueCodeableConcept, SYSTEM.hgnc, [hgnc]);
      if (coding) return { gene, coding };
    }
  }
  return undefined;
}

const EXON2_ONLY_TEXT = /\bexon\s*2\b[^.;]*\bonly\b|\bonly\b[^.;]*\bexon\s*2\b|\bcodons?\s*12\s*(?:\/|and|&|,)\s*13\b[^.;]*\bonly\b/i;

/** The test covered KRAS exon 2 only: project concept anywhere in code/method/components, or method/note text. */
export function isExon2Only(o: Json): boolean {
  const coded = [o.code, o.method, ...objs(o.component).flatMap((c) => [c.code, c.valueCodeableConcept])];
  if (coded.some((v) => findConcept(v, [CONCEPT.krasExon2Only]))) return true;
  const texts = [...textsOf(o.method), ...objs(o.note).flatMap((n) => (str(n.text) ? [n.text as string] : []))];
  return texts.some((t) => EXON2_ONLY_TEXT.test(t));
}

function valueText(o: Json): string | undefined {
  return str(o.valueString) ?? str(obj(o.valueCodeableConcept)?.text);
}

/** Polarity of a whole Observation's value: coded answers first, then HGVS codings, then text. */
function observationPolarity(o: Json): 'positive' | 'negative' | undefined {
  const coded = polarityOf(o.valueCodeableConcept);
  if (coded) return coded;
  if (someCoding(o.valueCodeableConcept, (system) => system === SYSTEM.hgvs)) return 'positive';
  return polarityOfText(valueText(o));
}

function valueVariant(o: Json): string | undefined {
  const texts = [...codingsOf(o.valueCodeableConcept).map((c) => c.code), ...textsOf(o.valueCodeableConcept)];
  if (str(o.valueString)) texts.push(o.valueString as string);
  for (const t of texts) {
    const v = proteinChangeIn(t);
    if (v) return v;
  }
  return undefined;
}

function result(gene: Gene, positive: boolean, matched: Coding, extra: Partial<GeneResult> = {}): GeneResult {
  const r: GeneResult = { gene, status: positive ? 'mutant' : 'wild-type', matched: matchedOf(matched) ?? '', ...extra };
  if (!positive) delete r.variant;
  return r;
}

/** Gene-level results of one valid Observation (empty when it is not a KRAS/NRAS/BRAF/ERBB2 result). */
export function geneResultsOf(o: Json): GeneResult[] {
  const panel = loinc(o.code, [LOINC_VARIANT_PANEL]);
  if (panel) {
    const g = geneOf(o);
    const variant = variantOf(o);
    // A panel that names a protein change without a coded answer still reports that variant as found.
    const polarity = polarityOf(o.valueCodeableConcept) ?? (variant && variant !== 'p.=' ? 'positive' : undefined);
    if (!g || !polarity) return [];
    const positive = polarity === 'positive';
    return [result(g.gene, positive, panel, {
      ...(variant ? { variant } : {}),
      ...(g.gene === 'KRAS' && isExon2Only(o) ? { exon2Only: true } : {}),
      ...(g.gene === 'BRAF' && positive && isV600E(variant) ? { v600e: true } : {}),
    })];
  }
  const kras = loinc(o.code, LOINC_KRAS_TESTS);
  const krasNras = loinc(o.code, [LOINC_KRAS_NRAS_TEST]);
  if (kras ?? krasNras) {
    const polarity = observationPolarity(o);
    if (!polarity) return [];
    const variant = valueVariant(o);
    const scope = isExon2Only(o) ? { exon2Only: true } : {};
    const extra = { ...(variant ? { variant } : {}) };
    if (kras) return [result('KRAS', polarity === 'positive', kras, { ...extra, ...scope })];
    const coding = krasNras as Coding;
    // 81420-2: negative = wild-type for both genes; positive = the gene the text names, KRAS when none is named.
    if (polarity === 'negative') return [result('KRAS', false, coding, scope), result('NRAS', false, coding)];
    const named = /\bNRAS\b/i.test(valueText(o) ?? '') && !/\bKRAS\b/i.test(valueText(o) ?? '') ? 'NRAS' : 'KRAS';
    return [result(named, true, coding, { ...extra, ...(named === 'KRAS' ? scope : {}) })];
  }
  const ihc = loinc(o.code, [LOINC_BRAF_V600E_IHC]);
  if (ihc) {
    const polarity = observationPolarity(o);
    if (!polarity) return [];
    const positive = polarity === 'positive';
    return [result('BRAF', positive, ihc, positive ? { variant: 'p.Val600Glu', v600e: true } : {})];
  }
  return capGeneResultsOf(o);
}
