/**
 * Code systems and code sets from `shared/clinical/data-conventions.md`, as named constants.
 * (u) = not verified against the terminology itself (as marked in the conventions, or added here from a
 * public implementation guide); kept on purpose, matched like any other code.
 * Staging value tables live in `staging-codes.ts`, drugs in `drug-catalog.ts`.
 */

import { SYSTEM } from '../domain/code-systems.js';

export { SYSTEM };

export const ICD10_SYSTEMS = [SYSTEM.icd10cm, SYSTEM.icd10] as const;
export const HGNC_SYSTEMS = [SYSTEM.hgnc, SYSTEM.hgncGeneId] as const;
/** HCPCS as VSAC names it, and as CMS-based eCQM code lists do. */
export const HCPCS_SYSTEMS = ['http://www.nlm.nih.gov/research/umls/hcpcs', 'http://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets'] as const;
/** AJCC stage codes arrive under both spellings (real-world codes, section 5). */
export const AJCC_SYSTEMS = [SYSTEM.ajcc, 'https://cancerstaging.org'] as const;
export const ICD_O3_SYSTEMS = [SYSTEM.icdO3, SYSTEM.icdO3Oid] as const;

// ---- Diagnosis -------------------------------------------------------------------------------------
/** ICD-10 prefixes compare without the dot (C78.7 -> C787). */
export const ICD10_RECTAL = ['C20'];
export const ICD10_RECTOSIGMOID = ['C19'];
export const ICD10_COLON = ['C18'];
export const ICD10_ANAL = ['C21'];
/** Secondary malignancies: metastases, not primaries (C77 nodes, C78 respiratory/digestive, C79 other). */
export const ICD10_SECONDARY = ['C77', 'C78', 'C79'];
/**
 * 363351006 and its family in the VSAC "Malignant Neoplasm of Colon" expansion (real-world codes, section 6):
 * 93984006 primary malignant neoplasm of rectum, 254582000 adenocarcinoma of rectum. The grouping codes that
 * mix rectum with anus or colon (187760008, 443488001, 96281000119107) name no single site and are not read.
 */
export const SNOMED_RECTAL = ['363351006', '93984006', '254582000'];
/** 363414004 (verified in the same VSAC expansion), 93980002 primary, 425178004 adenocarcinoma of rectosigmoid junction. */
export const SNOMED_RECTOSIGMOID = ['363414004', '93980002', '425178004'];
/** 314966008 local recurrence of malignant tumour of rectum: a current rectal cancer that has recurred. */
export const SNOMED_RECTAL_LOCAL_RECURRENCE = ['314966008'];

// ---- Personal history (real-world codes, section 6) ------------------------------------------------
/** Z85.048 history of rectum, rectosigmoid junction and anus: rectal only when no anal or rectosigmoid cancer is on record. */
export const ICD10_HISTORY_RECTUM_RECTOSIGMOID_ANUS = ['Z85048'];
export const ICD10_HISTORY_COLON = ['Z85038'];
/** 429084005 history of malignant neoplasm of rectum (VSAC). */
export const SNOMED_HISTORY_RECTAL = ['429084005'];
/**
 * 429699009: the conventions list it (u) as history of rectal cancer; VSAC names it history of malignant
 * neoplasm of *colon*. Read as rectal only when its own text names the rectum, else as colon history.
 */
export const SNOMED_HISTORY_COLON_OR_RECTAL = ['429699009'];
export const SNOMED_HISTORY_RECTOSIGMOID = ['10987871000119109', '1204448006'];
/**
 * Colon primaries as Synthea codes them. 94260004 "Secondary malignant neoplasm of colon" is Synthea's
 * metastatic colon cancer (the colorectal module's stage IV state), so it reads as colon cancer, not as a site.
 */
export const SNOMED_COLON = ['363406005', '93761005', '109838007', '94260004'];
/** ICD-O-3 topography (dot optional). */
export const ICD_O3_RECTUM = ['C209', 'C20'];
export const ICD_O3_RECTOSIGMOID = ['C199', 'C19'];
export const ICD_O3_COLON_PREFIX = 'C18';
export const ICD_O3_ANUS_PREFIX = 'C21';
/** ICD-O-3 behaviour digits that mean malignant: /3 primary, /6 metastatic site, /9 uncertain which. */
export const ICD_O3_MALIGNANT_BEHAVIOUR = ['3', '6', '9'];
export const MCODE_HISTOLOGY_EXTENSION =
  'http://hl7.org/fhir/us/mcode/StructureDefinition/mcode-histology-morphology-behavior';

// ---- Distant metastases ----------------------------------------------------------------------------
/**
 * Secondary malignant neoplasm of ... (VSAC cancer value sets, real-world codes section 6; this verifies
 * 94493005 pleura and 94161006 adrenal of the conventions). 1217692004 metastasis from colorectal cancer
 * names no site: stage IV all the same. 94260004 / 94513006 (metastases *to* colon / rectum) are not read here.
 */
export const SNOMED_METASTASIS = {
  liver: ['94381002'],
  lung: ['94391008'],
  peritoneum: ['94627008', '94626004'], // peritoneum; omentum
  bone: ['94222008', '94217008'], // bone; bone marrow
  brain: ['94225005', '94224009'], // brain; brain stem
  pleura: ['94493005'],
  adrenal: ['94161006', '94160007', '94162004'], // adrenal gland; cortex; medulla
  other: ['1217692004', '94455000', '128462008'], // colorectal metastasis, site unstated; ovary; 128462008 (u) site unstated
} as const;
/** Ordered: the first matching prefix names the site; any other C78/C79 is "other". C77 (nodes) is not read. */
export const ICD10_METASTASIS_SITES: ReadonlyArray<readonly [string, 'liver' | 'lung' | 'peritoneum' | 'bone' | 'brain' | 'pleura' | 'adrenal' | 'other']> = [
  ['C787', 'liver'],
  ['C780', 'lung'],
  ['C786', 'peritoneum'],
  ['C7951', 'bone'],
  ['C7952', 'bone'],
  ['C7931', 'brain'],
  ['C782', 'pleura'],
  ['C797', 'adrenal'],
  ['C78', 'other'],
  ['C79', 'other'],
];

// ---- Body sites (symptomatic metastasis, radiotherapy target) -- all (u) ---------------------------
export const SNOMED_BODY_SITE = {
  liver: ['10200004'],
  lung: ['39607008'],
  bone: ['272673000', '421060004'], // bone structure; vertebral column
  brain: ['12738006'],
  peritoneum: ['15425007'],
  pleura: ['3120008'],
  adrenal: ['23451007'],
} as const;
export const SNOMED_PELVIC_SITE = ['12921003', '816092008', '34402009']; // (u) pelvis structure x2, rectum structure

// ---- Symptoms --------------------------------------------------------------------------------------
export const SYMPTOM_CODES = {
  obstruction: { snomed: ['81060008'], icd10: ['K5660', 'K56600', 'K56601', 'K56609', 'K5669', 'K56690', 'K56691', 'K56699'] },
  perforation: { snomed: ['56905009'], icd10: ['K631'] },
  bleeding: { snomed: ['12063002', '6072007'], icd10: ['K625'] },
} as const;

// ---- Project concepts (urn:rectal-cds:concept) -----------------------------------------------------
export const CONCEPT = {
  impendingObstruction: 'impending-obstruction',
  primaryTumourPain: 'primary-tumour-pain',
  symptomaticMetastasis: 'symptomatic-metastasis',
  resectability: 'metastasis-resectability',
  mdtReview: 'mdt-review',
  krasExon2Only: 'kras-exon2-only',
  mmrIhc: 'mmr-ihc',
  mmrDeficient: 'mmr-deficient',
  mmrProficient: 'mmr-proficient',
  primaryResection: 'primary-resection',
  diversion: 'diversion',
  rectalStent: 'rectal-stent',
  liverMetastasectomy: 'liver-metastasectomy',
  ablation: 'ablation',
  embolisation: 'embolisation',
  radioembolisation: 'radioembolisation',
  hai: 'hepatic-arterial-infusion',
  shortCourseRt: 'short-course-radiotherapy',
  longCourseCrt: 'long-course-chemoradiotherapy',
} as const;

// ---- Biomarkers ------------------------------------------------------------------------------------
export const LOINC_VARIANT_PANEL = '69548-6';
export const LOINC_GENE_STUDIED = '48018-6';
export const LOINC_PROTEIN_CHANGE = '48005-3';
export const LOINC_DISCRETE_VARIANT = '81252-9';
export const LOINC_KRAS_TESTS = ['21702-6', '85509-8'];
export const LOINC_KRAS_NRAS_TEST = '81420-2';
export const LOINC_BRAF_V600E_IHC = '85299-6';
export const LOINC_MSI = '81695-9';
export const LOINC_HER2_STATUS = '48676-1';
export const LOINC_HER2_RATIO = '49683-6';
export const HER2_AMPLIFIED_RATIO = 2.0;
export const HGNC_GENE = { KRAS: '6407', NRAS: '7989', BRAF: '1097', ERBB2: '3430' } as const;
export const ANSWER_PRESENT = ['LA9633-4', 'LA6576-8'];
export const ANSWER_ABSENT = ['LA9634-2', 'LA6577-6'];
/** SNOMED qualifier values some labs use instead of LOINC answers. (u) */
export const SNOMED_POSITIVE = ['10828004', '260373001']; // positive; detected
export const SNOMED_NEGATIVE = ['260385009', '260415000']; // negative; not detected
export const MSI_HIGH = ['LA26203-2'];
export const MSI_STABLE = ['LA14122-8', 'LA26202-4']; // stable; MSI-L counts as MSS
// LA11884-6 (indeterminate), a numeric value alone, or any other answer: MSI unknown.

// ---- CEA, performance, disease status, imaging -----------------------------------------------------
export const LOINC_CEA = ['2039-6', '83085-1'];
export const CEA_UNITS = ['ng/mL', 'ug/L']; // equal quantities; compared case-insensitively, µ/mc accepted
export const CEA_DEFAULT_UPPER_NORMAL = 5;
export const LOINC_ECOG = '89247-1';
export const LOINC_KARNOFSKY = '89243-0';
/** ECOG LOINC answers LA9622-7..LA9627-6 -> 0..5 (answer list LL529-9). */
export const ECOG_ANSWERS: Readonly<Record<string, number>> = {
  'LA9622-7': 0,
  'LA9623-5': 1,
  'LA9624-3': 2,
  'LA9625-0': 3,
  'LA9626-8': 4,
  'LA9627-6': 5,
};
export const LOINC_DISEASE_STATUS = '97509-4';
export const SNOMED_DISEASE_STATUS = { improved: '268910001', stable: '359746009', worsened: '271299001' } as const;
export const IMAGING_MODALITIES = ['CT', 'MR'];

// ---- Procedures and radiotherapy -------------------------------------------------------------------
export const PRIMARY_RESECTION = { snomed: ['265414003'], cpt: ['44145', '44146', '44207', '44208', '45110', '45395'] }; // CPT (u)
export const SNOMED_COLOSTOMY = ['387607004'];
export const CPT_LIVER_RESECTION = ['47120', '47122', '47125', '47130']; // (u)
export const CPT_ABLATION = ['47380', '47382']; // (u)
export const SNOMED_SURGICAL_PROCEDURE = ['387713003'];
export const CPT_SURGERY_RANGE = { from: 10000, to: 69999 } as const;
export const CODEX_DOSE_PRESCRIBED =
  'http://hl7.org/fhir/us/codex-radiation-therapy/StructureDefinition/codexrt-radiotherapy-dose-prescribed-to-volume';
export const MCODE_DOSE_DELIVERED =
  'http://hl7.org/fhir/us/mcode/StructureDefinition/mcode-radiotherapy-dose-delivered-to-volume';
export const SHORT_COURSE = { totalCGy: 2500, fractions: 5 } as const;
export const LONG_COURSE_MIN_CGY = 4500;

// ---- Intent ----------------------------------------------------------------------------------------
export const MCODE_PROCEDURE_INTENT = 'http://hl7.org/fhir/us/mcode/StructureDefinition/mcode-procedure-intent';
export const SNOMED_CURATIVE = '373808002';
export const SNOMED_PALLIATIVE = '363676003';
