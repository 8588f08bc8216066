import type { DataQualityReason, GapFinding } from './findings.js';
import type { PatientAudit } from './evaluate-patient.js';

/** Counts over the evaluated patients, mergeable across threads (plain data: it crosses `postMessage`). */
export interface Tally {
  candidates: number;
  inScope: number;
  stageIV: number;
  patientsWithGaps: number;
  rules: Record<string, { title: string; patients: number; findings: number; critical: number; warning: number; info: number }>;
  dataQuality: Partial<Record<DataQualityReason, number>>;
  /** Days since the metastatic diagnosis of each untreated stage IV patient (no id: only the number). */
  untreatedDays: number[];
}

export const emptyTally = (): Tally => ({ candidates: 0, inScope: 0, stageIV: 0, patientsWithGaps: 0, rules: {}, dataQuality: {}, untreatedDays: [] });

function addGap(t: Tally, g: GapFinding, firstOfPatient: boolean): void {
  const r = (t.rules[g.ruleId] ??= { title: g.title, patients: 0, findings: 0, critical: 0, warning: 0, info: 0 });
  r.findings++;
  r[g.indicator]++;
  if (firstOfPatient) r.patients++;
}

export function addPatient(t: Tally, p: PatientAudit): void {
  t.candidates++;
  if (!p.inScope) return;
  t.inScope++;
  if (p.stageIV) t.stageIV++;
  if (p.gaps.length > 0) t.patientsWithGaps++;
  const seen = new Set<string>();
  for (const g of p.gaps) {
    addGap(t, g, !seen.has(g.ruleId));
    seen.add(g.ruleId);
  }
  for (const d of p.dataQuality) t.dataQuality[d.reason] = (t.dataQuality[d.reason] ?? 0) + 1;
  if (p.untreatedDays !== undefined) t.untreatedDays.push(p.untreatedDays);
}

export function mergeTallies(ts: readonly Tally[]): Tally {
  const out = emptyTally();
  for (const t of ts) {
    out.candidates += t.candidates;
    out.inScope += t.inScope;
    out.stageIV += t.stageIV;
    out.patientsWithGaps += t.patientsWithGaps;
    for (const [id, r] of Object.entries(t.rules)) {
      const o = (out.rules[id] ??= { title: r.title, patients: 0, findings: 0, critical: 0, warning: 0, info: 0 });
      o.patients += r.patients;
      o.findings += r.findings;
      o.critical += r.critical;
      o.warning += r.warning;
      o.info += r.info;
    }
    for (const [k, n] of Object.entries(t.dataQuality) as [DataQualityReason, number][]) out.dataQuality[k] = (out.dataQuality[k] ?? 0) + n;
    out.untreatedDays.push(...t.untreatedDays);
  }
  out.untreatedDays.sort((a, b) => a - b);
  return out;
}
