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
