import {
  CONCEPT, LOINC_BRAF_V600E_IHC, LOINC_CEA, LOINC_DISEASE_STATUS, LOINC_ECOG, LOINC_HER2_RATIO, LOINC_HER2_STATUS,
  LOINC_KARNOFSKY, LOINC_KRAS_NRAS_TEST, LOINC_KRAS_TESTS, LOINC_MSI, LOINC_VARIANT_PANEL, SYSTEM,
} from './codes.js';
import { STAGE_GROUP_CODES, TNM_CODES } from './staging-codes.js';

/**
 * Every Observation code the mapper reads, as `system|code`: the discovery templates ask for exactly these
 * (`npm run generate` writes them into cds-services.json), so an EHR that honours the filter sends all the
 * rules need and no more.
 */
export const OBSERVATION_CODES_READ: readonly string[] = [
  ...[
    ...STAGE_GROUP_CODES.loinc,
    ...Object.values(TNM_CODES).flatMap((x) => x.loinc),
    LOINC_VARIANT_PANEL,
    ...LOINC_KRAS_TESTS,
    LOINC_KRAS_NRAS_TEST,
    LOINC_BRAF_V600E_IHC,
    LOINC_MSI,
    LOINC_HER2_STATUS,
    LOINC_HER2_RATIO,
    ...LOINC_CEA,
    LOINC_ECOG,
    LOINC_KARNOFSKY,
    LOINC_DISEASE_STATUS,
  ].map((code) => `${SYSTEM.loinc}|${code}`),
  ...[...STAGE_GROUP_CODES.snomed, ...Object.values(TNM_CODES).flatMap((x) => x.snomed)].map((code) => `${SYSTEM.snomed}|${code}`),
  `${SYSTEM.concept}|${CONCEPT.resectability}`,
  `${SYSTEM.concept}|${CONCEPT.mmrIhc}`,
  `${SYSTEM.concept}|${CONCEPT.krasExon2Only}`,
];
