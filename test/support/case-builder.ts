import type {
  Case,
  Gene,
  GeneFinding,
  GeneStatus,
  MetastaticSite,
  Provenance,
  Resectability,
  Symptom,
  DrugExposure,
  Drug,
} from '../../src/domain/case.js';
import { DAY_MS } from '../../src/domain/time.js';

/** A fixed request time for deterministic rule tests. */
export const NOW = new Date('2026-06-01T12:00:00Z');

export function daysAgo(n: number, now: Date = NOW): string {
  return new Date(now.getTime() - n * DAY_MS).toISOString();
}

function src(resourceType: string, id: string, date?: string): Provenance {
  return date ? { resourceType, id, date } : { resourceType, id };
}

function gene(g: Gene, status: GeneStatus = 'unknown', variant?: string, dateDaysAgo = 30, exon2Only = false): GeneFinding {
  if (status === 'unknown') return { gene: g, status, results: [], conflict: false };
  const used = { status, ...(variant ? { variant } : {}), ...(exon2Only ? { exon2Only } : {}), source: src('Observation', `${g.toLowerCase()}-1`, daysAgo(dateDaysAgo)) };
  return { gene: g, status, used, results: [used], conflict: false };
}

/**
 * A stage IV rectal cancer case with nothing else known: no biomarkers, no therapy, no ECOG.
 * Tests add exactly the facts they are about.
 */
export function aStageIvCase(overrides: Partial<Case> = {}): Case {
  const metDate = daysAgo(20);
  return {
    patientId: 'p1',
    now: NOW.toISOString(),
    deceased: false,
    scope: { kind: 'rectal', condition: src('Condition', 'dx', daysAgo(25)) },
    diagnosisDate: daysAgo(25),
    stageGroup: { value: 'IVB', source: src('Observation', 'stage', metDate) },
    tnm: {},
    stageIV: true,
    metastases: [{ site: 'liver', date: metDate, source: src('Condition', 'liver-met', metDate) }],
    metastaticDiagnosisDate: metDate,
    resectabilityHistory: [],
    symptoms: [],
    biomarkers: {
      kras: gene('KRAS'),
      nras: gene('NRAS'),
      braf: { ...gene('BRAF'), v600e: false },
      her2: { status: 'unknown' },
      msi: { status: 'unknown', conflict: false },
    },
    cea: { values: [], upperNormal: 5 },
    therapy: { exposures: [], lines: [] },
    radiotherapy: [],
    procedures: [],
    primaryResected: false,
    ...overrides,
  };
}

export const withGene = (g: Gene, status: GeneStatus, variant?: string, opts: { exon2Only?: boolean } = {}) =>
  gene(g, status, variant, 30, opts.exon2Only ?? false);

export function withEcog(ecog: number, days = 10): Pick<Case, 'performance'> {
  return { performance: { ecog, from: 'ECOG', date: daysAgo(days), source: src('Observation', 'ecog', daysAgo(days)) } };
}

export function withResectability(value: Resectability, days = 5): Pick<Case, 'resectabilityHistory'> {
  const fact = { value, source: src('Observation', `resect-${value}`, daysAgo(days)) };
  return { resectabilityHistory: [fact] };
}

/**
 * Synchronous (rectal diagnosis 5 days before the metastatic one, as in `aStageIvCase`), metachronous (400 days
 * before), or unknown (no rectal diagnosis date).
 */
export function withSynchronous(synchronous: boolean | undefined): Pick<Case, 'diagnosisDate'> {
  return { diagnosisDate: synchronous === undefined ? undefined : daysAgo(synchronous ? 25 : 400) };
}

export function withSymptom(symptom: Symptom) {
  return { symptom, source: src('Condition', symptom, daysAgo(3)) };
}

export function exposure(drug: Drug, days: number, kind: DrugExposure['kind'] = 'administration', active = false): DrugExposure {
  return { drug, kind, active, date: daysAgo(days), source: src(kind === 'order' ? 'MedicationRequest' : 'MedicationAdministration', `${drug}-${days}`, daysAgo(days)) };
}

export function metastasis(site: MetastaticSite, days = 20) {
  return { site, date: daysAgo(days), source: src('Condition', `met-${site}`, daysAgo(days)) };
}

// ---- local treatment, lines and intent (chart-review rules RC-17..RC-25, RC-E4/E5/E8) -------------------

import type { DiseaseStatus, ProcedureKind, Radiotherapy, RadiotherapyCourse, TherapyLine } from '../../src/domain/case.js';

/** A procedure done `days` ago, or planned for `-days` (negative = in the future); `days` undefined = undated. */
export function procedure(
  kind: ProcedureKind,
  status: 'done' | 'planned',
  days: number | undefined,
  opts: { emergency?: boolean } = {},
) {
  const date = days === undefined ? undefined : daysAgo(days);
  const resourceType = status === 'done' ? 'Procedure' : 'ServiceRequest';
  return { kind, status, emergency: opts.emergency ?? false, ...(date ? { date } : {}), source: src(resourceType, `${kind}-${status}`, date) };
}

export function radiotherapy(course: RadiotherapyCourse, status: Radiotherapy['status'], days: number, pelvic = true): Radiotherapy {
  const dose = course === 'short-course' ? { totalDoseCGy: 2500, fractions: 5 } : course === 'long-course' ? { totalDoseCGy: 5040, fractions: 28 } : {};
  return { course, pelvic, ...dose, status, date: daysAgo(days), source: src(status === 'done' ? 'Procedure' : 'ServiceRequest', `rt-${course}`, daysAgo(days)) };
}

/** A line of therapy started `startDays` ago, running (an active order) unless said otherwise. */
export function line(number: number, regimen: TherapyLine['regimen'], drugs: Drug[], startDays: number, active = true): TherapyLine {
  return { number, regimen, drugs, start: daysAgo(startDays), lastGiven: daysAgo(active ? Math.min(startDays, 7) : startDays), activeRecord: active };
}

/** A therapy line plus one administration per drug at its start and, when active, a week ago with an active order. */
export function onLine(l: TherapyLine, opts: { curative?: boolean } = {}): Pick<Case, 'therapy'> {
  const startDays = Math.round((NOW.getTime() - Date.parse(l.start ?? NOW.toISOString())) / DAY_MS);
  const exposures = l.drugs.flatMap((d) => [
    { ...exposure(d, startDays), ...(opts.curative ? { curative: true } : {}) },
    ...(l.activeRecord
      ? [{ ...exposure(d, 7), ...(opts.curative ? { curative: true } : {}) }, { ...exposure(d, startDays, 'order', true), ...(opts.curative ? { curative: true } : {}) }]
      : []),
  ]);
  return { therapy: { exposures, lines: [l] } };
}

export function withCurativeIntent(days = 10): Pick<Case, 'curativeIntent'> {
  return { curativeIntent: src('CarePlan', 'curative-plan', daysAgo(days)) };
}

export function withDiseaseStatus(value: DiseaseStatus, days = 7): Pick<Case, 'diseaseStatus'> {
  return { diseaseStatus: { value, source: src('Observation', `status-${value}`, daysAgo(days)) } };
}

export function withTnm(t?: string, n?: string, m?: string): Pick<Case, 'tnm'> {
  const fact = (value: string) => ({ value, source: src('Observation', `tnm-${value}`, daysAgo(25)) });
  return { tnm: { ...(t ? { t: fact(t) } : {}), ...(n ? { n: fact(n) } : {}), ...(m ? { m: fact(m) } : {}) } };
}

/** Resectability documented `earlier` (days ago) and then `latest` (days ago), oldest first. */
export function withResectabilityChange(
  earlier: Resectability,
  latest: Resectability,
  days: { earlier: number; latest: number } = { earlier: 90, latest: 3 },
): Pick<Case, 'resectabilityHistory'> {
  const a = { value: earlier, source: src('Observation', `resect-${earlier}`, daysAgo(days.earlier)) };
  const b = { value: latest, source: src('Observation', `resect-${latest}-2`, daysAgo(days.latest)) };
  return { resectabilityHistory: [a, b] };
}

/** The record the last bevacizumab dose is read from: an administration, a statement, or a stopped order's date. */
export function withLastBevacizumab(days: number, basis: 'administration' | 'statement' | 'order-date' = 'administration'): DrugExposure {
  const kind = basis === 'administration' ? 'administration' : basis === 'statement' ? 'statement' : 'order';
  const resourceType = basis === 'administration' ? 'MedicationAdministration' : basis === 'statement' ? 'MedicationStatement' : 'MedicationRequest';
  return { drug: 'bevacizumab', kind, active: false, date: daysAgo(days), source: src(resourceType, `bev-${days}`, daysAgo(days)) };
}

/** A local (pelvic) recurrence after resection of the primary, with no distant metastasis: not stage IV. */
export function aLocalRecurrenceCase(overrides: Partial<Case> = {}): Case {
  return aStageIvCase({
    stageIV: false,
    stageGroup: undefined,
    metastases: [],
    metastaticDiagnosisDate: undefined,
    primaryResected: true,
    procedures: [procedure('primary-resection', 'done', 1200)],
    recurrence: { local: true, source: src('Condition', 'dx', daysAgo(1240)) },
    ...withTnm('pT3', 'pN0', 'cM0'),
    ...overrides,
  });
}

// ---- later lines, biomarkers for targeted and immune therapy, restaging (RC-06..RC-16, RC-E2/E3/E6) ------

import type { Biomarkers, CeaValue } from '../../src/domain/case.js';

/** Several lines (oldest first): administrations at each start; the active one also a week ago with an active order. */
export function onLines(...lines: TherapyLine[]): Pick<Case, 'therapy'> {
  const exposures = lines.flatMap((l) => onLine(l).therapy.exposures);
  return { therapy: { exposures, lines } };
}

/** The default (all unknown) biomarkers with the given findings replaced. */
export function withBiomarkers(over: Partial<Biomarkers>): Pick<Case, 'biomarkers'> {
  return { biomarkers: { ...aStageIvCase().biomarkers, ...over } };
}

export function msiFinding(status: 'MSI-H' | 'MSS', conflict = false): Biomarkers['msi'] {
  return { status, conflict, used: { value: status, source: src('Observation', `msi-${status}`, daysAgo(30)) } };
}

export function brafV600e(): Biomarkers['braf'] {
  return { ...withGene('BRAF', 'mutant', 'p.Val600Glu'), v600e: true };
}

export function her2(status: 'amplified' | 'not-amplified'): Biomarkers['her2'] {
  return { status, used: src('Observation', `her2-${status}`, daysAgo(12)) };
}

/** Complete RAS wild-type (KRAS and NRAS). */
export function rasWildTypeFindings(): Pick<Biomarkers, 'kras' | 'nras'> {
  return { kras: withGene('KRAS', 'wild-type'), nras: withGene('NRAS', 'wild-type') };
}

export function withImaging(days: number): Pick<Case, 'lastImaging'> {
  return { lastImaging: { value: daysAgo(days), source: src('DiagnosticReport', `ct-${days}`, daysAgo(days)) } };
}

function ceaValue(value: number, days: number): CeaValue {
  return { value, belowDetection: false, date: daysAgo(days), source: src('Observation', `cea-${days}`, daysAgo(days)) };
}

/** CEA series from `[daysAgo, value]` pairs (oldest first); what it means (rising, response) is the engine's. */
export function withCea(points: [number, number][]): Pick<Case, 'cea'> {
  return { cea: { values: points.map(([d, v]) => ceaValue(v, d)), upperNormal: 5 } };
}

export function withKarnofsky(karnofsky: number, ecog: number, days = 10): Pick<Case, 'performance'> {
  return { performance: { ecog, from: 'Karnofsky', karnofsky, date: daysAgo(days), source: src('Observation', 'kps', daysAgo(days)) } };
}

/** First-line FOLFOX-bevacizumab started `startDays` ago. */
export const folfoxLine = (startDays: number, active = true) => line(1, 'FOLFOX', ['fluorouracil', 'oxaliplatin', 'bevacizumab'], startDays, active);

/** Second-line FOLFIRI-bevacizumab started `startDays` ago. */
export const folfiriSecondLine = (startDays: number, active = true) => line(2, 'FOLFIRI', ['fluorouracil', 'irinotecan', 'bevacizumab'], startDays, active);
