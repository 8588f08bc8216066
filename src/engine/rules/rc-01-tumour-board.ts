import { defineRule, mention, whenAll } from '../rule.js';

/** RC-01: every stage IV patient should be discussed by a multidisciplinary tumour board. */
export const rule = defineRule<null>({
  meta: {
    id: 'RC-01',
    title: 'Multidisciplinary tumour board review',
    origin: 'seed',
    hooks: ['patient-view'],
    evidence: { seeds: ['000', '002', '004'] },
    trigger: 'Stage IV; no MDT review documented since 30 days before the metastatic diagnosis date (an older review was about the earlier disease)',
    recommendation:
      'Refer to a multidisciplinary tumour board; classify metastases as resectable / potentially resectable / unresectable; offer a second opinion',
    defaultIndicator: 'info',
    examples: ['V01', 'V42', 'V54', 'V56'],
  },
  match: (f) =>
    whenAll(f, [['no MDT review since the metastatic diagnosis', () => f.mdtReviewSinceMetastatic === undefined]], () => {
      mention(f.stage, f.metastaticSites, f.resectability);
      return { data: null };
    }),
  card: () => ({
    summary: 'Stage IV rectal cancer without a documented tumour board review: refer to the MDT',
    detail: [
      'Present the case at a multidisciplinary tumour board (surgery, medical and radiation oncology, radiology).',
      '- Have the metastases classified as **resectable**, **potentially resectable** or **not resectable**: this sets the treatment goal.',
      '- Offer the patient a second opinion.',
    ].join('\n'),
  }),
});
