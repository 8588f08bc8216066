import type { DrugDraft } from '../../domain/draft-order.js';
import type { PerformanceStatus } from '../../domain/case.js';
import { defineRule, whenAll } from '../rule.js';
import { cancelAction, draftBasis, isCombinationChemotherapy } from './shared/orders.js';

const judgedDrugs = (drafts: readonly { kind: string }[]) => drafts.filter((d): d is DrugDraft => d.kind === 'drug');

/** RC-37 (order-sign): combination chemotherapy for a patient with ECOG >= 3 (missing ECOG: silent). */
export const rule = defineRule<{ drafts: DrugDraft[]; performance: PerformanceStatus }>({
  meta: {
    id: 'RC-37',
    title: 'Combination chemotherapy at ECOG 3 or worse',
    origin: 'seed',
    hooks: ['order-sign'],
    evidence: { seeds: ['002'], citation: 'Derived from seed 002: no intensive combination therapy at ECOG >= 3 (RC-15)' },
    trigger: 'Combination chemotherapy (two or more of fluoropyrimidine, oxaliplatin, irinotecan) being signed; ECOG >= 3',
    recommendation: 'Intensive combination therapy is not appropriate: MDT review and supportive care',
    defaultIndicator: 'warning',
    examples: ['V24'],
  },
  match: (f) =>
    whenAll(
      f,
      [
        ['combination chemotherapy is being signed', () => isCombinationChemotherapy(judgedDrugs(f.judgedDrafts).flatMap((d) => d.drugs))],
        ['ECOG 3 or worse documented', () => f.poorPerformance],
      ],
      () => {
        // The combination is one problem: one card naming every drug order of it (biologic included).
        const drafts = judgedDrugs(f.judgedDrafts);
        return { data: { drafts, performance: f.performance as PerformanceStatus }, subject: drafts.map((d) => draftBasis(d)), draftIds: drafts.map((d) => d.id) };
      },
    ),
  card: ({ data: { drafts, performance } }) => {
    const ecog = performance.ecog;
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
          actions: drafts.map((d) => cancelAction(d)),
        },
      ],
      overrideReasons: ['mdt-decision', 'patient-preference', 'clinical-trial'],
    };
  },
});
