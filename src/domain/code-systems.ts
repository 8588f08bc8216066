/**
 * Code system URIs (`shared/clinical/data-conventions.md`, "System URIs", and the HL7 terminology the records
 * use), one table for the mapper that reads them, the fixtures that write them and the tests.
 */
export const SYSTEM = {
  snomed: 'http://snomed.info/sct',
  loinc: 'http://loinc.org',
  icd10cm: 'http://hl7.org/fhir/sid/icd-10-cm',
  /** WHO ICD-10, accepted like ICD-10-CM. */
  icd10: 'http://hl7.org/fhir/sid/icd-10',
  icdO3: 'http://terminology.hl7.org/CodeSystem/icd-o-3',
  icdO3Oid: 'urn:oid:2.16.840.1.113883.6.43.1',
  rxnorm: 'http://www.nlm.nih.gov/research/umls/rxnorm',
  hgnc: 'http://www.genenames.org',
  /** Genomics Reporting IG examples use this one (STU1 JSON, `$HGNCID` in the FSH). */
  hgncGeneId: 'http://www.genenames.org/geneId',
  ajcc: 'http://cancerstaging.org',
  ucum: 'http://unitsofmeasure.org',
  cpt: 'http://www.ama-assn.org/go/cpt',
  hgvs: 'http://varnomen.hgvs.org',
  /** Project concepts that no standard covers. */
  concept: 'urn:rectal-cds:concept',
  conditionClinical: 'http://terminology.hl7.org/CodeSystem/condition-clinical',
  conditionVerification: 'http://terminology.hl7.org/CodeSystem/condition-ver-status',
  conditionCategory: 'http://terminology.hl7.org/CodeSystem/condition-category',
  observationCategory: 'http://terminology.hl7.org/CodeSystem/observation-category',
  v20074: 'http://terminology.hl7.org/CodeSystem/v2-0074',
  /** Pre-THO spelling of the v2 table 0074 system, still emitted by older servers. */
  v20074Legacy: 'http://hl7.org/fhir/v2/0074',
  v3ActCode: 'http://terminology.hl7.org/CodeSystem/v3-ActCode',
  medicationRequestCategory: 'http://terminology.hl7.org/CodeSystem/medicationrequest-category',
  dicom: 'http://dicom.nema.org/resources/ontology/DCM',
} as const;
