import fc from 'fast-check';
import { mapCase } from '../../src/fhir-mapping/map-case.js';
import { NOW } from './helpers.js';
import { DAY_MS } from '../../src/domain/time.js';

/**
 * Property tests: random and malformed resources never make the mapper throw, and no biomarker status other
 * than 'unknown' appears unless a valid Observation with a matching biomarker code is on record.
 */

const SYSTEMS = [
  'http://loinc.org', 'http://snomed.info/sct', 'http://hl7.org/fhir/sid/icd-10-cm', 'http://hl7.org/fhir/sid/icd-10',
  'http://www.genenames.org', 'http://www.genenames.org/geneId', 'http://cancerstaging.org', 'urn:rectal-cds:concept',
  'http://www.nlm.nih.gov/research/umls/rxnorm', 'http://varnomen.hgvs.org', 'http://www.ama-assn.org/go/cpt',
  'http://terminology.hl7.org/CodeSystem/v2-0074', 'urn:oid:2.16.840.1.113883.6.238',
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
];
const STATUSES = ['final', 'amended', 'corrected', 'preliminary', 'registered', 'entered-in-error', 'active', 'completed',
  'stopped', 'on-hold', 'draft', 'cancelled', 'in-progress', 'not-done', 'finished', 'unknown'];
const TYPES = ['Patient', 'Condition', 'Observation', 'MedicationRequest', 'MedicationAdministration', 'MedicationStatement',
  'Medication', 'Procedure', 'ServiceRequest', 'DiagnosticReport', 'ImagingStudy', 'Encounter', 'CarePlan', 'BodyStructure'];

const junk = fc.oneof(fc.constant(null), fc.integer(), fc.string(), fc.boolean(), fc.constant([]), fc.constant({}), fc.jsonValue({ maxDepth: 2 }));
const maybe = <T>(a: fc.Arbitrary<T>) => fc.oneof({ weight: 4, arbitrary: a }, { weight: 1, arbitrary: junk });

const codingArb = fc.record(
  { system: maybe(fc.constantFrom(...SYSTEMS)), code: maybe(fc.constantFrom(...CODES)), display: fc.string() },
  { requiredKeys: [] },
);
const conceptArb = maybe(fc.record({ coding: maybe(fc.array(maybe(codingArb), { maxLength: 3 })), text: fc.constantFrom('oxaliplatin', 'KRAS G12D detected', 'not detected', 'Avastin', 'exon 2 only', 'x') }, { requiredKeys: [] }));
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
  valueString: maybe(fc.string()),
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
  code: fc.oneof(lncOrOther(['69548-6', '21702-6', '85509-8', '81420-2', '85299-6', '81695-9', '48676-1', '49683-6', '2039-6']),
    fc.constant({ coding: [{ system: 'urn:rectal-cds:concept', code: 'mmr-ihc' }] })),
  valueCodeableConcept: fc.oneof(lncOrOther(['LA9633-4', 'LA9634-2', 'LA6576-8', 'LA6577-6', 'LA26203-2', 'LA14122-8', 'LA11884-6']),
    fc.constant({ coding: [{ system: 'urn:rectal-cds:concept', code: 'mmr-deficient' }] }), conceptArb),
  valueString: maybe(pick('p.Gly12Asp', 'not detected', 'KRAS G12V detected', 'NRAS Q61K')),
  valueQuantity: quantityArb,
  component: fc.array(fc.record({
    code: lncOrOther(['48018-6', '48005-3']),
    valueCodeableConcept: fc.record({ coding: fc.array(fc.record({ system: pick('http://www.genenames.org', 'http://www.genenames.org/geneId', 'http://varnomen.hgvs.org'), code: pick('6407', 'HGNC:7989', '1097', 'p.Val600Glu', 'p.Gly12Asp') }), { maxLength: 2 }) }),
  }, { requiredKeys: [] }), { maxLength: 3 }),
  effectiveDateTime: dateArb,
}, { requiredKeys: ['resourceType', 'code', 'status'] });

const resourceArb = fc.letrec<{ resource: unknown }>((tie) => ({
  resource: fc.oneof(
    { weight: 6, arbitrary: leafResource },
    { weight: 3, arbitrary: biomarkerObs },
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
const MSI_CODES = ['81695-9'];
const HER2_CODES = ['48676-1', '49683-6'];

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

test('no biomarker status other than unknown without a valid Observation with a matching code', () => {
  fc.assert(
    fc.property(inputArb, (resources) => {
      const b = run(resources).biomarkers;
      const geneKnown = [b.kras, b.nras, b.braf].some((g) => g.status !== 'unknown');
      if (geneKnown) expect(hasValidObservation(resources, 'http://loinc.org', GENE_CODES)).toBe(true);
      if (b.msi.status !== 'unknown') {
        expect(hasValidObservation(resources, 'http://loinc.org', MSI_CODES) || hasValidObservation(resources, 'urn:rectal-cds:concept', ['mmr-ihc'])).toBe(true);
      }
      if (b.her2.status !== 'unknown') expect(hasValidObservation(resources, 'http://loinc.org', HER2_CODES)).toBe(true);
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
});
