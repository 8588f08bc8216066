import type { RadiotherapyCourse } from '../domain/case.js';
import { HCPCS_SYSTEMS, SYSTEM } from './codes.js';
import { type KindRule, codeSet } from './concept-reading.js';
import { lexicon, words } from './lexicon.js';

/**
 * Radiotherapy written as text (a local order code, `orderDetail`, a note): the lexicon of the conventions'
 * procedures row and real-world codes section 7c, with the dose and fractions read from the words
 * (`5040 cGy`, `50.4 Gy`, `25 Gy in 5 fractions`, `5 x 5 Gy`, `45 Gy/25 fx`, `28 fractions`). Gy -> cGy x 100.
 */

/** Radioembolisation (SIRT, Y-90) is read as a procedure, and these are not a course of treatment. */
const NOT_A_COURSE = words(
  'SIRT', 'TARE', 'Y-?90', 'yttrium(?:[- ]?90)?', 'radio-?emboli[sz]ation', 'selective internal', 'consult\\w*', 'referral', 'refer',
  'evaluation', 'follow[- ]?up', 'visit', 'clinic', 'simulation', 'proctitis', 'dermatitis', 'enteritis', 'cystitis', 'injury',
  'toxicity', 'exposure', 'safety', 'induced', 'protection',
);

export const RT_TEXT = lexicon(
  [
    'radiation(?: therapy| treatment)?', 'radio-?therapy', 'IMRT', 'VMAT', 'chemo-?radiation', 'chemo-?radio-?therapy', 'SBRT',
    'SABR', 'EBRT', 'SCRT', 'LCCRT', 'short[- ]course (?:pelvic )?(?:RT|radio-?therapy|radiation)',
    'long[- ]course (?:pelvic )?(?:RT|radio-?therapy|radiation|chemo-?radi\\w+)', 'brachytherapy', 'proton (?:beam )?therapy',
    'stereotactic (?:body |ablative )?radi\\w+', '(?:pelvic|rectal) RT', '5\\s*[x×]\\s*5\\s*Gy',
  ],
  { unless: NOT_A_COURSE },
);

const SHORT_COURSE_TEXT = words('short[- ]course', 'SCRT', '5\\s*[x×]\\s*5(?:\\s*Gy)?', '5\\s*Gy\\s*[x×]\\s*5');
const LONG_COURSE_TEXT = words('long[- ]course', 'LCCRT');
/** Chemoradiation in rectal cancer is the long course; it says so when no dose is written. */
const CHEMORADIATION_TEXT = words('chemo-?radi\\w+', 'CRT');

/**
 * The radiotherapy codes of real-world codes section 7a (mCODE, CodeX-RT, VSAC: V) besides the conventions'
 * 1217123003; 33195004 is the conventions' own and was seen in no source (u). The CPT delivery and management
 * codes (7b, V2) count only with radiotherapy text.
 */
export const RT_CODE_RULES: readonly KindRule<'radiotherapy'>[] = [
  {
    kind: 'radiotherapy',
    codes: [
      codeSet(SYSTEM.snomed, [
        '1217123003', '33195004', '1156506007', '1162782007', '441799006', '1156530009', '10611004', '45643008', '1297069006',
        '703423002', '394934009', '394935005', '84755001',
      ]),
    ],
    weakCodes: [
      codeSet(SYSTEM.cpt, [
        '77385', '77386', '77402', '77407', '77412', '77427', '77431', '77432', '77261', '77262', '77263', '77301',
      ]),
      codeSet(HCPCS_SYSTEMS, ['G6003', 'G6004', 'G6005', 'G6006', 'G6007', 'G6008', 'G6009', 'G6010', 'G6011', 'G6012', 'G6013', 'G6014', 'G6015', 'G6016']),
    ],
    lexicon: RT_TEXT,
  },
];
/** Chemoradiation codes: long course when no dose says otherwise. */
export const SNOMED_CHEMORADIATION = ['703423002', '394934009', '394935005'];
/** CodeX-RT radiotherapy categories (1287742003, and the inactive 108290001 kept for old data). */
export const SNOMED_RT_CATEGORY = ['1287742003', '108290001'];

export interface TextDose {
  totalCGy?: number;
  fractions?: number;
}

const NUMBER = '(\\d+(?:[.,]\\d+)?)';
const UNIT = '(c?Gy)';
const FRACTIONS = '(?:fx|fractions?|fr)';
const TOTAL_IN_FRACTIONS = new RegExp(`${NUMBER}\\s*${UNIT}\\s*(?:in|/|over|x|×)\\s*(\\d+)\\s*${FRACTIONS}(?![\\p{L}])`, 'iu');
const COUNT_TIMES_DOSE = new RegExp(`(?<![\\d.])(\\d+)\\s*[x×]\\s*${NUMBER}\\s*${UNIT}(?![\\p{L}])`, 'iu');
const DOSE_TIMES_COUNT = new RegExp(`${NUMBER}\\s*${UNIT}\\s*[x×]\\s*(\\d+)(?![\\d.])`, 'iu');
const PER_FRACTION = new RegExp(`${NUMBER}\\s*${UNIT}\\s*(?:/|per)\\s*${FRACTIONS}(?![\\p{L}])`, 'giu');
const ANY_DOSE = new RegExp(`(?<![\\d.])${NUMBER}\\s*${UNIT}(?![\\p{L}])`, 'giu');
const FRACTION_COUNT = new RegExp(`(?<![\\d.])(\\d+)\\s*${FRACTIONS}(?![\\p{L}])`, 'iu');
const BOOST = words('boost');
/** No course is larger: a bigger product means the first number was the total. */
const MAX_COURSE_CGY = 10000;

function toCGy(value: string, unit: string): number | undefined {
  const n = Number(value.replace(',', '.'));
  if (!Number.isFinite(n) || n <= 0) return undefined;
  return Math.round(unit.toLowerCase() === 'gy' ? n * 100 : n);
}

/** Dose and fractions written in one text; what it does not say stays undefined. */
export function doseFromText(text: string): TextDose {
  const whole = TOTAL_IN_FRACTIONS.exec(text);
  if (whole?.[1] && whole[2] && whole[3]) {
    const total = toCGy(whole[1], whole[2]);
    return { ...(total !== undefined ? { totalCGy: total } : {}), fractions: Number(whole[3]) };
  }
  for (const [re, countAt, doseAt] of [[COUNT_TIMES_DOSE, 1, 2], [DOSE_TIMES_COUNT, 3, 1]] as const) {
    const m = re.exec(text);
    if (!m) continue;
    const count = Number(m[countAt]);
    const perFraction = toCGy(m[doseAt] as string, m[doseAt + 1] as string);
    if (perFraction === undefined || !Number.isInteger(count) || count <= 0) continue;
    // "50.4 Gy x 28" is a total over 28 fractions, "5 Gy x 5" a dose per fraction.
    return perFraction * count > MAX_COURSE_CGY ? { totalCGy: perFraction, fractions: count } : { totalCGy: perFraction * count, fractions: count };
  }
  const perFraction = new Set([...text.matchAll(PER_FRACTION)].map((m) => m.index));
  const doses = [...text.matchAll(ANY_DOSE)]
    .filter((m) => !perFraction.has(m.index))
    .map((m) => toCGy(m[1] as string, m[2] as string))
    .filter((d): d is number => d !== undefined);
  const count = FRACTION_COUNT.exec(text);
  const fractions = count?.[1] ? Number(count[1]) : undefined;
  const total = doses.length === 0 ? undefined : BOOST.test(text) ? doses.reduce((a, b) => a + b, 0) : Math.max(...doses);
  return { ...(total !== undefined ? { totalCGy: total } : {}), ...(fractions !== undefined && fractions > 0 ? { fractions } : {}) };
}

/** The first text that says a dose or a fraction count. */
export function doseFromTexts(texts: readonly string[]): TextDose {
  for (const t of texts) {
    const d = doseFromText(t);
    if (d.totalCGy !== undefined || d.fractions !== undefined) return d;
  }
  return {};
}

/** The course the words name when the dose does not decide it. */
export function courseFromText(texts: readonly string[], dose: TextDose): RadiotherapyCourse | undefined {
  if (texts.some((t) => SHORT_COURSE_TEXT.test(t))) return 'short-course';
  if (texts.some((t) => LONG_COURSE_TEXT.test(t))) return 'long-course';
  if (dose.totalCGy === undefined && texts.some((t) => CHEMORADIATION_TEXT.test(t))) return 'long-course';
  return undefined;
}

/** Words that name a site other than the pelvis: a text RT order naming only these is not pelvic. */
export const NON_PELVIC_SITE_WORDS = words(
  'liver', 'hepatic', 'lungs?', 'pulmonary', 'brain', 'cranial', 'whole[- ]brain', 'bones?', 'spine', 'spinal', 'vertebra\\w*',
  'osseous', 'chest', 'thorax', 'adrenal', 'femur', 'rib', 'skull', 'humerus',
);
