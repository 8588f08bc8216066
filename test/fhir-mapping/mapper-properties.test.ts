import fc from 'fast-check';
import { mapCase } from '../../src/fhir-mapping/map-case.js';
import { NOW } from './helpers.js';
import { DAY_MS } from '../../src/domain/time.js';

/**
 * Property tests: random and malformed resources never make the mapper throw (the real-world resource types
 * and local-code shapes included: Encounter, EpisodeOfCare, DocumentReference, Composition, Consent, words the
 * text lexicons read), and no biomarker status other than 'unknown' appears unless a valid Observation with a
 * matching biomarker code (or one read by its CAP, NCIt or local code) is on record.
 */

const SYSTEMS = [
  'http://loinc.org', 'http://snomed.info/sct', 'http://hl7.org/fhir/sid/icd-10-cm', 'http://hl7.org/fhir/sid/icd-10',
  'http://www.genenames.org', 'http://www.genenames.org/geneId', 'http://cancerstaging.org', 'urn:rectal-cds:concept',
  'http://www.nlm.nih.gov/research/umls/rxnorm', 'http://varnomen.hgvs.org', 'http://www.ama-assn.org/go/cpt',
  'http://terminology.hl7.org/CodeSystem/v2-0074', 'urn:oid:2.16.840.1.113883.6.238',
  'https://cap.org/eCC', 'https://cancerstaging.org', 'http://ncicb.nci.nih.gov/xml/owl/EVS/Thesaurus.owl', 'http://www.sequenceontology.org',
  'http://www.nlm.nih.gov/research/umls/hcpcs', 'https://www.nubc.org/CodeSystem/PatDischargeStatus',
  'http://terminology.hl7.org/CodeSystem/discharge-disposition', 'http://terminology.hl7.org/CodeSystem/condition-category',
  'http://terminology.hl7.org/CodeSystem/consentcategorycodes', 'urn:oid:1.2.840.114350.1.13.0.1.7.10.698084.30',
];
const CODES = [
  // biomarkers
  '69548-6', '48018-6', '48005-3', '81252-9', '21702-6', '85509-8', '81420-2', '85299-6', '81695-9', '48676-1', '49683-6',
  'LA9633-4', 'LA9634-2', 'LA6576-8', 'LA6577-6', 'LA26203-2', 'LA14122-8', 'LA26202-4', 'LA11884-6',
  '6407', 'HGNC:6407', '7989', 'HGNC:7989', '1097', '3430', 'p.Gly12Asp', 'p.Val600Glu', 'mmr-ihc', 'mmr-deficient', 'mmr-proficient',
  'kras-exon2-only', '10828004', '260385009',
  // diagnosis, staging, CEA, performance, treatment
  'C20', 'C19', 'C18.7', 'C21.1', 'C78.7', '363351006', '94381002', '94260004', '21908-9', '21907-1', '1222837003', '1229903009',
  '4B', 'cM1a', '2039-6', '89247-1', '89243-0', '97509-4', '268910001', '32592', '253337', '4492', '265414003', '1217123003',
  'RAD', 'metastasis-resectability', 'resectable', 'symptomatic-metastasis', '81060008', 'K56.69',
  // real-world encodings: MMR/HER2/DPYD/germline, personal history, tumour board, goals of care, procedures
  '81691-8', '81694-2', 'LA26197-6', 'LA26198-4', '29999.100004300', '29488.100004300', '29505.100004300', '29507', 'C137827',
  '18474-7', '364826.100004300', '364830.100004300', '29571.100004300', '29573.100004300', '29602.100004300', '29606.100004300', '31150-6', 'SO:0001742', '48019-4', '45284-7', '84413-4', '48002-0', 'LA6683-2',
  'Z85.048', '429084005', '429699009', '314966008', 'problem-list-item', 'encounter-diagnosis', '85232-7', '312384001', '99367',
  '385763009', '305336008', 'hosp', '50', 'Z66', 'Z51.5', '306237005', '81351-9', 'dnr', '71273005', '387713003', '47120',
];
const STATUSES = ['final', 'amended', 'corrected', 'preliminary', 'registered', 'entered-in-error', 'active', 'completed',
  'stopped', 'on-hold', 'draft', 'cancelled', 'in-progress', 'not-done', 'finished', 'unknown'];
const TYPES = ['Patient', 'Condition', 'Observation', 'MedicationRequest', 'MedicationAdministration', 'MedicationStatement',
  'Medication', 'Procedure', 'ServiceRequest', 'DiagnosticReport', 'ImagingStudy', 'Encounter', 'CarePlan', 'BodyStructure',
  'EpisodeOfCare', 'DocumentReference', 'Composition', 'Consent'];
/** Words the text lexicons read (local codes), so the property reaches the text readings too. */
const TEXTS = ['oxaliplatin', 'KRAS G12D detected', 'not detected', 'Avastin', 'exon 2 only', 'x', 'Colorectal Tumor Board', 'MDM cancer',
  'Hospice', 'Comfort care', 'DNR', 'Palliative care', 'Stage IVB', 'cT3N2M1a', 'Hepatectomy, partial', 'Pelvic IMRT 50.4 Gy in 28 fractions',
  '5 x 5 Gy', 'Loss of nuclear expression', 'MLH1 IHC', 'HER2 IHC', '3+', '2+', 'dMMR', 'DPYD genotype', 'Genetic counseling', 'Lynch',
  'History of rectal cancer', '1 - Restricted'];

const junk = fc.oneof(fc.constant(null), fc.integer(), fc.string(), fc.boolean(), fc.constant([]), fc.constant({}), fc.jsonValue({ maxDepth: 2 }));
const maybe = <T>(a: fc.Arbitrary<T>) => fc.oneof({ weight: 4, arbitrary: a }, { weight: 1, arbitrary: junk });

const codingArb = fc.record(
  { system: maybe(fc.constantFrom(...SYSTEMS)), code: maybe(fc.constantFrom(...CODES)), display: fc.string() },
  { requiredKeys: [] },
);
const conceptArb = maybe(fc.record({ coding: maybe(fc.array(maybe(codingArb), { maxLength: 3 })), text: fc.constantFrom(...TEXTS) }, { requiredKeys: [] }));
const dateArb = maybe(fc.oneof(
  fc.integer({ min: -4000, max: 400 }).map((d) => new Date(NOW.getTime() - d * DAY_MS).toISOString()),
  fc.constantFrom('2024', '2024-02', '2024-02-30', 'not a date', ''),
));
const quantityArb = maybe(fc.record({
  value: maybe(fc.oneof(fc.double({ noNaN: false }), fc.integer({ min: -5, max: 200 }))), unit: fc.constantFrom('ng/mL', 'ug/L', 'U/mL', 'cGy', 'Gy'),
  code: fc.constantFrom('ng/mL', 'ug/L', 'cGy'), comparator: fc.constantFrom('<', '>', '<=', 'x'),
}, { requiredKeys: [] }));
const refArb = maybe(fc.record({ reference: maybe(fc.constantFrom('#c1', 'urn:uuid:a', 'Observation/o1', 'Medication/m1', 'http://x/fhir/Observation/o1', 'Observation/urn:uuid:a')) }, { requiredKeys: [] }));
const componentArb = fc.record({ code: conceptArb, valueCodeableConcept: conceptArb, valueString: maybe(fc.string()), valueQuantity: quantityArb }, { requiredKeys: [] });
const extensionArb = fc.record({
  url: fc.constantFrom('http://hl7.org/fhir/us/mcode/StructureDefinition/mcode-procedure-intent', 'http://hl7.org/fhir/us/mcode/StructureDefinition/mcode-radiotherapy-dose-delivered-to-volume', 'x'),
  valueCodeableConcept: conceptArb,
  extension: maybe(fc.array(fc.record({ url: fc.constantFrom('totalDoseDelivered', 'fractionsDelivered', 'volume'), valueQuantity: quantityArb, valueUnsignedInt: maybe(fc.integer()) }, { requiredKeys: [] }), { maxLength: 2 })),
}, { requiredKeys: [] });

const leafResource = fc.record({
  resourceType: fc.constantFrom(...TYPES),
  id: maybe(fc.constantFrom('p1', 'o1', 'm1', 'c1', 'x')),
  status: maybe(fc.constantFrom(...STATUSES)),
  code: conceptArb,
  valueCodeableConcept: conceptArb,
  valueString: maybe(fc.oneof(fc.string(), fc.constantFrom(...TEXTS))),
  valueBoolean: maybe(fc.boolean()),
  valueInteger: maybe(fc.integer({ min: -2, max: 110 })),
  valueQuantity: quantityArb,
  component: maybe(fc.array(componentArb, { maxLength: 3 })),
  effectiveDateTime: dateArb,
  effectivePeriod: maybe(fc.record({ start: dateArb, end: dateArb }, { requiredKeys: [] })),
  issued: dateArb,
  onsetDateTime: dateArb,
  recordedDate: dateArb,
  authoredOn: dateArb,
  performedDateTime: dateArb,
  clinicalStatus: conceptArb,
  verificationStatus: conceptArb,
  medicationCodeableConcept: conceptArb,
  medicationReference: refArb,
  hasMember: maybe(fc.array(refArb, { maxLength: 2 })),
  result: maybe(fc.array(refArb, { maxLength: 2 })),
  bodySite: maybe(fc.array(conceptArb, { maxLength: 2 })),
  category: maybe(fc.array(conceptArb, { maxLength: 2 })),
  stage: maybe(fc.array(fc.record({ summary: conceptArb, assessment: maybe(fc.array(refArb)) }, { requiredKeys: [] }), { maxLength: 1 })),
  extension: maybe(fc.array(extensionArb, { maxLength: 2 })),
  priority: maybe(fc.constantFrom('urgent', 'routine', 'stat')),
  // Encounter, EpisodeOfCare, DocumentReference, CarePlan, Consent, ServiceRequest fields the new readers look at
  type: maybe(fc.oneof(conceptArb, fc.array(conceptArb, { maxLength: 2 }))),
  serviceType: conceptArb,
  reasonCode: maybe(fc.array(conceptArb, { maxLength: 2 })),
  hospitalization: maybe(fc.record({ dischargeDisposition: conceptArb }, { requiredKeys: [] })),
  period: maybe(fc.record({ start: dateArb, end: dateArb }, { requiredKeys: [] })),
  title: maybe(fc.constantFrom(...TEXTS)),
  description: maybe(fc.constantFrom(...TEXTS)),
  docStatus: maybe(fc.constantFrom('final', 'preliminary', 'entered-in-error')),
  date: dateArb,
  created: dateArb,
  dateTime: dateArb,
  encounter: refArb,
  orderDetail: maybe(fc.array(conceptArb, { maxLength: 2 })),
  note: maybe(fc.array(fc.record({ text: maybe(fc.constantFrom(...TEXTS)) }, { requiredKeys: [] }), { maxLength: 2 })),
  patientInstruction: maybe(fc.constantFrom(...TEXTS)),
  doNotPerform: maybe(fc.boolean()),
  deceasedBoolean: maybe(fc.boolean()),
  ingredient: maybe(fc.array(fc.record({ itemCodeableConcept: conceptArb, itemReference: refArb }, { requiredKeys: [] }), { maxLength: 2 })),
}, { requiredKeys: ['resourceType'] });

/** Near-valid biomarker Observations, so the "unknown unless valid" property is exercised, not vacuous. */
const pick = <T>(...xs: T[]) => fc.constantFrom(...xs);
const lncOrOther = (codes: string[]) => fc.record({ coding: fc.array(fc.record({ system: pick('http://loinc.org', 'http://loinc.org', 'urn:x'), code: pick(...codes) }), { minLength: 1, maxLength: 2 }) });
const biomarkerObs = fc.record({
  resourceType: fc.constant('Observation'),
  id: pick('b1', 'b2'),
  status: pick('final', 'amended', 'corrected', 'preliminary', 'entered-in-error', 'cancelled'),
  code: fc.oneof(lncOrOther(['69548-6', '21702-6', '85509-8', '81420-2', '85299-6', '81695-9', '48676-1', '49683-6', '2039-6', '81691-8', '81692-6', '81693-4', '81694-2', '18474-7', '31150-6']),
    fc.constant({ coding: [{ system: 'urn:rectal-cds:concept', code: 'mmr-ihc' }] }),
    fc.constant({ coding: [{ system: 'https://cap.org/eCC', code: '29505.100004300' }] }),
    fc.constant({ coding: [{ system: 'urn:oid:1.2.840.114350.1.13.0.1.7.2.768282', code: 'L1' }], text: 'MMR IHC interpretation' })),
  valueCodeableConcept: fc.oneof(lncOrOther(['LA9633-4', 'LA9634-2', 'LA6576-8', 'LA6577-6', 'LA26203-2', 'LA14122-8', 'LA11884-6', 'LA26197-6', 'LA26198-4']),
    fc.constant({ coding: [{ system: 'urn:rectal-cds:concept', code: 'mmr-deficient' }] }),
    fc.constant({ coding: [{ system: 'https://cap.org/eCC', code: '29507.100004300' }] }), conceptArb),
  valueString: maybe(pick('p.Gly12Asp', 'not detected', 'KRAS G12V detected', 'NRAS Q61K', '3+', '1+', 'Loss', 'dMMR', 'pMMR')),
  valueQuantity: quantityArb,
  component: fc.array(fc.record({
    code: lncOrOther(['48018-6', '48005-3']),
    valueCodeableConcept: fc.record({ coding: fc.array(fc.record({ system: pick('http://www.genenames.org', 'http://www.genenames.org/geneId', 'http://varnomen.hgvs.org'), code: pick('6407', 'HGNC:7989', '1097', 'p.Val600Glu', 'p.Gly12Asp') }), { maxLength: 2 }) }),
  }, { requiredKeys: [] }), { maxLength: 3 }),
  effectiveDateTime: dateArb,
}, { requiredKeys: ['resourceType', 'code', 'status'] });

/** Near-valid records of the kinds read by local code and words (Epic / Oracle Health shapes), for the new readers. */
const localConcept = fc.record({
  coding: fc.array(fc.record({ system: pick('urn:oid:1.2.840.114350.1.13.0.1.7.10.698084.30', 'urn:oid:1.2.840.114350.1.13.0.1.7.2.696580'), code: pick('1047', 'PRC1') }), { maxLength: 1 }),
  text: fc.constantFrom(...TEXTS),
});
const realWorldResource = fc.record({
  resourceType: pick('Procedure', 'ServiceRequest', 'Encounter', 'EpisodeOfCare', 'DocumentReference', 'CarePlan', 'Condition', 'Observation'),
  id: pick('r1', 'r2', 'r3'),
  status: pick('completed', 'active', 'finished', 'in-progress', 'current', 'final', 'draft', 'revoked'),
  code: localConcept,
  type: fc.array(localConcept, { maxLength: 1 }),
  category: fc.array(localConcept, { maxLength: 1 }),
  title: fc.constantFrom(...TEXTS),
  valueString: fc.constantFrom(...TEXTS),
  subject: fc.constant({ reference: 'Patient/p1' }),
  period: fc.record({ start: dateArb }, { requiredKeys: [] }),
  performedDateTime: dateArb,
  onsetDateTime: dateArb,
  effectiveDateTime: dateArb,
}, { requiredKeys: ['resourceType', 'status', 'code'] });

const resourceArb = fc.letrec<{ resource: unknown }>((tie) => ({
  resource: fc.oneof(
    { weight: 6, arbitrary: leafResource },
    { weight: 3, arbitrary: biomarkerObs },
    { weight: 2, arbitrary: realWorldResource },
    { weight: 1, arbitrary: leafResource.chain((r) => fc.array(tie('resource'), { maxLength: 2 }).map((contained) => ({ ...r, contained }))) },
    { weight: 1, arbitrary: fc.record({ resourceType: fc.constant('Bundle'), entry: maybe(fc.array(fc.record({ fullUrl: maybe(fc.constantFrom('urn:uuid:a', 'urn:uuid:b')), resource: tie('resource') }, { requiredKeys: [] }), { maxLength: 3 })) }) },
    { weight: 1, arbitrary: junk },
  ),
})).resource;

const inputArb = fc.array(resourceArb, { maxLength: 12 });

const run = (resources: unknown[]) => mapCase(resources, { patientId: 'p1', now: NOW, rectosigmoidInScope: true });

test('never throws on random or malformed resources', () => {
  fc.assert(fc.property(inputArb, (resources) => { run(resources); }), { numRuns: 600 });
});

test('never throws on anything at all', () => {
  fc.assert(fc.property(fc.array(fc.anything({ maxDepth: 4 })), (resources) => { run(resources); }), { numRuns: 300 });
});

// ---- "unknown unless a valid matching Observation" -------------------------------------------------------

const VALID = ['final', 'amended', 'corrected'];
const GENE_CODES = ['69548-6', '21702-6', '85509-8', '81420-2', '85299-6'];
/** CAP eCC KRAS, NRAS, BRAF (mutation and IHC) and KRAS codon questions. */
const CAP_GENE_QUESTIONS = ['29571', '32184', '29602', '32231', '29937', '29938', '29940', '29944'].flatMap((id) => [`${id}.100004300`, id]);
const MSI_CODES = ['81695-9', '62862-8', '81691-8', '81692-6', '81693-4', '81694-2'];
const HER2_CODES = ['48676-1', '49683-6', '18474-7', '72383-3', '85319-2', '31150-6', '85318-4', '96893-3', '74885-5', '69548-6'];
/** Codings of an Observation's code in the systems the mapper knows for biomarkers. */
const KNOWN_BIOMARKER_SYSTEMS = ['http://loinc.org', 'http://snomed.info/sct'];

/** Every object in the input tree with resourceType Observation (entries, contained, anywhere). */
function observationsIn(v: unknown, out: Record<string, unknown>[] = [], depth = 0): Record<string, unknown>[] {
  if (depth > 20 || v === null || typeof v !== 'object') return out;
  if (Array.isArray(v)) {
    for (const x of v) observationsIn(x, out, depth + 1);
    return out;
  }
  const o = v as Record<string, unknown>;
  if (o.resourceType === 'Observation') out.push(o);
  for (const x of Object.values(o)) observationsIn(x, out, depth + 1);
  return out;
}

function hasValidObservation(resources: unknown[], system: string, codes: string[]): boolean {
  return observationsIn(resources).some((o) => {
    if (typeof o.status !== 'string' || !VALID.includes(o.status)) return false;
    const coding = (o.code as { coding?: unknown } | undefined)?.coding;
    return Array.isArray(coding) && coding.some((c) => c && typeof c === 'object' && (c as { system?: unknown }).system === system && codes.includes((c as { code?: unknown }).code as string));
  });
}

/** A valid Observation read by a code system of the pathology templates (CAP eCC), by an NCIt value, or by its words (no LOINC/SNOMED coding). */
function hasValidObservationReadOtherwise(resources: unknown[]): boolean {
  return observationsIn(resources).some((o) => {
    if (typeof o.status !== 'string' || !VALID.includes(o.status)) return false;
    const codings = (o.code as { coding?: unknown } | undefined)?.coding;
    const list = Array.isArray(codings) ? codings.filter((c): c is Record<string, unknown> => !!c && typeof c === 'object') : [];
    return list.every((c) => !KNOWN_BIOMARKER_SYSTEMS.includes(c.system as string)) || list.some((c) => c.system === 'https://cap.org/eCC' || c.system === 'urn:rectal-cds:concept') || JSON.stringify(o.valueCodeableConcept ?? null).includes('Thesaurus');
  });
}

test('no biomarker status other than unknown without a valid Observation with a matching code', () => {
  fc.assert(
    fc.property(inputArb, (resources) => {
      const b = run(resources).biomarkers;
      const geneKnown = [b.kras, b.nras, b.braf].some((g) => g.status !== 'unknown');
      if (geneKnown) expect(hasValidObservation(resources, 'http://loinc.org', GENE_CODES) || hasValidObservation(resources, 'https://cap.org/eCC', CAP_GENE_QUESTIONS)).toBe(true);
      if (b.msi.status !== 'unknown') {
        const msiCondition = JSON.stringify(resources).includes('737058005');
        expect(hasValidObservation(resources, 'http://loinc.org', MSI_CODES) || hasValidObservationReadOtherwise(resources) || msiCondition).toBe(true);
      }
      if (b.her2.status !== 'unknown') expect(hasValidObservation(resources, 'http://loinc.org', HER2_CODES) || hasValidObservationReadOtherwise(resources)).toBe(true);
      for (const g of [b.kras, b.nras, b.braf]) {
        expect(g.status === 'unknown').toBe(g.used === undefined);
        expect(g.results.length === 0).toBe(g.status === 'unknown');
      }
    }),
    { numRuns: 600 },
  );
});

test('the generator does reach known biomarker statuses (the property is not vacuous)', () => {
  const statuses = fc.sample(inputArb, { numRuns: 3000, seed: 42 }).map((r) => run(r).biomarkers);
  expect(statuses.some((b) => b.kras.status !== 'unknown' || b.nras.status !== 'unknown' || b.braf.status !== 'unknown')).toBe(true);
  expect(statuses.some((b) => b.msi.status !== 'unknown')).toBe(true);
  expect(statuses.some((b) => b.her2.status !== 'unknown')).toBe(true);
});

test('the new readings are reached too (tumour board, goals of care, procedures read from text, DPYD or germline), so never-throws covers them', () => {
  const cases = fc.sample(inputArb, { numRuns: 3000, seed: 7 }).map(run);
  expect(cases.some((c) => c.mdtReviews.length > 0)).toBe(true);
  expect(cases.some((c) => Object.keys(c.goalsOfCare).length > 0)).toBe(true);
  expect(cases.some((c) => c.procedures.some((p) => p.source.matched?.startsWith('text:')))).toBe(true);
  expect(cases.some((c) => c.dpydTest !== undefined || c.germlineTesting !== undefined)).toBe(true);
});

test('goals of care: comfort care only from a resource whose words or codes say hospice / comfort / end of life', () => {
  fc.assert(
    fc.property(inputArb, (resources) => {
      const g = run(resources).goalsOfCare;
      if (g.comfortCare) expect(JSON.stringify(resources)).toMatch(/hospice|comfort|end of life|385763009|305336008|hosp|"50"/i);
      if (g.comfortCare) expect(g.comfortCare.value).toMatch(/\((EpisodeOfCare|Encounter|Procedure|ServiceRequest|CarePlan|Condition|Observation)\)$/);
    }),
    { numRuns: 400 },
  );
});
