import type { CodeableConcept, Observation, ObservationComponent } from 'fhir/r4.js';
import { mapBiomarkers } from '../../src/fhir-mapping/biomarkers.js';
import { HGVS, SCT, cc, coding, concept, daysAgo, lnc, obs, variant } from './helpers.js';

const KRAS = '6407';
const NRAS = '7989';
const BRAF = '1097';

describe('variant panel 69548-6', () => {
  test.each<[string, string, 'kras' | 'nras' | 'braf', boolean, string | undefined]>([
    ['KRAS present', KRAS, 'kras', true, 'p.Gly12Asp'],
    ['KRAS absent', KRAS, 'kras', false, undefined],
    ['KRAS as HGNC:6407', `HGNC:${KRAS}`, 'kras', true, 'p.Gly12Val'],
    ['NRAS present', NRAS, 'nras', true, 'p.Gln61Lys'],
    ['NRAS absent', NRAS, 'nras', false, undefined],
    ['BRAF present', BRAF, 'braf', true, 'p.Val600Glu'],
    ['BRAF absent', BRAF, 'braf', false, undefined],
  ])('%s', (_name, gene, key, present, protein) => {
    const b = mapBiomarkers([variant(gene, present, protein ? { protein } : {})]);
    expect(b[key].status).toBe(present ? 'mutant' : 'wild-type');
    expect(b[key].used?.variant).toBe(protein);
  });

  test('the genenames.org/geneId system (Genomics Reporting examples) is HGNC too', () => {
    const b = mapBiomarkers([variant('HGNC:7989', true, { protein: 'p.G12C', hgncSystem: 'http://www.genenames.org/geneId' })]);
    expect(b.nras).toMatchObject({ status: 'mutant', used: { variant: 'p.G12C' } });
  });

  test.each<[string, ObservationComponent]>([
    ['48005-3 HGVS with a reference prefix', { code: lnc('48005-3'), valueCodeableConcept: cc(coding(HGVS, 'NP_004976.2:p.Gly13Asp')) }],
    ['48005-3 valueString', { code: lnc('48005-3'), valueString: 'p.Gly13Asp' }],
    ['48005-3 text', { code: lnc('48005-3'), valueCodeableConcept: { text: 'p.(Gly13Asp)' } }],
    ['81252-9 discrete variant display', { code: lnc('81252-9'), valueCodeableConcept: cc(coding('http://www.ncbi.nlm.nih.gov/clinvar', '12580', 'NM_004985.5(KRAS):c.38G>A (p.Gly13Asp)')) }],
  ])('variant read from %s', (_name, component) => {
    const o = variant(KRAS, true);
    o.component = [...(o.component ?? []), component];
    expect(mapBiomarkers([o]).kras.used?.variant).toBe('p.Gly13Asp');
  });

  test('other genes (PIK3CA) give no RAS/BRAF result', () => {
    expect(mapBiomarkers([variant('8975', true, { protein: 'p.H1047R' })]).kras.status).toBe('unknown');
  });
});

describe('KRAS test LOINCs', () => {
  const krasTest = (code: string, value: Partial<Observation>): Observation => ({ ...obs({ code: lnc(code), daysAgo: 10 }), ...value });
  test.each<[string, string, Partial<Observation>, string]>([
    ['21702-6 LA9633-4', '21702-6', { valueCodeableConcept: lnc('LA9633-4') }, 'mutant'],
    ['21702-6 LA6576-8 positive', '21702-6', { valueCodeableConcept: lnc('LA6576-8') }, 'mutant'],
    ['21702-6 LA9634-2', '21702-6', { valueCodeableConcept: lnc('LA9634-2') }, 'wild-type'],
    ['21702-6 LA6577-6 negative', '21702-6', { valueCodeableConcept: lnc('LA6577-6') }, 'wild-type'],
    ['85509-8 positive', '85509-8', { valueCodeableConcept: lnc('LA6576-8') }, 'mutant'],
    ['85509-8 negative', '85509-8', { valueCodeableConcept: lnc('LA6577-6') }, 'wild-type'],
    ['85509-8 valueString naming a variant', '85509-8', { valueString: 'KRAS G12V detected' }, 'mutant'],
    ['21702-6 valueString p.Gly12Asp', '21702-6', { valueString: 'p.Gly12Asp' }, 'mutant'],
    ['21702-6 valueString "No KRAS mutation detected"', '21702-6', { valueString: 'No KRAS mutation detected' }, 'wild-type'],
    ['21702-6 valueString "not detected" (ctDNA)', '21702-6', { valueString: 'not detected' }, 'wild-type'],
    ['21702-6 SNOMED positive (u)', '21702-6', { valueCodeableConcept: cc(coding(SCT, '10828004')) }, 'mutant'],
    ['21702-6 value without meaning', '21702-6', { valueString: 'see report' }, 'unknown'],
    ['21702-6 numeric value', '21702-6', { valueQuantity: { value: 1 } }, 'unknown'],
  ])('%s -> %s', (_name, code, value, status) => {
    expect(mapBiomarkers([krasTest(code, value)]).kras.status).toBe(status);
  });

  test('81420-2 negative: wild-type for KRAS and NRAS', () => {
    const b = mapBiomarkers([obs({ code: lnc('81420-2'), value: lnc('LA6577-6'), daysAgo: 10 })]);
    expect([b.kras.status, b.nras.status]).toEqual(['wild-type', 'wild-type']);
  });

  test.each<[string, Partial<Observation>, string, string]>([
    ['positive, no gene named: KRAS', { valueCodeableConcept: lnc('LA6576-8') }, 'mutant', 'unknown'],
    ['text naming NRAS', { valueString: 'NRAS p.Gln61Lys detected' }, 'unknown', 'mutant'],
  ])('81420-2 %s', (_name, value, kras, nras) => {
    const b = mapBiomarkers([{ ...obs({ code: lnc('81420-2'), daysAgo: 10 }), ...value }]);
    expect([b.kras.status, b.nras.status]).toEqual([kras, nras]);
  });

  test.each<[string, Partial<Parameters<typeof obs>[0]>, boolean]>([
    ['project concept as method', { method: concept('kras-exon2-only') }, true],
    ['method text', { method: { text: 'Codons 12/13 (exon 2) only' } }, true],
    ['note', { note: 'Exon 2 only; exons 3 and 4 not tested' }, true],
    ['full RAS panel', { note: 'KRAS exons 2, 3, 4' }, false],
  ])('exon 2 only via %s: %s', (_name, spec, exon2) => {
    const b = mapBiomarkers([obs({ code: lnc('21702-6'), value: lnc('LA6577-6'), daysAgo: 10, ...spec })]);
    expect(b.kras.used?.exon2Only === true).toBe(exon2);
  });
});

describe('BRAF V600E', () => {
  test.each<[string, Observation, string, boolean]>([
    ['variant p.Val600Glu', variant(BRAF, true, { protein: 'p.Val600Glu' }), 'mutant', true],
    ['variant p.V600E', variant(BRAF, true, { protein: 'p.V600E' }), 'mutant', true],
    ['variant NP_004324.2:p.Val600Glu', variant(BRAF, true, { protein: 'NP_004324.2:p.Val600Glu' }), 'mutant', true],
    ['non-V600 BRAF mutation', variant(BRAF, true, { protein: 'p.Asp594Gly' }), 'mutant', false],
    ['85299-6 IHC positive', obs({ code: lnc('85299-6'), value: lnc('LA6576-8'), daysAgo: 5 }), 'mutant', true],
    ['85299-6 IHC negative', obs({ code: lnc('85299-6'), value: lnc('LA6577-6'), daysAgo: 5 }), 'wild-type', false],
  ])('%s', (_name, o, status, v600e) => {
    const b = mapBiomarkers([o]);
    expect([b.braf.status, b.braf.v600e]).toEqual([status, v600e]);
  });
});

describe('MSI / MMR', () => {
  const msi = (value: Partial<Observation>): Observation => ({ ...obs({ code: lnc('81695-9'), daysAgo: 10 }), ...value });
  test.each<[string, Observation, string]>([
    ['LA26203-2 MSI-H', msi({ valueCodeableConcept: lnc('LA26203-2') }), 'MSI-H'],
    ['LA14122-8 stable', msi({ valueCodeableConcept: lnc('LA14122-8') }), 'MSS'],
    ['LA26202-4 MSI-L = MSS', msi({ valueCodeableConcept: lnc('LA26202-4') }), 'MSS'],
    ['LA11884-6 indeterminate', msi({ valueCodeableConcept: lnc('LA11884-6') }), 'unknown'],
    ['numeric value alone', msi({ valueQuantity: { value: 32, unit: '%' } }), 'unknown'],
    ['MMR IHC deficient', obs({ code: concept('mmr-ihc'), value: concept('mmr-deficient'), daysAgo: 3 }), 'MSI-H'],
    ['MMR IHC proficient', obs({ code: concept('mmr-ihc'), value: concept('mmr-proficient'), daysAgo: 3 }), 'MSS'],
    ['LA26203-2 in a non-LOINC system', msi({ valueCodeableConcept: cc(coding('urn:x', 'LA26203-2')) }), 'unknown'],
  ])('%s -> %s', (_name, o, status) => {
    expect(mapBiomarkers([o]).msi.status).toBe(status);
  });

  test('MSI-H outranks a newer MSS, with conflict', () => {
    const b = mapBiomarkers([
      obs({ code: lnc('81695-9'), value: lnc('LA26203-2'), daysAgo: 400, id: 'old-h' }),
      obs({ code: concept('mmr-ihc'), value: concept('mmr-proficient'), daysAgo: 10 }),
    ]);
    expect(b.msi).toMatchObject({ status: 'MSI-H', conflict: true, used: { value: 'MSI-H', source: { id: 'old-h' } } });
  });
});

describe('HER2', () => {
  test.each<[string, Observation, string]>([
    ['48676-1 positive', obs({ code: lnc('48676-1'), value: lnc('LA6576-8') }), 'amplified'],
    ['48676-1 negative', obs({ code: lnc('48676-1'), value: lnc('LA6577-6') }), 'not-amplified'],
    ['49683-6 ratio 2.0', obs({ code: lnc('49683-6'), valueQuantity: { value: 2.0 } }), 'amplified'],
    ['49683-6 ratio 1.9', obs({ code: lnc('49683-6'), valueQuantity: { value: 1.9 } }), 'not-amplified'],
    ['49683-6 valueRatio 5/2', { ...obs({ code: lnc('49683-6') }), valueRatio: { numerator: { value: 5 }, denominator: { value: 2 } } }, 'amplified'],
    ['preliminary positive', obs({ code: lnc('48676-1'), value: lnc('LA6576-8'), status: 'preliminary' }), 'unknown'],
  ])('%s -> %s', (_name, o, status) => {
    expect(mapBiomarkers([o]).her2.status).toBe(status);
  });
});

describe('validity and the conflict rule', () => {
  test.each<[Observation['status'], string]>([
    ['final', 'mutant'], ['amended', 'mutant'], ['corrected', 'mutant'],
    ['preliminary', 'unknown'], ['registered', 'unknown'], ['entered-in-error', 'unknown'], ['cancelled', 'unknown'], ['unknown', 'unknown'],
  ])('status %s -> %s', (status, expected) => {
    expect(mapBiomarkers([variant(KRAS, true, { status, protein: 'p.Gly12Asp' })]).kras.status).toBe(expected);
  });

  test('missing KRAS: unknown, never wild-type', () => {
    expect(mapBiomarkers([]).kras).toEqual({ gene: 'KRAS', status: 'unknown', results: [], conflict: false });
  });

  test.each<[string, number, number]>([
    ['mutant older than wild-type (V05)', 1200, 100],
    ['mutant newer than wild-type (V04)', 100, 1200],
  ])('a valid mutant outranks wild-type whatever the dates: %s', (_name, mutantAge, wtAge) => {
    const mutant = variant(KRAS, true, { protein: 'p.Gly13Asp', daysAgo: mutantAge });
    const wt = obs({ code: lnc('21702-6'), value: lnc('LA9634-2'), daysAgo: wtAge, note: 'exon 2 only' });
    const k = mapBiomarkers([wt, mutant]).kras;
    expect(k.status).toBe('mutant');
    expect(k.conflict).toBe(true);
    expect(k.used?.source.id).toBe(mutant.id);
    expect(k.results.map((r) => r.source.date)).toEqual([daysAgo(Math.min(mutantAge, wtAge)), daysAgo(Math.max(mutantAge, wtAge))]);
  });

  test('without a mutant, the newest valid result wins', () => {
    const k = mapBiomarkers([
      obs({ code: lnc('21702-6'), value: lnc('LA9634-2'), daysAgo: 300, note: 'exon 2 only', id: 'old' }),
      obs({ code: lnc('85509-8'), value: lnc('LA6577-6'), daysAgo: 30, id: 'new' }),
    ]).kras;
    expect(k).toMatchObject({ status: 'wild-type', conflict: false, used: { source: { id: 'new' } } });
    expect(k.used?.exon2Only).toBeUndefined();
  });

  test('an invalid mutant does not outrank a valid wild-type', () => {
    const k = mapBiomarkers([variant(KRAS, true, { status: 'entered-in-error' }), variant(KRAS, false)]).kras;
    expect(k).toMatchObject({ status: 'wild-type', conflict: false });
  });

  test('result dates: effectiveDateTime, effectivePeriod.start, issued', () => {
    const mk = (as: 'dateTime' | 'period' | 'issued') => obs({ code: lnc('21702-6'), value: lnc('LA9634-2'), daysAgo: 7, dateAs: as });
    expect(['dateTime', 'period', 'issued'].map((as) => mapBiomarkers([mk(as as 'dateTime')]).kras.used?.source.date)).toEqual([daysAgo(7), daysAgo(7), daysAgo(7)]);
  });

  test('the LOINC system is required for the panel code', () => {
    const o = variant(KRAS, true);
    o.code = cc(coding('urn:local', '69548-6')) as CodeableConcept;
    expect(mapBiomarkers([o]).kras.status).toBe('unknown');
  });

});
