import type { PerformanceStatus } from '../../domain/case.js';
import { performanceCaveat } from '../facts/wording.js';
import { defineRule, whenAll } from '../rule.js';

/** RC-E6: HER2-amplified RAS wild-type disease progressing after chemotherapy: tucatinib + trastuzumab. */
export const rule = defineRule<{ performance?: PerformanceStatus }>({
  meta: {
    id: 'RC-E6',
    title: 'HER2 amplified: tucatinib + trastuzumab',
    origin: 'ext',
    hooks: ['patient-view'],
    evidence: { seeds: [], citation: 'MOUNTAINEER (Strickler, Lancet Oncol 2023)' },
    trigger:
      'HER2 amplified; RAS wild-type (KRAS and NRAS); progression on the current line after a line with fluoropyrimidine + oxaliplatin or irinotecan; no anti-HER2 therapy yet',
    recommendation: 'HER2-directed therapy (tucatinib + trastuzumab)',
    defaultIndicator: 'info',
    examples: ['V36'],
  },
  match: (f) =>
    whenAll(
      f,
      [
        ['HER2 amplified', () => f.her2Amplified],
        ['RAS wild-type', () => f.rasWildType],
        ['no anti-HER2 therapy yet', () => f.antiHer2Given === undefined],
        ['a line with fluoropyrimidine + oxaliplatin or irinotecan given', () => f.chemotherapyLines.length > 0],
        ['progression on the current line', () => f.progressionOnCurrentLine.length > 0],
      ],
      () => ({ data: f.performance ? { performance: f.performance } : {} }),
    ),
  card: ({ data }) => {
    const caveat = performanceCaveat(data.performance, 'HER2-directed therapy');
    return {
      summary: 'HER2-amplified, RAS wild-type, progression after chemotherapy: consider tucatinib + trastuzumab',
      detail: [
        'Offer HER2-directed therapy: **tucatinib + trastuzumab** (MOUNTAINEER: objective response in 38% after fluoropyrimidine, oxaliplatin and irinotecan).',
        ...(caveat ? ['', caveat] : []),
      ].join('\n'),
    };
  },
});
