import type { TestOrder } from '../engine/types.js';

interface TestOrderCode {
  system: string;
  code: string;
  display: string;
  /** Gene the order is about, for generic variant-assessment codes. */
  gene?: { hgnc: string; symbol: string };
}

/**
 * Codes for the tests the engine can suggest. LOINC where the data conventions name a code for the result;
 * 69548-6 (genetic variant assessment) with the gene in `orderDetail` where no gene-specific order code is
 * verified. (u) marks codes not verified against the terminology.
 */
export const TEST_ORDER_CODES: Record<TestOrder, TestOrderCode> = {
  KRAS: { system: 'http://loinc.org', code: '21702-6', display: 'KRAS gene mutations found' },
  'RAS-extended': { system: 'http://loinc.org', code: '81420-2', display: 'KRAS and NRAS gene mutations found' },
  NRAS: { system: 'http://loinc.org', code: '69548-6', display: 'Genetic variant assessment: NRAS', gene: { hgnc: 'HGNC:7989', symbol: 'NRAS' } },
  BRAF: { system: 'http://loinc.org', code: '69548-6', display: 'Genetic variant assessment: BRAF V600E', gene: { hgnc: 'HGNC:1097', symbol: 'BRAF' } },
  MSI: { system: 'http://loinc.org', code: '81695-9', display: 'Microsatellite instability' },
  HER2: { system: 'http://loinc.org', code: '18474-7', display: 'HER2 Ag [Presence] in Tissue by Immune stain' },
  // A referral, not a lab code: genetic counselling and germline (Lynch syndrome) testing.
  germline: { system: 'http://snomed.info/sct', code: '3457005', display: 'Referral for genetic counselling and germline (Lynch syndrome) testing' },
  DPYD: { system: 'http://loinc.org', code: '45284-7', display: 'DPYD gene mutations found (DPYD genotyping before a fluoropyrimidine)' },
  CEA: { system: 'http://loinc.org', code: '2039-6', display: 'Carcinoembryonic Ag [Mass/volume] in Serum or Plasma' },
  // (u) SNOMED "Computerized axial tomography"
  'CT-restaging': { system: 'http://snomed.info/sct', code: '77477000', display: 'CT chest, abdomen and pelvis with contrast (restaging)' },
};

/** A draft ServiceRequest for a suggested test, ready for a CDS Hooks `create` action. */
export function testServiceRequest(test: TestOrder, patientId: string, reason: string): Record<string, unknown> {
  const c = TEST_ORDER_CODES[test];
  const category =
    test === 'CT-restaging'
      ? { coding: [{ system: 'http://snomed.info/sct', code: '363679005', display: 'Imaging' }] }
      : test === 'germline'
        ? { coding: [{ system: 'http://snomed.info/sct', code: '3457005', display: 'Patient referral' }] }
        : { coding: [{ system: 'http://snomed.info/sct', code: '108252007', display: 'Laboratory procedure' }] };
  return {
    resourceType: 'ServiceRequest',
    status: 'draft',
    intent: 'proposal',
    category: [category],
    code: { coding: [{ system: c.system, code: c.code, display: c.display }], text: c.display },
    ...(c.gene
      ? { orderDetail: [{ coding: [{ system: 'http://www.genenames.org', code: c.gene.hgnc, display: c.gene.symbol }], text: c.gene.symbol }] }
      : {}),
    subject: { reference: `Patient/${patientId}` },
    reasonCode: [{ text: reason }],
  };
}
