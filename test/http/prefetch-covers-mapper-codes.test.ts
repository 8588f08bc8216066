import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { OBSERVATION_CODES_READ } from '../../src/fhir-mapping/observation-codes.js';

/**
 * The Observation templates filter by code so an EHR sends only what matters; every Observation code the
 * mapper reads must be in each filter, or an EHR that honours the filter would hide data the rules need.
 */
const discovery = JSON.parse(readFileSync('cds-services.json', 'utf8')) as { services: { id: string; prefetch?: Record<string, string> }[] };
const mapperCodes = OBSERVATION_CODES_READ;

const observationTemplates = discovery.services.flatMap((s) =>
  Object.entries(s.prefetch ?? {})
    .filter(([, t]) => t.startsWith('Observation?'))
    .map(([key, t]) => [`${s.id}.${key}`, t] as const),
);

test('there are Observation templates to check', () => {
  expect(observationTemplates.length).toBeGreaterThan(0);
});

test.each(observationTemplates)('%s asks for every Observation code the mapper reads', (_key, template) => {
  const codeParam = new URLSearchParams(template.split('?')[1]).get('code');
  if (codeParam === null) return; // an unfiltered template brings everything
  const asked = new Set(codeParam.split(','));
  expect(mapperCodes.filter((c) => !asked.has(c))).toEqual([]);
});

/**
 * The list itself checked against the mapper's source: every LOINC code written in `src/fhir-mapping` is an
 * Observation code the templates ask for, or one of the codes below that are not Observation codes. A code
 * added to the mapper and forgotten in the list fails here.
 */
const NOT_OBSERVATION_CODES: Record<string, string> = {
  '48018-6': 'component: gene studied',
  '48005-3': 'component: amino acid change (HGVS.p)',
  '81252-9': 'component: discrete genetic variant',
  '48019-4': 'component: DNA change type',
  '62378-5': 'component: chromosome copy number change (legacy)',
  '48002-0': 'component: genomic source class',
  '85232-7': 'DocumentReference / Composition type: tumor board consult note',
  '100822-6': 'ServiceRequest category: CPR orders',
};

test('every LOINC code the mapper names is asked for, or is known not to be an Observation code', () => {
  const dir = 'src/fhir-mapping';
  const named = new Set(
    readdirSync(dir)
      .filter((f) => f.endsWith('.ts'))
      .flatMap((f) => [...readFileSync(join(dir, f), 'utf8').matchAll(/'(\d{4,5}-\d)'/g)].map((m) => m[1] as string)),
  );
  expect(named.size).toBeGreaterThan(20);
  const asked = new Set(mapperCodes.filter((c) => c.startsWith('http://loinc.org|')).map((c) => c.split('|')[1]));
  expect([...named].filter((code) => !asked.has(code) && !(code in NOT_OBSERVATION_CODES))).toEqual([]);
});
