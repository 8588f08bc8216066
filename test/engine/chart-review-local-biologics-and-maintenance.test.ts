import type { Biomarkers, Case } from '../../src/domain/case.js';
import { MAINTENANCE_FROM_DAYS, MAINTENANCE_TO_DAYS } from '../../src/engine/thresholds.js';
import {
  aStageIvCase,
  exposure,
  line,
  onLine,
  withCurativeIntent,
  withDiseaseStatus,
  withEcog,
  withGene,
  withResectability,
  withSymptom,
} from '../support/case-builder.js';
import { ids, rec } from '../support/chart-review.js';


const mss = { status: 'MSS' as const, conflict: false, used: { value: 'MSS' as const, source: { resourceType: 'Observation', id: 'msi' } } };
const msiH = { status: 'MSI-H' as const, conflict: false, used: { value: 'MSI-H' as const, source: { resourceType: 'Observation', id: 'msi' } } };
const wildType: Biomarkers = {
  ...aStageIvCase().biomarkers,
  kras: withGene('KRAS', 'wild-type'),
  nras: withGene('NRAS', 'wild-type'),
  braf: { ...withGene('BRAF', 'wild-type'), v600e: false },
  msi: mss,
};

describe('RC-E4 left-sided RAS/BRAF wild-type MSS: doublet + anti-EGFR preferred first line', () => {
  const untreatedWt = (b: Partial<Biomarkers> = {}, over: Partial<Case> = {}) =>
    aStageIvCase({ ...withEcog(0), biomarkers: { ...wildType, ...b }, ...over });

  test.each<[string, boolean, Case]>([
    ['RAS/BRAF wild-type, MSS, untreated, ECOG 0', true, untreatedWt()],
    ['ECOG not documented (RC-02 still applies)', true, untreatedWt({}, { performance: undefined })],
    ['KRAS mutant', false, untreatedWt({ kras: withGene('KRAS', 'mutant', 'p.Gly12Asp') })],
    ['NRAS mutant', false, untreatedWt({ nras: withGene('NRAS', 'mutant', 'p.Gln61Lys') })],
    ['NRAS unknown: RAS not confirmed wild-type', false, untreatedWt({ nras: withGene('NRAS', 'unknown') })],
    ['KRAS wild-type on exon 2 only', false, untreatedWt({ kras: withGene('KRAS', 'wild-type', undefined, { exon2Only: true }) })],
    ['KRAS unknown', false, untreatedWt({ kras: withGene('KRAS', 'unknown') })],
    ['BRAF V600E', false, untreatedWt({ braf: { ...withGene('BRAF', 'mutant', 'p.Val600Glu'), v600e: true } })],
    ['BRAF unknown', false, untreatedWt({ braf: { ...withGene('BRAF', 'unknown'), v600e: false } })],
    ['MSI-H', false, untreatedWt({ msi: msiH })],
    ['MSI unknown', false, untreatedWt({ msi: { status: 'unknown', conflict: false } })],
    ['already on systemic therapy (RC-02 does not apply)', false, untreatedWt({}, { therapy: { exposures: [exposure('oxaliplatin', 5)], lines: [] } })],
    ['obstruction (RC-02 does not apply)', false, untreatedWt({}, { symptoms: [withSymptom('obstruction')] })],
    ['curative plan: not the palliative setting of the trial', false, untreatedWt({}, withCurativeIntent())],
    ['metastases documented resectable', false, untreatedWt({}, withResectability('resectable'))],
  ])('%s -> fires: %s', (_n, fires, c) => {
    expect(ids(c).includes('RC-E4')).toBe(fires);
  });

  test('ECOG 3: RC-15 territory, RC-E4 stays silent', () => {
    expect(ids(untreatedWt({}, withEcog(3)))).not.toContain('RC-E4');
  });

  test('ext rule: absent in seed-only mode and when disabled by the operator', () => {
    expect(ids(untreatedWt(), { ruleSet: 'seed-only' })).not.toContain('RC-E4');
    expect(ids(untreatedWt(), { disabledRules: new Set(['RC-E4']) })).not.toContain('RC-E4');
  });

  test('names the preferred combination, keeps bevacizumab acceptable, never both; cites PARADIGM', () => {
    const r = rec(untreatedWt(), 'RC-E4');
    expect(r?.summary).toMatch(/doublet \+ anti-EGFR is the preferred first line/);
    expect(r?.detail).toMatch(/FOLFOX or FOLFIRI plus panitumumab or cetuximab/);
    expect(r?.detail).toMatch(/Bevacizumab with the doublet remains acceptable/);
    expect(r?.detail).toMatch(/Never combine the two antibodies/);
    expect(r?.evidence.citation).toMatch(/PARADIGM/);
    expect(r?.origin).toBe('ext');
  });
});

describe('RC-E5 bevacizumab and an anti-EGFR antibody active together', () => {
  const onBoth = (b: Partial<Biomarkers>, exposures = [exposure('bevacizumab', 10), exposure('cetuximab', 10)]) =>
    aStageIvCase({ biomarkers: { ...wildType, ...b }, therapy: { exposures, lines: [] } });

  test.each<[string, boolean, Case]>([
    ['both given 10 days ago', true, onBoth({})],
    ['both as active orders', true, onBoth({}, [exposure('bevacizumab', 100, 'order', true), exposure('panitumumab', 30, 'order', true)])],
    ['active bevacizumab order, panitumumab given last week', true, onBoth({}, [exposure('bevacizumab', 60, 'order', true), exposure('panitumumab', 7)])],
    ['switch: bevacizumab last 30 days ago, cetuximab started 6 days ago', false, onBoth({}, [exposure('bevacizumab', 30), exposure('cetuximab', 6)])],
    ['bevacizumab 60 days ago only, cetuximab now', false, onBoth({}, [exposure('bevacizumab', 60), exposure('cetuximab', 3)])],
    ['bevacizumab alone', false, onBoth({}, [exposure('bevacizumab', 10)])],
  ])('%s -> fires: %s', (_n, fires, c) => {
    expect(ids(c).includes('RC-E5')).toBe(fires);
  });

  test('critical, with override reasons; ext only', () => {
    const r = rec(onBoth({}), 'RC-E5');
    expect(r?.indicator).toBe('critical');
    expect(r?.overrideReasons.length).toBeGreaterThan(0);
    expect(r?.summary).toBe('Bevacizumab and cetuximab both active: never combine the two antibodies; stop one now');
    expect(ids(onBoth({}), { ruleSet: 'seed-only' })).not.toContain('RC-E5');
  });

  test.each<[string, Partial<Biomarkers>, RegExp, string[]]>([
    ['KRAS mutant: the anti-EGFR goes, no suggestion', { kras: withGene('KRAS', 'mutant', 'p.Gly12Asp') }, /Stop cetuximab: KRAS p\.Gly12Asp mutant/, []],
    ['RAS wild-type: keep one (MDT), no suggestion', {}, /keep one biologic.*stop the other/, []],
    ['RAS unknown: stop the anti-EGFR and order RAS testing', { kras: withGene('KRAS', 'unknown'), nras: withGene('NRAS', 'unknown') }, /RAS status not confirmed: stop cetuximab/, ['RAS-extended']],
    ['NRAS unknown: stop the anti-EGFR and order NRAS', { nras: withGene('NRAS', 'unknown') }, /RAS status not confirmed/, ['NRAS']],
  ])('%s', (_n, b, says, tests) => {
    const r = rec(onBoth(b), 'RC-E5');
    expect(r?.detail).toMatch(says);
    const ordered = r?.suggestions.flatMap((s) => s.actions.map((a) => (a.type === 'order-test' ? a.test : a.type)));
    expect(ordered).toEqual(tests);
  });
});

describe(`RC-E8 maintenance after ${MAINTENANCE_FROM_DAYS}-${MAINTENANCE_TO_DAYS} days of first-line induction`, () => {
  const capoxBev = (days: number, over: Partial<Case> = {}, drugs: Parameters<typeof line>[2] = ['capecitabine', 'oxaliplatin', 'bevacizumab']) =>
    aStageIvCase({
      ...withResectability('unresectable', 170),
      ...withDiseaseStatus('stable'),
      ...onLine(line(1, 'CAPOX', drugs, days)),
      ...over,
    });

  test.each<[string, boolean, Case]>([
    ['6 months of CAPOX-bevacizumab, stable', true, capoxBev(168)],
    [`exactly ${MAINTENANCE_FROM_DAYS} days`, true, capoxBev(MAINTENANCE_FROM_DAYS)],
    [`exactly ${MAINTENANCE_TO_DAYS} days`, true, capoxBev(MAINTENANCE_TO_DAYS)],
    ['improved disease', true, capoxBev(150, withDiseaseStatus('improved'))],
    [`${MAINTENANCE_FROM_DAYS - 1} days: too early`, false, capoxBev(MAINTENANCE_FROM_DAYS - 1)],
    [`${MAINTENANCE_TO_DAYS + 1} days: the decision is past`, false, capoxBev(MAINTENANCE_TO_DAYS + 1)],
    ['worsened disease', false, capoxBev(168, withDiseaseStatus('worsened'))],
    ['no disease status documented', false, capoxBev(168, { diseaseStatus: undefined })],
    ['curative plan', false, capoxBev(168, withCurativeIntent())],
    ['documented resectable', false, capoxBev(168, withResectability('resectable'))],
    ['second line', false, capoxBev(168, onLine(line(2, 'FOLFIRI', ['fluorouracil', 'irinotecan'], 168)))],
    ['line stopped', false, capoxBev(168, onLine(line(1, 'CAPOX', ['capecitabine', 'oxaliplatin'], 168, false)))],
    ['checkpoint inhibitor first line (not an induction doublet)', false, capoxBev(168, onLine(line(1, 'other', ['pembrolizumab'], 168)))],
  ])('%s -> fires: %s', (_n, fires, c) => {
    expect(ids(c).includes('RC-E8')).toBe(fires);
  });

  test('info, fluoropyrimidine with or without bevacizumab, re-induction at progression; cites CAIRO3; ext only', () => {
    const r = rec(capoxBev(168), 'RC-E8');
    expect(r?.indicator).toBe('info');
    expect(r?.summary).toBe('First line for 5.5 months, disease controlled: consider de-escalating to maintenance');
    expect(r?.detail).toMatch(/capecitabine \(or 5-FU\/leucovorin\) with or without bevacizumab/);
    expect(r?.detail).toMatch(/Re-introduce the induction regimen at progression/);
    expect(r?.evidence.citation).toMatch(/CAIRO3/);
    expect(ids(capoxBev(168), { ruleSet: 'seed-only' })).not.toContain('RC-E8');
  });

  test('on an anti-EGFR line, maintenance never adds bevacizumab', () => {
    const r = rec(capoxBev(168, { biomarkers: wildType }, ['fluorouracil', 'oxaliplatin', 'panitumumab']), 'RC-E8');
    expect(r?.detail).toMatch(/keeping the anti-EGFR antibody is a tumour board decision\. Do not add bevacizumab/);
    expect(r?.detail).not.toMatch(/with or without bevacizumab/);
  });

  test('on an anti-EGFR line without a confirmed RAS wild-type result, the antibody is not continued', () => {
    const r = rec(capoxBev(168, { biomarkers: { ...wildType, nras: withGene('NRAS', 'unknown') } }, ['fluorouracil', 'oxaliplatin', 'panitumumab']), 'RC-E8');
    expect(r?.detail).toMatch(/Do not continue the anti-EGFR antibody without a RAS wild-type result, and do not add bevacizumab/);
    expect(r?.detail).not.toMatch(/keeping the anti-EGFR/);
  });
});
