import type { Gene } from '../domain/case.js';
import { type Coding, findCoding, matchedOf, textsOf } from './coding.js';
import type { Json } from './json.js';
import { CAP_ECC, cap } from './pathology-codes.js';

/**
 * KRAS, NRAS and BRAF as the CAP colorectal biomarker template (eCC 228, real-world codes section 3c) codes
 * them: the CAP question item as Observation.code, the selected answer item as the value (question plus
 * answer, never a SNOMED coding alone: the CAP demo carries wrong SNOMED codings). "Cannot be determined"
 * answers are no result.
 */

export interface CapGeneResult {
  gene: Gene;
  status: 'mutant' | 'wild-type';
  variant?: string;
  v600e?: boolean;
  matched: string;
}

interface CapGeneItem {
  gene: Gene;
  question: string[];
  wildType: string[];
  mutant: string[];
  /** Answers that name BRAF V600E. */
  v600e?: string[];
}

export const CAP_GENE_ITEMS: readonly CapGeneItem[] = [
  { gene: 'KRAS', question: cap('29571'), wildType: cap('29572'), mutant: cap('29573') },
  { gene: 'NRAS', question: cap('32184'), wildType: cap('32185'), mutant: cap('32186') },
  { gene: 'BRAF', question: cap('29602'), wildType: cap('29603'), mutant: cap('29606', '30377'), v600e: cap('29606') },
  // BRAF V600E by IHC: 32232 positive, 32233 negative.
  { gene: 'BRAF', question: cap('32231'), wildType: cap('32233'), mutant: cap('32232'), v600e: cap('32232') },
];
/** KRAS codon questions (12, 13, 61, 146): the answer names the protein change (e.g. 29575 Gly12Asp). */
export const CAP_KRAS_CODON_QUESTIONS = cap('29937', '29938', '29940', '29944');

const AMINO = '(?:Ala|Arg|Asn|Asp|Cys|Gln|Glu|Gly|His|Ile|Leu|Lys|Met|Phe|Pro|Ser|Thr|Trp|Tyr|Val)';
const THREE_LETTER = new RegExp(`\\b(?:p\\.)?\\(?(${AMINO}\\d{1,4}${AMINO})\\)?\\b`);

function variantIn(value: unknown): string | undefined {
  for (const t of textsOf(value)) {
    const m = THREE_LETTER.exec(t);
    if (m?.[1]) return `p.${m[1]}`;
  }
  return undefined;
}

export function capGeneResultsOf(o: Json): CapGeneResult[] {
  const value = o.valueCodeableConcept;
  for (const item of CAP_GENE_ITEMS) {
    const question = findCoding(o.code, CAP_ECC, item.question);
    if (!question) continue;
    const matched = matchedOf(question) as string;
    if (findCoding(value, CAP_ECC, item.wildType)) return [{ gene: item.gene, status: 'wild-type', matched }];
    const mutant: Coding | undefined = findCoding(value, CAP_ECC, item.mutant);
    if (!mutant) return [];
    const v600e = item.v600e !== undefined && findCoding(value, CAP_ECC, item.v600e) !== undefined;
    return [{ gene: item.gene, status: 'mutant', matched, ...(v600e ? { variant: 'p.Val600Glu', v600e: true } : {}) }];
  }
  const codon = findCoding(o.code, CAP_ECC, CAP_KRAS_CODON_QUESTIONS);
  const variant = codon ? variantIn(value) : undefined;
  return codon && variant ? [{ gene: 'KRAS', status: 'mutant', variant, matched: matchedOf(codon) as string }] : [];
}
