import { defineRule, mention, whenAll } from '../rule.js';
import { shortCourseSuggestion } from './shared/radiotherapy-orders.js';

/** RC-18: metastases converted to resectable by systemic therapy: short-course RT, then chemotherapy continues. */
export const rule = defineRule<null>({
  meta: {
    id: 'RC-18',
    title: 'Short-course RT after conversion',
    origin: 'seed',
    hooks: ['patient-view'],
    evidence: { seeds: ['004'] },
    trigger:
      'On systemic therapy; latest resectability `resectable` after an earlier `unresectable` or `potentially-resectable`; response (as RC-11); primary in place; no prior pelvic RT (none planned either)',
    recommendation: 'Short-course RT 5x5 Gy then continue chemotherapy; rectal surgery may wait up to 5-6 months after it',
    defaultIndicator: 'info',
    examples: ['V22b'],
  },
  match: (f) =>
    whenAll(
      f,
      [
        ['on systemic therapy', () => f.onSystemicTherapy],
        ['primary in place, no pelvic RT done or planned', () => f.pelvisUntouched],
        ['latest resectability resectable after an earlier unresectable or potentially resectable', () => f.conversion !== undefined],
        // "response (as RC-11)": on the current line
        ['response on the current line', () => f.responseOnCurrentLine.length > 0],
      ],
      () => {
        mention(f.resectability);
        return { data: null };
      },
    ),
  card: () => ({
    summary: 'Metastases now resectable after response: short-course pelvic RT (5 x 5 Gy), then continue chemotherapy',
    // The course belongs to the resection now in view: curative intent, so order rules see it as such.
    suggestions: [shortCourseSuggestion('short-course RT after conversion to resectable metastases; chemotherapy continues', true)],
    detail: [
      'Give short-course radiotherapy to the primary (**25 Gy in 5 fractions**), then continue chemotherapy.',
      '- Rectal surgery can safely wait up to 5-6 months after the short course.',
      '- Plan the order of liver and rectal surgery at the tumour board.',
    ].join('\n'),
  }),
});
