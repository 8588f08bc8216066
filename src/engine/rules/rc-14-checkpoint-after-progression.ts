import type { PerformanceStatus } from '../../domain/case.js';
import type { LineFact } from '../facts/fact-types.js';
import { lineName, performanceCaveat } from '../facts/wording.js';
import { defineRule, whenAll } from '../rule.js';
import { msiConflictLines } from './shared/msi-advice.js';

interface Data {
  line: LineFact;
  /** Progression on the first line: the checkpoint inhibitor is the second line (the generic card's warning). */
  secondLineDue: boolean;
  conflict: boolean;
  performance?: PerformanceStatus;
}

/** RC-14: MSI-H/dMMR progressing on or after a line of therapy, no checkpoint inhibitor yet. */
export const rule = defineRule<Data>({
  meta: {
    id: 'RC-14',
    title: 'MSI-H/dMMR: checkpoint inhibitor after progression',
    origin: 'seed',
    hooks: ['patient-view'],
    evidence: { seeds: ['004'], citation: 'ext: CheckMate-142 (Overman, Lancet Oncol 2017); KEYNOTE-164 (Le, JCO 2020)' },
    trigger: 'MSI-H/dMMR; progression on or after a line of therapy (still running or ended); no checkpoint inhibitor yet',
    recommendation: 'Checkpoint inhibitor',
    defaultIndicator: 'info',
    examples: ['V19', 'V20'],
  },
  match: (f) =>
    whenAll(
      f,
      [
        ['MSI-H/dMMR', () => f.msiHigh],
        ['a line of therapy given', () => f.currentLine !== undefined],
        ['no checkpoint inhibitor yet', () => f.checkpointInhibitorGiven === undefined],
        ['progression on the current line', () => f.progressionOnCurrentLine.length > 0],
      ],
      () => ({
        data: {
          line: f.currentLine as LineFact,
          secondLineDue: f.linesGiven === 1 && f.fitForCombination,
          conflict: f.msi.conflict,
          ...(f.performance ? { performance: f.performance } : {}),
        },
      }),
    ),
  card: ({ data }, ctx) => {
    const lines = ['Offer a **checkpoint inhibitor**: MSI-H/dMMR tumours respond durably to PD-1 blockade.'];
    if (data.secondLineDue) lines.push('- Progression on first-line therapy: the checkpoint inhibitor is the second line now, in place of a chemotherapy backbone switch.');
    if (ctx.ruleSet === 'extended') lines.push('- Options: pembrolizumab; nivolumab with or without ipilimumab.');
    lines.push(...msiConflictLines(data.conflict));
    const caveat = performanceCaveat(data.performance, 'checkpoint inhibitor therapy');
    if (caveat) lines.push('', caveat);
    return {
      summary: `MSI-H/dMMR with progression on ${lineName(data.line)}: offer a checkpoint inhibitor`,
      detail: lines.join('\n'),
    };
  },
});
