import type { CodeableConcept, Observation, Resource } from 'fhir/r4.js';
import { mapStaging } from '../../src/fhir-mapping/staging.js';
import {
  AJCC, ICD10, LNC, RECTAL, SCT, cc, coding, condition, daysAgo, icd, lnc, mapped, obs, patient, sct, uuidBundle,
} from './helpers.js';
import { factsOf } from '../support/chart-review.js';

const base = (): Resource[] => [patient(), condition({ code: RECTAL, onsetDaysAgo: 200, recordedDaysAgo: 190, id: 'dx' })];
const ajcc = (code: string) => cc(coding(AJCC, code));

describe('stage group', () => {
  test.each<[string, CodeableConcept]>([
    ['LOINC 21908-9 (clinical)', lnc('21908-9')],
    ['LOINC 21902-2 (pathological)', lnc('21902-2')],
    ['LOINC 21914-7 (other)', lnc('21914-7')],
    ['SNOMED 399537006', sct('399537006')],
    ['SNOMED 399588009', sct('399588009')],
    ['SNOMED 399390009', sct('399390009')],
  ])('stage group Observation coded %s', (_name, code) => {
    const c = mapped([...base(), obs({ code, value: sct('1222837003'), daysAgo: 20 })]);
    expect(c.stageGroup?.value).toBe('IV');
    expect(c.stageIV).toBe(true);
  });

  test.each<[string, CodeableConcept, string, boolean]>([
    ['SNOMED 1222837003', sct('1222837003'), 'IV', true],
    ['SNOMED 1222838008', sct('1222838008'), 'IVA', true],
    ['SNOMED 1222841004', sct('1222841004'), 'IVB', true],
    ['SNOMED 1222842006', sct('1222842006'), 'IVC', true],
    ['AJCC 4', ajcc('4'), 'IV', true],
    ['AJCC 4A', ajcc('4A'), 'IVA', true],
    ['AJCC 4B', ajcc('4B'), 'IVB', true],
    ['AJCC 4C', ajcc('4C'), 'IVC', true],
    ['AJCC IV', ajcc('IV'), 'IV', true],
    ['AJCC IVA', ajcc('IVA'), 'IVA', true],
    ['AJCC IVB', ajcc('IVB'), 'IVB', true],
    ['AJCC IVC', ajcc('IVC'), 'IVC', true],
    ['AJCC IIIB', ajcc('IIIB'), 'III', false],
    ['SNOMED IIA 1222766008 (u)', sct('1222766008'), 'II', false],
  ])('value %s -> %s', (_name, value, group, iv) => {
    const c = mapped([...base(), obs({ code: lnc('21908-9'), value, daysAgo: 20 })]);
    expect(c.stageGroup?.value).toBe(group);
    expect(c.stageIV).toBe(iv);
  });

  test.each<[string, CodeableConcept, string]>([
    ['SNOMED', sct('1222841004'), 'IVB'],
    ['AJCC', ajcc('4A'), 'IVA'],
  ])('Condition.stage.summary %s', (_name, summary, group) => {
    const c = mapped([patient(), condition({ code: RECTAL, onsetDaysAgo: 30, recordedDaysAgo: 25, stageSummary: summary, id: 'dx' })]);
    expect(c.stageGroup).toEqual({ value: group, source: expect.objectContaining({ resourceType: 'Condition', id: 'dx' }) });
    expect(c.stageIV).toBe(true);
  });

  test.each<[Observation['status'], boolean]>([
    ['final', true], ['amended', true], ['corrected', true], ['preliminary', false], ['entered-in-error', false], ['registered', false],
  ])('stage Observation with status %s decides: %s', (status, decides) => {
    const c = mapped([...base(), obs({ code: lnc('21908-9'), value: sct('1222837003'), daysAgo: 20, status })]);
    expect(c.stageIV).toBe(decides);
  });

  test('the newest stage group wins', () => {
    const c = mapped([...base(), obs({ code: lnc('21908-9'), value: ajcc('III'), daysAgo: 200 }), obs({ code: lnc('21908-9'), value: ajcc('IVB'), daysAgo: 20 })]);
    expect(c.stageGroup?.value).toBe('IVB');
  });
});

describe('T / N / M', () => {
  test.each<[string, CodeableConcept, CodeableConcept, 't' | 'n' | 'm', string]>([
    ['T LOINC 21905-5, SNOMED cT4b', lnc('21905-5'), sct('1228946001'), 't', 'cT4b'],
    ['T LOINC 21899-0, SNOMED pT4b', lnc('21899-0'), sct('1229866004'), 't', 'pT4b'],
    ['T SNOMED 399504009, AJCC cT4b', sct('399504009'), ajcc('cT4b'), 't', 'cT4b'],
    ['T SNOMED 384625004, AJCC pT3', sct('384625004'), ajcc('pT3'), 't', 'pT3'],
    ['N LOINC 21906-3, SNOMED cN1', lnc('21906-3'), sct('1229973008'), 'n', 'cN1'],
    ['N LOINC 21900-6, AJCC pN2a', lnc('21900-6'), ajcc('pN2a'), 'n', 'pN2a'],
    ['N SNOMED 399534004, AJCC cN1', sct('399534004'), ajcc('cN1'), 'n', 'cN1'],
    ['N SNOMED 371494008, SNOMED pN1a', sct('371494008'), sct('1229954009'), 'n', 'pN1a'],
    ['M LOINC 21907-1, SNOMED cM0', lnc('21907-1'), sct('1229901006'), 'm', 'cM0'],
    ['M LOINC 21901-4, SNOMED pM1', lnc('21901-4'), sct('1229916009'), 'm', 'pM1'],
    ['M SNOMED 399387003, SNOMED cM1', sct('399387003'), sct('1229903009'), 'm', 'cM1'],
    ['M SNOMED 399387003, SNOMED cM1a', sct('399387003'), sct('1229904003'), 'm', 'cM1a'],
    ['M SNOMED 399387003, SNOMED cM1b', sct('399387003'), sct('1229907005'), 'm', 'cM1b'],
    ['M SNOMED 371497001, SNOMED cM1c', sct('371497001'), sct('1229910003'), 'm', 'cM1c'],
    ['M SNOMED 371497001, AJCC cM1a', sct('371497001'), ajcc('cM1a'), 'm', 'cM1a'],
    ['CAP quirk: pN value on a non-TNM code', cc(coding('https://cap.org/eCC', '371494008.100004300'), coding(SCT, '1229954009')), sct('1229954009'), 'n', 'pN1a'],
  ])('%s', (_name, code, value, category, expected) => {
    const c = mapped([...base(), obs({ code, value, daysAgo: 20 })]);
    expect(c.tnm[category]?.value).toBe(expected);
  });

  test('an AJCC string on an unrelated Observation is not a category', () => {
    expect(mapped([...base(), obs({ code: lnc('1234-5'), value: ajcc('cM1') })]).tnm.m).toBeUndefined();
  });

  test.each<[string, string, boolean]>([
    ['cM1', '1229903009', true], ['cM1a', '1229904003', true], ['cM0', '1229901006', false],
  ])('%s makes stage IV: %s', (_name, code, iv) => {
    expect(mapped([...base(), obs({ code: lnc('21907-1'), value: sct(code), daysAgo: 20 })]).stageIV).toBe(iv);
  });

  test('mCODE shape 1: stage group with hasMember to contained T/N/M', () => {
    const group: Observation = {
      ...obs({ code: lnc('21908-9'), value: sct('1222838008'), daysAgo: 20, hasMember: ['#t', '#n', '#m'] }),
      contained: [
        { ...obs({ code: lnc('21905-5'), value: sct('1228946001'), daysAgo: 20 }), id: 't' },
        { ...obs({ code: lnc('21906-3'), value: sct('1229973008'), daysAgo: 20 }), id: 'n' },
        { ...obs({ code: lnc('21907-1'), value: sct('1229904003'), daysAgo: 20 }), id: 'm' },
      ],
    };
    const c = mapped([...base(), group]);
    expect([c.stageGroup?.value, c.tnm.t?.value, c.tnm.n?.value, c.tnm.m?.value]).toEqual(['IVA', 'cT4b', 'cN1', 'cM1a']);
  });

  test('mCODE shape 2: separate Observations referenced by urn:uuid hasMember', () => {
    const t = obs({ code: lnc('21905-5'), value: sct('1228946001'), daysAgo: 20 });
    const m = obs({ code: lnc('21907-1'), value: sct('1229907005'), daysAgo: 20 });
    const group = obs({ code: lnc('21908-9'), value: sct('1222841004'), daysAgo: 20, hasMember: ['urn:uuid:t-1', 'urn:uuid:m-1'] });
    const c = mapped([uuidBundle([...base(), group, t, m], ['urn:uuid:p', 'urn:uuid:dx', 'urn:uuid:g', 'urn:uuid:t-1', 'urn:uuid:m-1'], { dropIds: true })]);
    expect([c.stageGroup?.value, c.tnm.t?.value, c.tnm.m?.value]).toEqual(['IVB', 'cT4b', 'cM1b']);
    expect(c.tnm.t?.source.id).toBe('urn:uuid:t-1');
  });

  test('T/N/M as components of the stage group', () => {
    const group = obs({
      code: lnc('21908-9'), value: sct('1222837003'), daysAgo: 20,
      components: [{ code: lnc('21907-1'), valueCodeableConcept: sct('1229916009') }],
    });
    expect(mapped([...base(), group]).tnm.m?.value).toBe('pM1');
  });

  test('mapStaging on its own', () => {
    expect(mapStaging([obs({ code: lnc('21907-1'), value: ajcc('M1c'), daysAgo: 3 })])).toMatchObject({ stageIv: true, tnm: { m: { value: 'M1c' } } });
  });
});

describe('distant metastases', () => {
  test.each<[string, CodeableConcept, string]>([
    ['liver SNOMED 94381002', sct('94381002'), 'liver'],
    ['liver ICD-10 C78.7', icd('C78.7'), 'liver'],
    ['lung SNOMED 94391008', sct('94391008'), 'lung'],
    ['lung ICD-10 C78.00', icd('C78.00'), 'lung'],
    ['lung ICD-10 C78.02 (WHO system)', icd('C78.02', ICD10), 'lung'],
    ['peritoneum ICD-10 C78.6', icd('C78.6'), 'peritoneum'],
    ['bone SNOMED 94222008', sct('94222008'), 'bone'],
    ['bone ICD-10 C79.51', icd('C79.51'), 'bone'],
    ['bone marrow ICD-10 C79.52', icd('C79.52'), 'bone'],
    ['brain SNOMED 94225005', sct('94225005'), 'brain'],
    ['brain ICD-10 C79.31', icd('C79.31'), 'brain'],
    ['pleura SNOMED 94493005 (u)', sct('94493005'), 'pleura'],
    ['pleura ICD-10 C78.2', icd('C78.2'), 'pleura'],
    ['adrenal SNOMED 94161006 (u)', sct('94161006'), 'adrenal'],
    ['adrenal ICD-10 C79.70', icd('C79.70'), 'adrenal'],
    ['other ICD-10 C78.1 (mediastinum)', icd('C78.1'), 'other'],
    ['other ICD-10 C79.2 (skin)', icd('C79.2'), 'other'],
    ['other ICD-10 C78.7 without a dot: C787', icd('C787'), 'liver'],
  ])('%s', (_name, code, site) => {
    const c = mapped([...base(), condition({ code, onsetDaysAgo: 40 })]);
    expect(c.metastases.map((m) => m.site)).toEqual([site]);
    expect(c.stageIV).toBe(true);
  });

  test.each<[string, Parameters<typeof condition>[0]]>([
    ['C77.2 (lymph nodes) alone', { code: icd('C77.2') }],
    ['resolved liver metastasis', { code: sct('94381002'), clinical: 'resolved' }],
    ['entered-in-error', { code: sct('94381002'), verification: 'entered-in-error' }],
    ['refuted', { code: sct('94381002'), verification: 'refuted' }],
  ])('%s: not a current distant metastasis', (_name, spec) => {
    const c = mapped([...base(), condition(spec)]);
    expect(c.metastases).toEqual([]);
    expect(c.stageIV).toBe(false);
  });

  test('metastasis date: onset, else recordedDate', () => {
    const c = mapped([...base(), condition({ code: sct('94381002'), onsetDaysAgo: 40, recordedDaysAgo: 35 }), condition({ code: sct('94391008'), recordedDaysAgo: 10 })]);
    expect(c.metastases.map((m) => m.date)).toEqual([daysAgo(40), daysAgo(10)]);
  });
});

describe('metastatic diagnosis date and synchronous', () => {
  const met = (d: number) => condition({ code: sct('94381002'), onsetDaysAgo: d });
  const m1 = (d: number) => obs({ code: lnc('21907-1'), value: sct('1229903009'), daysAgo: d });
  const ivObs = (d: number) => obs({ code: lnc('21908-9'), value: sct('1222837003'), daysAgo: d });

  test.each<[string, Resource[], string | undefined, boolean | undefined]>([
    ['metastasis onset', [met(150)], daysAgo(150), true],
    ['earliest of metastasis and M1', [met(150), m1(170)], daysAgo(170), true],
    ['stage IV Observation date', [ivObs(20)], daysAgo(20), false],
    ['metachronous: 180 days after diagnosis', [met(20)], daysAgo(20), false],
    ['exactly 90 days: synchronous', [met(110)], daysAgo(110), true],
  ])('%s', (_name, extra, date, sync) => {
    const c = mapped([...base(), ...extra]);
    expect(c.metastaticDiagnosisDate).toBe(date);
    expect(factsOf(c).synchronous).toBe(sync);
  });

  test('only Condition.stage.summary says IV: the rectal Condition recordedDate', () => {
    const c = mapped([patient(), condition({ code: RECTAL, onsetDaysAgo: 30, recordedDaysAgo: 25, stageSummary: sct('1222837003') })]);
    expect(c.metastaticDiagnosisDate).toBe(daysAgo(25));
    expect(factsOf(c).synchronous).toBe(true);
  });

  test('a dated metastasis outranks the recordedDate fallback', () => {
    const c = mapped([patient(), condition({ code: RECTAL, recordedDaysAgo: 25, stageSummary: sct('1222837003') }), met(5)]);
    expect(c.metastaticDiagnosisDate).toBe(daysAgo(5));
  });

  test('no rectal diagnosis date: synchronous unknown', () => {
    const c = mapped([patient(), condition({ code: RECTAL }), met(5)]);
    expect(factsOf(c).synchronous).toBeUndefined();
  });

  test('LOINC system is needed for stage codes too', () => {
    const c = mapped([...base(), obs({ code: cc(coding('urn:other', '21908-9')), value: cc(coding(LNC, 'x')) })]);
    expect(c.stageGroup).toBeUndefined();
  });
});
