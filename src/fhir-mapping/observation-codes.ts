import {
  CONCEPT, LOINC_BRAF_V600E_IHC, LOINC_CEA, LOINC_DISEASE_STATUS, LOINC_ECOG, LOINC_HER2_RATIO, LOINC_HER2_STATUS,
  LOINC_KARNOFSKY, LOINC_KRAS_NRAS_TEST, LOINC_KRAS_TESTS, LOINC_MSI, LOINC_VARIANT_PANEL, SYSTEM,
} from './codes.js';
import { CAP_GENE_ITEMS, CAP_KRAS_CODON_QUESTIONS } from './cap-gene-results.js';
import { LOINC_PGX } from './genetics.js';
import { LOINC_DNR_IN_PLACE, LOINC_HOSPICE_MDS, LOINC_POLST_ORDERS, SNOMED_UNDER_HOSPICE } from './goals-of-care-codes.js';
import {
  CAP_ECC, CAP_HER2, CAP_MMR_INTERPRETATION, CAP_MMR_PROTEIN, CAP_MSI, LOINC_HER2_IHC, LOINC_HER2_ISH, LOINC_MMR_PROTEIN,
  LOINC_MSI_IHC, SNOMED_MMR_OBSERVABLE,
} from './pathology-codes.js';
import { STAGE_GROUP_CODES, TNM_CODES } from './staging-codes.js';

/**
 * Every Observation code the mapper reads, as `system|code`: the discovery templates ask for exactly these
 * (`npm run generate` writes them into cds-services.json), so an EHR that honours the filter sends all the
 * rules need and no more. CAP eCC items are asked for as the CAP bundles code them (`<item>.100004300`).
 * Observations under local codes (read by their words) reach the mapper only when the EHR sends them
 * unfiltered, e.g. in prefetch.
 */
const LOINC_DPYD = '45284-7';
/** Generic IHC observable of the MII MMR profile, whose value carries the NCIt deficiency / proficiency. */
const SNOMED_IHC_OBSERVABLE = '1234806008';

const suffixed = (codes: readonly string[]) => codes.filter((c) => c.includes('.'));

export const OBSERVATION_CODES_READ: readonly string[] = [
  ...[
    ...STAGE_GROUP_CODES.loinc,
    ...Object.values(TNM_CODES).flatMap((x) => x.loinc),
    LOINC_VARIANT_PANEL,
    ...LOINC_KRAS_TESTS,
    LOINC_KRAS_NRAS_TEST,
    LOINC_BRAF_V600E_IHC,
    LOINC_MSI,
    LOINC_MSI_IHC,
    ...Object.values(LOINC_MMR_PROTEIN),
    LOINC_HER2_STATUS,
    LOINC_HER2_RATIO,
    ...LOINC_HER2_IHC,
    ...LOINC_HER2_ISH,
    LOINC_DPYD,
    ...LOINC_PGX,
    ...LOINC_CEA,
    LOINC_ECOG,
    LOINC_KARNOFSKY,
    LOINC_DISEASE_STATUS,
    LOINC_HOSPICE_MDS,
    ...LOINC_DNR_IN_PLACE,
    LOINC_POLST_ORDERS,
  ].map((code) => `${SYSTEM.loinc}|${code}`),
  ...[
    ...STAGE_GROUP_CODES.snomed,
    ...Object.values(TNM_CODES).flatMap((x) => x.snomed),
    ...Object.values(SNOMED_MMR_OBSERVABLE),
    SNOMED_IHC_OBSERVABLE,
    SNOMED_UNDER_HOSPICE,
  ].map((code) => `${SYSTEM.snomed}|${code}`),
  ...suffixed([
    ...Object.values(CAP_MMR_PROTEIN).flatMap((p) => p.question),
    ...CAP_MMR_INTERPRETATION.question,
    ...CAP_MSI.question,
    ...CAP_HER2.ihc.question,
    ...CAP_HER2.ish.question,
    ...CAP_HER2.ratio,
    ...CAP_HER2.genomic.question,
    ...CAP_GENE_ITEMS.flatMap((item) => item.question),
    ...CAP_KRAS_CODON_QUESTIONS,
  ]).map((code) => `${CAP_ECC}|${code}`),
  `${SYSTEM.concept}|${CONCEPT.resectability}`,
  `${SYSTEM.concept}|${CONCEPT.mmrIhc}`,
  `${SYSTEM.concept}|${CONCEPT.krasExon2Only}`,
];
