import fc from 'fast-check';
import type { DraftOrder } from '../../src/domain/draft-order.js';
import { draftResourcesById, mapDraftOrders } from '../../src/fhir-mapping/draft-orders.js';

/** `context.draftOrders` -> DraftOrder[]: drugs, procedures, radiotherapy, priority, dates, selections, validity. */

const RXNORM = 'http://www.nlm.nih.gov/research/umls/rxnorm';
const SCT = 'http://snomed.info/sct';
const CPT = 'http://www.ama-assn.org/go/cpt';
const CONCEPT = 'urn:rectal-cds:concept';
const CODEX = 'http://hl7.org/fhir/us/codex-radiation-therapy/StructureDefinition/codexrt-radiotherapy-dose-prescribed-to-volume';
const INTENT = 'http://hl7.org/fhir/us/mcode/StructureDefinition/mcode-procedure-intent';

type Json = Record<string, unknown>;
const bundle = (...resources: Json[]): Json => ({ resourceType: 'Bundle', type: 'collection', entry: resources.map((resource) => ({ resource })) });
const med = (id: string, extra: Json): Json => ({ resourceType: 'MedicationRequest', id, status: 'draft', intent: 'order', subject: { reference: 'Patient/p1' }, ...extra });
const sr = (id: string, code: Json, extra: Json = {}): Json => ({ resourceType: 'ServiceRequest', id, status: 'draft', intent: 'order', code, subject: { reference: 'Patient/p1' }, ...extra });
const cc = (system: string, code: string, display?: string): Json => ({ coding: [{ system, code, ...(display ? { display } : {}) }] });
const dose = (cGy: number, fractions: number): Json => ({
  url: CODEX,
  extension: [
    { url: 'totalDose', valueQuantity: { value: cGy, unit: 'cGy', system: 'http://unitsofmeasure.org', code: 'cGy' } },
    { url: 'fractions', valueUnsignedInt: fractions },
  ],
});

const only = (b: Json, selections?: string[]): DraftOrder => {
  const drafts = mapDraftOrders(b, selections ? { selections } : {});
  expect(drafts).toHaveLength(1);
  return drafts[0] as DraftOrder;
};
const drugsOf = (d: DraftOrder) => (d.kind === 'drug' ? d.drugs : []);

describe('drug orders', () => {
  test.each<[string, Json, string[]]>([
    ['RxNorm ingredient code', med('m', { medicationCodeableConcept: cc(RXNORM, '318341') }), ['cetuximab']],
    ['clinical-drug text only', med('m', { medicationCodeableConcept: { text: 'cetuximab 2 MG/ML Injection' } }), ['cetuximab']],
    ['brand name in a display', med('m', { medicationCodeableConcept: cc('urn:local', 'X1', 'Avastin 400 mg/16 mL') }), ['bevacizumab']],
    ['regimen ordered as one item', med('m', { medicationCodeableConcept: { text: 'mFOLFOX6' } }), ['fluorouracil', 'leucovorin', 'oxaliplatin']],
    [
      'contained Medication by reference',
      med('m', { contained: [{ resourceType: 'Medication', id: 'med1', code: cc(RXNORM, '263034') }], medicationReference: { reference: '#med1' } }),
      ['panitumumab'],
    ],
    [
      'contained Medication with an ingredient',
      med('m', {
        contained: [{ resourceType: 'Medication', id: 'med1', code: { text: 'Pharmacy mix 12' }, ingredient: [{ itemCodeableConcept: cc(RXNORM, '1547545') }] }],
        medicationReference: { reference: '#med1' },
      }),
      ['pembrolizumab'],
    ],
    ['reference display only', med('m', { medicationReference: { reference: 'Medication/x', display: 'nivolumab 10 MG/ML' } }), ['nivolumab']],
  ])('%s', (_name, resource, drugs) => {
    const d = only(bundle(resource));
    expect(d.kind).toBe('drug');
    expect([...drugsOf(d)].sort()).toEqual([...drugs].sort());
    expect(d.id).toBe('MedicationRequest/m');
  });

  test('a Medication referenced inside the draft Bundle (not contained)', () => {
    const b = {
      resourceType: 'Bundle',
      entry: [
        { fullUrl: 'urn:uuid:5f1c', resource: { resourceType: 'Medication', code: cc(RXNORM, '253337', 'bevacizumab') } },
        { resource: med('m', { medicationReference: { reference: 'urn:uuid:5f1c' } }) },
      ],
    };
    const d = only(b);
    expect(drugsOf(d)).toEqual(['bevacizumab']);
  });

  test('a drug the service does not know is context only (kind other), never a guess', () => {
    const d = only(bundle(med('m', { medicationCodeableConcept: cc(RXNORM, '617993', 'Amoxicillin 120 MG/ML Oral Suspension') })));
    expect(d.kind).toBe('other');
    expect(d.label).toContain('Amoxicillin');
  });

  test('planned start from the dosage bounds', () => {
    const d = only(bundle(med('m', { medicationCodeableConcept: cc(RXNORM, '253337'), dosageInstruction: [{ timing: { repeat: { boundsPeriod: { start: '2026-07-01' } } } }] })));
    expect(d.plannedDate).toBe('2026-07-01');
  });
});

describe('service requests', () => {
  test.each<[string, Json, Partial<Record<string, unknown>>]>([
    ['APR by SNOMED: resection of the primary', cc(SCT, '265414003'), { kind: 'procedure', procedure: 'primary-resection' }],
    ['low anterior resection by project concept', cc(CONCEPT, 'primary-resection'), { kind: 'procedure', procedure: 'primary-resection' }],
    ['colostomy: diversion, not a resection', cc(SCT, '387607004'), { kind: 'procedure', procedure: 'diversion' }],
    ['hepatectomy by CPT', cc(CPT, '47120'), { kind: 'procedure', procedure: 'liver-resection' }],
    ['radiofrequency ablation by CPT', cc(CPT, '47382'), { kind: 'procedure', procedure: 'ablation' }],
    ['TACE by project concept', cc(CONCEPT, 'embolisation'), { kind: 'procedure', procedure: 'embolisation' }],
    ['Y-90 by project concept', cc(CONCEPT, 'radioembolisation'), { kind: 'procedure', procedure: 'radioembolisation' }],
    ['lung wedge resection (CPT surgery range): other major surgery', cc(CPT, '32505'), { kind: 'procedure', procedure: 'other-major-surgery' }],
    ['a lab test is context only', cc('http://loinc.org', '2039-6'), { kind: 'other' }],
    ['a colonoscopy is context only', cc(SCT, '73761001'), { kind: 'other' }],
  ])('%s', (_name, code, expected) => {
    expect(only(bundle(sr('s', code)))).toMatchObject(expected);
  });

  test.each<[string, Json, Partial<Record<string, unknown>>]>([
    ['long course 50.4 Gy / 28 to the pelvis', { extension: [dose(5040, 28)], bodySite: [cc(SCT, '12921003', 'Pelvis')] }, { course: 'long-course', pelvic: true, totalDoseCGy: 5040, fractions: 28 }],
    ['short course 25 Gy / 5, no site given (pelvic by convention)', { extension: [dose(2500, 5)] }, { course: 'short-course', pelvic: true, totalDoseCGy: 2500, fractions: 5 }],
    ['20 Gy / 5 to the spine: not pelvic', { extension: [dose(2000, 5)], bodySite: [{ text: 'Thoracic spine T8-T10' }] }, { course: 'other', pelvic: false }],
    ['long course named by concept, no dose', { code: cc(CONCEPT, 'long-course-chemoradiotherapy') }, { course: 'long-course', pelvic: true }],
  ])('radiotherapy: %s', (_name, extra, expected) => {
    const d = only(bundle(sr('rt', cc(SCT, '1217123003'), extra)));
    expect(d).toMatchObject({ kind: 'radiotherapy', ...expected });
  });

  test.each<[string | undefined, boolean]>([
    ['stat', true],
    ['asap', true],
    ['urgent', true],
    ['routine', false],
    [undefined, false],
  ])('priority %s: emergency %s', (priority, emergency) => {
    expect(only(bundle(sr('s', cc(CPT, '49000'), priority ? { priority } : {}))).emergency).toBe(emergency);
  });

  test.each<[string, Json, string | undefined]>([
    ['occurrenceDateTime', { occurrenceDateTime: '2026-06-20T08:00:00Z' }, '2026-06-20T08:00:00Z'],
    ['occurrencePeriod.start', { occurrencePeriod: { start: '2026-06-21' } }, '2026-06-21'],
    ['not a date', { occurrenceDateTime: 'next week' }, undefined],
    ['not yet scheduled', {}, undefined],
  ])('planned date from %s', (_name, extra, planned) => {
    expect(only(bundle(sr('s', cc(CPT, '47120'), extra))).plannedDate).toBe(planned);
  });

  test.each<[string, boolean | undefined]>([
    ['373808002', true],
    ['363676003', false],
  ])('intent extension %s on the order: curative %s', (code, curative) => {
    const d = only(bundle(sr('s', cc(SCT, '265414003'), { extension: [{ url: INTENT, valueCodeableConcept: cc(SCT, code) }] })));
    expect(d.curative).toBe(curative);
  });
});

describe('which drafts are judged, which are read at all', () => {
  const set = bundle(
    med('cetux', { medicationCodeableConcept: cc(RXNORM, '318341') }),
    med('bev', { medicationCodeableConcept: cc(RXNORM, '253337') }),
    sr('apr', cc(SCT, '265414003')),
  );

  test('order-sign (no selections): every draft is judged', () => {
    expect(mapDraftOrders(set).map((d) => [d.id, d.selected])).toEqual([
      ['MedicationRequest/cetux', true],
      ['MedicationRequest/bev', true],
      ['ServiceRequest/apr', true],
    ]);
  });

  test('order-select: only the selections are judged, the rest stays as context', () => {
    expect(mapDraftOrders(set, { selections: ['MedicationRequest/bev'] }).map((d) => [d.id, d.selected])).toEqual([
      ['MedicationRequest/cetux', false],
      ['MedicationRequest/bev', true],
      ['ServiceRequest/apr', false],
    ]);
  });

  test.each<[string, Json]>([
    ['cancelled', { status: 'cancelled' }],
    ['entered-in-error', { status: 'entered-in-error' }],
    ['completed', { status: 'completed' }],
    ['revoked', { status: 'revoked' }],
    ['do-not-perform', { doNotPerform: true }],
  ])('a %s order is not an order being written: ignored', (_name, extra) => {
    expect(mapDraftOrders(bundle(sr('s', cc(SCT, '265414003'), extra)))).toEqual([]);
  });

  test('a re-signed active order is still judged', () => {
    expect(only(bundle(sr('s', cc(SCT, '265414003'), { status: 'active' }))).kind).toBe('procedure');
  });

  test('a draft without id is named by its fullUrl, and draftResourcesById uses the same names', () => {
    const b = { resourceType: 'Bundle', entry: [{ fullUrl: 'urn:uuid:abc', resource: { resourceType: 'MedicationRequest', status: 'draft', medicationCodeableConcept: cc(RXNORM, '318341') } }] };
    expect(only(b).id).toBe('urn:uuid:abc');
    expect([...draftResourcesById(b).keys()]).toEqual(['urn:uuid:abc']);
    expect([...draftResourcesById(set).keys()]).toEqual(['MedicationRequest/cetux', 'MedicationRequest/bev', 'ServiceRequest/apr']);
  });

  test('drafts without id or fullUrl get distinct names that are never a Type/id', () => {
    const noId = { resourceType: 'MedicationRequest', status: 'draft', medicationCodeableConcept: cc(RXNORM, '318341') };
    const b = bundle(noId, { ...noId }, sr('s', cc(SCT, '265414003')));
    const ids = mapDraftOrders(b).map((d) => d.id);
    expect(new Set(ids).size).toBe(3);
    expect(ids.slice(0, 2).filter((id) => /^[A-Z][A-Za-z]+\/[A-Za-z0-9\-.]{1,64}$/.test(id))).toEqual([]);
    expect(ids[2]).toBe('ServiceRequest/s');
    expect([...draftResourcesById(b).keys()]).toEqual(ids);
  });

  test('supporting resources in the Bundle (a Medication) are not orders', () => {
    expect(mapDraftOrders(bundle({ resourceType: 'Medication', id: 'x', code: cc(RXNORM, '318341') }))).toEqual([]);
  });
});

describe('never throws on malformed input', () => {
  test.each<[string, unknown]>([
    ['undefined', undefined],
    ['null', null],
    ['a string', 'Bundle'],
    ['an empty object', {}],
    ['entry not an array', { resourceType: 'Bundle', entry: { resource: {} } }],
    ['entries without resources', { resourceType: 'Bundle', entry: [null, 1, {}, { resource: 'x' }] }],
    ['wrong field types', bundle(med('m', { medicationCodeableConcept: 42, priority: ['stat'], dosageInstruction: 'daily' }), sr('s', 'not a concept' as unknown as Json, { occurrenceDateTime: 7 }))],
  ])('%s', (_name, input) => {
    expect(() => mapDraftOrders(input)).not.toThrow();
    expect(() => draftResourcesById(input)).not.toThrow();
  });

  test('any JSON at all', () => {
    fc.assert(fc.property(fc.jsonValue(), (v) => Array.isArray(mapDraftOrders({ resourceType: 'Bundle', entry: [{ resource: v }] }))), { numRuns: 300 });
  });
});
