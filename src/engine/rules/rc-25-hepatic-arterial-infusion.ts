import { defineRule, whenAll } from '../rule.js';

/** RC-25: hepatic arterial infusion (pump, floxuridine) brings response, not consistent survival, and real toxicity. */
export const rule = defineRule<null>({
  meta: {
    id: 'RC-25',
    title: 'Hepatic arterial infusion',
    origin: 'seed',
    hooks: ['patient-view'],
    evidence: { level: '1iiA', seeds: ['003'] },
    trigger: 'Hepatic arterial infusion planned or done, or floxuridine given',
    recommendation: 'Higher response rates but no consistent survival gain; biliary sclerosis risk; specialist centres only',
    defaultIndicator: 'info',
    examples: ['V37'],
  },
  match: (f) =>
    whenAll(f, [['hepatic arterial infusion planned or done, or floxuridine given', () => [f.hepaticArterialInfusion, f.floxuridine].some((x) => x !== undefined)]], () => ({
      data: null,
    })),
  card: () => ({
    summary: 'Hepatic arterial infusion: better response, no consistent survival gain; biliary toxicity; expert centres',
    detail: [
      'Hepatic arterial floxuridine gives higher response rates than systemic chemotherapy, but no consistent survival benefit.',
      '- Monitor liver function: biliary sclerosis, occasionally fatal, is a known toxicity.',
      '- Use it only at centres experienced with hepatic arterial infusion, ideally within a trial.',
    ].join('\n'),
  }),
});
