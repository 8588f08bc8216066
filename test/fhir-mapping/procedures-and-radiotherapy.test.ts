import type { CodeableConcept, Extension, FhirResource as Resource } from 'fhir/r4.js';
import { mapProcedures } from '../../src/fhir-mapping/procedures.js';
import { mapRadiotherapy } from '../../src/fhir-mapping/radiotherapy.js';
import {
  CPT, RECTAL, cc, coding, concept, condition, daysAgo, mapped, patient, procedure, sct, serviceRequest, UCUM,
} from './helpers.js';

const cpt = (code: string) => cc(coding(CPT, code));

describe('procedure kinds', () => {
  test.each<[string, CodeableConcept, string]>([
    ['APR SNOMED 265414003', sct('265414003'), 'primary-resection'],
    ...['44145', '44146', '44207', '44208', '45110', '45395'].map((c): [string, CodeableConcept, string] => [`CPT ${c} (u)`, cpt(c), 'primary-resection']),
    ['concept primary-resection', concept('primary-resection'), 'primary-resection'],
    ['colostomy SNOMED 387607004', sct('387607004'), 'diversion'],
    ['concept diversion', concept('diversion'), 'diversion'],
    ['concept rectal-stent', concept('rectal-stent'), 'rectal-stent'],
    ...['47120', '47122', '47125', '47130'].map((c): [string, CodeableConcept, string] => [`CPT ${c} (u)`, cpt(c), 'liver-resection']),
    ['concept liver-metastasectomy', concept('liver-metastasectomy'), 'liver-resection'],
    ['CPT 47380 (u)', cpt('47380'), 'ablation'],
    ['CPT 47382 (u)', cpt('47382'), 'ablation'],
    ['concept ablation', concept('ablation'), 'ablation'],
    ['concept embolisation', concept('embolisation'), 'embolisation'],
    ['concept radioembolisation', concept('radioembolisation'), 'radioembolisation'],
    ['concept hepatic-arterial-infusion', concept('hepatic-arterial-infusion'), 'hepatic-arterial-infusion'],
    ['SNOMED 387713003 surgical procedure', sct('387713003'), 'other-major-surgery'],
    ['CPT 10000 (range start)', cpt('10000'), 'other-major-surgery'],
    ['CPT 69999 (range end)', cpt('69999'), 'other-major-surgery'],
    ['CPT 49000 laparotomy', cpt('49000'), 'other-major-surgery'],
  ])('%s -> %s', (_name, code, kind) => {
    expect(mapProcedures([procedure(code, { daysAgo: 3 })]).map((p) => p.kind)).toEqual([kind]);
  });

  test.each<[string, CodeableConcept]>([
    ['CPT 70450 (radiology, out of range)', cpt('70450')],
    ['CPT 9999', cpt('9999')],
    ['CPT 0001T (category III)', cpt('0001T')],
    ['Synthea partial colectomy 43075005 (not listed)', sct('43075005')],
  ])('%s: not a known procedure', (_name, code) => {
    expect(mapProcedures([procedure(code, { daysAgo: 3 })])).toEqual([]);
  });

  test.each<[string, Resource, { status: string; emergency: boolean; date?: string } | undefined]>([
    ['Procedure completed = done', procedure(sct('265414003'), { daysAgo: 20 }), { status: 'done', emergency: false, date: daysAgo(20) }],
    ['Procedure in-progress: not done', procedure(sct('265414003'), { status: 'in-progress' }), undefined],
    ['Procedure not-done', procedure(sct('265414003'), { status: 'not-done' }), undefined],
    ['ServiceRequest active = planned, dated by occurrence', serviceRequest(cpt('47120'), { inDays: 10 }), { status: 'planned', emergency: false, date: daysAgo(-10) }],
    ['ServiceRequest on-hold = planned', serviceRequest(cpt('47120'), { status: 'on-hold' }), { status: 'planned', emergency: false }],
    ['ServiceRequest priority urgent', serviceRequest(cpt('49000'), { priority: 'urgent' }), { status: 'planned', emergency: true }],
    ['ServiceRequest priority asap', serviceRequest(cpt('49000'), { priority: 'asap' }), { status: 'planned', emergency: true }],
    ['ServiceRequest priority stat', serviceRequest(cpt('49000'), { priority: 'stat' }), { status: 'planned', emergency: true }],
    ['ServiceRequest priority routine', serviceRequest(cpt('49000'), { priority: 'routine' }), { status: 'planned', emergency: false }],
    ['ServiceRequest completed', serviceRequest(cpt('49000'), { status: 'completed' }), undefined],
    ['ServiceRequest revoked', serviceRequest(cpt('49000'), { status: 'revoked' }), undefined],
    ['ServiceRequest draft (order hooks only)', serviceRequest(cpt('49000'), { status: 'draft' }), undefined],
  ])('%s', (_name, r, expected) => {
    const p = mapProcedures([r])[0];
    if (expected === undefined) expect(p).toBeUndefined();
    else expect(p).toMatchObject(expected);
  });

  test('primaryResected: a completed resection of the primary', () => {
    expect(mapped([patient(), condition({ code: RECTAL }), procedure(cpt('45110'), { daysAgo: 400 })]).primaryResected).toBe(true);
    expect(mapped([patient(), condition({ code: RECTAL }), serviceRequest(cpt('45110'))]).primaryResected).toBe(false);
  });
});

const CODEX = 'http://hl7.org/fhir/us/codex-radiation-therapy/StructureDefinition/codexrt-radiotherapy-dose-prescribed-to-volume';
const MCODE = 'http://hl7.org/fhir/us/mcode/StructureDefinition/mcode-radiotherapy-dose-delivered-to-volume';
const dose = (url: string, totalKey: string, total: number, fractionsKey: string, fractions: number, unit = 'cGy'): Extension => ({
  url,
  extension: [
    { url: totalKey, valueQuantity: { value: total, unit, system: UCUM, code: unit } },
    { url: fractionsKey, valueUnsignedInt: fractions },
  ],
});

describe('radiotherapy', () => {
  test.each<[string, CodeableConcept, Extension[], string, number | undefined, number | undefined]>([
    ['CodeX totalDose/fractions 2500/5', sct('1217123003'), [dose(CODEX, 'totalDose', 2500, 'fractions', 5)], 'short-course', 2500, 5],
    ['CodeX totalDosePrescribed/fractionsPrescribed 5040/28', sct('1217123003'), [dose(CODEX, 'totalDosePrescribed', 5040, 'fractionsPrescribed', 28)], 'long-course', 5040, 28],
    ['CodeX dose in Gy: 25 Gy / 5', sct('33195004'), [dose(CODEX, 'totalDose', 25, 'fractions', 5, 'Gy')], 'short-course', 2500, 5],
    ['mCODE delivered 4500/25', sct('1217123003'), [dose(MCODE, 'totalDoseDelivered', 4500, 'fractionsDelivered', 25)], 'long-course', 4500, 25],
    ['mCODE two volumes: the highest dose describes the course', sct('1217123003'), [dose(MCODE, 'totalDoseDelivered', 4500, 'fractionsDelivered', 25), dose(MCODE, 'totalDoseDelivered', 5400, 'fractionsDelivered', 30)], 'long-course', 5400, 30],
    ['2500 in 10 fractions: other', sct('1217123003'), [dose(CODEX, 'totalDose', 2500, 'fractions', 10)], 'other', 2500, 10],
    ['3000/10 palliative: other', sct('1217123003'), [dose(CODEX, 'totalDose', 3000, 'fractions', 10)], 'other', 3000, 10],
    ['no dose: other', sct('1217123003'), [], 'other', undefined, undefined],
    ['concept short-course-radiotherapy', concept('short-course-radiotherapy'), [], 'short-course', undefined, undefined],
    ['concept long-course-chemoradiotherapy', concept('long-course-chemoradiotherapy'), [], 'long-course', undefined, undefined],
  ])('%s', (_name, code, extension, course, total, fractions) => {
    const rt = mapRadiotherapy([procedure(code, { daysAgo: 30, extension })])[0];
    expect(rt).toMatchObject({ course, status: 'done', date: daysAgo(30) });
    expect([rt?.totalDoseCGy, rt?.fractions]).toEqual([total, fractions]);
  });

  test.each<[string, CodeableConcept | undefined, boolean]>([
    ['no body site: pelvic', undefined, true],
    ['pelvis structure (u)', sct('12921003'), true],
    ['rectum structure (u)', sct('34402009'), true],
    ['body site text "Pelvis"', { text: 'Pelvis' }, true],
    ['spine', sct('421060004'), false],
    ['chest wall', sct('78904004'), false],
  ])('pelvic: %s -> %s', (_name, bodySite, pelvic) => {
    expect(mapRadiotherapy([procedure(sct('1217123003'), { daysAgo: 3, ...(bodySite ? { bodySite } : {}) })])[0]?.pelvic).toBe(pelvic);
  });

  test('the treated volume BodyStructure location counts as a site', () => {
    const volume: Resource = { resourceType: 'BodyStructure', id: 'vol', patient: { reference: 'Patient/p1' }, location: sct('39607008') };
    const ext: Extension = { url: MCODE, extension: [{ url: 'volume', valueReference: { reference: 'BodyStructure/vol' } }, { url: 'totalDoseDelivered', valueQuantity: { value: 5000, code: 'cGy' } }] };
    expect(mapRadiotherapy([volume, procedure(sct('1217123003'), { daysAgo: 3, extension: [ext] })])[0]?.pelvic).toBe(false);
  });

  test.each<[string, Resource, string | undefined]>([
    ['Procedure completed', procedure(sct('1217123003'), { daysAgo: 3 }), 'done'],
    ['Procedure in-progress (course under way)', procedure(sct('1217123003'), { status: 'in-progress' }), 'done'],
    ['ServiceRequest active', serviceRequest(sct('1217123003'), { inDays: 7 }), 'planned'],
    ['ServiceRequest cancelled', serviceRequest(sct('1217123003'), { status: 'revoked' }), undefined],
  ])('status: %s', (_name, r, status) => {
    expect(mapRadiotherapy([r])[0]?.status).toBe(status);
  });

  test('radiotherapy is not a surgical procedure', () => {
    expect(mapProcedures([procedure(sct('1217123003'), { daysAgo: 3 })])).toEqual([]);
  });
});
