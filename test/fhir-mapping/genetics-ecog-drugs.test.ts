import type { CodeableConcept, DiagnosticReport, Encounter, Medication, MedicationRequest, Observation, ObservationComponent, Resource } from 'fhir/r4.js';
import { mapDraftOrders } from '../../src/fhir-mapping/draft-orders.js';
import { CPT, HGNC, RECTAL, RXNORM, cc, coding, condition, lnc, mapped, medRequest, obs, patient, procedure, serviceRequest, daysAgo } from './helpers.js';

/**
 * DPYD results and germline testing (data conventions; real-world codes section 9, Genomics Reporting IG),
 * ECOG as LOINC answers or a local answer starting with the grade, and drugs as real records code them
 * (real-world codes section 8: RxNorm ingredients and clinical drugs, Epic Medication encodings).
 */

const LOCAL = 'urn:oid:1.2.840.114350.1.13.0.1.7.2.768282';
const local = (t: string): CodeableConcept => ({ coding: [coding(LOCAL, 'L9')], text: t });
const base = (): Resource[] => [patient(), condition({ code: RECTAL, onsetDaysAgo: 90 })];
const gene = (hgnc: string, symbol: string): ObservationComponent => ({ code: lnc('48018-6'), valueCodeableConcept: cc(coding(HGNC, hgnc, symbol)) });

describe('DPYD genotype / DPD phenotype on file', () => {
  test.each<[string, Resource, string | undefined]>([
    ['LOINC 45284-7 DPYD gene mutations found, final', obs({ code: lnc('45284-7'), valueString: 'c.1905+1G>A not detected', daysAgo: 20 }), 'http://loinc.org|45284-7'],
    ['LOINC 45284-7 still preliminary (any status but entered-in-error)', obs({ code: lnc('45284-7'), daysAgo: 3, status: 'preliminary' }), 'http://loinc.org|45284-7'],
    ['LOINC 45284-7 registered (ordered, result pending)', { ...obs({ code: lnc('45284-7'), daysAgo: 3 }), status: 'registered' } as Observation, 'http://loinc.org|45284-7'],
    ['PGx genotype 84413-4 with gene HGNC:3012 DPYD', obs({ code: lnc('84413-4'), valueString: '*1/*2A', components: [gene('HGNC:3012', 'DPYD')], daysAgo: 20 }), 'http://loinc.org|84413-4'],
    ['GR variant 69548-6 with gene DPYD', obs({ code: lnc('69548-6'), value: lnc('LA9634-2'), components: [gene('3012', 'DPYD')], daysAgo: 20 }), 'http://loinc.org|69548-6'],
    ['local code "DPYD genotype"', obs({ code: local('DPYD genotype'), valueString: 'Normal metabolizer', daysAgo: 20 }), 'text:DPYD'],
    ['local code "DPD deficiency screen"', obs({ code: local('DPD deficiency screen'), valueString: 'Negative', daysAgo: 20 }), 'text:DPD deficiency'],
    ['CPT 81232 (V2) with "DPYD gene analysis" text', obs({ code: { coding: [coding(CPT, '81232')], text: 'DPYD gene analysis, common variants' }, daysAgo: 20 }), `${CPT}|81232`],
    ['CPT 81232 alone (V2, no text)', obs({ code: cc(coding(CPT, '81232')), daysAgo: 20 }), undefined],
    ['a DiagnosticReport "Dihydropyrimidine dehydrogenase (DPYD) genotyping"', { resourceType: 'DiagnosticReport', id: 'dr', status: 'final', code: local('Dihydropyrimidine dehydrogenase (DPYD) genotyping'), effectiveDateTime: daysAgo(30) } as DiagnosticReport, 'text:Dihydropyrimidine dehydrogenase'],
    ['entered in error', obs({ code: lnc('45284-7'), daysAgo: 20, status: 'entered-in-error' }), undefined],
    ['cancelled (no result will come)', obs({ code: lnc('45284-7'), daysAgo: 20, status: 'cancelled' }), undefined],
    ['a PGx genotype of another gene (CYP2D6)', obs({ code: lnc('84413-4'), components: [gene('HGNC:2625', 'CYP2D6')], daysAgo: 20 }), undefined],
    ['"DPYDX" is no whole word', obs({ code: local('DPYDX assay'), daysAgo: 20 }), undefined],
  ])('%s', (_name, r, matched) => {
    const c = mapped([...base(), r]);
    if (matched === undefined) expect(c.dpydTest).toBeUndefined();
    else expect(c.dpydTest).toMatchObject({ resourceType: r.resourceType, matched });
  });
});

describe('a DPYD test being ordered (draft ServiceRequest) is a test draft', () => {
  const drafts = (r: Resource) => mapDraftOrders({ resourceType: 'Bundle', type: 'collection', entry: [{ resource: r }] });
  test.each<[string, CodeableConcept, boolean]>([
    ['LOINC 45284-7 (the service\'s own suggestion)', lnc('45284-7'), true],
    ['a local order "DPYD genotyping"', local('DPYD genotyping'), true],
    ['a local order "Dihydropyrimidine dehydrogenase phenotype (uracil)"', local('Dihydropyrimidine dehydrogenase phenotype (uracil)'), true],
    ['a CEA order', lnc('2039-6'), false],
  ])('%s', (_name, code, isDpyd) => {
    const [d] = drafts(serviceRequest(code, { status: 'draft' }));
    if (isDpyd) expect(d).toMatchObject({ kind: 'test', test: 'DPYD' });
    else expect(d?.kind).toBe('other');
  });
});

describe('germline testing on file', () => {
  const germlineComponent: ObservationComponent = { code: lnc('48002-0'), valueCodeableConcept: cc(coding('http://loinc.org', 'LA6683-2', 'Germline')) };
  const visit = (type: CodeableConcept, status: Encounter['status'] = 'finished'): Encounter => ({
    resourceType: 'Encounter', id: 'gen', status, class: coding('http://terminology.hl7.org/CodeSystem/v3-ActCode', 'AMB'), type: [type], subject: { reference: 'Patient/p1' }, period: { start: daysAgo(15) },
  });
  test.each<[string, Resource, boolean]>([
    ['GR variant with genomic source class germline (48002-0 = LA6683-2)', obs({ code: lnc('69548-6'), value: lnc('LA9634-2'), components: [gene('HGNC:7127', 'MLH1'), germlineComponent], daysAgo: 40 }), true],
    ['a somatic variant (LA6684-0)', obs({ code: lnc('69548-6'), value: lnc('LA9633-4'), components: [gene('HGNC:6407', 'KRAS'), { code: lnc('48002-0'), valueCodeableConcept: lnc('LA6684-0') }], daysAgo: 40 }), false],
    ['local result "Lynch syndrome panel"', obs({ code: local('Lynch syndrome panel'), valueString: 'No pathogenic variant', daysAgo: 40 }), true],
    ['local result "Hereditary cancer panel"', obs({ code: local('Hereditary cancer panel (germline)'), daysAgo: 40 }), true],
    ['active referral "Referral to Genetic Counseling"', serviceRequest(local('Referral to Genetic Counseling')), true],
    ['active referral "Germline genetic testing"', serviceRequest(local('Germline genetic testing')), true],
    ['completed referral "Genetics referral"', serviceRequest(local('Genetics referral'), { status: 'completed' }), true],
    ['revoked referral "Genetic counselling"', serviceRequest(local('Genetic counselling'), { status: 'revoked' }), false],
    ['Procedure "Genetic counseling" done', procedure(local('Genetic counseling, 60 min'), { daysAgo: 10 }), true],
    ['Encounter "Cancer Genetics Clinic"', visit(local('Cancer Genetics Clinic')), true],
    ['a somatic KRAS order "Molecular genetics KRAS"', serviceRequest(local('Molecular genetics KRAS')), false],
  ])('%s -> %s', (_name, r, onFile) => {
    expect(mapped([...base(), r]).germlineTesting !== undefined).toBe(onFile);
  });
});

describe('ECOG as LOINC answers or a local answer starting with the grade', () => {
  test.each<[string, Observation, number | undefined]>([
    ...(['LA9622-7', 'LA9623-5', 'LA9624-3', 'LA9625-0', 'LA9626-8', 'LA9627-6'].map((code, grade): [string, Observation, number] => [
      `LOINC answer ${code}`, obs({ code: lnc('89247-1'), value: lnc(code), daysAgo: 10 }), grade,
    ])),
    ['local answer display "1 - Restricted in physically strenuous activity"', obs({ code: lnc('89247-1'), value: cc(coding(LOCAL, 'E1', '1 - Restricted in physically strenuous activity')), daysAgo: 10 }), 1],
    ['local answer text "2 Ambulatory, capable of all selfcare"', obs({ code: lnc('89247-1'), value: { text: '2 Ambulatory, capable of all selfcare' }, daysAgo: 10 }), 2],
    ['valueString "3"', obs({ code: lnc('89247-1'), valueString: '3', daysAgo: 10 }), 3],
    ['text not starting with the grade ("Grade 1")', obs({ code: lnc('89247-1'), value: { text: 'Grade 1' }, daysAgo: 10 }), undefined],
    ['text "10"', obs({ code: lnc('89247-1'), valueString: '10', daysAgo: 10 }), undefined],
    ['text "1.5"', obs({ code: lnc('89247-1'), valueString: '1.5', daysAgo: 10 }), undefined],
  ])('%s -> %s', (_name, o, ecog) => {
    expect(mapped([...base(), o]).performance?.ecog).toBe(ecog);
  });
});

describe('drugs as real records code them (real-world codes section 8)', () => {
  const drugs = (...r: Resource[]) => mapped([...base(), ...r]).therapy.exposures.map((e) => e.drug);
  test.each<[string, string, string]>([
    ['1736776', '10 ML oxaliplatin 5 MG/ML Injection', 'oxaliplatin'],
    ['1736784', 'oxaliplatin 50 MG Injection', 'oxaliplatin'],
    ['1797528', '40 ML oxaliplatin', 'oxaliplatin'],
    ['1726319', 'irinotecan hydrochloride 20 MG/ML', 'irinotecan'],
    ['1791701', '10 ML fluorouracil 50 MG/ML Injection', 'fluorouracil'],
    ['239177', 'fluorouracil 50 MG/ML Injectable Solution', 'fluorouracil'],
    ['200328', 'capecitabine 500 MG Oral Tablet', 'capecitabine'],
    ['1803932', 'Leucovorin 100 MG Injection', 'leucovorin'],
    ['310351', 'floxuridine 500 MG Injection', 'floxuridine'],
    ['224905', 'trastuzumab', 'trastuzumab'],
  ])('RxNorm %s (%s) by code alone -> %s', (code, _display, drug) => {
    expect(drugs(medRequest(cc(coding(RXNORM, code)), { daysAgo: 5 }))).toEqual([drug]);
  });

  test('Epic: medicationReference to a Medication with many codings without displays (ATC, NDDF, Medi-Span, RxNorm IN among SCDs)', () => {
    const med: Medication = {
      resourceType: 'Medication', id: 'epic-med-1',
      identifier: [{ system: 'urn:oid:1.2.840.114350.1.13.0.1.7.2.698288', value: '12345' }],
      code: {
        coding: [
          coding('http://www.whocc.no/atc', 'L01XA03'), coding('urn:oid:2.16.840.1.113883.6.208', '004321'), coding('urn:oid:2.16.840.1.113883.6.253', '99887766'),
          coding(RXNORM, '1736776'), coding(RXNORM, '32592'), coding(RXNORM, '1736781'),
        ],
        text: 'OXALIPLATIN 100 MG/20 ML IV SOLN',
      },
    };
    const mr: MedicationRequest = { ...medRequest({ reference: 'Medication/epic-med-1' }, { daysAgo: 4 }), medicationReference: { reference: 'Medication/epic-med-1', display: 'OXALIPLATIN 100 MG/20 ML IV SOLN' } };
    expect(drugs(med, mr)).toEqual(['oxaliplatin']);
  });

  test('Epic: no RxNorm coding at all, only the Epic text (contained Medication)', () => {
    const mr = medRequest({ reference: '#m' }, { daysAgo: 4, contained: [{ resourceType: 'Medication', id: 'm', code: { coding: [coding('urn:oid:2.16.840.1.113883.6.253', '1')], text: 'bevacizumab-awwb (MVASI) 400 mg/16 mL' } } as Medication] });
    expect(drugs(mr)).toEqual(['bevacizumab']);
  });

  test('Epic: the ingredient coded under Medication.ingredient.itemCodeableConcept', () => {
    const med: Medication = { resourceType: 'Medication', id: 'med-2', code: { text: 'FOLFIRI regimen bag' }, ingredient: [{ itemCodeableConcept: cc(coding(RXNORM, '51499')) }] };
    expect(drugs(med, medRequest({ reference: 'Medication/med-2' }, { daysAgo: 4 }))).toEqual(expect.arrayContaining(['irinotecan', 'fluorouracil', 'leucovorin']));
  });

});
