import type { MissingTest } from '../facts/fact-types.js';
import { defineRule, whenAll } from '../rule.js';
import type { TestOrder } from '../types.js';

const testNames: Record<TestOrder, string> = {
  KRAS: 'KRAS mutation analysis',
  NRAS: 'NRAS mutation analysis',
  BRAF: 'BRAF V600E',
  'RAS-extended': 'extended RAS (KRAS + NRAS)',
  MSI: 'MSI / MMR',
  HER2: 'HER2 (IHC, ISH if 2+)',
  germline: 'germline (Lynch) testing / genetics referral',
  DPYD: 'DPYD genotyping',
  CEA: 'CEA',
  'CT-restaging': 'CT chest/abdomen/pelvis',
};

/** RC-04: test the biomarkers that decide treatment; unknown is never treated as wild-type. */
export const rule = defineRule<{ missing: MissingTest[] }>({
  meta: {
    id: 'RC-04',
    title: 'Biomarker testing',
    origin: 'seed',
    hooks: ['patient-view'],
    evidence: { seeds: ['004'], citation: 'ext: ESMO metastatic colorectal cancer guideline (Cervantes, Ann Oncol 2023); PRIME (Douillard, NEJM 2013) for extended RAS' },
    trigger:
      'Stage IV; KRAS unknown. ext: also when KRAS is not mutant and NRAS or BRAF is unknown, when MSI/MMR is unknown, when RAS and BRAF are wild-type and HER2 is unknown, or when MSI-H/dMMR is known and no germline (Lynch) testing or genetics referral is on record',
    recommendation:
      'Order the missing tests: RAS (mandatory before anti-EGFR); ext: extended RAS, BRAF V600E, MSI/MMR, HER2 (RAS/BRAF wild-type), germline testing / genetics referral for MSI-H/dMMR. Suggestion: one ServiceRequest per missing test; the text names only what is missing',
    defaultIndicator: 'info',
    examples: ['V03', 'E03', 'V19', 'V50'],
  },
  match: (f) =>
    whenAll(f, [['a biomarker that decides treatment is not known', () => f.missingBiomarkerTests.length > 0]], () => ({
      data: { missing: f.missingBiomarkerTests },
    })),
  card: ({ data: { missing } }) => {
    const names = missing.map((m) => testNames[m.test]);
    const rasMissing = missing.some((m) => m.test === 'KRAS' || m.test === 'NRAS' || m.test === 'RAS-extended');
    const tumour = missing.filter((m) => m.test !== 'germline');
    const germline = missing.find((m) => m.test === 'germline');
    return {
      summary: `${tumour.length > 0 ? 'Biomarkers missing for treatment choice' : 'MSI-H/dMMR'}: order ${names.join(', ')}`,
      detail: [
        ...(tumour.length > 0 ? ['Order the missing tumour biomarker tests (tissue of the primary or a metastasis):', ...tumour.map((m) => `- **${testNames[m.test]}**: ${m.why}.`)] : []),
        ...(germline ? [`- **${testNames.germline}**: ${germline.why}; Lynch syndrome concerns the patient's family too.`] : []),
        // Said only while RAS is missing: with RAS on file the sentence would be wrong.
        ...(rasMissing ? ['', 'Until RAS is known, do not start an anti-EGFR antibody.'] : []),
      ].join('\n'),
      suggestions: [
        {
          label: `Order ${names.join(', ')}`,
          isRecommended: true,
          actions: missing.map((m) => ({ type: 'order-test' as const, test: m.test, reason: m.why })),
        },
      ],
    };
  },
});
