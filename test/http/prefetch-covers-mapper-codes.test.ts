import { readFileSync } from 'node:fs';
import {
  CONCEPT, LOINC_BRAF_V600E_IHC, LOINC_CEA, LOINC_DISEASE_STATUS, LOINC_ECOG, LOINC_HER2_RATIO, LOINC_HER2_STATUS,
  LOINC_KARNOFSKY, LOINC_KRAS_NRAS_TEST, LOINC_KRAS_TESTS, LOINC_MSI, LOINC_VARIANT_PANEL,
} from '../../src/fhir-mapping/codes.js';
import { STAGE_GROUP_CODES, TNM_CODES } from '../../src/fhir-mapping/staging-codes.js';

/**
 * The Observation templates filter by code so an EHR sends only what matters; every Observation code the
 * mapper reads must be in each filter, or an EHR that honours the filter would hide data the rules need.
 */
const discovery = JSON.parse(readFileSync('cds-services.json', 'utf8')) as { services: { id: string; prefetch?: Record<string, string> }[] };
const LOINC = 'http://loinc.org';
const SCT = 'http://snomed.info/sct';

const mapperCodes = [
  ...[LOINC_VARIANT_PANEL, ...LOINC_KRAS_TESTS, LOINC_KRAS_NRAS_TEST, LOINC_BRAF_V600E_IHC, LOINC_MSI, LOINC_HER2_STATUS,
    LOINC_HER2_RATIO, ...LOINC_CEA, LOINC_ECOG, LOINC_KARNOFSKY, LOINC_DISEASE_STATUS, ...STAGE_GROUP_CODES.loinc,
    ...Object.values(TNM_CODES).flatMap((x) => x.loinc)].map((c) => `${LOINC}|${c}`),
  ...[...STAGE_GROUP_CODES.snomed, ...Object.values(TNM_CODES).flatMap((x) => x.snomed)].map((c) => `${SCT}|${c}`),
  `urn:rectal-cds:concept|${CONCEPT.resectability}`,
  `urn:rectal-cds:concept|${CONCEPT.mmrIhc}`,
];

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
