import type { FhirResource as Resource, Observation } from 'fhir/r4.js';
import { mapCurativeIntent } from '../../src/fhir-mapping/curative-intent.js';
import { mapDiseaseStatus } from '../../src/fhir-mapping/disease-status.js';
import { mapLastImaging } from '../../src/fhir-mapping/imaging.js';
import { mapMdtReviews, mapResectabilityHistory } from '../../src/fhir-mapping/mdt.js';
import { karnofskyToEcog, mapPerformance } from '../../src/fhir-mapping/performance.js';
import {
  LNC, NOW, cc, coding, concept, daysAgo, intentExt, lnc, medRequest, nextId, obs, procedure, rx, sct, serviceRequest,
} from './helpers.js';

describe('performance status', () => {
  test.each<[string, Observation, number | undefined]>([
    ['ECOG valueInteger 1', obs({ code: lnc('89247-1'), valueInteger: 1, daysAgo: 10 }), 1],
    ['ECOG valueInteger 0', obs({ code: lnc('89247-1'), valueInteger: 0, daysAgo: 10 }), 0],
    ['ECOG 6 is out of range', obs({ code: lnc('89247-1'), valueInteger: 6, daysAgo: 10 }), undefined],
    ['ECOG answer LA9624-3 (u)', obs({ code: lnc('89247-1'), value: lnc('LA9624-3'), daysAgo: 10 }), 2],
    ['ECOG answer in interpretation (mCODE example)', { ...obs({ code: lnc('89247-1'), daysAgo: 10 }), interpretation: [lnc('LA9625-0')] }, 3],
    ['ECOG 89 days old', obs({ code: lnc('89247-1'), valueInteger: 1, daysAgo: 89 }), 1],
    ['ECOG 91 days old: unknown', obs({ code: lnc('89247-1'), valueInteger: 1, daysAgo: 91 }), undefined],
    ['ECOG preliminary', obs({ code: lnc('89247-1'), valueInteger: 1, daysAgo: 10, status: 'preliminary' }), undefined],
    ['ECOG undated', obs({ code: lnc('89247-1'), valueInteger: 1 }), undefined],
  ])('%s', (_name, o, ecog) => {
    expect(mapPerformance([o], NOW)?.ecog).toBe(ecog);
  });

  test.each<[number, number]>([
    [100, 0], [90, 0], [80, 1], [70, 1], [60, 2], [50, 2], [40, 3], [30, 3], [20, 4], [10, 4], [0, 5],
  ])('Karnofsky %i -> ECOG %i', (k, ecog) => {
    expect(karnofskyToEcog(k)).toBe(ecog);
    expect(mapPerformance([obs({ code: lnc('89243-0'), valueInteger: k, daysAgo: 3 })], NOW)).toMatchObject({ ecog, from: 'Karnofsky', karnofsky: k });
  });

  test('the latest within 90 days wins, whichever scale', () => {
    const p = mapPerformance([
      obs({ code: lnc('89247-1'), valueInteger: 1, daysAgo: 30 }),
      obs({ code: lnc('89243-0'), valueInteger: 40, daysAgo: 5 }),
    ], NOW);
    expect(p).toMatchObject({ ecog: 3, from: 'Karnofsky', date: daysAgo(5) });
  });
});

describe('disease status (97509-4)', () => {
  test.each<[string, string | undefined]>([
    ['268910001', 'improved'], ['359746009', 'stable'], ['271299001', 'worsened'], ['12345', undefined],
  ])('SNOMED %s -> %s', (code, status) => {
    expect(mapDiseaseStatus([obs({ code: lnc('97509-4'), value: sct(code), daysAgo: 4 })])?.value).toBe(status);
  });

  test('latest wins', () => {
    expect(mapDiseaseStatus([
      obs({ code: lnc('97509-4'), value: sct('268910001'), daysAgo: 100 }),
      obs({ code: lnc('97509-4'), value: sct('271299001'), daysAgo: 4 }),
    ])?.value).toBe('worsened');
  });
});

describe('restaging imaging', () => {
  const report = (category: ReturnType<typeof cc>, status: string, d: number): Resource => ({
    resourceType: 'DiagnosticReport', id: nextId('dr'), status: status as 'final', code: lnc('24627-2'), category: [category], effectiveDateTime: daysAgo(d),
  });
  const study = (modality: string, d: number): Resource => ({
    resourceType: 'ImagingStudy', id: nextId('is'), status: 'available', subject: { reference: 'Patient/p1' },
    started: daysAgo(d), modality: [{ system: 'http://dicom.nema.org/resources/ontology/DCM', code: modality }],
  });
  test.each<[string, Resource, string | undefined]>([
    ['radiology report (v2-0074 RAD)', report(cc(coding('http://terminology.hl7.org/CodeSystem/v2-0074', 'RAD')), 'final', 12), daysAgo(12)],
    ['laboratory report', report(cc(coding('http://terminology.hl7.org/CodeSystem/v2-0074', 'LAB')), 'final', 12), undefined],
    ['preliminary radiology report', report(cc(coding('http://terminology.hl7.org/CodeSystem/v2-0074', 'RAD')), 'preliminary', 12), undefined],
    ['ImagingStudy CT', study('CT', 8), daysAgo(8)],
    ['ImagingStudy MR', study('MR', 8), daysAgo(8)],
    ['ImagingStudy US', study('US', 8), undefined],
  ])('%s', (_name, r, date) => {
    expect(mapLastImaging([r])?.value).toBe(date);
  });
});

describe('MDT review and resectability', () => {
  test.each<[string, Resource, boolean]>([
    ['completed Procedure', procedure(concept('mdt-review'), { daysAgo: 5 }), true],
    ['Procedure not done', procedure(concept('mdt-review'), { status: 'preparation' }), false],
    ['finished Encounter typed mdt-review', { resourceType: 'Encounter', id: 'e1', status: 'finished', class: { code: 'AMB' }, type: [concept('mdt-review')] }, true],
    ['planned Encounter', { resourceType: 'Encounter', id: 'e2', status: 'planned', class: { code: 'AMB' }, type: [concept('mdt-review')] }, false],
  ])('%s', (_name, r, done) => {
    expect(mapMdtReviews([r]).length > 0).toBe(done);
  });

  test('resectability history oldest first; the latest is current', () => {
    const h = mapResectabilityHistory([
      obs({ code: concept('metastasis-resectability'), value: concept('resectable'), daysAgo: 5 }),
      obs({ code: concept('metastasis-resectability'), value: concept('unresectable'), daysAgo: 100 }),
      obs({ code: concept('metastasis-resectability'), value: concept('potentially-resectable'), daysAgo: 50, status: 'preliminary' }),
      obs({ code: concept('metastasis-resectability'), value: cc(coding(LNC, 'resectable')), daysAgo: 1 }),
    ]);
    expect(h.map((f) => f.value)).toEqual(['unresectable', 'resectable']);
  });
});

describe('curative intent (mCODE procedure-intent)', () => {
  const carePlan = (code: '373808002' | '363676003', d: number, status = 'active'): Resource => ({
    resourceType: 'CarePlan', id: nextId('cp'), status: status as 'active', intent: 'plan', subject: { reference: 'Patient/p1' },
    period: { start: daysAgo(d) }, extension: [intentExt(code)],
  });
  test.each<[string, Resource[], boolean]>([
    ['CarePlan curative', [carePlan('373808002', 20)], true],
    ['MedicationRequest curative', [medRequest(rx('32592'), { daysAgo: 10, extension: [intentExt('373808002')] })], true],
    ['ServiceRequest curative', [serviceRequest(sct('265414003'), { extension: [intentExt('373808002')] })], true],
    ['Procedure curative', [procedure(sct('1217123003'), { daysAgo: 10, extension: [intentExt('373808002')] })], true],
    ['palliative only', [carePlan('363676003', 20)], false],
    ['curative then a newer palliative plan', [carePlan('373808002', 200), carePlan('363676003', 20)], false],
    ['revoked curative CarePlan', [carePlan('373808002', 20, 'revoked')], false],
    ['cancelled curative MedicationRequest', [medRequest(rx('32592'), { status: 'cancelled', daysAgo: 10, extension: [intentExt('373808002')] })], false],
  ])('%s -> %s', (_name, rs, curative) => {
    expect(mapCurativeIntent(rs, NOW) !== undefined).toBe(curative);
  });
});
