import type { DrugDraft } from '../../../domain/draft-order.js';
import type { Rule } from '../../types.js';
import { performanceBasis } from '../../facts.js';
import { draftBasis, draftsOf, isCombinationChemotherapy, judgedDrafts, orderRule } from './order-facts.js';

/** RC-37 (order-sign): combination chemotherapy for a patient with ECOG >= 3 (missing ECOG: silent). */
export const combinationAtPoorPerformance: Rule = orderRule({
  id: 'RC-37',
  title: 'Combination chemotherapy at ECOG 3 or worse',
  origin: 'seed',
  hooks: ['order-sign'],
  evidence: { seeds: ['002'], citation: 'Derived from seed 002: no intensive combination therapy at ECOG >= 3 (RC-15)' },
  trigger: 'Combination chemotherapy (two or more of fluoropyrimidine, oxaliplatin, irinotecan) being signed; ECOG >= 3',
  recommendation: 'Intensive combination therapy is not appropriate: MDT review and supportive care',
  defaultIndicator: 'warning',
  appliesEach(c, ctx) {
    if (!c.performance || c.performance.ecog < 3) return [];
    const drugs = judgedDrafts(ctx).filter((d): d is DrugDraft => d.kind === 'drug');
    if (!isCombinationChemotherapy(drugs.flatMap((d) => d.drugs))) return [];
    // The combination is one problem: one card naming every drug order of it (biologic included).
    return [{ basedOn: [...drugs.map((d) => draftBasis(d)), performanceBasis(c)], draftIds: drugs.map((d) => d.id) }];
  },
  card(c, firing, ctx) {
    const drafts = draftsOf(ctx, firing);
    const ecog = c.performance?.ecog ?? 3;
    const names = drafts.map((d) => d.label).join(', ');
    return {
      summary: `Combination chemotherapy at ECOG ${ecog}: intensive therapy is not appropriate; MDT review and supportive care`,
      detail: [
        `**Reconsider the combination** (${names}): at ECOG ${ecog} intensive combination chemotherapy, with or without a biologic, does more harm than good.`,
        '- Present at the tumour board; focus on supportive and palliative care.',
      ].join('\n'),
      suggestions: [
        {
          label: `Cancel the combination (${drafts.length} order${drafts.length === 1 ? '' : 's'})`,
          isRecommended: true,
          actions: drafts.map((d) => ({ type: 'delete-draft' as const, draftId: d.id, description: `Cancel the ${d.label} order` })),
        },
      ],
      overrideReasons: ['mdt-decision', 'patient-preference', 'clinical-trial'],
    };
  },
});
