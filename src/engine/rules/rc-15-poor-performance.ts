import type { PerformanceStatus } from '../../domain/case.js';
import { defineRule, mention, whenAll } from '../rule.js';

/**
 * RC-15: at ECOG >= 3 combination chemotherapy harms more than it helps. It suppresses the intensive-therapy
 * cards (see `resolution.ts`); a missing ECOG never fires it (unknown is not poor).
 */
export const rule = defineRule<{ performance: PerformanceStatus }>({
  meta: {
    id: 'RC-15',
    title: 'Poor performance status: no intensive therapy',
    origin: 'seed',
    hooks: ['patient-view'],
    evidence: { level: 'derived', seeds: ['002'] },
    trigger: 'ECOG >= 3 (Karnofsky <= 40) within the last 90 days; silent when performance status is not documented',
    recommendation:
      'Intensive combination therapy (doublets, triplets, with or without a biologic) is not appropriate; MDT review and supportive care',
    defaultIndicator: 'warning',
    examples: ['V24'],
  },
  match: (f) =>
    whenAll(f, [['ECOG 3 or worse documented', () => f.poorPerformance]], () => {
      mention(f.stage, f.systemicSinceMetastatic);
      return { data: { performance: f.performance as PerformanceStatus } };
    }),
  card: ({ data: { performance: p } }) => {
    const ecog = `ECOG ${p.ecog}${p.karnofsky !== undefined ? ` (Karnofsky ${p.karnofsky})` : ''}`;
    return {
      summary: `${ecog}: intensive combination chemotherapy is not appropriate; MDT review and supportive care`,
      detail: [
        `At ${ecog} the toxicity of combination chemotherapy (doublets, triplets, with or without a biologic) outweighs its benefit.`,
        '- Review at the tumour board; focus on symptom control and supportive care.',
        '- Re-assess performance status: if it improves, systemic options can be reconsidered.',
      ].join('\n'),
      overrideReasons: ['mdt-decision', 'patient-preference', 'already-addressed'],
    };
  },
});
