import type { CodeableConcept } from 'fhir/r4.js';
import { mapSymptoms } from '../../src/fhir-mapping/symptoms.js';
import { ICD10, cc, coding, concept, condition, icd, sct, SCT } from './helpers.js';

describe('symptoms of the primary (current Conditions)', () => {
  test.each<[string, CodeableConcept, string]>([
    ['obstruction SNOMED 81060008', sct('81060008'), 'obstruction'],
    ...['K56.60', 'K56.600', 'K56.601', 'K56.609', 'K56.69', 'K56.690', 'K56.691', 'K56.699'].map(
      (c): [string, CodeableConcept, string] => [`obstruction ICD-10 ${c}`, icd(c), 'obstruction'],
    ),
    ['obstruction ICD-10 WHO system K56.69', icd('K56.69', ICD10), 'obstruction'],
    ['impending obstruction concept', concept('impending-obstruction'), 'impending-obstruction'],
    ['perforation SNOMED 56905009', sct('56905009'), 'perforation'],
    ['perforation ICD-10 K63.1', icd('K63.1'), 'perforation'],
    ['bleeding SNOMED 12063002', sct('12063002'), 'bleeding'],
    ['bleeding SNOMED 6072007', sct('6072007'), 'bleeding'],
    ['bleeding ICD-10 K62.5', icd('K62.5'), 'bleeding'],
    ['pain from the primary concept', concept('primary-tumour-pain'), 'primary-tumour-pain'],
    ['symptomatic metastasis concept', concept('symptomatic-metastasis'), 'symptomatic-metastasis'],
  ])('%s', (_name, code, symptom) => {
    expect(mapSymptoms([condition({ code })]).map((s) => s.symptom)).toEqual([symptom]);
  });

  test.each<[string, Parameters<typeof condition>[0]]>([
    ['K56.7 (ileus, not in the list)', { code: icd('K56.7') }],
    ['K56.6 (parent, not in the list)', { code: icd('K56.6') }],
    ['resolved obstruction', { code: sct('81060008'), clinical: 'resolved' }],
    ['entered-in-error bleeding', { code: sct('12063002'), verification: 'entered-in-error' }],
    ['display only', { code: { coding: [{ display: 'Bowel obstruction' }], text: 'obstruction' } }],
  ])('%s: no symptom', (_name, spec) => {
    expect(mapSymptoms([condition(spec)])).toEqual([]);
  });

  test.each<[string, Parameters<typeof condition>[0], string | undefined]>([
    ['bodySite SNOMED bone structure', { code: concept('symptomatic-metastasis'), bodySite: sct('272673000') }, 'bone'],
    ['bodySite SNOMED vertebral column', { code: concept('symptomatic-metastasis'), bodySite: sct('421060004') }, 'bone'],
    ['bodySite text', { code: concept('symptomatic-metastasis'), bodySite: { text: 'Brain' } }, 'brain'],
    ['note naming the site', { code: concept('symptomatic-metastasis'), note: 'Painful T10 vertebra metastasis' }, 'bone'],
    ['liver in bodySite coding', { code: concept('symptomatic-metastasis'), bodySite: cc(coding(SCT, '10200004')) }, 'liver'],
    ['no site', { code: concept('symptomatic-metastasis') }, undefined],
  ])('symptomatic metastasis site: %s', (_name, spec, site) => {
    expect(mapSymptoms([condition(spec)])[0]?.site).toBe(site);
  });
});
