import { defineRule, mention, whenAll } from '../rule.js';

/** RC-05: an asymptomatic primary in unresectable stage IV disease is not resected prophylactically. */
export const rule = defineRule<{ documented: boolean }>({
  meta: {
    id: 'RC-05',
    title: 'Asymptomatic primary: systemic therapy first',
    origin: 'seed',
    hooks: ['patient-view'],
    evidence: { level: 'IV', seeds: ['002', '004'] },
    trigger:
      'Stage IV; primary in place (not resected) and asymptomatic; no systemic therapy since the metastatic diagnosis date; unresectable (documented or not documented; the text says which)',
    recommendation:
      'Systemic therapy first; do not resect the asymptomatic primary prophylactically (most never need intervention); re-stage after 2-3 cycles',
    defaultIndicator: 'info',
    examples: ['V01', 'V08', 'V32'],
  },
  match: (f) =>
    whenAll(
      f,
      [
        ['primary in place (not resected)', () => !f.primaryResected],
        ['primary asymptomatic', () => f.primarySymptoms.length === 0],
        ['no systemic therapy since the metastatic diagnosis', () => f.untreatedSinceMetastatic],
        ['unresectable (documented or not documented)', () => f.unresectableOrNotDocumented],
      ],
      () => {
        mention(f.stage, f.resectability);
        return { foldsInto: 'RC-02', data: { documented: f.resectabilityStatus === 'unresectable' } };
      },
    ),
  // Never "unresectable" when it is only not documented: the card says which.
  card: ({ data: { documented } }) => ({
    summary: documented
      ? 'Asymptomatic primary, unresectable metastases: systemic therapy first, no prophylactic resection'
      : 'Asymptomatic primary, resectability not documented: systemic therapy first, no prophylactic resection',
    detail: [
      'Start with systemic therapy; do **not** resect the asymptomatic primary prophylactically: most primaries never need an intervention.',
      '- Re-stage after 2-3 cycles.',
      '- Operate on the primary only for obstruction, perforation or bleeding that other measures cannot control.',
      ...(documented ? [] : ['- Resectability of the metastases is not documented: have the tumour board assess it, as resection changes the goal of treatment.']),
    ].join('\n'),
  }),
});
