import type { BasedOn } from '../types.js';
import { defineRule, mention, whenAll } from '../rule.js';
import { shortCourseSuggestion } from './shared/radiotherapy-orders.js';

interface Data {
  stage: BasedOn[];
  synchronous: boolean;
  curative: boolean;
}

/** RC-17: when the locally advanced primary is to be resected, irradiate before, not after, surgery. */
export const rule = defineRule<Data>({
  meta: {
    id: 'RC-17',
    title: 'Pre-operative pelvic radiotherapy',
    origin: 'seed',
    hooks: ['patient-view'],
    evidence: { seeds: ['002'] },
    trigger:
      'Resection of the primary planned (active non-emergency ServiceRequest) or curative intent documented with the primary in place; cT3-4 or N+; no prior pelvic RT (none planned either)',
    recommendation:
      'Pre-operative (not post-operative) RT: short course 25 Gy/5 fractions, or long course 45-50.4 Gy in 1.8-2 Gy fractions with fluoropyrimidine',
    defaultIndicator: 'info',
    examples: ['V43'],
  },
  match: (f) =>
    whenAll(
      f,
      [
        ['primary in place, no pelvic RT done or planned', () => f.pelvisUntouched],
        ['resection of the primary planned, or curative intent documented', () => f.plannedPrimaryResection !== undefined || f.curativeIntent !== undefined],
        ['cT3-4 or node-positive', () => f.locallyAdvanced.length > 0],
      ],
      () => {
        mention(f.plannedPrimaryResection, f.curativeIntent);
        return { data: { stage: f.locallyAdvanced, synchronous: f.synchronous === true, curative: f.curativeIntent !== undefined } };
      },
    ),
  card: ({ data }) => {
    const stage = data.stage.map((b) => b.value).join(' ');
    const lines = [
      'Give pelvic radiotherapy **before**, not after, the rectal resection: it is more effective and less toxic.',
      '- Short course: 25 Gy in 5 fractions over one week.',
      '- Long course: 45-50.4 Gy in 1.8-2 Gy fractions with a fluoropyrimidine.',
    ];
    if (data.synchronous) lines.push('- Synchronous metastases: prefer the short course; long-course chemoradiation up front delays systemic therapy.');
    return {
      summary: `Locally advanced primary (${stage}) to be resected: plan pre-operative pelvic RT (5 x 5 Gy or long-course CRT)`,
      detail: lines.join('\n'),
      // Only where one schedule is preferred (synchronous metastases) is there a single order to suggest.
      suggestions: data.synchronous
        ? [shortCourseSuggestion('pre-operative RT before resection of a locally advanced primary (synchronous metastases)', data.curative)]
        : [],
    };
  },
});
