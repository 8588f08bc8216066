import type { ProcedureDraft } from '../../domain/draft-order.js';
import { procedureDrafts } from '../facts/treatment-facts.js';
import { defineRule, mention, whenAll } from '../rule.js';
import { draftBasis, shortLabel } from './shared/orders.js';

const LOCAL_THERAPY = new Set(['ablation', 'embolisation', 'radioembolisation']);

/** RC-38 (order-select): non-urgent liver-directed therapy before any systemic therapy for unresectable disease. */
export const rule = defineRule<{ draft: ProcedureDraft }>({
  meta: {
    id: 'RC-38',
    title: 'Local therapy before systemic therapy',
    origin: 'seed',
    hooks: ['order-select'],
    evidence: { seeds: ['002'] },
    trigger: 'Non-urgent ablation, embolisation or radioembolisation being ordered; unresectable; no systemic therapy since the metastatic diagnosis',
    recommendation: 'Systemic therapy first; local options once it has started (RC-09)',
    defaultIndicator: 'warning',
    examples: ['V08', 'V44'],
  },
  match: (f) =>
    whenAll(
      f,
      [
        ['non-urgent ablation or embolisation is being ordered', () => procedureDrafts(f.judgedDrafts, LOCAL_THERAPY).some((d) => !d.emergency)],
        ['unresectable (documented or not documented)', () => f.unresectableOrNotDocumented],
        ['no systemic therapy since the metastatic diagnosis', () => f.untreatedSinceMetastatic],
      ],
      () => {
        mention(f.resectability);
        return procedureDrafts(f.judgedDrafts, LOCAL_THERAPY)
          .filter((d) => !d.emergency)
          .map((draft) => ({ data: { draft }, subject: [draftBasis(draft)], draftIds: [draft.id] }));
      },
    ),
  card: ({ data: { draft } }) => {
    const label = draft.label;
    return {
      summary: `${shortLabel(draft, label)}: unresectable, no systemic therapy yet; start systemic therapy first`,
      detail: [
        `**Systemic therapy first**: ${label} treats the liver only, while unresectable metastatic disease needs systemic therapy, the only modality shown to prolong survival.`,
        '- Ablation or embolisation may follow once systemic therapy has started, by tumour board decision.',
      ].join('\n'),
      suggestions: [{ label: `Cancel the ${label}`, isRecommended: true, actions: [{ type: 'delete-draft', draftId: draft.id, description: `Cancel the ${label} order` }] }],
      overrideReasons: ['mdt-decision', 'clinical-trial', 'patient-preference'],
    };
  },
});
