import type { CarePlan, CodeableConcept, Consent, Encounter, EpisodeOfCare, Observation, Resource, ServiceRequest } from 'fhir/r4.js';
import {
  CPT, ICD10CM, RECTAL, cc, coding, condition, daysAgo, icd, lnc, mapped, obs, patient, procedure, sct, serviceRequest,
} from './helpers.js';

/**
 * Goals of care (data conventions, "Goals of care"; real-world codes section 2): comfort-focused care (hospice
 * enrolment, hospice encounters and orders, discharge to hospice, end-of-life / comfort care plans) and what
 * is not comfort care (DNR, POLST, palliative care), each from its codes or, for local codes, its words.
 */

const LOCAL = 'urn:oid:1.2.840.114350.1.13.0.1.7.10.698084.30';
const local = (t: string): CodeableConcept => ({ coding: [coding(LOCAL, '77', t)], text: t });
const goals = (...resources: Resource[]) => mapped([patient(), condition({ code: RECTAL, onsetDaysAgo: 200 }), ...resources]).goalsOfCare;

const episode = (type: CodeableConcept, s: Partial<EpisodeOfCare> = {}): EpisodeOfCare => ({
  resourceType: 'EpisodeOfCare', id: 'eoc', status: 'active', type: [type], patient: { reference: 'Patient/p1' }, period: { start: daysAgo(9) }, ...s,
});
const encounter = (s: Partial<Encounter>): Encounter => ({
  resourceType: 'Encounter', id: 'enc', status: 'in-progress', class: coding('http://terminology.hl7.org/CodeSystem/v3-ActCode', 'IMP'),
  subject: { reference: 'Patient/p1' }, period: { start: daysAgo(4) }, ...s,
});
const carePlan = (s: Partial<CarePlan>): CarePlan => ({
  resourceType: 'CarePlan', id: 'cp', status: 'active', intent: 'plan', subject: { reference: 'Patient/p1' }, created: daysAgo(3), ...s,
});

describe('comfort-focused care', () => {
  test.each<[string, Resource, string]>([
    ['active EpisodeOfCare typed "Hospice" (local code, V46)', episode(local('Hospice')), 'hospice enrolment (EpisodeOfCare)'],
    ['active EpisodeOfCare typed SNOMED 385763009 hospice care', episode(sct('385763009')), 'hospice enrolment (EpisodeOfCare)'],
    ['active EpisodeOfCare typed "Comfort care"', episode(local('Comfort care')), 'comfort care episode (EpisodeOfCare)'],
    ['in-progress Encounter of hospice type (SNOMED 305336008 admission to hospice)', encounter({ type: [sct('305336008')] }), 'hospice encounter (Encounter)'],
    ['in-progress Encounter, HCPCS Q5003 hospice care', encounter({ type: [cc(coding('http://www.nlm.nih.gov/research/umls/hcpcs', 'Q5003'))] }), 'hospice encounter (Encounter)'],
    ['Encounter discharged to hospice (HL7 hosp)', encounter({ status: 'finished', period: { start: daysAgo(12), end: daysAgo(10) }, hospitalization: { dischargeDisposition: cc(coding('http://terminology.hl7.org/CodeSystem/discharge-disposition', 'hosp')) } }), 'discharge to hospice (Encounter)'],
    ['Encounter discharged to hospice (old HL7 URI, Oracle Health)', encounter({ status: 'finished', period: { end: daysAgo(10) }, hospitalization: { dischargeDisposition: cc(coding('http://hl7.org/fhir/discharge-disposition', 'hosp')) } }), 'discharge to hospice (Encounter)'],
    ['Encounter discharged to hospice (NUBC 50 home)', encounter({ status: 'finished', period: { end: daysAgo(10) }, hospitalization: { dischargeDisposition: cc(coding('https://www.nubc.org/CodeSystem/PatDischargeStatus', '50')) } }), 'discharge to hospice (Encounter)'],
    ['Encounter discharged to hospice (NUBC 51 facility)', encounter({ status: 'finished', period: { end: daysAgo(10) }, hospitalization: { dischargeDisposition: cc(coding('https://www.nubc.org/CodeSystem/PatDischargeStatus', '51')) } }), 'discharge to hospice (Encounter)'],
    ['Encounter discharged home for hospice care (SNOMED 428361000124107)', encounter({ status: 'finished', period: { end: daysAgo(10) }, hospitalization: { dischargeDisposition: sct('428361000124107') } }), 'discharge to hospice (Encounter)'],
    ['Procedure hospice care in progress (385763009)', procedure(sct('385763009'), { status: 'in-progress', daysAgo: 20 }), 'hospice care (Procedure)'],
    ['Procedure admission to hospice done 10 days ago (183919006)', procedure(sct('183919006'), { daysAgo: 10 }), 'hospice care (Procedure)'],
    ['Procedure G9054 (no further cancer treatment) done 5 days ago', procedure(cc(coding('http://www.nlm.nih.gov/research/umls/hcpcs', 'G9054')), { daysAgo: 5 }), 'hospice care (Procedure)'],
    ['Procedure CPT 99377 hospice supervision', procedure(cc(coding(CPT, '99377')), { daysAgo: 5 }), 'hospice care (Procedure)'],
    ['active ServiceRequest referral to hospice (306205009)', serviceRequest(sct('306205009')), 'hospice care order (ServiceRequest)'],
    ['active ServiceRequest, local code "Hospice referral"', serviceRequest(local('Hospice referral')), 'hospice care order (ServiceRequest)'],
    ['active CarePlan titled "End of life care"', carePlan({ title: 'End of life care' }), 'end-of-life care plan (CarePlan)'],
    ['active CarePlan category comfort measures (133918004)', carePlan({ category: [sct('133918004')] }), 'comfort care plan (CarePlan)'],
    ['active CarePlan titled "No further cancer-directed therapy"', carePlan({ title: 'No further cancer-directed therapy' }), 'comfort care plan (CarePlan)'],
    ['active CarePlan titled "Comfort-focused care"', carePlan({ title: 'Comfort-focused care' }), 'comfort care plan (CarePlan)'],
    ['active CarePlan category "Hospice plan of care" (local)', carePlan({ category: [local('Hospice plan of care')] }), 'hospice care plan (CarePlan)'],
    ['current Condition "full care by hospice" (170935008)', condition({ code: sct('170935008'), onsetDaysAgo: 7 }), 'under hospice care (Condition)'],
    ['PACIO Observation under care of hospice team = true', { ...obs({ code: sct('551781000124102'), daysAgo: 6 }), valueBoolean: true } as Observation, 'under hospice care (Observation)'],
    ['MDS 45755-6 hospice care = Yes (373066001)', obs({ code: lnc('45755-6'), value: sct('373066001'), daysAgo: 6 }), 'under hospice care (Observation)'],
  ])('%s', (_name, r, value) => {
    expect(goals(r).comfortCare).toMatchObject({ value, source: { resourceType: r.resourceType } });
  });

  test('read from text says so', () => {
    expect(goals(episode(local('Hospice')))).toMatchObject({ comfortCare: { source: { matched: 'text:Hospice' } } });
  });

  test.each<[string, Resource]>([
    ['a finished EpisodeOfCare', episode(local('Hospice'), { status: 'finished', period: { start: daysAgo(400), end: daysAgo(300) } })],
    ['an EpisodeOfCare whose period ended', episode(local('Hospice'), { period: { start: daysAgo(400), end: daysAgo(100) } })],
    ['a finished hospice encounter (an old hospice visit)', encounter({ status: 'finished', type: [sct('305336008')], period: { start: daysAgo(20), end: daysAgo(20) } })],
    ['a discharge to hospice a year ago', encounter({ status: 'finished', period: { end: daysAgo(365) }, hospitalization: { dischargeDisposition: cc(coding('https://www.nubc.org/CodeSystem/PatDischargeStatus', '50')) } })],
    ['an admission to hospice 200 days ago', procedure(sct('305336008'), { daysAgo: 200 })],
    ['a revoked hospice referral', serviceRequest(sct('306205009'), { status: 'revoked' })],
    ['"Hospice referral declined"', serviceRequest(local('Hospice referral declined'))],
    ['"Not eligible for hospice"', serviceRequest(local('Not eligible for hospice'))],
    ['a completed end-of-life care plan', carePlan({ title: 'End of life care', status: 'completed' })],
    ['a palliative care plan', carePlan({ title: 'Palliative care plan' })],
    ['a palliative-care referral (Z51.5)', { ...serviceRequest(icd('Z51.5')) } as ServiceRequest],
    ['DNR Z66', condition({ code: icd('Z66'), onsetDaysAgo: 30 })],
    ['POLST "comfort-focused treatments" (LA33475-7): a limit on life-sustaining treatment only', obs({ code: lnc('100823-4'), value: lnc('LA33475-7'), daysAgo: 5 })],
    ['palliative chemotherapy intent', carePlan({ title: 'Palliative chemotherapy FOLFIRI' })],
    ['MDS hospice = No', obs({ code: lnc('45755-6'), value: sct('373067005'), daysAgo: 6 })],
  ])('not comfort care: %s', (_name, r) => {
    expect(goals(r).comfortCare).toBeUndefined();
  });

  test('the newest of several records is named', () => {
    const c = goals(serviceRequest(sct('306205009'), { id: 'older' }), episode(local('Hospice'), { period: { start: daysAgo(2) } }));
    expect(c.comfortCare?.value).toBe('hospice enrolment (EpisodeOfCare)');
  });
});

describe('not comfort care: DNR and palliative care are recorded, nothing more', () => {
  const dnr = (...r: Resource[]) => goals(...r).doNotResuscitate;
  test.each<[string, Resource, string]>([
    ['Condition Z66 on the problem list (V47)', condition({ code: icd('Z66'), onsetDaysAgo: 30, category: 'problem-list-item' }), `${ICD10CM}|Z66`],
    ['Condition SNOMED 304253006 not for resuscitation', condition({ code: sct('304253006'), onsetDaysAgo: 30 }), 'http://snomed.info/sct|304253006'],
    ['Condition with a local code "DNR/DNI"', condition({ code: local('DNR/DNI'), onsetDaysAgo: 30 }), 'text:DNR'],
    ['Observation 81351-9 DNR order in place = yes', obs({ code: lnc('81351-9'), value: lnc('LA33-6'), daysAgo: 10 }), 'http://loinc.org|81351-9'],
    ['Observation 81352-7 POLST in place = true', { ...obs({ code: lnc('81352-7'), daysAgo: 10 }), valueBoolean: true } as Observation, 'http://loinc.org|81352-7'],
    ['Observation 100823-4 POLST orders = comfort-focused treatments', obs({ code: lnc('100823-4'), value: lnc('LA33475-7'), daysAgo: 10 }), 'http://loinc.org|100823-4'],
    ['ServiceRequest CPR order 100822-6 with "No CPR" (LA33471-6)', { ...serviceRequest(lnc('LA33471-6')), category: [lnc('100822-6')] } as ServiceRequest, 'http://loinc.org|LA33471-6'],
    ['Consent category dnr', { resourceType: 'Consent', id: 'cons', status: 'active', scope: cc(coding('http://terminology.hl7.org/CodeSystem/consentscope', 'adr')), category: [cc(coding('http://terminology.hl7.org/CodeSystem/consentcategorycodes', 'dnr'))], patient: { reference: 'Patient/p1' }, dateTime: daysAgo(40) } as Consent, 'http://terminology.hl7.org/CodeSystem/consentcategorycodes|dnr'],
  ])('DNR: %s', (_name, r, matched) => {
    expect(dnr(r)).toMatchObject({ resourceType: r.resourceType, matched });
  });

  test.each<[string, Resource]>([
    ['"Full code"', condition({ code: local('Full code'), onsetDaysAgo: 3 })],
    ['CPR order "Yes CPR" (LA33470-8)', { ...serviceRequest(lnc('LA33470-8')), category: [lnc('100822-6')] } as ServiceRequest],
    ['DNR order in place = no', { ...obs({ code: lnc('81351-9'), daysAgo: 10 }), valueBoolean: false } as Observation],
    ['a resolved Z66', condition({ code: icd('Z66'), clinical: 'resolved' })],
  ])('no DNR: %s', (_name, r) => {
    expect(dnr(r)).toBeUndefined();
  });

  const palliative = (...r: Resource[]) => goals(...r).palliativeCare;
  test.each<[string, Resource]>([
    ['active referral to palliative care service (306237005) (V47)', serviceRequest(sct('306237005'))],
    ['referral with a local code "Referral to Palliative Care"', serviceRequest(local('Referral to Palliative Care'))],
    ['Condition Z51.5 encounter for palliative care', condition({ code: icd('Z51.5'), onsetDaysAgo: 20 })],
    ['finished palliative-care consultation Encounter (713281006)', encounter({ status: 'finished', type: [sct('713281006')] })],
    ['Encounter with reason Z51.5', encounter({ status: 'finished', reasonCode: [icd('Z51.5')] })],
    ['Procedure palliative care (103735009)', procedure(sct('103735009'), { daysAgo: 15 })],
    ['Encounter type "Palliative Medicine Clinic" (local)', encounter({ status: 'finished', type: [local('Palliative Medicine Clinic')] })],
  ])('palliative care: %s', (_name, r) => {
    expect(palliative(r)).toMatchObject({ resourceType: r.resourceType });
    expect(goals(r).comfortCare).toBeUndefined();
  });

  test.each<[string, Resource]>([
    ['palliative chemotherapy (a cancer therapy)', serviceRequest(local('Palliative chemotherapy'))],
    ['palliative radiotherapy', serviceRequest(local('Palliative radiotherapy, spine'))],
    ['a revoked palliative referral', serviceRequest(sct('306237005'), { status: 'revoked' })],
  ])('no palliative care: %s', (_name, r) => {
    expect(palliative(r)).toBeUndefined();
  });

  test('V47 together: DNR and a palliative referral, no comfort care', () => {
    expect(goals(condition({ code: icd('Z66'), onsetDaysAgo: 30, category: 'problem-list-item' }), serviceRequest(sct('306237005')))).toEqual({
      doNotResuscitate: expect.objectContaining({ resourceType: 'Condition' }),
      palliativeCare: expect.objectContaining({ resourceType: 'ServiceRequest' }),
    });
  });

  test('nothing on record: empty goals of care', () => {
    expect(goals()).toEqual({});
  });
});
