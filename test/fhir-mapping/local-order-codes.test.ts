import type { Bundle, CodeableConcept, ServiceRequest } from 'fhir/r4.js';
import { mapDraftOrders } from '../../src/fhir-mapping/draft-orders.js';
import { mapProcedures } from '../../src/fhir-mapping/procedures.js';
import { mapRadiotherapy } from '../../src/fhir-mapping/radiotherapy.js';
import { doseFromText } from '../../src/fhir-mapping/radiotherapy-text.js';
import { CPT, cc, coding, procedure, sct, serviceRequest, text } from './helpers.js';

/**
 * Procedures and orders as Epic and Oracle Health send them (real-world codes section 7; data conventions,
 * "local order codes (text lexicon)"): the VSAC SNOMED procedure codes, V2 CPT codes only with matching text,
 * local codes read by their words, a surgical category, and radiotherapy dose and site written as text.
 */

const EPIC_ORDER = 'urn:oid:1.2.840.114350.1.13.0.1.7.2.696580';
const local = (t: string, code = 'PRC1234'): CodeableConcept => ({ coding: [coding(EPIC_ORDER, code, t)], text: t });
const kinds = (code: CodeableConcept) => mapProcedures([procedure(code, { daysAgo: 3 })]).map((p) => [p.kind, p.source.matched]);

describe('procedure kinds by the real-world SNOMED codes (section 7a, VSAC)', () => {
  test.each<[string, string]>([
    ['71273005', 'liver-resection'], ['713519000', 'liver-resection'], ['85946004', 'liver-resection'], ['61326000', 'liver-resection'],
    ['63816008', 'liver-resection'], ['74180003', 'liver-resection'], ['174430004', 'liver-resection'], ['174431000', 'liver-resection'],
    ['307010009', 'liver-resection'], ['723069003', 'liver-resection'],
    ['314592008', 'primary-resection'], ['400988008', 'primary-resection'], ['395136002', 'primary-resection'],
    ['1258871004', 'primary-resection'], ['312497000', 'primary-resection'], ['16564004', 'primary-resection'],
    ['72261007', 'primary-resection'], ['287784004', 'primary-resection'],
    ['398740003', 'diversion'], ['386828002', 'diversion'], ['387606008', 'diversion'],
    ['609232008', 'ablation'], ['428115007', 'ablation'], ['1255425001', 'ablation'], ['448012004', 'ablation'],
    ['314617008', 'embolisation'], ['764677008', 'radioembolisation'], ['228697004', 'radioembolisation'],
    ['720379009', 'hepatic-arterial-infusion'],
    ['173171007', 'other-major-surgery'], ['444188003', 'other-major-surgery'],
  ])('SNOMED %s -> %s', (code, kind) => {
    expect(kinds(sct(code))).toEqual([[kind, `http://snomed.info/sct|${code}`]]);
  });

  test('CPT 45126 (pelvic exenteration, V) by code alone', () => {
    expect(kinds(cc(coding(CPT, '45126')))).toEqual([['primary-resection', `${CPT}|45126`]]);
  });
});

describe('V2 CPT codes (section 7b) count only with matching text', () => {
  const cpt = (code: string, t?: string): CodeableConcept => ({ coding: [coding(CPT, code)], ...(t ? { text: t } : {}) });
  test.each<[string, CodeableConcept, string | undefined]>([
    ['45112 with "proctectomy" text', cpt('45112', 'Proctectomy, abdominoperineal pull-through'), 'primary-resection'],
    ['45112 without text: generic surgery (CPT range)', cpt('45112'), 'other-major-surgery'],
    ['47381 with "cryoablation" text', cpt('47381', 'Open cryoablation of liver tumour'), 'ablation'],
    ['47381 alone: generic surgery', cpt('47381'), 'other-major-surgery'],
    ['37243 with "TACE" text', cpt('37243', 'TACE, right hepatic artery'), 'embolisation'],
    ['37243 alone: generic surgery (CPT range)', cpt('37243'), 'other-major-surgery'],
    ['79445 with "Y-90" text', cpt('79445', 'Y-90 radioembolization'), 'radioembolisation'],
    ['32663 with "lobectomy" text: lung surgery', cpt('32663', 'Thoracoscopic lobectomy'), 'other-major-surgery'],
  ])('%s -> %s', (_name, code, kind) => {
    expect(mapProcedures([procedure(code, { daysAgo: 3 })])[0]?.kind).toBe(kind);
  });
});

describe('local order codes read by the text lexicon (whole words, any case)', () => {
  test.each<[string, string | undefined]>([
    ['Hepatectomy, partial', 'liver-resection'],
    ['Right hemihepatectomy', 'liver-resection'],
    ['Liver resection segment 6', 'liver-resection'],
    ['Laparoscopic liver metastasectomy', 'liver-resection'],
    ['Metastasectomy', 'liver-resection'],
    ['Segmentectomy IVb', 'liver-resection'],
    ['Pulmonary metastasectomy', 'other-major-surgery'],
    ['Lung segmentectomy', 'other-major-surgery'],
    ['Wedge resection of liver', 'liver-resection'],
    ['VATS wedge resection RLL', 'other-major-surgery'],
    ['Robotic LAR with diverting loop ileostomy', 'primary-resection'],
    ['low anterior resection', 'primary-resection'],
    ['APR', 'primary-resection'],
    ['Abdominoperineal resection', 'primary-resection'],
    ['Robotic TME', 'primary-resection'],
    ['Proctectomy', 'primary-resection'],
    ['Pelvic exenteration', 'primary-resection'],
    ['Loop colostomy', 'diversion'],
    ['Diverting ileostomy', 'diversion'],
    ['Colostomy reversal', undefined],
    ['Rectal stent placement', 'rectal-stent'],
    ['Biliary stent exchange', undefined],
    ['CT-guided RFA liver', 'ablation'],
    ['Microwave ablation of liver lesion', 'ablation'],
    ['Catheter ablation for atrial fibrillation', undefined],
    ['TACE', 'embolisation'],
    ['Chemoembolization, hepatic', 'embolisation'],
    ['Portal vein embolization', undefined],
    ['Y-90 SIRT', 'radioembolisation'],
    ['Radioembolization (TARE)', 'radioembolisation'],
    ['HAI pump placement', 'hepatic-arterial-infusion'],
    // whole words only
    ['LARGE BOWEL ENDOSCOPY', undefined],
    ['Capracorn', undefined],
    ['TMEX review', undefined],
    ['Colonoscopy', undefined],
  ])('"%s" -> %s', (t, kind) => {
    const got = mapProcedures([procedure(local(t), { daysAgo: 3 })]);
    expect(got[0]?.kind).toBe(kind);
    if (kind !== undefined) expect(got[0]?.source.matched).toMatch(/^text:/);
  });

  test('a known code wins over the words: SNOMED colonoscopy 73761001 with "APR" text is not read by text', () => {
    // 73761001 is not a procedure kind of ours, so it does not block the lexicon; a kind code does.
    expect(kinds({ coding: [coding('http://snomed.info/sct', '265414003')], text: 'Hepatectomy' })).toEqual([['primary-resection', 'http://snomed.info/sct|265414003']]);
  });

  test('a generic surgical code does not hide the words: 387713003 with text "Hepatectomy, partial" is a liver resection', () => {
    expect(kinds({ coding: [coding('http://snomed.info/sct', '387713003')], text: 'Hepatectomy, partial' })[0]?.[0]).toBe('liver-resection');
  });
});

describe('a ServiceRequest whose category is SNOMED 387713003 is surgery whatever its code', () => {
  const withCategory = (code: CodeableConcept): ServiceRequest => ({
    ...serviceRequest(code, { inDays: 7 }),
    category: [cc(coding('http://snomed.info/sct', '387713003', 'Surgical procedure'))],
  });
  test.each<[string, CodeableConcept, string]>([
    ['local code, unreadable text', local('Procedure 4711'), 'other-major-surgery'],
    ['local code "Hepatectomy, partial" (V57)', local('Hepatectomy, partial'), 'liver-resection'],
    ['no code text at all', { coding: [coding(EPIC_ORDER, '99')] }, 'other-major-surgery'],
  ])('%s -> %s', (_name, code, kind) => {
    expect(mapProcedures([withCategory(code)])[0]).toMatchObject({ kind, status: 'planned' });
  });

  test('V57 as a draft order: a procedure draft (liver resection) dated in 7 days', () => {
    const draft: ServiceRequest = { ...withCategory(local('Hepatectomy, partial')), id: 'draft-hep', status: 'draft' };
    const bundle: Bundle = { resourceType: 'Bundle', type: 'collection', entry: [{ resource: draft }] };
    expect(mapDraftOrders(bundle)[0]).toMatchObject({ kind: 'procedure', procedure: 'liver-resection', label: 'Hepatectomy, partial', source: { matched: 'text:Hepatectomy' } });
  });
});

describe('radiotherapy dose and fractions written as text', () => {
  test.each<[string, number | undefined, number | undefined]>([
    ['5040 cGy', 5040, undefined],
    ['50.4 Gy', 5040, undefined],
    ['25 Gy in 5 fractions', 2500, 5],
    ['28 fractions', undefined, 28],
    ['50.4 Gy in 28 fractions', 5040, 28],
    ['45 Gy/25 fx', 4500, 25],
    ['5 x 5 Gy', 2500, 5],
    ['5Gy x 5', 2500, 5],
    ['50.4 Gy x 28', 5040, 28],
    ['45 Gy + 5.4 Gy boost', 5040, undefined],
    ['1.8 Gy/fx to 50.4 Gy', 5040, undefined],
    ['Pelvic IMRT', undefined, undefined],
    ['50,4 Gy in 28 Fraktionen', 5040, undefined],
  ])('"%s" -> %s cGy, %s fractions', (t, total, fractions) => {
    const d = doseFromText(t);
    expect(d.totalCGy).toBe(total);
    expect(d.fractions).toBe(fractions);
  });

  test.each<[string, ServiceRequest, { course: string; pelvic: boolean; totalDoseCGy?: number; fractions?: number }]>([
    ['local code "Pelvic IMRT 50.4 Gy in 28 fractions"', serviceRequest(local('Pelvic IMRT 50.4 Gy in 28 fractions')), { course: 'long-course', pelvic: true, totalDoseCGy: 5040, fractions: 28 }],
    ['"Short course RT rectum 25 Gy in 5 fractions"', serviceRequest(local('Short course RT rectum 25 Gy in 5 fractions')), { course: 'short-course', pelvic: true, totalDoseCGy: 2500, fractions: 5 }],
    ['"SCRT" with no dose', serviceRequest(local('SCRT')), { course: 'short-course', pelvic: true }],
    ['"Chemoradiation with capecitabine" (no dose: long course)', serviceRequest(local('Chemoradiation with capecitabine')), { course: 'long-course', pelvic: true }],
    ['"SBRT liver 50 Gy in 5 fractions": not pelvic', serviceRequest(local('SBRT liver 50 Gy in 5 fractions')), { course: 'long-course', pelvic: false, totalDoseCGy: 5000, fractions: 5 }],
    ['"Palliative radiotherapy, spine 8 Gy x 1": not pelvic', serviceRequest(local('Palliative radiotherapy, spine 8 Gy x 1')), { course: 'other', pelvic: false, totalDoseCGy: 800, fractions: 1 }],
    ['coded 1217123003 with the dose in orderDetail', { ...serviceRequest(sct('1217123003')), orderDetail: [text('45 Gy in 25 fractions')] }, { course: 'long-course', pelvic: true, totalDoseCGy: 4500, fractions: 25 }],
    ['coded 1217123003 with the dose in a note', { ...serviceRequest(sct('1217123003')), note: [{ text: '25 Gy in 5 fractions to the pelvis' }] }, { course: 'short-course', pelvic: true, totalDoseCGy: 2500, fractions: 5 }],
    ['coded IMRT 441799006, site in patientInstruction words', { ...serviceRequest(sct('441799006')), patientInstruction: '50.4 Gy rectal' }, { course: 'long-course', pelvic: true, totalDoseCGy: 5040 }],
    ['CodeX radiotherapy category 1287742003 with a local code', { ...serviceRequest(local('Course 2')), category: [sct('1287742003')] }, { course: 'other', pelvic: true }],
  ])('%s', (_name, sr, expected) => {
    expect(mapRadiotherapy([sr])[0]).toMatchObject({ status: 'planned', ...expected });
  });

  test.each<[string, CodeableConcept]>([
    ['"Radiation oncology consult"', local('Radiation oncology consult')],
    ['"Treatment of radiation proctitis"', local('Treatment of radiation proctitis')],
    ['"Y-90 radioembolization" (a procedure, not a course)', local('Y-90 radioembolization')],
    ['"Selective internal radiation therapy"', local('Selective internal radiation therapy')],
    ['CPT 77427 alone (V2, no text)', cc(coding(CPT, '77427'))],
  ])('%s is not a radiotherapy course', (_name, code) => {
    expect(mapRadiotherapy([serviceRequest(code)])).toEqual([]);
  });

  test('V2 CPT 77427 with radiotherapy text is a course done', () => {
    const p = procedure({ coding: [coding(CPT, '77427')], text: 'Radiation treatment management, 5 treatments' }, { daysAgo: 10 });
    expect(mapRadiotherapy([p])[0]).toMatchObject({ status: 'done', source: { matched: `${CPT}|77427` } });
  });

  test('an RT draft with the dose in text is a long-course draft (RC-33 reads it)', () => {
    const draft: ServiceRequest = { ...serviceRequest(local('LCCRT pelvis 50.4 Gy/28 fx + capecitabine')), id: 'rt', status: 'draft' };
    const bundle: Bundle = { resourceType: 'Bundle', type: 'collection', entry: [{ resource: draft }] };
    expect(mapDraftOrders(bundle)[0]).toMatchObject({ kind: 'radiotherapy', course: 'long-course', pelvic: true, totalDoseCGy: 5040, fractions: 28 });
  });
});
