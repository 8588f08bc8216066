import { ANTI_EGFR } from '../../domain/drug-groups.js';
import { defineRule, whenAll } from '../rule.js';
import { MAINTENANCE_FROM_DAYS, MAINTENANCE_TO_DAYS } from '../thresholds.js';

interface Data {
  days: number;
  onAntiEgfr: boolean;
  rasWildTypeForAntiEgfr: boolean;
}

/** RC-E8: after 4-6 months of first-line induction with controlled disease, consider maintenance. */
export const rule = defineRule<Data>({
  meta: {
    id: 'RC-E8',
    title: 'Maintenance after first-line induction',
    origin: 'ext',
    hooks: ['patient-view'],
    evidence: { seeds: [], citation: 'CAIRO3 (Simkens, Lancet 2015)' },
    trigger: `Current first line running ${MAINTENANCE_FROM_DAYS}-${MAINTENANCE_TO_DAYS} days; disease status stable or improved; no curative plan and not documented resectable; the current regimen still holds oxaliplatin or irinotecan (a patient on fluoropyrimidine +/- bevacizumab is on maintenance already)`,
    recommendation: 'Consider maintenance: fluoropyrimidine +/- bevacizumab',
    defaultIndicator: 'info',
    examples: ['V41', 'V55'],
  },
  match: (f) =>
    whenAll(
      f,
      [[`first-line induction running ${MAINTENANCE_FROM_DAYS}-${MAINTENANCE_TO_DAYS} days, disease stable or improved, no curative plan`, () => f.maintenanceDue !== undefined]],
      () => {
        const due = f.maintenanceDue as NonNullable<typeof f.maintenanceDue>;
        const onAntiEgfr = due.line.drugs.some((d) => ANTI_EGFR.includes(d));
        return { data: { days: due.days, onAntiEgfr, rasWildTypeForAntiEgfr: onAntiEgfr && f.rasWildTypeForAntiEgfr } };
      },
    ),
  card: ({ data }) => {
    const months = Math.round((data.days / 30.4) * 2) / 2;
    // With an anti-EGFR line, bevacizumab is not the maintenance partner: it would be a second antibody. And
    // the antibody itself stays only on a confirmed RAS wild-type result.
    let maintenance = '- Maintenance: capecitabine (or 5-FU/leucovorin) with or without bevacizumab.';
    if (data.onAntiEgfr && data.rasWildTypeForAntiEgfr) {
      maintenance = '- Maintenance: capecitabine or 5-FU/leucovorin; keeping the anti-EGFR antibody is a tumour board decision. Do not add bevacizumab.';
    } else if (data.onAntiEgfr) {
      maintenance = '- Maintenance: capecitabine or 5-FU/leucovorin. Do not continue the anti-EGFR antibody without a RAS wild-type result, and do not add bevacizumab.';
    }
    return {
      summary: `First line for ${months} months, disease controlled: consider de-escalating to maintenance`,
      detail: [
        'After 4-6 months of induction with stable or responding disease, consider stopping oxaliplatin or irinotecan and continuing with maintenance.',
        maintenance,
        '- Re-introduce the induction regimen at progression.',
      ].join('\n'),
    };
  },
});
