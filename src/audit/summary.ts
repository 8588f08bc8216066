import type { RuleSet } from '../config/types.js';
import type { DataQualityReason } from './findings.js';
import type { InvalidLine } from './invalid-lines.js';
import type { Tally } from './tally.js';

/** `summary.json`: counts and rates only, no patient id (still written only to the operator's folder). */
export interface AuditSummary {
  auditDate: string;
  ruleSet: RuleSet;
  rectosigmoidInScope: boolean;
  input: {
    files: number;
    bytes: number;
    lines: number;
    linesParsed: number;
    linesSkippedUnparsed: number;
    invalidLines: number;
    /** The first invalid lines, by file and line number. */
    invalid: InvalidLine[];
    unattributedResources: number;
  };
  patientsAudited: number;
  /** Patients with a rectal cancer Condition, whose whole record was read. */
  candidates: number;
  inScope: number;
  stageIV: number;
  patientsWithGaps: number;
  /** Per rule: patients it fires for, and their share of the in-scope patients. */
  rules: { ruleId: string; title: string; patients: number; rate: number; findings: number; critical: number; warning: number; info: number }[];
  dataQuality: { reason: DataQualityReason; patients: number; rate: number }[];
  /** Stage IV without systemic therapy: days since the metastatic diagnosis (sorted; numbers only). */
  untreated: { patients: number; medianDays?: number; over42Days: number; days: number[] };
  findings: number;
  workers: number;
  durationMs: number;
  /** Wall time of each phase (scan, collect, evaluate, write). */
  phaseMs: Record<string, number>;
}

const rate = (n: number, of: number): number => (of === 0 ? 0 : Math.round((n / of) * 10_000) / 10_000);

const byRuleId = (a: string, b: string): number => a.localeCompare(b, 'en', { numeric: true });

export function summarise(t: Tally, extra: Omit<AuditSummary, 'candidates' | 'inScope' | 'stageIV' | 'patientsWithGaps' | 'rules' | 'dataQuality' | 'untreated'>): AuditSummary {
  const days = t.untreatedDays;
  const median = days.length === 0 ? undefined : days.length % 2 === 1 ? days[(days.length - 1) / 2] : ((days[days.length / 2 - 1] as number) + (days[days.length / 2] as number)) / 2;
  return {
    ...extra,
    candidates: t.candidates,
    inScope: t.inScope,
    stageIV: t.stageIV,
    patientsWithGaps: t.patientsWithGaps,
    rules: Object.entries(t.rules)
      .sort(([a], [b]) => byRuleId(a, b))
      .map(([ruleId, r]) => ({ ruleId, title: r.title, patients: r.patients, rate: rate(r.patients, t.inScope), findings: r.findings, critical: r.critical, warning: r.warning, info: r.info })),
    dataQuality: (Object.entries(t.dataQuality) as [DataQualityReason, number][]).sort(([a], [b]) => (a < b ? -1 : 1)).map(([reason, n]) => ({ reason, patients: n, rate: rate(n, t.inScope) })),
    untreated: { patients: days.length, ...(median !== undefined ? { medianDays: median } : {}), over42Days: days.filter((d) => d > 42).length, days },
  };
}
