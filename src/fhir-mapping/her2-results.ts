import { ANSWER_ABSENT, ANSWER_PRESENT, HER2_AMPLIFIED_RATIO, HGNC_GENE, LOINC_GENE_STUDIED, LOINC_HER2_RATIO, LOINC_HER2_STATUS, LOINC_VARIANT_PANEL, SYSTEM } from './codes.js';
import { type Coding, codingsOf, findCoding, matchedOf, textsOf } from './coding.js';
import { isFailedResultText, polarityOf } from './biomarker-results.js';
import { type Json, num, obj, objs, str } from './json.js';
import { textMatched, words } from './lexicon.js';
import {
  CAP_ECC, CAP_HER2, GAIN_WORDS, HER2_WORDS, LOINC_DNA_CHANGE_TYPE, LOINC_HER2_IHC, LOINC_HER2_ISH, SERUM_WORDS,
  SO_COPY_NUMBER_GAIN, SO_COPY_NUMBER_VARIATION,
} from './pathology-codes.js';

/**
 * HER2 from one valid Observation (data conventions, "HER2"; real-world codes section 4): IHC 3+ = amplified,
 * 0 / 1+ = not amplified, 2+ alone = no result (ISH decides); ISH ratio >= 2.0 or a positive ISH = amplified;
 * an NGS ERBB2 copy-number gain (GR variant with SO:0001742) = amplified; CAP eCC answers; a local code that
 * names HER2 is read by its value's words. Serum HER2 is not a tissue result and is never read.
 */

export interface Her2Reading {
  amplified: boolean;
  matched: string;
}

const valueTexts = (o: Json): string[] => [...(str(o.valueString) ? [o.valueString as string] : []), ...textsOf(o.valueCodeableConcept)];

/** IHC score: `3+`, `Score 2+`, `1+`, `0`; a bare integer value too. */
const SCORE = /(?<![\d.])([0-3])\s*\+|\bscore\s*:?\s*([0-3])\b|^\s*([0-3])\s*$/i;
const AMPLIFIED_WORDS = words('amplified', 'amplification', 'positive');
const NOT_AMPLIFIED_WORDS = words('not amplified', 'non-?amplified', 'no amplification', 'negative', 'not detected');
const EQUIVOCAL_WORDS = words('equivocal', 'borderline');

function fromScore(score: number): boolean | undefined {
  if (score === 3) return true;
  if (score === 2) return undefined;
  return false;
}

/** An IHC result: coded score answers, coded positive/negative, the score in words, then positive/negative words. */
function ihc(o: Json): boolean | undefined {
  const value = o.valueCodeableConcept;
  if (findCoding(value, CAP_ECC, CAP_HER2.ihc.positive)) return true;
  if (findCoding(value, CAP_ECC, CAP_HER2.ihc.negative)) return false;
  if (findCoding(value, SYSTEM.loinc, ['LA6576-8'])) return true; // Positive
  if (findCoding(value, SYSTEM.loinc, ['LA6577-6', ANSWER_ABSENT[0] as string])) return false; // Negative; Absent (score 0)
  if (findCoding(value, SYSTEM.loinc, [ANSWER_PRESENT[0] as string])) return undefined; // Present: some staining, no score
  const n = num(o.valueInteger) ?? num(obj(o.valueQuantity)?.value);
  if (n !== undefined && Number.isInteger(n) && n >= 0 && n <= 3) return fromScore(n);
  return fromWords(valueTexts(o));
}

function fromWords(texts: readonly string[]): boolean | undefined {
  if (texts.some((t) => EQUIVOCAL_WORDS.test(t))) return undefined;
  for (const t of texts) {
    const m = SCORE.exec(t);
    const digit = m?.[1] ?? m?.[2] ?? m?.[3];
    if (digit !== undefined) return fromScore(Number(digit));
  }
  if (texts.some(isFailedResultText)) return undefined;
  if (texts.some((t) => NOT_AMPLIFIED_WORDS.test(t))) return false;
  if (texts.some((t) => AMPLIFIED_WORDS.test(t))) return true;
  return undefined;
}

function ratioValue(o: Json): number | undefined {
  const q = num(obj(o.valueQuantity)?.value);
  if (q !== undefined) return q;
  const ratio = obj(o.valueRatio);
  const n = num(obj(ratio?.numerator)?.value);
  const d = num(obj(ratio?.denominator)?.value);
  return n !== undefined && d !== undefined && d !== 0 ? n / d : undefined;
}

function presence(o: Json): boolean | undefined {
  const p = polarityOf(o.valueCodeableConcept);
  if (p) return p === 'positive';
  if (codingsOf(o.valueCodeableConcept).some((c) => c.system === SYSTEM.loinc)) return undefined;
  const texts = valueTexts(o);
  if (texts.some(isFailedResultText) || texts.some((t) => EQUIVOCAL_WORDS.test(t))) return undefined;
  if (texts.some((t) => NOT_AMPLIFIED_WORDS.test(t))) return false;
  if (texts.some((t) => AMPLIFIED_WORDS.test(t))) return true;
  return undefined;
}

const isSo = (c: Coding, code: string): boolean => (c.system ?? '').includes('sequenceontology') && c.code.replace(/^SO:/i, '') === code.replace(/^SO:/, '');

/** GR variant for ERBB2 (69548-6, gene HGNC:3430, present) whose change type is a copy-number gain. */
function ngsGain(o: Json): Coding | undefined {
  const panel = findCoding(o.code, SYSTEM.loinc, [LOINC_VARIANT_PANEL]);
  if (!panel || !findCoding(o.valueCodeableConcept, SYSTEM.loinc, ANSWER_PRESENT)) return undefined;
  const gene = objs(o.component).some((c) => findCoding(c.code, SYSTEM.loinc, [LOINC_GENE_STUDIED]) && findCoding(c.valueCodeableConcept, SYSTEM.hgnc, [HGNC_GENE.ERBB2]));
  if (!gene) return undefined;
  for (const c of objs(o.component)) {
    const codings = codingsOf(c.valueCodeableConcept);
    const texts = [...textsOf(c.valueCodeableConcept), ...(str(c.valueString) ? [c.valueString as string] : [])];
    if (codings.some((x) => isSo(x, SO_COPY_NUMBER_GAIN))) return panel;
    const changeType = findCoding(c.code, SYSTEM.loinc, LOINC_DNA_CHANGE_TYPE);
    if ((changeType || codings.some((x) => isSo(x, SO_COPY_NUMBER_VARIATION))) && texts.some((t) => GAIN_WORDS.test(t))) return panel;
  }
  return undefined;
}

const reading = (amplified: boolean | undefined, matched: string): Her2Reading | undefined =>
  amplified === undefined ? undefined : { amplified, matched };

export function her2ResultOf(o: Json): Her2Reading | undefined {
  const codeTexts = textsOf(o.code);
  if (codeTexts.some((t) => SERUM_WORDS.test(t))) return undefined;
  const status = findCoding(o.code, SYSTEM.loinc, [LOINC_HER2_STATUS]);
  if (status) return reading(polarityOf(o.valueCodeableConcept) ? polarityOf(o.valueCodeableConcept) === 'positive' : ihc(o), matchedOf(status) as string);
  const ratioCode = findCoding(o.code, SYSTEM.loinc, [LOINC_HER2_RATIO]) ?? findCoding(o.code, CAP_ECC, CAP_HER2.ratio);
  if (ratioCode) {
    const ratio = ratioValue(o);
    return ratio === undefined ? undefined : { amplified: ratio >= HER2_AMPLIFIED_RATIO, matched: matchedOf(ratioCode) as string };
  }
  const ihcCode = findCoding(o.code, SYSTEM.loinc, LOINC_HER2_IHC) ?? findCoding(o.code, CAP_ECC, CAP_HER2.ihc.question);
  if (ihcCode) return reading(ihc(o), matchedOf(ihcCode) as string);
  const ishCode = findCoding(o.code, SYSTEM.loinc, LOINC_HER2_ISH) ?? findCoding(o.code, CAP_ECC, CAP_HER2.ish.question);
  if (ishCode) {
    if (findCoding(o.valueCodeableConcept, CAP_ECC, CAP_HER2.ish.positive)) return { amplified: true, matched: matchedOf(ishCode) as string };
    if (findCoding(o.valueCodeableConcept, CAP_ECC, CAP_HER2.ish.negative)) return { amplified: false, matched: matchedOf(ishCode) as string };
    return reading(presence(o), matchedOf(ishCode) as string);
  }
  const genomic = findCoding(o.code, CAP_ECC, CAP_HER2.genomic.question);
  if (genomic) {
    if (findCoding(o.valueCodeableConcept, CAP_ECC, CAP_HER2.genomic.positive)) return { amplified: true, matched: matchedOf(genomic) as string };
    if (findCoding(o.valueCodeableConcept, CAP_ECC, CAP_HER2.genomic.negative)) return { amplified: false, matched: matchedOf(genomic) as string };
    return undefined;
  }
  const gain = ngsGain(o);
  if (gain) return { amplified: true, matched: matchedOf(gain) as string };
  // A local code that names HER2 (no LOINC or SNOMED coding): its value's words.
  if (codingsOf(o.code).some((c) => c.system === SYSTEM.loinc || c.system === SYSTEM.snomed)) return undefined;
  const named = codeTexts.find((t) => HER2_WORDS.test(t));
  return named === undefined ? undefined : reading(fromWords(valueTexts(o)), textMatched(named));
}
