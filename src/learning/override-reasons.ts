import { CARD_OVERRIDE_SYSTEM } from '../config/learning-env.js';
import { overrideDisplay } from '../hooks/cards.js';

/**
 * The override reasons feedback may carry, with their labels for analytics. The cards' own codes
 * (`urn:rectal-cds:override-reason`) and the CDS Hooks 3.0 ballot's non-adherence reason codes are known by
 * name; any other coded reason an EHR sends (the spec lets it add its own) is stored and counted as given.
 * @see https://build.fhir.org/ig/HL7/cds-hooks/en/ValueSet-non-adherence-reason-category.html
 */
export const BALLOT_OVERRIDE_SYSTEM = 'http://terminology.hl7.org/CodeSystem/non-adherence-reason-codes';

/** The six categories of the 3.0 ballot's value set (the code system has sub-codes under them too). */
const BALLOT_CATEGORIES: Readonly<Record<string, string>> = {
  'cds-not-applicable': 'PC CDS does not apply to patient',
  'cds-suboptimal-context': 'PC CDS delivered in suboptimal context',
  'recipient-disagrees-evidence': 'Recipient disagrees with the evidence',
  'recipient-concerns-outcomes': 'Recipient has concerns regarding health outcomes',
  'does-not-align-preferences': 'Does not align with patient preferences or values',
  'not-convenient-feasible': 'Not convenient or feasible',
};

export type ReasonOrigin = 'card' | 'cds-hooks-ballot' | 'other';

export function reasonOrigin(system: string): ReasonOrigin {
  if (system === CARD_OVERRIDE_SYSTEM) return 'card';
  if (system === BALLOT_OVERRIDE_SYSTEM) return 'cds-hooks-ballot';
  return 'other';
}

export function reasonLabel(system: string, code: string): string {
  if (system === CARD_OVERRIDE_SYSTEM) return (overrideDisplay as Record<string, string>)[code] ?? code;
  if (system === BALLOT_OVERRIDE_SYSTEM) return BALLOT_CATEGORIES[code] ?? code;
  return code;
}

export const BALLOT_CATEGORY_CODES = Object.keys(BALLOT_CATEGORIES);
