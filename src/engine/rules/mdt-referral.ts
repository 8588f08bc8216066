import type { Rule } from '../types.js';
import { compact, metastasesBasis, resectabilityBasis, stageBasis } from '../facts.js';

/** RC-01: every stage IV patient should be discussed by a multidisciplinary tumour board. */
export const mdtReferral: Rule = {
  id: 'RC-01',
  title: 'Multidisciplinary tumour board review',
  origin: 'seed',
  hooks: ['patient-view'],
  evidence: { seeds: ['000', '002', '004'] },
  trigger: 'Stage IV; no documented MDT review',
  recommendation:
    'Refer to a multidisciplinary tumour board; classify metastases as resectable / potentially resectable / unresectable; offer a second opinion',
  defaultIndicator: 'info',
  applies(c) {
    if (c.mdtReview) return null;
    return {
      basedOn: compact([
        stageBasis(c),
        metastasesBasis(c),
        resectabilityBasis(c),
        { label: 'MDT review', value: 'none on record' },
      ]),
    };
  },
  card() {
    return {
      summary: 'Stage IV rectal cancer without a documented tumour board review: refer to the MDT',
      detail: [
        'Present the case at a multidisciplinary tumour board (surgery, medical and radiation oncology, radiology).',
        '- Classify the metastases as **resectable**, **potentially resectable** or **unresectable**: this sets the treatment goal.',
        '- Offer the patient a second opinion.',
      ].join('\n'),
    };
  },
};
