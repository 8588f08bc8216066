import { defineRule, mention, whenAll } from '../rule.js';

/** RC-24: clinical trials and a second opinion are part of standard care in stage IV disease. */
export const rule = defineRule<null>({
  meta: {
    id: 'RC-24',
    title: 'Clinical trials and second opinion',
    origin: 'seed',
    hooks: ['patient-view'],
    evidence: { seeds: ['000', '001'] },
    trigger: 'Stage IV; ECOG 0-2 or unknown; no comfort-focused care',
    recommendation: 'Offer clinical trials; suggest a second opinion at a major cancer centre',
    defaultIndicator: 'info',
    examples: ['V01', 'V41', 'V42'],
  },
  match: (f) =>
    whenAll(
      f,
      [
        ['ECOG 0-2 or not documented', () => f.fitForCombination],
        ['no comfort-focused care', () => f.comfortCare === undefined],
      ],
      () => {
        mention(f.stage);
        return { data: null };
      },
    ),
  card: () => ({
    summary: 'Stage IV rectal cancer: consider clinical trial eligibility and a second opinion',
    detail: 'Check eligibility for clinical trials at every decision point, and suggest a second opinion at a major cancer centre.',
  }),
});
