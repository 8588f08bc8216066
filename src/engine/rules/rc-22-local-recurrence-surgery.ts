import { defineRule, whenAll } from '../rule.js';

/**
 * RC-22: a local recurrence after resection may be resectable again. It needs no stage IV: it is about
 * recurrent, not metastatic, disease.
 */
export const rule = defineRule<null>({
  meta: {
    id: 'RC-22',
    title: 'Local recurrence: surgical assessment',
    origin: 'seed',
    hooks: ['patient-view'],
    evidence: { seeds: ['001', '003'] },
    withoutStageIV: true,
    trigger: 'Local (pelvic) recurrence after resection of the primary; no current distant metastasis',
    recommendation: 'Surgical assessment: repeat LAR/coloanal, APR or pelvic exenteration',
    defaultIndicator: 'info',
    examples: ['V29', 'V30'],
  },
  match: (f) =>
    whenAll(f, [['local recurrence after resection of the primary, no current distant metastasis', () => f.localRecurrence !== undefined]], () => ({
      data: null,
    })),
  card: () => ({
    summary: 'Local pelvic recurrence after resection, no distant disease: refer for surgical assessment',
    detail: [
      'Resection of a local recurrence can give long-term disease-free survival.',
      '- Options: repeat low anterior resection with coloanal anastomosis, abdominoperineal resection, or posterior or total pelvic exenteration.',
      '- Assess at a tumour board with pelvic surgical expertise.',
    ].join('\n'),
  }),
});
