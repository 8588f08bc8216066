import type { Rule } from '../../types.js';
import { isUnresectable, isUntreatedSinceMetastatic, resectabilityBasis, therapyBasis } from '../../facts.js';
import { draftBasis, draftsOf, judgedDrafts, orderRule, procedureDrafts, shortLabel } from './order-facts.js';

const LOCAL_THERAPY = new Set(['ablation', 'embolisation', 'radioembolisation']);

/** RC-38 (order-select): non-urgent liver-directed therapy before any systemic therapy for unresectable disease. */
export const localTherapyBeforeSystemic: Rule = orderRule({
  id: 'RC-38',
  title: 'Local therapy before systemic therapy',
  origin: 'seed',
  hooks: ['order-select'],
  evidence: { seeds: ['002'] },
  trigger: 'Non-urgent ablation, embolisation or radioembolisation being ordered; unresectable; no systemic therapy since the metastatic diagnosis',
  recommendation: 'Systemic therapy first; local options once it has started (RC-09)',
  defaultIndicator: 'warning',
  appliesEach(c, ctx) {
    if (!isUnresectable(c) || !isUntreatedSinceMetastatic(c)) return [];
    return procedureDrafts(judgedDrafts(ctx), LOCAL_THERAPY)
      .filter((d) => !d.emergency)
      .map((d) => ({ basedOn: [draftBasis(d), resectabilityBasis(c), therapyBasis(c)], draftIds: [d.id] }));
  },
  card(_c, firing, ctx) {
    const d = draftsOf(ctx, firing)[0];
    const label = d?.label ?? 'local therapy';
    return {
      summary: `${shortLabel(d, label)}: unresectable, no systemic therapy yet; start systemic therapy first`,
      detail: [
        `**Systemic therapy first**: ${label} treats the liver only, while unresectable metastatic disease needs systemic therapy, the only modality shown to prolong survival.`,
        '- Ablation or embolisation may follow once systemic therapy has started, by tumour board decision.',
      ].join('\n'),
      suggestions: d ? [{ label: `Cancel the ${label}`, isRecommended: true, actions: [{ type: 'delete-draft', draftId: d.id, description: `Cancel the ${label} order` }] }] : [],
      overrideReasons: ['mdt-decision', 'clinical-trial', 'patient-preference'],
    };
  },
});
