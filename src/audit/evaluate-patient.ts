import type { Resource } from 'fhir/r4.js';
import type { ClinicalConfig } from '../config/types.js';
import type { Case } from '../domain/case.js';
import { DAY_MS } from '../domain/time.js';
import { inScope } from '../engine/evaluate.js';
import type { AnyRule } from '../engine/rule.js';
import type { Recommendation } from '../engine/types.js';
import { assessRecord } from '../hooks/assess-record.js';
import { DATA_QUALITY_TEXT, type DataQualityFinding, type DataQualityReason, type GapFinding } from './findings.js';

export interface AuditSettings extends ClinicalConfig {
  now: Date;
  rules: readonly AnyRule[];
}

/** What the audit learns about one patient with a rectal cancer Condition. */
export interface PatientAudit {
  inScope: boolean;
  stageIV: boolean;
  gaps: GapFinding[];
  dataQuality: DataQualityFinding[];
  /** Stage IV with no systemic therapy line (and no unreadable medication record): days since the metastatic diagnosis. */
  untreatedDays?: number;
}

const dateOnly = (d: Date): string => d.toISOString().slice(0, 10);

function earliestDate(dates: readonly (string | undefined)[]): string | undefined {
  let best: string | undefined;
  let bestMs = Infinity;
  for (const d of dates) {
    const ms = d === undefined ? NaN : Date.parse(d);
    if (Number.isFinite(ms) && ms < bestMs) [best, bestMs] = [d, ms];
  }
  return best;
}

function gapOf(rec: Recommendation, patientId: string, detected: string): GapFinding {
  const basedOn = rec.basedOn.map((b) => ({
    label: b.label,
    value: b.value,
    ...(b.date !== undefined ? { date: b.date } : {}),
    ...(b.source ? { reference: `${b.source.resourceType}/${b.source.id}` } : {}),
  }));
  const earliest = earliestDate(rec.basedOn.map((b) => b.date ?? b.source?.date));
  return {
    kind: 'gap',
    patientId,
    ruleId: rec.ruleId,
    title: rec.title,
    indicator: rec.indicator,
    summary: rec.summary,
    basedOn,
    firstDetected: detected,
    ...(earliest !== undefined ? { earliestEvidence: earliest } : {}),
    ...(rec.foldsInto !== undefined ? { foldsInto: rec.foldsInto } : {}),
  };
}

function dataQualityOf(c: Case): DataQualityReason[] {
  const reasons: DataQualityReason[] = [];
  if (!c.stageIV && !c.stageGroup && !c.tnm.m) reasons.push('no-staging');
  const b = c.biomarkers;
  if (c.stageIV && [b.kras.status, b.nras.status, b.braf.status, b.msi.status].every((s) => s === 'unknown')) reasons.push('no-biomarker-data');
  return reasons;
}

function untreatedDays(c: Case, now: Date): number | undefined {
  if (!c.stageIV || c.therapy.lines.length > 0 || (c.therapy.unidentified?.length ?? 0) > 0) return undefined;
  const since = c.metastaticDiagnosisDate === undefined ? NaN : Date.parse(c.metastaticDiagnosisDate);
  return Number.isFinite(since) ? Math.max(0, Math.floor((now.getTime() - since) / DAY_MS)) : undefined;
}

/**
 * One patient through the hooks' own step (`assessRecord`, hook `patient-view`, `now` = audit date): every
 * recommendation of chart review is a gap finding; missing staging or biomarkers are data-quality findings.
 */
export function auditPatient(patientId: string, resources: readonly Resource[], s: AuditSettings): PatientAudit {
  const { case: c, evaluation } = assessRecord(resources, { patientId, hook: 'patient-view', now: s.now, settings: s, rules: s.rules });
  const detected = dateOnly(s.now);
  if (!inScope(c)) return { inScope: false, stageIV: c.stageIV, gaps: [], dataQuality: [] };
  const days = untreatedDays(c, s.now);
  return {
    inScope: true,
    stageIV: c.stageIV,
    gaps: evaluation.recommendations.map((r) => gapOf(r, patientId, detected)),
    dataQuality: dataQualityOf(c).map((reason) => ({ kind: 'cannot-evaluate', patientId, reason, detail: DATA_QUALITY_TEXT[reason], firstDetected: detected })),
    ...(days !== undefined ? { untreatedDays: days } : {}),
  };
}
