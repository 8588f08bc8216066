import type { CarePlan, CodeableConcept, Composition, DocumentReference, Encounter, Procedure, Resource, ServiceRequest } from 'fhir/r4.js';
import { mapMdtReviews } from '../../src/fhir-mapping/mdt.js';
import { CPT, cc, coding, concept, daysAgo, procedure, sct, serviceRequest } from './helpers.js';

/**
 * Tumour board (MDT) review done (data conventions, "MDT review done"; real-world codes section 1): standard
 * codes, V2 codes only with matching text, Epic / Oracle Health local visit types by their words, notes and
 * care plans; a referral is planned, not done; whole words only.
 */

const EPIC_VISIT_TYPE = 'urn:oid:1.2.840.114350.1.13.0.1.7.10.698084.30';
const local = (t: string, system = EPIC_VISIT_TYPE): CodeableConcept => ({ coding: [coding(system, '1047', t)], text: t });
const encounter = (type: CodeableConcept[], s: { status?: Encounter['status']; daysAgo?: number; serviceType?: CodeableConcept } = {}): Encounter => ({
  resourceType: 'Encounter', id: 'enc', status: s.status ?? 'finished', class: coding('http://terminology.hl7.org/CodeSystem/v3-ActCode', 'AMB'),
  type, ...(s.serviceType ? { serviceType: s.serviceType } : {}), subject: { reference: 'Patient/p1' },
  period: { start: daysAgo(s.daysAgo ?? 12) },
});
const note = (type: CodeableConcept, s: Partial<DocumentReference> = {}): DocumentReference => ({
  resourceType: 'DocumentReference', id: 'doc', status: 'current', type, subject: { reference: 'Patient/p1' }, date: daysAgo(8), content: [{ attachment: { contentType: 'text/plain' } }], ...s,
});
const carePlan = (category: CodeableConcept[], s: Partial<CarePlan> = {}): CarePlan => ({
  resourceType: 'CarePlan', id: 'cp', status: 'active', intent: 'plan', category, subject: { reference: 'Patient/p1' }, created: daysAgo(6), ...s,
});
const reviews = (r: Resource) => mapMdtReviews([r]);

describe('by code', () => {
  test.each<[string, Resource, string]>([
    ['Procedure, project concept', procedure(concept('mdt-review'), { daysAgo: 5 }), 'urn:rectal-cds:concept|mdt-review'],
    ['Procedure, SNOMED 312384001 multidisciplinary assessment', procedure(sct('312384001'), { daysAgo: 5 }), 'http://snomed.info/sct|312384001'],
    ['Encounter type, SNOMED 312384001', encounter([sct('312384001')]), 'http://snomed.info/sct|312384001'],
    ['DocumentReference type LOINC 85232-7 tumor board consult note', note(cc(coding('http://loinc.org', '85232-7'))), 'http://loinc.org|85232-7'],
    ['Composition type LOINC 85232-7', { resourceType: 'Composition', id: 'comp', status: 'final', type: cc(coding('http://loinc.org', '85232-7')), date: daysAgo(3), author: [], title: 'Note', subject: { reference: 'Patient/p1' } } as Composition, 'http://loinc.org|85232-7'],
    ['CarePlan category SNOMED 312384001', carePlan([sct('312384001')]), 'http://snomed.info/sct|312384001'],
    ['CarePlan category MII oBDS praetherapeutic conference', carePlan([cc(coding('https://www.medizininformatik-initiative.de/fhir/ext/modul-onko/CodeSystem/mii-cs-onko-therapieplanung-typ', 'praeth'))]), 'https://www.medizininformatik-initiative.de/fhir/ext/modul-onko/CodeSystem/mii-cs-onko-therapieplanung-typ|praeth'],
  ])('%s', (_name, r, matched) => {
    expect(reviews(r)).toEqual([expect.objectContaining({ resourceType: r.resourceType, matched })]);
  });

  test('MII "ther" (therapy planning without a tumour conference) is no review', () => {
    expect(reviews(carePlan([cc(coding('https://www.medizininformatik-initiative.de/fhir/ext/modul-onko/CodeSystem/mii-cs-onko-therapieplanung-typ', 'ther'))]))).toEqual([]);
  });
});

describe('V2 and non-specific codes count only with tumour-board words', () => {
  test.each<[string, CodeableConcept, boolean]>([
    ['CPT 99367 with "Tumor board" text', { coding: [coding(CPT, '99367')], text: 'GI Tumor Board' }, true],
    ['CPT 99367 alone (any team conference)', { coding: [coding(CPT, '99367', 'Medical team conference, physician')] }, false],
    ['CPT 99366 with "multidisciplinary conference"', { coding: [coding(CPT, '99366')], text: 'Multidisciplinary conference' }, true],
    ['HCPCS G0175 alone', cc(coding('http://www.nlm.nih.gov/research/umls/hcpcs', 'G0175')), false],
    ['NCIt C93304 with its display "Tumor Board Review"', cc(coding('http://ncicb.nci.nih.gov/xml/owl/EVS/Thesaurus.owl', 'C93304', 'Tumor Board Review')), true],
    ['NCIt C93304 without display', cc(coding('http://ncicb.nci.nih.gov/xml/owl/EVS/Thesaurus.owl', 'C93304')), false],
    ['SNOMED 720006006 cancer care review alone (GP review in the UK)', sct('720006006'), false],
    ['SNOMED 720006006 with "Sarcoma tumor board"', { coding: [coding('http://snomed.info/sct', '720006006')], text: 'Sarcoma Tumor Board' }, true],
  ])('%s -> %s', (_name, code, done) => {
    expect(reviews(procedure(code, { daysAgo: 4 })).length).toBe(done ? 1 : 0);
  });
});

describe('local visit types and notes read by their words (whole words, any case)', () => {
  test.each<[string, boolean]>([
    ['Colorectal Tumor Board', true],
    ['TUMOR BOARD', true],
    ['DISCUSSION ONLY TUMOR BOARD', true],
    ['IN PERSON TUMOR BOARD', true],
    ['TUMOR BOARD LIVER', true],
    ['tumour board', true],
    ['Tumorboard Darm', true],
    ['Multidisciplinary team meeting', true],
    ['Multi-disciplinary review', true],
    ['Multidisciplinary clinic', true],
    ['Interdisciplinary conference', true],
    ['GI MDT', true],
    ['MDT', true],
    ['MTB molecular', true],
    ['Hepatobiliary board', true],
    ['Tumorkonferenz', true],
    ['Réunion de concertation pluridisciplinaire', true],
    ['Colorectal cancer MDM', true],
    ['RCP oncologie digestive', true],
    // not a tumour board
    ['MDM', false],
    ['Office visit, MDM moderate complexity', false],
    ['MDTX clinic', false],
    ['EMDT', false],
    ['Multidisciplinary', false],
    ['Office Visit', false],
    ['Tumor board referral', false],
  ])('Encounter type "%s" -> %s', (t, done) => {
    expect(reviews(encounter([local(t)])).length).toBe(done ? 1 : 0);
  });

  test('a read-from-text review says so, with the visit date', () => {
    expect(reviews(encounter([local('Colorectal Tumor Board')], { daysAgo: 12 }))).toEqual([
      { resourceType: 'Encounter', id: 'enc', date: daysAgo(12), matched: 'text:Tumor Board' },
    ]);
  });

  test('Oracle Health: the board in serviceType (code set 34), an ordinary visit type', () => {
    const e = encounter([local('Outpatient', 'https://fhir.cerner.com/ec2458f2/codeSet/71')], { serviceType: local('Tumor Board', 'https://fhir.cerner.com/ec2458f2/codeSet/34') });
    expect(reviews(e)).toHaveLength(1);
  });

  test.each<[string, DocumentReference, boolean]>([
    ['note type text "Tumor Board Note" (local code)', note(local('Tumor Board Note')), true],
    ['consult note LOINC 11488-4 described as "Colorectal MDT outcome"', note(cc(coding('http://loinc.org', '11488-4', 'Consult note')), { description: 'Colorectal MDT outcome' }), true],
    ['85232-7 entered in error', note(cc(coding('http://loinc.org', '85232-7')), { status: 'entered-in-error' }), false],
    ['85232-7 still preliminary (not signed)', note(cc(coding('http://loinc.org', '85232-7')), { docStatus: 'preliminary' }), false],
    ['a progress note', note(cc(coding('http://loinc.org', '11506-3', 'Progress note'))), false],
  ])('%s -> %s', (_name, d, done) => {
    expect(reviews(d).length).toBe(done ? 1 : 0);
  });

  test('CarePlan titled "Tumour board recommendation" with an unknown category', () => {
    expect(reviews(carePlan([local('Oncology plan')], { title: 'Tumour board recommendation' }))).toHaveLength(1);
  });
});

describe('what is not a review done', () => {
  test.each<[string, Resource]>([
    ['a referral (ServiceRequest) with the project code', serviceRequest(concept('mdt-review'))],
    ['a referral (ServiceRequest) "Tumor board referral"', { ...serviceRequest({ text: 'Colorectal tumor board' }) } as ServiceRequest],
    ['a planned Encounter', encounter([local('TUMOR BOARD')], { status: 'planned' })],
    ['a cancelled Encounter', encounter([local('TUMOR BOARD')], { status: 'cancelled' })],
    ['a Procedure not yet done', { ...procedure(concept('mdt-review')), status: 'preparation' } as Procedure],
    ['a draft CarePlan', carePlan([sct('312384001')], { status: 'draft' })],
  ])('%s', (_name, r) => {
    expect(reviews(r)).toEqual([]);
  });

  test('an arrived or in-progress Encounter counts (the board is under way)', () => {
    expect(reviews(encounter([local('TUMOR BOARD')], { status: 'arrived' }))).toHaveLength(1);
    expect(reviews(encounter([local('TUMOR BOARD')], { status: 'in-progress' }))).toHaveLength(1);
  });

  test('every review, oldest first', () => {
    const got = mapMdtReviews([encounter([local('TUMOR BOARD')], { daysAgo: 3 }), procedure(concept('mdt-review'), { daysAgo: 300 })]);
    expect(got.map((p) => p.resourceType)).toEqual(['Procedure', 'Encounter']);
  });
});
