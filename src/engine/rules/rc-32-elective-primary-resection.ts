import type { ProcedureDraft } from '../../domain/draft-order.js';
import { procedureDrafts } from '../facts/treatment-facts.js';
import { defineRule, mention, whenAll } from '../rule.js';
import { curativePlan, draftBasis, shortLabel } from './shared/orders.js';

const PRIMARY_RESECTION = new Set(['primary-resection']);

/** RC-32 (order-sign): elective resection of an asymptomatic primary in stage IV disease without a curative plan. */
export const rule = defineRule<{ draft: ProcedureDraft }>({
  meta: {
    id: 'RC-32',
    title: 'Elective resection of an asymptomatic primary',
    origin: 'seed',
    hooks: ['order-sign'],
    evidence: { seeds: ['002'] },
    trigger: 'Elective (non-emergency) resection of the rectal primary being signed; stage IV; asymptomatic primary; no curative plan',
    recommendation: 'Systemic therapy and tumour board first; operate on the primary for symptoms',
    defaultIndicator: 'warning',
    examples: ['V08', 'V09', 'V11', 'V43'],
  },
  match: (f) =>
    whenAll(
      f,
      [
        ['a resection of the primary is being signed', () => procedureDrafts(f.judgedDrafts, PRIMARY_RESECTION).length > 0],
        ['primary in place (not resected)', () => !f.primaryResected],
        ['primary asymptomatic', () => f.primarySymptoms.length === 0],
      ],
      () => {
        mention(f.stage);
        return procedureDrafts(f.judgedDrafts, PRIMARY_RESECTION)
          .filter((d) => !d.emergency && !curativePlan(f, d))
          .map((draft) => ({
            data: { draft },
            subject: [draftBasis(draft), { label: 'Treatment intent', value: 'no curative plan documented' }],
            draftIds: [draft.id],
          }));
      },
      'no elective resection outside a curative plan is being signed',
    ),
  card: ({ data: { draft } }) => {
    const label = draft.label;
    return {
      summary: `${shortLabel(draft, label)} (elective): asymptomatic primary in stage IV, no curative plan; systemic therapy first`,
      detail: [
        `**Reconsider the elective resection (${label})**: with stage IV disease and an asymptomatic primary, systemic therapy comes first; most primaries never need an operation.`,
        '- Present at the tumour board; operate on the primary for obstruction, bleeding or perforation, or within a curative plan.',
      ].join('\n'),
      suggestions: [{ label: `Cancel the ${label}`, isRecommended: true, actions: [{ type: 'delete-draft', draftId: draft.id, description: `Cancel the ${label} order` }] }],
      overrideReasons: ['mdt-decision', 'clinical-trial', 'patient-preference'],
    };
  },
});
