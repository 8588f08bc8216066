/** One line of `findings.ndjson` (and one row of `findings.csv`). Holds a patient id: PHI. */
export type Finding = GapFinding | DataQualityFinding;

export interface BasedOnItem {
  label: string;
  value: string;
  date?: string;
  /** `Type/id` of the resource the datum was read from. */
  reference?: string;
}

/** A rule that fires for the patient in chart review (a card the clinician would see): a care gap. */
export interface GapFinding {
  kind: 'gap';
  patientId: string;
  ruleId: string;
  title: string;
  indicator: 'info' | 'warning' | 'critical';
  summary: string;
  basedOn: BasedOnItem[];
  /** The audit date: the day this audit found it. */
  firstDetected: string;
  /** The earliest date among the data it is based on, when any is dated. */
  earliestEvidence?: string;
  /** The alert whose card already carries this advice, when it fires too. */
  foldsInto?: string;
}

/** Why the rules could not judge a patient fully: missing data, not a care gap. */
export type DataQualityReason = 'no-staging' | 'no-biomarker-data';

export interface DataQualityFinding {
  kind: 'cannot-evaluate';
  patientId: string;
  reason: DataQualityReason;
  detail: string;
  firstDetected: string;
}

export const DATA_QUALITY_TEXT: Record<DataQualityReason, string> = {
  'no-staging': 'Rectal cancer on record without any stage group, M category or distant metastasis: the stage IV rules cannot run.',
  'no-biomarker-data': 'Stage IV without any KRAS, NRAS, BRAF or MSI/MMR result: biomarker-driven choices cannot be judged.',
};
