import type { MissingTest } from '../facts/fact-types.js';
import { defineRule, whenAll } from '../rule.js';
import type { TestOrder } from '../types.js';

const testNames: Record<TestOrder, string> = {
  KRAS: 'KRAS mutation analysis',
  NRAS: 'NRAS mutation analysis',
  BRAF: 'BRAF V600E',
  'RAS-extended': 'extended RAS (KRAS + NRAS)',
  MSI: 'MSI / MMR',
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
    evidence: { seeds: ['004'], citation: 'ext: PRIME (Douillard, NEJM 2013) for extended RAS' },
    trigger: 'Stage IV; KRAS unknown. ext: also when KRAS is not mutant and NRAS or BRAF is unknown, or when MSI/MMR is unknown',
    recommendation:
      'Order the missing tests: RAS (mandatory before anti-EGFR); ext: extended RAS, BRAF V600E, MSI/MMR. Suggestion: one ServiceRequest per missing test',
    defaultIndicator: 'info',
    examples: ['V03', 'E03'],
  },
  match: (f) =>
    whenAll(f, [['a biomarker that decides treatment is not known', () => f.missingBiomarkerTests.length > 0]], () => ({
      data: { missing: f.missingBiomarkerTests },
    })),
  card: ({ data: { missing } }) => {
    const names = missing.map((m) => testNames[m.test]);
    return {
      summary: `Biomarkers missing for treatment choice: order ${names.join(', ')}`,
      detail: [
        'Order the missing tumour biomarker tests (tissue of the primary or a metastasis):',
        ...missing.map((m) => `- **${testNames[m.test]}**: ${m.why}.`),
        '',
        'Until RAS is known, do not start an anti-EGFR antibody.',
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
