import fc from 'fast-check';
import type {
  BiomarkerResult,
  Case,
  Drug,
  DrugExposure,
  Gene,
  GeneFinding,
  GeneStatus,
  MetastaticSite,
  ProcedureKind,
  Provenance,
  Regimen,
  Symptom,
  TherapyLine,
} from '../../src/domain/case.js';
import { NOW, daysAgo } from './case-builder.js';

/**
 * Random cases for the property tests, as the mapper builds them: every field the rules read (scope, stage,
 * sites, biomarkers incl. unknown and conflicts, ECOG incl. missing, symptoms, lines, local treatment, goals
 * of care), weighted towards the states the rules care about.
 */
const src = (resourceType: string, id: string, date?: string): Provenance => (date ? { resourceType, id, date } : { resourceType, id });
const dayArb = fc.integer({ min: 0, max: 1500 });
const dateArb = dayArb.map((d) => daysAgo(d));
const futureOrPastArb = fc.integer({ min: -120, max: 400 }).map((d) => daysAgo(d));

const DRUGS: Drug[] = [
  'fluorouracil', 'capecitabine', 'leucovorin', 'levoleucovorin', 'oxaliplatin', 'irinotecan', 'bevacizumab', 'cetuximab',
  'panitumumab', 'pembrolizumab', 'nivolumab', 'ipilimumab', 'encorafenib', 'sotorasib', 'adagrasib', 'trastuzumab', 'tucatinib',
  'trifluridine-tipiracil', 'regorafenib', 'fruquintinib', 'floxuridine',
];
const SITES: MetastaticSite[] = ['liver', 'lung', 'peritoneum', 'bone', 'brain', 'pleura', 'adrenal', 'distant-lymph-node', 'other'];
const SYMPTOMS: Symptom[] = ['obstruction', 'impending-obstruction', 'perforation', 'bleeding', 'primary-tumour-pain', 'symptomatic-metastasis'];
const PROCEDURES: ProcedureKind[] = [
  'primary-resection', 'diversion', 'rectal-stent', 'liver-resection', 'ablation', 'embolisation', 'radioembolisation',
  'hepatic-arterial-infusion', 'other-major-surgery',
];
const REGIMENS: Regimen[] = ['FOLFOX', 'CAPOX', 'FOLFIRI', 'FOLFOXIRI', 'fluoropyrimidine', 'other'];
const VARIANTS: Record<Gene, string[]> = {
  KRAS: ['p.Gly12Asp', 'p.Gly12Val', 'p.Gly12Cys', 'p.Gly13Asp'],
  NRAS: ['p.Gln61Lys', 'p.Gly12Asp'],
  BRAF: ['p.Val600Glu', 'p.Asp594Gly'],
  ERBB2: ['amplification'],
};

/** A gene finding as the mapper builds it: valid results, a mutant outranking wild-type, conflicts flagged. */
function geneArb(gene: Gene): fc.Arbitrary<GeneFinding> {
  // One clean wild-type result in a quarter of the cases, so the wild-type-only rules (RC-E4, RC-E6) are reached.
  const clean = dateArb.map((date): GeneFinding => {
    const used: BiomarkerResult = { status: 'wild-type', source: src('Observation', `${gene}-wt`, date) };
    return { gene, status: 'wild-type', used, results: [used], conflict: false };
  });
  return fc.oneof({ weight: 1, arbitrary: clean }, { weight: 3, arbitrary: anyGeneArb(gene) });
}

function anyGeneArb(gene: Gene): fc.Arbitrary<GeneFinding> {
  const resultArb = fc.record({
    status: fc.constantFrom<'mutant' | 'wild-type'>('mutant', 'wild-type'),
    variant: fc.option(fc.constantFrom(...VARIANTS[gene]), { nil: undefined }),
    exon2Only: fc.boolean(),
    date: dateArb,
  });
  return fc.array(resultArb, { maxLength: 3 }).map((rs): GeneFinding => {
    const results: BiomarkerResult[] = rs.map((r, k) => ({
      status: r.status,
      ...(r.status === 'mutant' && r.variant ? { variant: r.variant } : {}),
      ...(gene === 'KRAS' && r.exon2Only ? { exon2Only: true } : {}),
      source: src('Observation', `${gene}-${k}`, r.date),
    }));
    const used = results.find((r) => r.status === 'mutant') ?? results[0];
    const status: GeneStatus = used?.status ?? 'unknown';
    const conflict = results.some((r) => r.status === 'mutant') && results.some((r) => r.status === 'wild-type');
    return { gene, status, ...(used ? { used } : {}), results, conflict };
  });
}

const exposureArb: fc.Arbitrary<DrugExposure> = fc
  .record({
    drug: fc.constantFrom(...DRUGS),
    kind: fc.constantFrom<DrugExposure['kind']>('order', 'administration', 'statement'),
    active: fc.boolean(),
    days: fc.option(fc.integer({ min: 0, max: 900 }), { nil: undefined }),
    curative: fc.option(fc.boolean(), { nil: undefined }),
  })
  .map(({ drug, kind, active, days, curative }) => ({
    drug,
    kind,
    active,
    ...(days !== undefined ? { date: daysAgo(days) } : {}),
    ...(curative !== undefined ? { curative } : {}),
    source: src('MedicationAdministration', `${drug}-${days ?? 'x'}`, days !== undefined ? daysAgo(days) : undefined),
  }));

/** Real regimens most of the time (with or without a biologic), any drug mix otherwise. */
const lineDrugsArb: fc.Arbitrary<Drug[]> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc
      .tuple(
        fc.constantFrom<Drug[]>(['fluorouracil', 'oxaliplatin'], ['capecitabine', 'oxaliplatin'], ['fluorouracil', 'irinotecan'], ['fluorouracil', 'oxaliplatin', 'irinotecan'], ['capecitabine']),
        fc.subarray<Drug>(['bevacizumab', 'cetuximab', 'panitumumab', 'pembrolizumab', 'encorafenib'], { maxLength: 2 }),
      )
      .map(([backbone, biologics]) => [...backbone, ...biologics]),
  },
  { weight: 1, arbitrary: fc.subarray(DRUGS, { minLength: 1, maxLength: 4 }) },
);

const lineArb = (n: number): fc.Arbitrary<TherapyLine> =>
  fc
    .record({
      regimen: fc.constantFrom(...REGIMENS),
      drugs: lineDrugsArb,
      start: fc.option(fc.oneof({ weight: 3, arbitrary: fc.integer({ min: 0, max: 400 }) }, { weight: 1, arbitrary: dayArb }), { nil: undefined }),
      cycles: fc.option(fc.integer({ min: 1, max: 16 }), { nil: undefined }),
      active: fc.boolean(),
    })
    .map(({ regimen, drugs, start, cycles, active }) => ({
      number: n,
      regimen,
      drugs,
      ...(start !== undefined ? { start: daysAgo(start), lastGiven: daysAgo(active ? Math.min(start, 10) : Math.max(start, 60)) } : {}),
      ...(cycles !== undefined ? { administrationDays: cycles } : {}),
      activeRecord: active,
    }));

const linesArb: fc.Arbitrary<TherapyLine[]> = fc
  .integer({ min: 0, max: 3 })
  .chain((k) => fc.tuple(...Array.from({ length: k }, (_, i) => lineArb(i + 1))).map((ls) => [...ls]));

const resectabilityArb = fc.constantFrom<'resectable' | 'potentially-resectable' | 'unresectable'>('resectable', 'potentially-resectable', 'unresectable');

/** Random cases over every field the rules read: scope, stage, sites, biomarkers (incl. unknown and conflicts), ECOG (incl. missing), symptoms, lines, local treatment. */
const anyCaseArb: fc.Arbitrary<Case> = fc
  .record({
    deceased: fc.oneof({ weight: 9, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
    scope: fc.oneof(
      { weight: 8, arbitrary: fc.constant<Case['scope']>({ kind: 'rectal', condition: src('Condition', 'dx', daysAgo(400)) }) },
      { weight: 1, arbitrary: fc.constant<Case['scope']>({ kind: 'rectosigmoid', condition: src('Condition', 'dx', daysAgo(400)) }) },
      { weight: 2, arbitrary: fc.constantFrom<Case['scope']>(
        { kind: 'out-of-scope', reason: 'colon-cancer' },
        { kind: 'out-of-scope', reason: 'anal-cancer' },
        { kind: 'out-of-scope', reason: 'deceased' },
        { kind: 'out-of-scope', reason: 'no-rectal-cancer' },
      ) },
    ),
    stageIV: fc.boolean(),
    stageGroup: fc.option(fc.constantFrom<'III' | 'IV' | 'IVA' | 'IVB' | 'IVC'>('III', 'IV', 'IVA', 'IVB', 'IVC'), { nil: undefined }),
    t: fc.option(fc.constantFrom('cT2', 'cT3', 'cT4a', 'cT4b', 'pT3', 'TX'), { nil: undefined }),
    n: fc.option(fc.constantFrom('cN0', 'cN1', 'cN2', 'pN0', 'NX'), { nil: undefined }),
    m: fc.option(fc.constantFrom('cM0', 'cM1', 'cM1a', 'cM1c'), { nil: undefined }),
    sites: fc.subarray(SITES, { maxLength: 3 }),
    metDays: fc.option(dayArb, { nil: undefined }),
    synchronous: fc.option(fc.boolean(), { nil: undefined }),
    resectability: fc.array(resectabilityArb, { maxLength: 3 }),
    mdt: fc.boolean(),
    curative: fc.oneof({ weight: 3, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
    recurrence: fc.option(fc.boolean(), { nil: undefined }),
    symptoms: fc.subarray(SYMPTOMS, { maxLength: 3 }),
    kras: geneArb('KRAS'),
    nras: geneArb('NRAS'),
    braf: geneArb('BRAF'),
    her2: fc.constantFrom<'amplified' | 'not-amplified' | 'unknown'>('amplified', 'not-amplified', 'unknown'),
    msi: fc.constantFrom<'MSI-H' | 'MSS' | 'unknown'>('MSI-H', 'MSS', 'unknown'),
    msiConflict: fc.boolean(),
    cea: fc.record({ pattern: fc.constantFrom<'rising' | 'fallen' | 'one'>('rising', 'fallen', 'one'), latest: fc.integer({ min: 10, max: 300 }) }),
    ecog: fc.option(fc.integer({ min: 0, max: 4 }), { nil: undefined }),
    diseaseStatus: fc.option(fc.constantFrom<'improved' | 'stable' | 'worsened'>('improved', 'stable', 'worsened'), { nil: undefined }),
    imagingDays: fc.option(dayArb, { nil: undefined }),
    exposures: fc.array(exposureArb, { maxLength: 8 }),
    lines: linesArb,
    lastBev: fc.option(fc.record({ days: fc.integer({ min: 0, max: 200 }), basis: fc.constantFrom<'administration' | 'statement' | 'order-date'>('administration', 'statement', 'order-date') }), { nil: undefined }),
    radiotherapy: fc.array(
      fc.record({ course: fc.constantFrom<'short-course' | 'long-course' | 'other'>('short-course', 'long-course', 'other'), pelvic: fc.boolean(), status: fc.constantFrom<'done' | 'planned'>('done', 'planned'), date: futureOrPastArb }),
      { maxLength: 2 },
    ),
    procedures: fc.array(
      fc.record({ kind: fc.constantFrom(...PROCEDURES), status: fc.constantFrom<'done' | 'planned'>('done', 'planned'), emergency: fc.boolean(), date: fc.option(futureOrPastArb, { nil: undefined }) }),
      { maxLength: 3 },
    ),
    primaryResected: fc.boolean(),
    goals: fc.record({
      comfort: fc.oneof({ weight: 5, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
      dnr: fc.boolean(),
      palliative: fc.boolean(),
    }),
  })
  .map((r): Case => {
    const fact = <T>(value: T, id: string) => ({ value, source: src('Observation', id, daysAgo(20)) });
    const history = r.resectability.map((v, i) => ({ value: v, source: src('Observation', `res-${i}`, daysAgo(100 - i * 30)) }));
    const ceaAt = (value: number, days: number) => ({ value, belowDetection: false, date: daysAgo(days), source: src('Observation', `cea-${days}`, daysAgo(days)) });
    // Raw series whose meaning the fact base judges: two rises from a low nadir, a fall to <= 50% of a value
    // from before any line, or a single value.
    const ceaValues = {
      rising: [ceaAt(4, 90), ceaAt(r.cea.latest / 2, 45), ceaAt(r.cea.latest, 5)],
      fallen: [ceaAt(r.cea.latest * 2.5, 420), ceaAt(r.cea.latest, 5)],
      one: [ceaAt(r.cea.latest, 5)],
    }[r.cea.pattern];
    return {
      patientId: 'p',
      now: NOW.toISOString(),
      deceased: r.deceased,
      scope: r.scope,
      // The rectal diagnosis 400 days back, or close to the metastatic one (synchronous), or undated.
      ...(r.synchronous === undefined ? {} : { diagnosisDate: r.synchronous ? daysAgo((r.metDays ?? 60) + 10) : daysAgo(400 + (r.metDays ?? 60)) }),
      ...(r.stageGroup ? { stageGroup: fact(r.stageGroup, 'stage') } : {}),
      tnm: { ...(r.t ? { t: fact(r.t, 't') } : {}), ...(r.n ? { n: fact(r.n, 'n') } : {}), ...(r.m ? { m: fact(r.m, 'm') } : {}) },
      stageIV: r.stageIV,
      metastases: r.sites.map((site) => ({ site, date: daysAgo(r.metDays ?? 60), source: src('Condition', `met-${site}`) })),
      ...(r.metDays !== undefined ? { metastaticDiagnosisDate: daysAgo(r.metDays) } : {}),
      resectabilityHistory: history,
      mdtReviews: r.mdt ? [src('Procedure', 'mdt', daysAgo(30))] : [],
      goalsOfCare: {
        ...(r.goals.comfort ? { comfortCare: { value: 'hospice enrolment', source: src('EpisodeOfCare', 'hospice', daysAgo(10)) } } : {}),
        ...(r.goals.dnr ? { doNotResuscitate: src('Condition', 'dnr', daysAgo(60)) } : {}),
        ...(r.goals.palliative ? { palliativeCare: src('ServiceRequest', 'palliative', daysAgo(20)) } : {}),
      },
      ...(r.curative ? { curativeIntent: src('CarePlan', 'plan', daysAgo(30)) } : {}),
      ...(r.recurrence !== undefined ? { recurrence: { local: r.recurrence, source: src('Condition', 'dx') } } : {}),
      symptoms: r.symptoms.map((symptom) => ({ symptom, source: src('Condition', symptom) })),
      biomarkers: {
        kras: r.kras,
        nras: r.nras,
        braf: { ...r.braf, v600e: r.braf.status === 'mutant' && r.braf.used?.variant === 'p.Val600Glu' },
        her2: { status: r.her2 },
        msi: {
          status: r.msi,
          ...(r.msi !== 'unknown' ? { used: { value: r.msi, source: src('Observation', 'msi', daysAgo(40)) } } : {}),
          conflict: r.msi !== 'unknown' && r.msiConflict,
        },
      },
      cea: { values: ceaValues, upperNormal: 5 },
      ...(r.ecog !== undefined ? { performance: { ecog: r.ecog, from: 'ECOG' as const, date: daysAgo(10), source: src('Observation', 'ecog') } } : {}),
      ...(r.diseaseStatus ? { diseaseStatus: fact(r.diseaseStatus, 'status') } : {}),
      ...(r.imagingDays !== undefined ? { lastImaging: { value: daysAgo(r.imagingDays), source: src('DiagnosticReport', 'ct', daysAgo(r.imagingDays)) } } : {}),
      therapy: {
        exposures: [
          ...r.exposures,
          ...(r.lastBev
            ? [{
                drug: 'bevacizumab' as const,
                kind: r.lastBev.basis === 'order-date' ? ('order' as const) : r.lastBev.basis,
                active: false,
                date: daysAgo(r.lastBev.days),
                source: src(r.lastBev.basis === 'statement' ? 'MedicationStatement' : 'MedicationAdministration', 'bev'),
              }]
            : []),
        ],
        lines: r.lines,
      },
      radiotherapy: r.radiotherapy.map((x) => ({ ...x, source: src('Procedure', `rt-${x.course}`, x.date) })),
      procedures: r.procedures.map((p) => ({ ...p, ...(p.date === undefined ? {} : { date: p.date }), source: src('Procedure', p.kind, p.date) })),
      primaryResected: r.primaryResected,
    } as Case;
  });

/**
 * Situations that fully random records seldom reach, laid over a random case (everything else stays random):
 * untreated with a wild-type RAS/BRAF panel (first-line choice, RC-E4), a first line running 100-220 days
 * (maintenance RC-E8; with the wild-type panel, HER2 RC-E6), and metastases converted to resectable on
 * therapy (RC-18).
 */
const wildTypePanel = (b: Case['biomarkers']): Case['biomarkers'] => {
  const wt = (gene: Gene): GeneFinding => {
    const used: BiomarkerResult = { status: 'wild-type', source: src('Observation', `${gene}-panel`, daysAgo(20)) };
    return { gene, status: 'wild-type', used, results: [used], conflict: false };
  };
  return { ...b, kras: wt('KRAS'), nras: wt('NRAS'), braf: { ...wt('BRAF'), v600e: false } };
};
const untreatedWildTypeArb = anyCaseArb.map((c): Case => ({ ...c, biomarkers: wildTypePanel(c.biomarkers), therapy: { exposures: [], lines: [] } }));
/**
 * Untreated stage IV in a fit patient with an asymptomatic primary in place and MSS disease, RAS wild-type with
 * BRAF wild-type or V600E: the first-line choice (RC-02, RC-03, RC-05, RC-E4, RC-E2), which needs every one of
 * these at once.
 */
const untreatedFitArb = fc.tuple(untreatedWildTypeArb, fc.boolean(), fc.integer({ min: 0, max: 1 })).map(([c, v600e, ecog]): Case => {
  const msi: Case['biomarkers']['msi'] = { status: 'MSS', used: { value: 'MSS', source: src('Observation', 'msi', daysAgo(20)) }, conflict: false };
  const braf = v600e
    ? { ...c.biomarkers.braf, status: 'mutant' as const, v600e: true, used: { status: 'mutant' as const, variant: 'p.Val600Glu', source: src('Observation', 'BRAF-panel', daysAgo(20)) } }
    : c.biomarkers.braf;
  return {
    ...c,
    scope: { kind: 'rectal', condition: src('Condition', 'dx', daysAgo(60)) },
    deceased: false,
    stageIV: true,
    symptoms: [],
    primaryResected: false,
    procedures: [],
    radiotherapy: [],
    goalsOfCare: {},
    biomarkers: { ...c.biomarkers, msi, braf: { ...braf, results: braf.used ? [braf.used] : [] } },
    performance: { ecog, from: 'ECOG', date: daysAgo(10), source: src('Observation', 'ecog') },
  };
});
const firstLineArb = fc
  .tuple(anyCaseArb, lineArb(1), fc.integer({ min: 100, max: 220 }))
  .map(([c, l, days]): Case => ({ ...c, therapy: { ...c.therapy, lines: [{ ...l, start: daysAgo(days), activeRecord: true }] } }));

const convertedArb = fc.tuple(firstLineArb, resectabilityArb).map(([c, before]): Case => {
  const at = (value: typeof before, days: number) => ({ value, source: src('Observation', `res-${value}`, daysAgo(days)) });
  const history = [at(before === 'resectable' ? 'unresectable' : before, 120), at('resectable', 5)];
  return { ...c, resectabilityHistory: history, primaryResected: false, radiotherapy: [] };
});

/**
 * Four to six months into a first line still holding oxaliplatin, disease stable or better: the maintenance
 * decision (RC-E8), whose conjunction random cases rarely meet.
 */
const inductionArb = fc
  .tuple(firstLineArb, fc.constantFrom<'stable' | 'improved'>('stable', 'improved'), fc.integer({ min: 1, max: 14 }))
  .map(([c, status, lastDose]): Case => {
    const line = { ...c.therapy.lines[0]!, regimen: 'FOLFOX' as const, drugs: ['oxaliplatin', 'fluorouracil', 'leucovorin'] as Drug[] };
    const given = (drug: Drug): DrugExposure => ({ drug, kind: 'order', active: true, date: daysAgo(lastDose), source: src('MedicationRequest', `${drug}-induction`, daysAgo(lastDose)) });
    return {
      ...c,
      diseaseStatus: { value: status, source: src('Observation', 'status', daysAgo(5)) },
      therapy: { exposures: [...c.therapy.exposures, given('oxaliplatin'), given('fluorouracil')], lines: [line] },
    };
  });

/** HER2-amplified RAS wild-type disease progressing on that line (RC-E6). */
const her2ProgressionArb = inductionArb.map((c): Case => ({
  ...c,
  biomarkers: { ...wildTypePanel(c.biomarkers), her2: { status: 'amplified', used: src('Observation', 'her2', daysAgo(30)) } },
  diseaseStatus: { value: 'worsened', source: src('Observation', 'status', daysAgo(5)) },
}));

export const caseArb: fc.Arbitrary<Case> = fc.oneof(
  { weight: 1, arbitrary: her2ProgressionArb },
  { weight: 1, arbitrary: inductionArb },
  { weight: 1, arbitrary: untreatedFitArb },
  { weight: 5, arbitrary: anyCaseArb },
  { weight: 1, arbitrary: untreatedWildTypeArb },
  { weight: 1, arbitrary: firstLineArb },
  { weight: 1, arbitrary: firstLineArb.map((c): Case => ({ ...c, biomarkers: wildTypePanel(c.biomarkers) })) },
  { weight: 1, arbitrary: convertedArb },
);
