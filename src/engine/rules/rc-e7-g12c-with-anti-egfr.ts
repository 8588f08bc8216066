import type { DraftOrder } from '../../domain/draft-order.js';
import { ANTI_EGFR, G12C_INHIBITORS } from '../../domain/drug-groups.js';
import { drugDrafts } from '../facts/treatment-facts.js';
import { defineRule, whenAll } from '../rule.js';
import { draftBasis, drugNames } from './shared/orders.js';

interface Data {
  egfr: DraftOrder;
  inhibitor: DraftOrder;
}

/** RC-E7: KRAS G12C after a prior line, a G12C inhibitor ordered with the anti-EGFR: the exception to RC-30. */
export const rule = defineRule<Data>({
  meta: {
    id: 'RC-E7',
    title: 'KRAS G12C inhibitor with anti-EGFR',
    origin: 'ext',
    hooks: ['order-select', 'order-sign'],
    evidence: { seeds: [], citation: 'CodeBreaK 300 (Fakih, NEJM 2023); KRYSTAL-1 (Yaeger, NEJM 2023)' },
    trigger: 'KRAS G12C after prior lines; sotorasib or adagrasib ordered with cetuximab or panitumumab',
    recommendation: 'The exception to RC-30: the anti-EGFR antibody belongs with the G12C inhibitor, not alone',
    defaultIndicator: 'info',
    examples: ['V35'],
  },
  match: (f) =>
    whenAll(
      f,
      [
        ['KRAS G12C', () => f.krasG12c],
        ['a prior line of therapy', () => f.linesGiven > 0],
        ['a G12C inhibitor is being ordered', () => drugDrafts(f.allDrafts, G12C_INHIBITORS).length > 0],
      ],
      () => {
        const inhibitors = drugDrafts(f.allDrafts, G12C_INHIBITORS);
        // Name the judged inhibitor when there is one: the card is about the orders being decided.
        const inhibitor = inhibitors.find((d) => d.selected) ?? (inhibitors[0] as DraftOrder);
        return drugDrafts(f.allDrafts, ANTI_EGFR)
          .filter((d) => d.selected || inhibitor.selected)
          .map((egfr) => ({
            data: { egfr, inhibitor },
            subject: [draftBasis(egfr), draftBasis(inhibitor, 'With')],
            draftIds: [egfr.id, inhibitor.id, ...inhibitors.filter((i) => i !== inhibitor).map((i) => i.id)],
          }));
      },
    ),
  card: ({ data: { egfr, inhibitor } }) => {
    const pair = `${drugNames(inhibitor, G12C_INHIBITORS)} + ${drugNames(egfr, ANTI_EGFR)}`;
    return {
      summary: `KRAS G12C after prior therapy: ${pair} is the exception to the RAS rule for anti-EGFR`,
      detail: [
        `KRAS G12C after at least one line: a G12C inhibitor with an anti-EGFR antibody (${pair}) improved outcomes (CodeBreaK 300, KRYSTAL-1).`,
        '- The anti-EGFR antibody belongs with the G12C inhibitor only: never alone in RAS-mutant disease.',
      ].join('\n'),
    };
  },
});
