import type {
  Case,
  CeaValue,
  DiseaseStatus,
  DrugExposure,
  Fact,
  GeneFinding,
  Metastasis,
  MetastaticSite,
  PerformanceStatus,
  ProcedureFact,
  Provenance,
  Radiotherapy,
  Resectability,
  SymptomFact,
  TherapyLine,
} from '../../domain/case.js';
import type { DraftOrder, DrugDraft, ProcedureDraft, RadiotherapyDraft } from '../../domain/draft-order.js';
import type { BasedOn, EvaluationContext, TestOrder } from '../types.js';

/**
 * The fact base: every judgement of the decision table, computed at most once per evaluation from the case
 * (what the record says) and the evaluation context, and shared by every rule. A fact knows how it reads to a
 * clinician (its "based on" lines) and which facts it read, so a card's Based on and the answer to "why did
 * this rule stay silent?" both come from what a rule's match actually read. Types only: the definitions are
 * in the files beside this one.
 */

/** A line of therapy with the judgements the decision table makes about it. */
export interface LineFact extends TherapyLine {
  /** A drug of the line has an active order or was given in the last `LINE_ACTIVE_DAYS` days. */
  active: boolean;
  /** Distinct administration days of the backbone, else weeks on the line divided by two. */
  cycles?: number;
}

export type CeaTrend = 'rising' | 'falling' | 'stable' | 'insufficient-data';

/** The serum CEA series and the decision table's CEA terms. */
export interface CeaFacts {
  values: CeaValue[];
  upperNormal: number;
  latest?: CeaValue;
  nadir?: CeaValue;
  /** The last value on or before the current line's first day. */
  baseline?: CeaValue;
  trend: CeaTrend;
  /** Two consecutive rises, the last >= `CEA_RISE_OF_NADIR` x the nadir and above the upper normal. */
  rising: boolean;
  /** Latest value <= `CEA_RESPONSE_OF_BASELINE` x the baseline before the current line. */
  response: boolean;
}

export interface LastBevacizumab {
  date: string;
  basis: 'administration' | 'statement' | 'order-date';
  source: Provenance;
}

/** A drug's recent use: the span from its first to its last record in the window, to now while an order is active. */
export interface DrugSpan {
  drugs: DrugExposure['drug'][];
  from: number;
  to: number;
  last: DrugExposure;
}

export interface MissingTest {
  test: TestOrder;
  why: string;
}

/** Completed surgery or radiotherapy, with a date. */
export interface LocalTreatment {
  what: string;
  date: string;
  source: BasedOn['source'];
}

/** What palliative radiotherapy (RC-16) would treat, each with the data that show it. */
export interface RadiotherapyTarget {
  kind: 'primary' | 'brain' | 'bone';
  basedOn: BasedOn[];
}

/** The planned elective operation closest to the last bevacizumab dose, when within the gap (RC-21). */
export interface SurgeryTooSoon {
  surgery: ProcedureFact;
  gapDays: number;
  /** The surgery date, or now when the request is undated or its date has passed. */
  measuredTo: string;
}

/** The biologics around an order: drafted, and running on the record (RC-E5 at order entry). */
export interface BiologicOrders {
  bevDrafts: DrugDraft[];
  egfrDrafts: DrugDraft[];
  bevRunning?: DrugSpan;
  egfrRunning?: DrugSpan;
}

export type ResectabilityStatus = Resectability | 'not-documented';

export interface Facts {
  // ---- stage and scope
  /** How stage IV is known: stage group, M category or the metastatic sites. */
  stage: BasedOn;
  metastaticSites: MetastaticSite[];
  liverMetastasis: Metastasis | undefined;
  daysSinceMetastaticDiagnosis: number | undefined;
  /** Metastatic diagnosis within `SYNCHRONOUS_WINDOW_DAYS` of the rectal cancer diagnosis (unknown when a date is missing). */
  synchronous: boolean | undefined;
  primarySite: BasedOn;
  /** The latest M category says M1. */
  latestMIsM1: boolean;
  /** Local (pelvic) recurrence after resection, no current distant metastasis: the data that show it. */
  localRecurrence: BasedOn[] | undefined;
  /** Metastases limited to liver and/or lung (sorted), else undefined. */
  limitedToLiverLung: MetastaticSite[] | undefined;

  // ---- resectability, tumour board, intent
  resectability: Fact<Resectability> | undefined;
  resectabilityStatus: ResectabilityStatus;
  /** The latest resectability is `unresectable`, or none is documented (the decision table's "unresectable"). */
  unresectableOrNotDocumented: boolean;
  /** The earlier documented resectability that was not `resectable`, when the latest is. */
  conversion: BasedOn | undefined;
  mdtReview: Provenance | undefined;
  /** The latest MDT review since `MDT_BEFORE_METASTATIC_DAYS` before the metastatic diagnosis (undated reviews count). */
  mdtReviewSinceMetastatic: Provenance | undefined;
  /** Hospice enrolment or an end-of-life / comfort-care plan on record. */
  comfortCare: Fact<string> | undefined;
  /** The latest MDT look at resectability: the resectability record or the review, whichever is newer. */
  lastMdtAssessment: string | undefined;
  curativeIntent: Provenance | undefined;

  // ---- biomarkers (RAS as the rule set reads it: KRAS, plus NRAS and a complete test in extended mode)
  kras: GeneFinding;
  nras: GeneFinding;
  braf: GeneFinding;
  msi: Case['biomarkers']['msi'];
  her2: Case['biomarkers']['her2'];
  rasMutant: GeneFinding | undefined;
  rasWildType: boolean;
  /** As `rasWildType`, and never with an NRAS mutation on file, even in seed-only mode. */
  rasWildTypeForAntiEgfr: boolean;
  msiHigh: boolean;
  brafV600e: boolean;
  her2Amplified: boolean;
  rasBrafWildTypeMss: boolean;
  missingBiomarkerTests: MissingTest[];
  /** The missing tests that are RAS tests (KRAS, NRAS, extended RAS). */
  missingRasTests: MissingTest[];
  /** KRAS p.G12C on file. */
  krasG12c: boolean;
  germlineTesting: Provenance | undefined;
  dpydTest: Provenance | undefined;

  // ---- systemic therapy and disease course
  systemicSinceMetastatic: DrugExposure[];
  unidentifiedSinceMetastatic: NonNullable<Case['therapy']['unidentified']>;
  untreatedSinceMetastatic: boolean;
  /** RC-02's trigger: untreated, fit or unknown, no obstruction or perforation. */
  needsFirstLineTherapy: boolean;
  lines: LineFact[];
  currentLine: LineFact | undefined;
  linesGiven: number;
  onSystemicTherapy: boolean;
  cea: CeaFacts;
  diseaseStatus: Fact<DiseaseStatus> | undefined;
  progression: BasedOn[];
  response: BasedOn[];
  progressionOnCurrentLine: BasedOn[];
  responseOnCurrentLine: BasedOn[];
  checkpointInhibitorGiven: DrugExposure | undefined;
  /** MSI-H/dMMR and no checkpoint inhibitor yet: immunotherapy is the next step to name. */
  checkpointInhibitorDue: boolean;
  encorafenibGiven: DrugExposure | undefined;
  g12cInhibitorGiven: DrugExposure | undefined;
  /** Any fluorouracil or capecitabine on record, at any time. */
  fluoropyrimidineGiven: DrugExposure | undefined;
  /**
   * The drugs of the regimen given now: those with an active order (or active statement), else those of the
   * latest dose day of the current line.
   */
  currentRegimen: DrugExposure['drug'][];
  /** The first line held an anti-EGFR antibody (its second line takes bevacizumab). */
  firstLineAntiEgfr: boolean;
  antiHer2Given: DrugExposure | undefined;
  laterLineAgentsGiven: DrugExposure['drug'][];
  /** Lines with a fluoropyrimidine plus oxaliplatin or irinotecan. */
  chemotherapyLines: LineFact[];
  /** RC-E3: untreated, or one line so far without progression on it. */
  firstLineSetting: 'untreated' | 'on-first-line' | undefined;
  /** RC-E2: untreated (first line) or progressing on or after a line. */
  brafSetting: 'first-line' | 'after-line' | undefined;
  /** RC-E8: the first induction line in the maintenance window, disease controlled. */
  maintenanceDue: { line: LineFact; days: number } | undefined;
  /** RC-10: the current line has run long enough to be re-staged. */
  dueForRestaging: boolean;
  /** A CT/MRI or a documented disease status dated after the current line's first day. */
  restagedSinceLineStart: boolean;
  lastImaging: Fact<string> | undefined;
  /** RC-19: the curative pathway's therapy, when it has run past the limit and is still active. */
  perioperativeOverrun: { first: string; days: number; firstExposure?: DrugExposure; latest?: DrugExposure } | undefined;

  // ---- biologics
  lastBevacizumab: LastBevacizumab | undefined;
  recentBevacizumab: DrugSpan | undefined;
  recentAntiEgfr: DrugSpan | undefined;
  /** Both in use: both with an active order, or both given in the last `CO_ACTIVE_BIOLOGICS_DAYS` with no stop of either. */
  coActiveBiologics: { bev: DrugSpan; egfr: DrugSpan } | undefined;
  /** An active order (or active statement) for bevacizumab / an anti-EGFR antibody: running at order entry. */
  activeBevacizumab: DrugSpan | undefined;
  activeAntiEgfr: DrugSpan | undefined;
  /** Why bevacizumab must not be suggested now (empty: it may be). */
  bevacizumabBlockers: string[];
  /** Bevacizumab already running or already in this order set. */
  bevacizumabInPlace: 'running' | 'drafted' | undefined;
  floxuridine: DrugExposure | undefined;

  // ---- local treatment
  primaryResected: boolean;
  /** The latest completed resection of the primary. */
  primaryResection: ProcedureFact | undefined;
  /** A planned, non-emergency resection of the primary on the record. */
  plannedPrimaryResection: ProcedureFact | undefined;
  /** A resection of the primary planned on the record or being ordered now. */
  primaryResectionPlanned: boolean;
  pelvicRtDone: Radiotherapy[];
  pelvicRtPlanned: Radiotherapy[];
  /** No resection of the primary and no pelvic RT done or planned. */
  pelvisUntouched: boolean;
  /** Clinical T3/T4 or node-positive. */
  locallyAdvanced: BasedOn[];
  completedLocalTreatments: LocalTreatment[];
  /** RC-20: the latest local treatment of the metastatic phase with no systemic therapy since. */
  untreatedAfterLocalTherapy: { last: LocalTreatment; days: number } | undefined;
  plannedElectiveSurgery: ProcedureFact[];
  surgeryTooSoon: SurgeryTooSoon | undefined;
  lastMajorSurgery: (ProcedureFact & { date: string }) | undefined;
  hepaticArterialInfusion: ProcedureFact | undefined;

  // ---- symptoms and fitness
  obstructionOrPerforation: SymptomFact[];
  primarySymptoms: SymptomFact[];
  /** Bleeding, impending obstruction or pain of a primary still in place. */
  symptomaticPrimaryInPlace: SymptomFact[];
  radiotherapyTargets: RadiotherapyTarget[];
  performance: PerformanceStatus | undefined;
  /** ECOG 0-2, or not documented (unknown carries a caveat). */
  fitForCombination: boolean;
  /** ECOG >= 3 documented. */
  poorPerformance: boolean;

  // ---- orders being written
  allDrafts: readonly DraftOrder[];
  judgedDrafts: DraftOrder[];
  judgedRadiotherapy: RadiotherapyDraft[];
  /** The fluoropyrimidine drafted as the radiosensitiser of a chemoradiation. */
  radiosensitiserDrafts: DrugDraft[];
  judgedProcedures: ProcedureDraft[];
  biologicOrders: BiologicOrders;
}

export type FactName = keyof Facts;

/** The facts of one evaluation, read as properties; each is computed on first read. */
export type FactBase = Readonly<Facts> & {
  readonly case: Case;
  readonly ctx: EvaluationContext;
  /** The facts read while `fn` ran (directly, not through other facts), in order of first read. */
  track<R>(fn: () => R): { result: R; read: FactName[] };
  /** How a fact reads to a clinician: its own lines, else the lines of the facts it was computed from. */
  basisOf(name: FactName): BasedOn[];
};

/** How one fact is computed, and how it reads to a clinician. */
export interface FactDef<V> {
  compute(f: FactBase): V;
  /** Its "based on" lines; without it, a fact reads as the facts it was computed from. */
  basis?(value: V, f: FactBase): BasedOn[];
}

export type FactDefs<K extends FactName> = { [N in K]: FactDef<Facts[N]> };
