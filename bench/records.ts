/**
 * Patient records for the benchmarks, built with the same typed builders as the clinical scenarios.
 * `realisticRecord`: one stage IV patient 18 months into treatment (~200 resources, all of them inside
 * the service's prefetch). `growthRecord`: records of any size, grown by CEA results and chemotherapy.
 */
import type { Bundle, FhirResource, MedicationRequest } from 'fhir/r4.js';
import {
  aCarePlan, aCeaResult, aDiseaseStatus, aDraftMedication, aHer2, aMedicationAdministration, aMedicationRequest, aMetastasis,
  anEcog, anImagingReport, anMdtReview, anMsiResult, aPatient, aProcedure, aRasVariant, aRectalCancer,
  aRegimenCourse, aResectability, aStageGroup, aTnm, fixtureContext, type DiseaseStatus, type Drug,
  type FixtureContext,
} from '../src/fixtures/builders/index.js';

export const REALISTIC_PATIENT_ID = 'bench-stage-iv-18-months';
export const GROWTH_PATIENT_ID = 'bench-growth';

/** Restaging every ~8 weeks: [daysAgo, CT conclusion, the clinician's judgement]. */
const RESTAGING: Array<[number, string, DiseaseStatus]> = [
  [485, 'Partial response: liver metastases smaller (largest 31 mm, was 48 mm).', 'improved'],
  [430, 'Further partial response of the liver metastases.', 'improved'],
  [375, 'Stable liver metastases.', 'stable'],
  [302, 'Progressive disease: liver metastases enlarging, three new lung nodules.', 'worsened'],
  [215, 'Stable disease on second-line therapy.', 'stable'],
  [150, 'Stable disease.', 'stable'],
  [90, 'Slight decrease of the liver metastases; lung nodules stable.', 'stable'],
  [30, 'Stable disease.', 'stable'],
];

/** CEA (ng/mL) along the course: falls on FOLFOX-bevacizumab, rises at progression, falls on FOLFIRI. */
function ceaAt(daysAgo: number): number {
  if (daysAgo > 400) return Math.round((6 + ((daysAgo - 400) / 145) * 36) * 10) / 10;
  if (daysAgo > 300) return Math.round((6 + ((400 - daysAgo) / 100) * 22) * 10) / 10;
  return Math.round((9 + (daysAgo / 300) * 19) * 10) / 10;
}

/**
 * 64-year-old woman, synchronous stage IVB rectal adenocarcinoma (unresectable liver, later lung
 * metastases), KRAS G12V, BRAF wild-type, MSS, HER2 negative: FOLFOX-bevacizumab from 540 days ago,
 * 5-FU/leucovorin-bevacizumab maintenance, progression 300 days ago, second-line FOLFIRI since
 * (last cycle 10 days ago). CEA every 3-4 weeks, restaging every ~8 weeks, three tumour boards.
 */
export function realisticRecord(now: Date): FhirResource[] {
  const ctx = fixtureContext(now, REALISTIC_PATIENT_ID);
  const rectal = aRectalCancer(ctx, { icd10: 'C20', onsetDaysAgo: 556 });
  const t = aTnm(ctx, 'T', 'cT3', { daysAgo: 550 });
  const n = aTnm(ctx, 'N', 'cN1', { daysAgo: 550 });
  const m = aTnm(ctx, 'M', 'cM1a', { daysAgo: 550 });
  const ceaDays = Array.from({ length: 22 }, (_, i) => 545 - i * 25);
  return [
    aPatient(ctx, { gender: 'female', ageYears: 64, family: 'Bench', given: 'Maria' }),
    rectal,
    aProcedure(ctx, 'colonoscopy', { daysAgo: 556, note: 'Ulcerated tumour 9 cm from the anal verge, biopsied.' }),
    anImagingReport(ctx, { daysAgo: 552, modality: 'CT-CAP', conclusion: 'Mid-rectal tumour; multiple bilobar liver metastases.' }),
    anImagingReport(ctx, { daysAgo: 551, modality: 'MR-pelvis', conclusion: 'cT3c N1, CRM clear, EMVI positive.' }),
    anImagingReport(ctx, { daysAgo: 550, modality: 'MR-liver', conclusion: 'Nine bilobar liver metastases, largest 48 mm.' }),
    t,
    n,
    m,
    aStageGroup(ctx, { value: 'IVA', daysAgo: 550, members: [t, n, m], focus: rectal }),
    aMetastasis(ctx, 'liver', { daysAgo: 550, primary: rectal }),
    aMetastasis(ctx, 'lung', { daysAgo: 302, primary: rectal }),
    aResectability(ctx, 'unresectable', { daysAgo: 546, note: 'Bilobar disease, insufficient future liver remnant.' }),
    aResectability(ctx, 'unresectable', { daysAgo: 425, note: 'Partial response; still unresectable.' }),
    aRasVariant(ctx, { gene: 'KRAS', present: true, variant: 'p.Gly12Val', daysAgo: 545, specimen: 'tissue' }),
    aRasVariant(ctx, { gene: 'NRAS', present: false, daysAgo: 545, specimen: 'tissue' }),
    aRasVariant(ctx, { gene: 'BRAF', present: false, daysAgo: 545, specimen: 'tissue' }),
    anMsiResult(ctx, 'MSS', { daysAgo: 545 }),
    aHer2(ctx, { method: 'ihc', positive: false, daysAgo: 545 }),
    anMdtReview(ctx, { daysAgo: 547, as: 'encounter' }),
    anMdtReview(ctx, { daysAgo: 424, as: 'encounter' }),
    anMdtReview(ctx, { daysAgo: 298, as: 'encounter' }),
    aCarePlan(ctx, { intent: 'palliative', daysAgo: 547 }),
    ...aRegimenCourse(ctx, 'FOLFOX', { startDaysAgo: 540, cycles: 12, withBiologic: 'bevacizumab', status: 'completed', curative: false }),
    ...aRegimenCourse(ctx, '5FU-LV', { startDaysAgo: 372, cycles: 5, withBiologic: 'bevacizumab', status: 'stopped', curative: false }),
    ...aRegimenCourse(ctx, 'FOLFIRI', { startDaysAgo: 276, cycles: 20, status: 'active', curative: false }),
    ...ceaDays.map((days) => aCeaResult(ctx, { daysAgo: days, value: ceaAt(days) })),
    ...RESTAGING.flatMap(([days, conclusion, status]) => [
      anImagingReport(ctx, { daysAgo: days + 1, modality: 'CT-CAP', conclusion }),
      aDiseaseStatus(ctx, status, { daysAgo: days }),
    ]),
    ...[548, 470, 380, 300, 200, 120, 60, 12].map((days) => anEcog(ctx, { score: days > 300 ? 0 : 1, daysAgo: days })),
  ];
}

/** The core of every growth record: a stage IV patient with known biomarkers (the smallest record). */
function growthCore(ctx: FixtureContext): FhirResource[] {
  const rectal = aRectalCancer(ctx, { icd10: 'C20', onsetDaysAgo: 3700 });
  return [
    aPatient(ctx, { gender: 'male', ageYears: 70, family: 'Bench', given: 'Growth' }),
    rectal,
    aStageGroup(ctx, { value: 'IVA', daysAgo: 3690, focus: rectal }),
    aMetastasis(ctx, 'liver', { daysAgo: 3690, primary: rectal }),
    aResectability(ctx, 'unresectable', { daysAgo: 3685 }),
    aRasVariant(ctx, { gene: 'KRAS', present: true, variant: 'p.Gly12Asp', daysAgo: 3680 }),
    anMsiResult(ctx, 'MSS', { daysAgo: 3680 }),
    anEcog(ctx, { score: 1, daysAgo: 3 }),
  ];
}

export const GROWTH_CORE_SIZE = 8;
/** History spread over ten years whatever the size, so a bigger record means denser data, not older data. */
const GROWTH_SPAN_DAYS = 3650;
const COURSES: Drug[][] = [
  ['oxaliplatin', 'leucovorin', 'fluorouracil', 'bevacizumab'],
  ['irinotecan', 'leucovorin', 'fluorouracil'],
];
/** Cycles per course before the next course's orders are written. */
const CYCLES_PER_COURSE = 12;

/**
 * A record of exactly `size` resources (at least the 8 of the core): the core, then half CEA results and
 * half chemotherapy (alternating FOLFOX-bevacizumab and FOLFIRI courses: one MedicationRequest per drug,
 * then one MedicationAdministration per drug and cycle), each series evenly spread over ten years.
 */
export function growthRecord(now: Date, size: number): FhirResource[] {
  if (!Number.isInteger(size) || size < GROWTH_CORE_SIZE) {
    throw new Error(`a growth record has at least ${GROWTH_CORE_SIZE} resources, not ${size}`);
  }
  const ctx = fixtureContext(now, GROWTH_PATIENT_ID);
  const rest = size - GROWTH_CORE_SIZE;
  const ceaCount = Math.ceil(rest / 2);
  const ceas = Array.from({ length: ceaCount }, (_, i) => {
    const days = GROWTH_SPAN_DAYS * (1 - i / ceaCount);
    return aCeaResult(ctx, { daysAgo: days, value: Math.round((5 + 40 * Math.abs(Math.sin(i / 7))) * 10) / 10 });
  });
  return [...growthCore(ctx), ...ceas, ...chemotherapy(ctx, rest - ceaCount)];
}

/** Exactly `count` medication resources, oldest first. */
function chemotherapy(ctx: FixtureContext, count: number): FhirResource[] {
  // Resources per course: its orders plus one administration per drug and cycle.
  const perCourse = (drugs: Drug[]) => drugs.length * (1 + CYCLES_PER_COURSE);
  let courses = 0;
  for (let made = 0; made < count; courses++) made += perCourse(COURSES[courses % COURSES.length] ?? []);
  const courseDays = GROWTH_SPAN_DAYS / Math.max(courses, 1);
  const out: FhirResource[] = [];
  for (let c = 0; c < courses && out.length < count; c++) {
    const drugs = COURSES[c % COURSES.length] ?? [];
    const start = GROWTH_SPAN_DAYS - c * courseDays;
    const orders = new Map<Drug, MedicationRequest>();
    for (const drug of drugs) {
      if (out.length >= count) break;
      const order = aMedicationRequest(ctx, drug, { status: c === courses - 1 ? 'active' : 'completed', authoredDaysAgo: start, intervalDays: 14, curative: false });
      orders.set(drug, order);
      out.push(order);
    }
    for (let cycle = 0; cycle < CYCLES_PER_COURSE; cycle++) {
      const day = start - (cycle * courseDays) / CYCLES_PER_COURSE;
      for (const drug of drugs) {
        if (out.length >= count) break;
        const request = orders.get(drug);
        out.push(aMedicationAdministration(ctx, drug, { daysAgo: day, ...(request ? { request } : {}) }));
      }
    }
  }
  return out;
}

/**
 * Drugs drafted in turn by `draftOrders`: a FOLFIRI-bevacizumab order set and its neighbours, with cetuximab,
 * which this KRAS-mutant patient must not get, so that the order rules' card path is measured too.
 */
const DRAFT_DRUGS: Drug[] = ['irinotecan', 'leucovorin', 'fluorouracil', 'bevacizumab', 'cetuximab', 'oxaliplatin', 'capecitabine'];

/**
 * `count` draft MedicationRequests for the realistic patient, as an order-sign `context.draftOrders`
 * Bundle (ids `${patientId}-draft-...`, never colliding with the record's).
 */
export function draftOrders(now: Date, count: number): Bundle {
  const ctx = fixtureContext(now, REALISTIC_PATIENT_ID, `${REALISTIC_PATIENT_ID}-draft`);
  const orders = Array.from({ length: count }, (_, i) => {
    const drug = DRAFT_DRUGS[i % DRAFT_DRUGS.length] as Drug;
    return aDraftMedication(ctx, drug, drug === 'capecitabine' ? {} : { intervalDays: 14 });
  });
  return { resourceType: 'Bundle', type: 'collection', entry: orders.map((resource) => ({ resource })) };
}
