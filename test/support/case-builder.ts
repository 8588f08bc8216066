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

/** A fixed request time for deterministic rule tests. */
export const NOW = new Date('2026-06-01T12:00:00Z');

export function daysAgo(n: number, now: Date = NOW): string {
  return new Date(now.getTime() - n * 86_400_000).toISOString();
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
    synchronous: true,
    resectabilityHistory: [],
    symptoms: [],
    biomarkers: {
      kras: gene('KRAS'),
      nras: gene('NRAS'),
      braf: { ...gene('BRAF'), v600e: false },
      her2: { status: 'unknown' },
      msi: { status: 'unknown', conflict: false },
    },
    cea: { values: [], upperNormal: 5, trend: 'insufficient-data', rising: false, response: false },
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

export function withResectability(value: Resectability, days = 5): Pick<Case, 'resectability' | 'resectabilityHistory'> {
  const fact = { value, source: src('Observation', `resect-${value}`, daysAgo(days)) };
  return { resectability: fact, resectabilityHistory: [fact] };
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
