import type { ProcedureDraft } from '../../domain/draft-order.js';
import { procedureDrafts } from '../facts/treatment-facts.js';
import { defineRule, mention, whenAll } from '../rule.js';
import { draftBasis, shortLabel } from './shared/orders.js';

const LOCAL_THERAPY = new Set(['ablation', 'embolisation', 'radioembolisation']);

/** RC-38 (order-select): non-urgent liver-directed therapy before any systemic therapy for unresectable disease. */
export const rule = defineRule<{ draft: ProcedureDraft; documented: boolean }>({
  meta: {
    id: 'RC-38',
    title: 'Local therapy before systemic therapy',
    origin: 'seed',
    hooks: ['order-select'],
    evidence: { seeds: ['002'] },
    trigger:
      'Non-urgent ablation, embolisation or radioembolisation being ordered; documented unresectable, or resectability not documented and no MDT review since the metastatic diagnosis (an ablation decided at the tumour board for limited disease is curative-intent local therapy); no systemic therapy since the metastatic diagnosis',
    recommendation: 'Systemic therapy first; local options once it has started (RC-09)',
    defaultIndicator: 'warning',
    examples: ['V44'],
  },
  match: (f) =>
    whenAll(
      f,
      [
        ['non-urgent ablation or embolisation is being ordered', () => procedureDrafts(f.judgedDrafts, LOCAL_THERAPY).some((d) => !d.emergency)],
        [
          'documented unresectable, or not documented and no tumour board since the metastatic diagnosis',
          () => f.resectabilityStatus === 'unresectable' || (f.resectabilityStatus === 'not-documented' && f.mdtReviewSinceMetastatic === undefined),
        ],
        ['no systemic therapy since the metastatic diagnosis', () => f.untreatedSinceMetastatic],
      ],
      () => {
        mention(f.resectability);
        return procedureDrafts(f.judgedDrafts, LOCAL_THERAPY)
          .filter((d) => !d.emergency)
          .map((draft) => ({ data: { draft, documented: f.resectabilityStatus === 'unresectable' }, subject: [draftBasis(draft)], draftIds: [draft.id] }));
      },
    ),
  card: ({ data: { draft, documented } }) => {
    const label = draft.label;
    // Never "unresectable" when it is only not documented.
    const state = documented ? 'unresectable' : 'resectability not documented';
    return {
      summary: `${shortLabel(draft, label)}: ${state}, no systemic therapy yet; start systemic therapy first`,
      detail: [
        `**Systemic therapy first**: ${label} treats the liver only, while ${documented ? 'unresectable ' : ''}metastatic disease needs systemic therapy, the only modality shown to prolong survival.`,
        documented
          ? '- Ablation or embolisation may follow once systemic therapy has started, by tumour board decision.'
          : '- Resectability is not documented and no tumour board has reviewed the metastatic disease: present it first; local therapy of limited disease is a tumour board decision.',
      ].join('\n'),
      suggestions: [{ label: `Cancel the ${label}`, isRecommended: true, actions: [{ type: 'delete-draft', draftId: draft.id, description: `Cancel the ${label} order` }] }],
      overrideReasons: ['mdt-decision', 'clinical-trial', 'patient-preference'],
    };
  },
});
