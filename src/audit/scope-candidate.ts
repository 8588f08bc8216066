import {
  ICD10_HISTORY_RECTUM_RECTOSIGMOID_ANUS, ICD10_RECTAL, ICD10_RECTOSIGMOID, ICD_O3_RECTOSIGMOID, ICD_O3_RECTUM, SNOMED_HISTORY_COLON_OR_RECTAL,
  SNOMED_HISTORY_RECTAL, SNOMED_HISTORY_RECTOSIGMOID, SNOMED_RECTAL, SNOMED_RECTAL_LOCAL_RECURRENCE, SNOMED_RECTOSIGMOID,
} from '../fhir-mapping/codes.js';
import { classifyCancer, classifyHistory } from '../fhir-mapping/diagnosis.js';
import type { Json } from '../fhir-mapping/json.js';
import { conditionStanding } from '../fhir-mapping/validity.js';

/**
 * A Condition that may bring its patient into scope: a valid rectal (or, when enabled, rectosigmoid) cancer,
 * current or history (a history with a metastasis is a metachronous recurrence), classified by the mapping's
 * own code tables. Only these patients' records are gathered; the mapping then decides scope and stage IV
 * on the whole record, exactly as for a card.
 */
export function isScopeCandidate(condition: Json, rectosigmoidInScope: boolean): boolean {
  if (conditionStanding(condition) === 'invalid') return false;
  const site = (classifyHistory(condition) ?? classifyCancer(condition))?.site;
  return site === 'rectal' || (rectosigmoidInScope && site === 'rectosigmoid');
}

/**
 * The codes of the mapping's tables that can make a Condition rectal or rectosigmoid (current or history), as
 * one pattern: ICD codes as the mapping normalises them (dots dropped, any case), SNOMED codes as they are.
 * The mapping's classifiers only read codes, so a Condition line holding none of these cannot be a candidate.
 */
const icdPattern = (code: string): string => [...code].join('\\.*');
const CANDIDATE_CODES = new RegExp(
  [
    ...[...ICD10_RECTAL, ...ICD10_RECTOSIGMOID, ...ICD10_HISTORY_RECTUM_RECTOSIGMOID_ANUS, ...ICD_O3_RECTUM, ...ICD_O3_RECTOSIGMOID].map(icdPattern),
    ...[SNOMED_RECTAL, SNOMED_RECTOSIGMOID, SNOMED_RECTAL_LOCAL_RECURRENCE, SNOMED_HISTORY_RECTAL, SNOMED_HISTORY_COLON_OR_RECTAL, SNOMED_HISTORY_RECTOSIGMOID].flat(),
  ].join('|'),
  'i',
);

/**
 * Whether a Condition line may be a candidate, by string search: false only when it holds none of the codes
 * and no JSON escape that could hide one; such a line is never parsed in pass 1.
 */
export function mayBeScopeCandidate(text: string): boolean {
  return text.includes('\\u') || CANDIDATE_CODES.test(text);
}
