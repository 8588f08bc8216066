/**
 * The case model: what the guideline engine knows about one patient.
 *
 * These are our own types, deliberately separate from FHIR: `src/fhir-mapping` builds a `Case` from FHIR R4
 * resources; `src/engine` reads only this. Every fact carries the resource it came from (`Provenance`) so a
 * card can say "KRAS p.Gly12Asp, 2025-03-02 (Observation/abc)". Unknown stays unknown: a missing fact is
 * `undefined` or an explicit `'unknown'`, never a default value. The case holds what the record says; the
 * judgements of the decision table (current line, progression, response, CEA rising...) are the engine's fact
 * base (`src/engine/facts`), computed once per evaluation.
 */

/** Where a fact came from. `date` is an ISO date-time string (as in the source) when the source had one. */
export interface Provenance {
  resourceType: string;
  id: string;
  date?: string;
  /**
   * The coding that matched, as `system|code`; or `text:<words>` when the fact was read from a local code's
   * display or text by a text lexicon (data conventions): the card then says it was read from text.
   */
  matched?: string;
}

/** Read from text (a local code's display or text), not from a standard code: cards say so. */
export function readFromText(p: Pick<Provenance, 'matched'> | undefined): boolean {
  return p?.matched?.startsWith('text:') === true;
}

export interface Fact<T> {
  value: T;
  source: Provenance;
}

/** Why a record is (or is not) in the scope of this service. */
export type Scope =
  | { kind: 'rectal'; condition: Provenance }
  | { kind: 'rectosigmoid'; condition: Provenance }
  | { kind: 'out-of-scope'; reason: OutOfScopeReason };

export type OutOfScopeReason =
  | 'no-rectal-cancer'
  | 'colon-cancer'
  | 'anal-cancer'
  | 'other-cancer'
  | 'rectosigmoid-disabled'
  | 'deceased';

export type StageGroup = 'I' | 'II' | 'III' | 'IV' | 'IVA' | 'IVB' | 'IVC';

export interface Tnm {
  /** e.g. `cT4b`, `pT2`; the prefix (c/p/yp) is kept when the source had it. */
  t?: Fact<string>;
  n?: Fact<string>;
  m?: Fact<string>;
}

export type MetastaticSite =
  | 'liver'
  | 'lung'
  | 'peritoneum'
  | 'bone'
  | 'brain'
  | 'pleura'
  | 'adrenal'
  | 'distant-lymph-node'
  | 'other';

export interface Metastasis {
  site: MetastaticSite;
  /** Onset, else recordedDate. */
  date?: string;
  source: Provenance;
}

export type Resectability = 'resectable' | 'potentially-resectable' | 'unresectable';

export type Symptom =
  | 'obstruction'
  | 'impending-obstruction'
  | 'perforation'
  | 'bleeding'
  | 'primary-tumour-pain'
  | 'symptomatic-metastasis';

export interface SymptomFact {
  symptom: Symptom;
  /** For `symptomatic-metastasis`: the site named by bodySite or a note, when it could be read. */
  site?: MetastaticSite;
  source: Provenance;
}

/** Gene-level result: mutant, wild-type, or unknown (never tested, or only invalid/indeterminate results). */
export type GeneStatus = 'mutant' | 'wild-type' | 'unknown';

export type Gene = 'KRAS' | 'NRAS' | 'BRAF' | 'ERBB2';

export interface BiomarkerResult {
  status: Exclude<GeneStatus, 'unknown'>;
  /** Protein change, e.g. `p.Gly12Asp`, when reported. */
  variant?: string;
  /** True when the test covered KRAS exon 2 only (an incomplete RAS status). */
  exon2Only?: boolean;
  source: Provenance;
}

export interface GeneFinding {
  gene: Gene;
  status: GeneStatus;
  /** The result that decided the status (a valid mutant outranks any wild-type; else the newest). */
  used?: BiomarkerResult;
  /** Every valid result for this gene, newest first. */
  results: BiomarkerResult[];
  /** Valid results disagree (mutant and wild-type both on file). */
  conflict: boolean;
}

export type MsiStatus = 'MSI-H' | 'MSS' | 'unknown';

export interface MsiFinding {
  status: MsiStatus;
  used?: Fact<'MSI-H' | 'MSS'>;
  conflict: boolean;
}

export type Her2Status = 'amplified' | 'not-amplified' | 'unknown';

export interface Biomarkers {
  kras: GeneFinding;
  nras: GeneFinding;
  braf: GeneFinding & { v600e: boolean };
  her2: { status: Her2Status; used?: Provenance };
  msi: MsiFinding;
}

export interface CeaValue {
  /** ng/mL (ug/L is the same quantity). */
  value: number;
  /** The value was reported as `<x`: the true value is below `value`. */
  belowDetection: boolean;
  date: string;
  source: Provenance;
}

export interface CeaSeries {
  /** Serum CEA values, oldest first. */
  values: CeaValue[];
  /** ng/mL: the newest `referenceRange.high` stated with a value, else 5. */
  upperNormal: number;
}

export interface PerformanceStatus {
  /** ECOG 0-5 (Karnofsky converted). */
  ecog: number;
  from: 'ECOG' | 'Karnofsky';
  /** Original Karnofsky score when converted. */
  karnofsky?: number;
  date: string;
  source: Provenance;
}

export type DiseaseStatus = 'improved' | 'stable' | 'worsened';

export type DrugClass =
  | 'fluoropyrimidine'
  | 'oxaliplatin'
  | 'irinotecan'
  | 'leucovorin'
  | 'anti-vegf'
  | 'anti-egfr'
  | 'checkpoint-inhibitor'
  | 'braf-inhibitor'
  | 'kras-g12c-inhibitor'
  | 'anti-her2'
  | 'trifluridine-tipiracil'
  | 'multikinase-inhibitor'
  | 'hai-chemotherapy';

export type Drug =
  | 'fluorouracil'
  | 'capecitabine'
  | 'leucovorin'
  | 'levoleucovorin'
  | 'oxaliplatin'
  | 'irinotecan'
  | 'bevacizumab'
  | 'cetuximab'
  | 'panitumumab'
  | 'pembrolizumab'
  | 'nivolumab'
  | 'ipilimumab'
  | 'encorafenib'
  | 'sotorasib'
  | 'adagrasib'
  | 'trastuzumab'
  | 'tucatinib'
  | 'trifluridine-tipiracil'
  | 'regorafenib'
  | 'fruquintinib'
  | 'floxuridine';

/** One drug exposure: an order, an administration or a statement. */
export interface DrugExposure {
  drug: Drug;
  kind: 'order' | 'administration' | 'statement';
  /** Order still active (MedicationRequest active/on-hold, MedicationStatement active). */
  active: boolean;
  /** An order that was stopped (MedicationRequest status `stopped` after it had started): its drug is no longer given. */
  stopped?: true;
  date?: string;
  endDate?: string;
  curative?: boolean;
  source: Provenance;
}

export type Regimen = 'FOLFOX' | 'CAPOX' | 'FOLFIRI' | 'FOLFOXIRI' | 'fluoropyrimidine' | 'other';

/** A line of systemic therapy as the record shows it (data conventions, "Regimens"). */
export interface TherapyLine {
  /** 1-based, counted from the metastatic diagnosis. */
  number: number;
  regimen: Regimen;
  drugs: Drug[];
  start?: string;
  /** The latest moment a drug of the line is known given (an administration's end, else its date). */
  lastGiven?: string;
  /** A drug of the line has an active order (or an active statement). */
  activeRecord: boolean;
  /** Distinct administration days of the backbone drug(s), when administrations are recorded. */
  administrationDays?: number;
}

export interface SystemicTherapy {
  exposures: DrugExposure[];
  /** Lines after the metastatic diagnosis, oldest first. */
  lines: TherapyLine[];
  /**
   * Medication records given or ordered whose drug cannot be read at all (an unresolved `medicationReference`
   * without display, no code or text): possibly anticancer therapy, so a patient with such records is never
   * called untreated.
   */
  unidentified?: { date?: string; active: boolean; source: Provenance }[];
}

export type RadiotherapyCourse = 'short-course' | 'long-course' | 'other';

export interface Radiotherapy {
  course: RadiotherapyCourse;
  pelvic: boolean;
  totalDoseCGy?: number;
  fractions?: number;
  status: 'done' | 'planned';
  date?: string;
  source: Provenance;
}

export type ProcedureKind =
  | 'primary-resection'
  | 'diversion'
  | 'rectal-stent'
  | 'liver-resection'
  | 'ablation'
  | 'embolisation'
  | 'radioembolisation'
  | 'hepatic-arterial-infusion'
  | 'other-major-surgery';

export interface ProcedureFact {
  kind: ProcedureKind;
  status: 'done' | 'planned';
  /** Planned ServiceRequest with priority urgent/asap/stat. */
  emergency: boolean;
  date?: string;
  source: Provenance;
}

/** What the record says about the goals of care (data conventions, "Goals of care"). */
export interface GoalsOfCare {
  /** Hospice enrolment or an active end-of-life / comfort-care plan: pauses cancer-directed advice. */
  comfortCare?: Fact<string>;
  /** DNR / DNAR on record: recorded and shown; it pauses nothing. */
  doNotResuscitate?: Provenance;
  /** Palliative-care referral or encounter: recorded and shown; early palliative care runs beside cancer therapy. */
  palliativeCare?: Provenance;
}

export interface Case {
  patientId: string;
  /** Request time every age and window is measured against. */
  now: string;
  deceased: boolean;
  scope: Scope;
  diagnosisDate?: string;
  stageGroup?: Fact<StageGroup>;
  tnm: Tnm;
  /** Stage IV by stage group, M1 or a current distant metastasis. */
  stageIV: boolean;
  metastases: Metastasis[];
  metastaticDiagnosisDate?: string;
  /** Every documented resectability, oldest first: the latest is the current one (absent: not documented). */
  resectabilityHistory: Fact<Resectability>[];
  /** Every tumour board (MDT) review done, oldest first (undated ones first); judged against the metastatic date. */
  mdtReviews: Provenance[];
  curativeIntent?: Provenance;
  /**
   * Metachronous metastatic recurrence: the rectal cancer is history (resolved, in remission, or a personal-
   * history code) and a current distant metastasis makes it recurrent stage IV. The metastasis it rests on.
   */
  metastaticRecurrence?: Provenance;
  goalsOfCare: GoalsOfCare;
  /** A germline (Lynch) test result, or a genetics / genetic-counselling referral, on file. */
  germlineTesting?: Provenance;
  /** A DPYD genotype or DPD phenotype result on file (any status but entered-in-error). */
  dpydTest?: Provenance;
  recurrence?: { local: boolean; source: Provenance };
  symptoms: SymptomFact[];
  biomarkers: Biomarkers;
  cea: CeaSeries;
  performance?: PerformanceStatus;
  diseaseStatus?: Fact<DiseaseStatus>;
  /** Latest CT/MRI report or study date. */
  lastImaging?: Fact<string>;
  therapy: SystemicTherapy;
  radiotherapy: Radiotherapy[];
  procedures: ProcedureFact[];
  /** Resection of the primary completed. */
  primaryResected: boolean;
}
