import { HCPCS_SYSTEMS, ICD10_SYSTEMS, SYSTEM } from './codes.js';
import { type CodeSet, type KindRule, codeSet } from './concept-reading.js';
import { CANCER_CONTEXT, lexicon, words } from './lexicon.js';

/**
 * Goals of care (data conventions, "Goals of care"; real-world codes section 2). Comfort-focused care pauses
 * cancer-directed advice; a do-not-resuscitate order and palliative care are recorded and shown, and pause
 * nothing (early palliative care runs beside cancer therapy). Codes are the VSAC hospice, palliative-care and
 * comfort-measures expansions, the eCQM "Has Hospice Services" logic, PACIO advance-directive codes and the
 * HL7 / NUBC discharge dispositions; V2 codes count only with matching words.
 */

const sct = (codes: readonly string[]) => codeSet(SYSTEM.snomed, codes);

/** Hospice, comfort measures, terminal and dying care: what says cancer-directed therapy is ending. */
export const HOSPICE_WORDS = lexicon(
  [
    'hospice', 'comfort (?:care|measures)(?: only)?', 'comfort[- ]focused(?: care| treatments?)?', 'CMO', 'end[- ]of[- ]life(?: care)?',
    'terminal care', 'dying care', 'best supportive care(?: only)?',
    '(?:no|stop|stopped|discontinue|discontinued|cease|ceased) (?:further |more |active )?(?:cancer|anti-?cancer|oncologic|chemo\\w*|cancer-directed|disease-directed|systemic)(?:[- ]directed)? (?:treatments?|therapy|therapies)',
  ],
  // A hospice that was declined, revoked or left is no comfort-focused care.
  { unless: words('declined', 'refused', 'ineligible', 'not eligible', 'not appropriate', 'revoked', 'revocation', 'discharged from hospice', 'live discharge') },
);
/** `BSC` means best supportive care only beside a cancer word. */
export const BSC_WORDS = lexicon(['BSC'], { context: CANCER_CONTEXT });

/** Comfort-care codes: the VSAC hospice value sets (2a), with HCPCS G9054 ("no further cancer treatment"). */
export const HOSPICE_CODES: readonly CodeSet[] = [
  sct([
    '385763009', '385765002', '305336008', '183919006', '183920000', '183921001', '306205009', '444933003', '428361000124107',
    '428371000124100', '305911006', '170935008', '170936009', '551781000124102', '182964004', '385736008', '133918004',
  ]),
  codeSet(HCPCS_SYSTEMS, [
    'Q5003', 'Q5004', 'Q5005', 'Q5006', 'Q5007', 'Q5008', 'Q5010', 'S9126', 'T2042', 'T2043', 'T2044', 'T2045', 'T2046',
    'G9473', 'G9474', 'G9475', 'G9476', 'G9477', 'G9478', 'G9479', 'G0182', 'G9054',
  ]),
  codeSet(SYSTEM.cpt, ['99377', '99378']),
];
/** V2: 386359008 hospice care (finding) from a hand-made list; 736373009 end of life care plan from one Composition. */
const HOSPICE_WEAK: readonly CodeSet[] = [sct(['386359008', '736373009'])];

export const COMFORT_RULES: readonly KindRule<'comfort'>[] = [
  { kind: 'comfort', codes: HOSPICE_CODES, weakCodes: HOSPICE_WEAK, lexicon: HOSPICE_WORDS },
  { kind: 'comfort', lexicon: BSC_WORDS },
];

/** Hospice discharge dispositions: HL7 (both URIs, Oracle Health documents the old one), NUBC UB-04 50/51, SNOMED. */
export const HOSPICE_DISCHARGE: readonly CodeSet[] = [
  codeSet(['http://terminology.hl7.org/CodeSystem/discharge-disposition', 'http://hl7.org/fhir/discharge-disposition'], ['hosp']),
  codeSet('https://www.nubc.org/CodeSystem/PatDischargeStatus', ['50', '51']),
  sct(['428361000124107', '428371000124100']),
];

/** Observations that say the patient is under hospice care: PACIO 551781000124102 (boolean), MDS 45755-6 (yes). */
export const LOINC_HOSPICE_MDS = '45755-6';
export const SNOMED_UNDER_HOSPICE = '551781000124102';
export const SNOMED_YES = '373066001';

// ---- Not comfort care -------------------------------------------------------------------------------

/** Palliative care as a service (never palliative chemotherapy or radiotherapy, which are cancer therapy). */
export const PALLIATIVE_WORDS = lexicon([
  'palliative (?:care|medicine|consult\\w*|service|team|clinic|care consult\\w*)', 'palliativmedizin\\w*', 'soins palliatifs',
]);
export const PALLIATIVE_RULES: readonly KindRule<'palliative'>[] = [
  {
    kind: 'palliative',
    codes: [
      codeSet(ICD10_SYSTEMS, ['Z51.5']),
      sct([
        '103735009', '395669003', '395670002', '395694002', '395695001', '443761007', '713281006', '441874000', '305686008',
        '305824005', '305381007', '305284002', '306237005', '306288008',
      ]),
    ],
    lexicon: PALLIATIVE_WORDS,
  },
];

/** Do not resuscitate, and the orders that limit life-sustaining treatment (POLST, MOLST). "Full code" is neither. */
export const DNR_WORDS = lexicon(
  ['DNR', 'DNAR', 'do not (?:attempt )?resuscitat\\w*', 'not for resuscitation', 'allow natural death', 'no CPR', 'POLST', 'MOLST'],
  { unless: words('full code') },
);
export const DNR_RULES: readonly KindRule<'dnr'>[] = [
  {
    kind: 'dnr',
    codes: [
      codeSet(ICD10_SYSTEMS, ['Z66']),
      sct(['304253006', '697978002']),
      codeSet(SYSTEM.loinc, ['LA33471-6', 'LA33475-7']),
      codeSet('http://terminology.hl7.org/CodeSystem/consentcategorycodes', ['dnr', 'polst']),
    ],
    lexicon: DNR_WORDS,
  },
];
/** Observations whose "yes" is a DNR / POLST order in place (PACIO): 81351-9, 81352-7; 100823-4 POLST orders. */
export const LOINC_DNR_IN_PLACE = ['81351-9', '81352-7'];
export const LOINC_POLST_ORDERS = '100823-4';
/** PACIO CPR order category: with code LA33471-6 (No CPR) the ServiceRequest is a DNR order. */
export const LOINC_CPR_ORDERS = '100822-6';
export const LOINC_YES = 'LA33-6';
