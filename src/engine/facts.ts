import type { Case, DrugExposure, GeneFinding, SymptomFact } from '../domain/case.js';
import type { BasedOn } from './types.js';
import { DAY_MS } from '../domain/time.js';

/**
 * Derived clinical facts shared by several rules, named as the decision table names them.
 * Pure functions of the case; `now` comes from `Case.now`.
 */


export function daysBetween(fromIso: string, to: Date | string): number {
  const toMs = typeof to === 'string' ? Date.parse(to) : to.getTime();
  return Math.floor((toMs - Date.parse(fromIso)) / DAY_MS);
}

export function isoDay(iso: string | undefined): string {
  return iso ? iso.slice(0, 10) : 'date unknown';
}

/** Drugs that count as systemic anticancer therapy (leucovorin alone is a modulator, not therapy). */
function isSystemicTherapy(e: DrugExposure): boolean {
  return e.drug !== 'leucovorin' && e.drug !== 'levoleucovorin';
}

/** Systemic therapy given or ordered (not draft) on or after the metastatic diagnosis date. */
export function systemicTherapySinceMetastatic(c: Case): DrugExposure[] {
  const since = c.metastaticDiagnosisDate ? Date.parse(c.metastaticDiagnosisDate) : undefined;
  return c.therapy.exposures.filter((e) => {
    if (!isSystemicTherapy(e)) return false;
    if (e.active) return true;
    if (since === undefined) return true;
    // An exposure without a date cannot be placed in time: count it, so we never claim "untreated" wrongly.
    return e.date === undefined || Date.parse(e.date) >= since - DAY_MS;
  });
}

/** Medication records since the metastatic diagnosis whose drug could not be read: maybe anticancer therapy. */
export function unidentifiedTherapySinceMetastatic(c: Case): NonNullable<Case['therapy']['unidentified']> {
  const since = c.metastaticDiagnosisDate ? Date.parse(c.metastaticDiagnosisDate) : undefined;
  return (c.therapy.unidentified ?? []).filter(
    (u) => u.active || since === undefined || u.date === undefined || Date.parse(u.date) >= since - DAY_MS,
  );
}

/** Untreated: no systemic therapy since the metastatic diagnosis, and no medication record we could not read. */
export function isUntreatedSinceMetastatic(c: Case): boolean {
  return systemicTherapySinceMetastatic(c).length === 0 && unidentifiedTherapySinceMetastatic(c).length === 0;
}

const OBSTRUCTIVE: ReadonlySet<string> = new Set(['obstruction', 'perforation']);
const PRIMARY_SYMPTOMS: ReadonlySet<string> = new Set([
  'obstruction',
  'impending-obstruction',
  'perforation',
  'bleeding',
  'primary-tumour-pain',
]);

export function obstructionOrPerforation(c: Case): SymptomFact[] {
  return c.symptoms.filter((s) => OBSTRUCTIVE.has(s.symptom));
}

/** Symptoms caused by the primary tumour (symptomatic metastases are not the primary's). */
export function primarySymptoms(c: Case): SymptomFact[] {
  return c.symptoms.filter((s) => PRIMARY_SYMPTOMS.has(s.symptom));
}

/** ECOG 0-2, or not documented: fit enough for combination therapy per the table (unknown carries a caveat). */
export function fitForCombination(c: Case): boolean {
  return c.performance === undefined || c.performance.ecog <= 2;
}

/** Unresectable per the decision table: latest resectability absent or `unresectable`. */
export function isUnresectable(c: Case): boolean {
  return c.resectability === undefined || c.resectability.value === 'unresectable';
}

/** RAS wild-type: KRAS wild-type, and in extended mode (RC-E1) NRAS wild-type and a complete (not exon-2-only) KRAS test. */
export function rasWildType(c: Case, extended: boolean): boolean {
  const kras = c.biomarkers.kras;
  if (kras.status !== 'wild-type') return false;
  if (!extended) return true;
  return c.biomarkers.nras.status === 'wild-type' && !kras.used?.exon2Only;
}

/**
 * RAS wild-type as a card may state it to recommend an anti-EGFR antibody: as `rasWildType`, and never with a
 * known NRAS mutation on file, even in seed-only mode (which otherwise judges RAS by KRAS alone).
 */
export function rasWildTypeForAntiEgfr(c: Case, extended: boolean): boolean {
  return rasWildType(c, extended) && c.biomarkers.nras.status !== 'mutant';
}

/** Any RAS mutation that excludes anti-EGFR: KRAS, and in extended mode NRAS. */
export function rasMutant(c: Case, extended: boolean): GeneFinding | undefined {
  if (c.biomarkers.kras.status === 'mutant') return c.biomarkers.kras;
  if (extended && c.biomarkers.nras.status === 'mutant') return c.biomarkers.nras;
  return undefined;
}

// ---- "based on" lines -------------------------------------------------------------------------------

export function stageBasis(c: Case): BasedOn {
  if (c.stageGroup) return { label: 'Stage', value: c.stageGroup.value, date: c.stageGroup.source.date, source: c.stageGroup.source };
  if (c.tnm.m) return { label: 'M category', value: c.tnm.m.value, date: c.tnm.m.source.date, source: c.tnm.m.source };
  const sites = [...new Set(c.metastases.map((m) => m.site))].join(', ');
  const first = c.metastases[0];
  return { label: 'Distant metastases', value: sites || 'documented', date: first?.date, source: first?.source };
}

export function metastasesBasis(c: Case): BasedOn | undefined {
  if (c.metastases.length === 0) return undefined;
  const sites = [...new Set(c.metastases.map((m) => m.site))].join(', ');
  return { label: 'Metastatic sites', value: sites, date: c.metastaticDiagnosisDate };
}

export function geneBasis(label: string, g: GeneFinding): BasedOn {
  if (g.status === 'unknown' || !g.used) return { label, value: 'no valid result on file' };
  const variant = g.used.variant ? ` ${g.used.variant}` : '';
  const scope = g.used.exon2Only ? ' (exon 2 only)' : '';
  const conflict = g.conflict ? ' — conflicting results on file; the mutant result is used' : '';
  return { label, value: `${g.status}${variant}${scope}${conflict}`, date: g.used.source.date, source: g.used.source };
}

export function performanceBasis(c: Case): BasedOn {
  const p = c.performance;
  if (!p) return { label: 'Performance status', value: 'not documented in the last 90 days' };
  const from = p.from === 'Karnofsky' ? ` (Karnofsky ${p.karnofsky ?? '?'})` : '';
  return { label: 'ECOG', value: `${p.ecog}${from}`, date: p.date, source: p.source };
}

export function resectabilityBasis(c: Case): BasedOn {
  const r = c.resectability;
  if (!r) return { label: 'Resectability (MDT)', value: 'not documented' };
  return { label: 'Resectability (MDT)', value: r.value, date: r.source.date, source: r.source };
}

export function therapyBasis(c: Case): BasedOn {
  const since = systemicTherapySinceMetastatic(c);
  if (since.length === 0) {
    const from = c.metastaticDiagnosisDate ? ` since ${isoDay(c.metastaticDiagnosisDate)}` : '';
    return { label: 'Systemic therapy', value: `none${from}` };
  }
  const drugs = [...new Set(since.map((e) => e.drug))].join(', ');
  const first = since.map((e) => e.date).filter((d): d is string => !!d).sort()[0];
  return { label: 'Systemic therapy', value: drugs, date: first };
}

export function ceaBasis(c: Case): BasedOn | undefined {
  const latest = c.cea.latest;
  if (!latest) return undefined;
  const trend = c.cea.trend === 'insufficient-data' ? '' : `, ${c.cea.trend}`;
  const prefix = latest.belowDetection ? '<' : '';
  return { label: 'CEA', value: `${prefix}${latest.value} ng/mL${trend}`, date: latest.date, source: latest.source };
}

export function compact<T>(xs: (T | undefined)[]): T[] {
  return xs.filter((x): x is T => x !== undefined);
}
