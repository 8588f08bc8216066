import type { RadiotherapyDraft } from '../../domain/draft-order.js';
import { defineRule, whenAll } from '../rule.js';
import { draftBasis } from './shared/orders.js';
import { doseText, withoutPelvicIndication } from './shared/radiotherapy-drafts.js';

/** RC-34 (order-select): pelvic RT for an asymptomatic primary, no resection planned, no curative intent. */
export const rule = defineRule<{ draft: RadiotherapyDraft }>({
  meta: {
    id: 'RC-34',
    title: 'Pelvic radiotherapy without an indication',
    origin: 'seed',
    hooks: ['order-select'],
    evidence: { seeds: ['002'] },
    trigger: 'Pelvic radiotherapy course being ordered; stage IV; asymptomatic primary; no resection of the primary planned and no curative intent documented',
    recommendation: 'Reserve pelvic RT for symptoms or a planned resection',
    defaultIndicator: 'info',
    examples: ['V14', 'V16', 'V43'],
  },
  match: (f) =>
    whenAll(
      f,
      [['a pelvic radiotherapy course is being ordered', () => f.judgedRadiotherapy.some((d) => d.pelvic)]],
      () =>
        f.judgedRadiotherapy
          .filter((d) => d.pelvic && withoutPelvicIndication(f, d))
          .map((draft) => ({
            data: { draft },
            subject: [draftBasis(draft), { label: 'Treatment intent', value: 'no curative plan documented' }],
            draftIds: [draft.id],
          })),
      'the primary has symptoms, a resection is planned or the plan is curative',
    ),
  card: ({ data: { draft } }) => ({
    summary: 'Pelvic RT for an asymptomatic primary with no resection planned: reserve it for symptoms or a planned resection',
    detail: [
      `${draft.label}${doseText(draft)}: the primary causes no symptoms, no resection is planned and no curative plan is documented.`,
      '- Pelvic RT in stage IV disease is for bleeding, pain or obstruction from the primary, or before a planned resection.',
    ].join('\n'),
    suggestions: [{ label: 'Cancel the pelvic radiotherapy', actions: [{ type: 'delete-draft', draftId: draft.id, description: `Cancel the ${draft.label} order` }] }],
  }),
});
